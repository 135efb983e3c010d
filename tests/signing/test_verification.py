"""What the check says of a file: in the register or not, each signature intact and by whom."""

import io

import pytest
from django.utils import translation
from pyhanko.pdf_utils.crypt import StandardSecurityHandler
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer

from documents import storage, verification
from tests.decisions.helpers import issued
from tests.signing import pki
from tests.signing.conftest import CHAIRMAN, SEAL, use_pkcs12

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(pkcs12_signing, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    return decision, storage.read(decision.pdf_sha256)


def test_the_issued_file_is_found_and_both_signatures_hold(signed):
    decision, pdf = signed
    verdict = verification.verify_pdf(pdf)
    assert verdict.in_register and verdict.document == decision and verdict.entry.number == decision.number
    assert [(s.signer, s.ok, s.covers_whole_file) for s in verdict.signatures] == [
        (CHAIRMAN, True, True),
        (SEAL, True, True),
    ]
    assert all(s.signed_at is not None for s in verdict.signatures)
    assert not verdict.problem and not verdict.cancelled


def test_a_one_byte_change_is_detected(signed):
    _decision, pdf = signed
    changed = bytearray(pdf)
    changed[changed.index(b"stream") + 20] ^= 0x01
    verdict = verification.verify_pdf(bytes(changed))
    assert not verdict.in_register
    assert not verdict.signatures_ok and not any(s.intact for s in verdict.signatures)


def test_a_truncated_file_is_damaged(signed):
    _decision, pdf = signed
    with translation.override("en"):
        verdict = verification.verify_pdf(pdf[: len(pdf) // 2])
    assert not verdict.in_register
    assert verdict.problem == "This PDF is damaged or truncated: it cannot be read."
    assert not verdict.signatures


def test_a_file_that_is_not_a_pdf_is_refused(db):
    with translation.override("en"):
        assert verification.verify_pdf(b"GIF89a....").problem == "This file is not a PDF."


def test_an_encrypted_pdf_is_refused(signed):
    _decision, pdf = signed
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(pdf)))
    writer.security_handler = StandardSecurityHandler.build_from_pw("secret")
    writer._assign_security_handler(writer.security_handler)
    out = io.BytesIO()
    writer.write(out)
    with translation.override("en"):
        verdict = verification.verify_pdf(out.getvalue())
    assert verdict.problem == "This PDF is encrypted: a document the commune issues never is."


def test_a_file_signed_by_an_unknown_ca_is_not_trusted(
    trust, monkeypatch, tmp_path, village_team, village_people, clerk, chairman
):
    other = pki.make_ca("Another CA")
    use_pkcs12(
        trust,
        monkeypatch,
        tmp_path,
        ca=other,
        signer=pki.make_certificate(other, CHAIRMAN),
        seal=pki.make_certificate(other, SEAL, organization=SEAL),
    )
    trust.DOCUMENT_SIGNING_TRUST_ROOTS = [pki.write(tmp_path, "other.pem", other.pem())]
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    pdf = storage.read(decision.pdf_sha256)
    trust.DOCUMENT_SIGNING_TRUST_ROOTS = [pki.write(tmp_path, "ca.pem", pki.make_ca().pem())]
    verdict = verification.verify_pdf(pdf)
    assert verdict.in_register  # the file is the issued one...
    assert [(s.intact, s.trusted) for s in verdict.signatures] == [(True, False), (True, False)]  # ...by an unknown CA


def test_lookup_by_number(signed, commune):
    decision, _pdf = signed
    entry, document = verification.lookup(commune=commune, number=decision.number, year=decision.year, doc_type="QĐ")
    assert document == decision and entry.number == decision.number
    assert verification.lookup(commune=commune, number=99, year=decision.year, doc_type="QĐ") == (None, None)
