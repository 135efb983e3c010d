"""The public check page: no login, a PDF or a number; bad files get a clear message, never a 500."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.crypt import StandardSecurityHandler
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer

from documents import check_views, storage
from tests.decisions.helpers import issued
from tests.signing import pki
from tests.signing.conftest import CHAIRMAN, SEAL, use_pkcs12

pytestmark = pytest.mark.django_db
URL = reverse("documents:check")


@pytest.fixture(autouse=True)
def english_and_fresh_counts(settings):
    settings.LANGUAGE_CODE = "en"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed(pkcs12_signing, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    return decision, storage.read(decision.pdf_sha256)


def post_file(client, data: bytes, name="quyet-dinh.pdf", content_type="application/pdf"):
    return client.post(URL, {"by": "file", "file": SimpleUploadedFile(name, data, content_type=content_type)})


def test_anyone_opens_the_page(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Check a document" in response.content.decode()


def test_the_issued_file_is_confirmed_with_its_signatures(client, signed):
    decision, pdf = signed
    page = post_file(client, pdf).content.decode()
    assert f"In the register: {decision.number_symbol} of xã Tùng Ảnh" in page
    assert "This is exactly the issued file." in page
    assert page.count("intact</span>") == 2 and "Phan Tiến Dũng" in page and "UBND xã Tùng Ảnh" in page


def test_a_file_changed_by_one_byte_is_not_the_issued_one(client, signed):
    _decision, pdf = signed
    changed = bytearray(pdf)
    changed[changed.index(b"stream") + 20] ^= 0x01
    response = post_file(client, bytes(changed))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not in the register" in page and "changed after signing" in page


def test_a_truncated_file_is_answered_not_crashed(client, signed):
    _decision, pdf = signed
    response = post_file(client, pdf[: len(pdf) // 2])
    assert response.status_code == 200
    assert "This PDF is damaged or truncated" in response.content.decode()


def test_a_file_that_is_not_a_pdf_is_refused(client):
    response = post_file(client, b"\x89PNG\r\n\x1a\n" + b"\0" * 50, name="anh.png", content_type="image/png")
    assert response.status_code == 200
    assert "Only PDF files are accepted." in response.content.decode()


def test_a_20_mb_file_is_refused(client):
    response = post_file(client, b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024))
    assert response.status_code == 200
    assert "The file is 20.0\xa0MB: at most 10.0\xa0MB is accepted." in response.content.decode()


def test_a_number_is_found_with_its_facts(client, signed, commune):
    decision, _pdf = signed
    data = {"by": "number", "commune": commune.pk, "number_symbol": decision.number_symbol, "year": decision.year}
    page = client.post(URL, data).content.decode()
    assert decision.subject in page and "Phan Tiến Dũng" in page
    assert page.count("intact</span>") == 2


def test_an_unknown_number_is_said_so(client, signed, commune):
    data = {"by": "number", "commune": commune.pk, "number_symbol": "99/QĐ-UBND", "year": signed[0].year}
    assert "This number is not in the commune's register" in client.post(URL, data).content.decode()


def test_checks_are_rate_limited(client, monkeypatch):
    monkeypatch.setattr(check_views, "LIMIT", 2)
    for _ in range(2):
        assert post_file(client, b"not a pdf").status_code == 200
    response = post_file(client, b"not a pdf")
    assert response.status_code == 429
    assert "Too many checks" in response.content.decode()


def test_an_encrypted_pdf_is_answered_on_the_page(client, signed):
    _decision, pdf = signed
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(pdf)))
    writer.security_handler = StandardSecurityHandler.build_from_pw("secret")
    writer._assign_security_handler(writer.security_handler)
    out = io.BytesIO()
    writer.write(out)
    response = post_file(client, out.getvalue())
    assert response.status_code == 200
    assert "This PDF is encrypted: a document the commune issues never is." in response.content.decode()


def test_a_pdf_signed_by_an_unknown_ca_is_said_so_on_the_page(
    trust, monkeypatch, tmp_path, client, village_team, village_people, clerk, chairman
):
    """Signed under a CA the server does not trust (made here, then dropped from the trusted ones)."""
    other = pki.make_ca("Another CA")
    signer, seal = pki.make_certificate(other, CHAIRMAN), pki.make_certificate(other, SEAL, organization=SEAL)
    use_pkcs12(trust, monkeypatch, tmp_path, ca=other, signer=signer, seal=seal)
    trust.DOCUMENT_SIGNING_TRUST_ROOTS = [pki.write(tmp_path, "other.pem", other.pem())]
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    trust.DOCUMENT_SIGNING_TRUST_ROOTS = [pki.write(tmp_path, "ca.pem", pki.make_ca().pem())]
    response = post_file(client, storage.read(decision.pdf_sha256))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("unknown CA or invalid certificate") == 2 and page.count("intact</span>") == 2
