"""The demo signs (DEBUG only): demo CA, certificates marked DEMO, images, and Xã Đức Thọ's
01/QĐ-UBND of the current year issued signed, which the public page confirms."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from demo import signing as demo_signing
from documents import storage, verification
from documents.models import SealImage, SignatureImage
from documents.signing import SEAL_FIELD, SIGNER_FIELD
from teams import official_lists
from teams.models import Team
from tests.decisions.helpers import issued
from tests.signing.test_appearance import widgets

pytestmark = pytest.mark.django_db


def configure(settings, monkeypatch, env_file):
    for line in env_file.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            if name.endswith("PASSPHRASE"):
                monkeypatch.setenv(name, value)
            elif name == "DOCUMENT_SIGNING_TRUST_ROOTS":
                setattr(settings, name, [value])
            else:
                setattr(settings, name, value)
    settings.DOCUMENT_SIGNING_CRLS = []
    settings.DOCUMENT_SIGNING_TIMESTAMP_URL = ""


def test_a_decision_issued_with_the_demo_keys_is_signed_and_marked(
    settings, monkeypatch, tmp_path, commune, chairman, village_team, village_people, clerk
):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    lines = demo_signing.prepare(commune=commune)
    assert "DEMO - không có giá trị pháp lý" in lines[0]
    assert SignatureImage.objects.filter(official=chairman.official).exists() and SealImage.objects.exists()
    configure(settings, monkeypatch, tmp_path / "demo-signing" / "demo.env")
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    verdict = verification.verify_pdf(storage.read(decision.pdf_sha256))
    assert verdict.in_register and verdict.signatures_ok
    assert [check.marked for check in verdict.signatures] == ["DEMO - không có giá trị pháp lý"] * 2
    # Run again: the same keys, so what was signed stays verifiable.
    before = (tmp_path / "demo-signing" / "signer.p12").read_bytes()
    demo_signing.prepare(commune=commune)
    assert (tmp_path / "demo-signing" / "signer.p12").read_bytes() == before


def test_nothing_is_prepared_without_debug(settings, tmp_path, commune, chairman):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path
    assert demo_signing.prepare(commune=commune) == []
    assert not (tmp_path / "demo-signing").exists()


MARK = "DEMO - không có giá trị pháp lý"


@pytest.fixture
def demo_loaded(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_issues_a_signed_01_of_the_year_for_duc_tho_and_the_public_page_confirms_it(
    demo_loaded, tmp_path, client
):
    assert f"Demo signing ({MARK})" in demo_loaded
    assert (tmp_path / "demo-signing" / "demo.env").exists()
    year = timezone.localdate().year
    decision = Decision.objects.get(commune__place_list__key=official_lists.TWO_TIERS, status="issued")
    assert (decision.commune.title_name, decision.number_symbol, decision.year) == ("Xã Đức Thọ", "01/QĐ-UBND", year)
    assert f"Demo signing: 01/QĐ-UBND of {decision.issued_on:%d/%m/%Y}, Xã Đức Thọ" in demo_loaded
    assert decision.team.level == Team.Level.COMMUNE and decision.team.status == Team.Status.ACTIVE
    assert [m.person.full_name for m in decision.members.order_by("pk")] == [
        "Lê Doãn Lợi",
        "Võ Thị Thanh Cảnh",
        "Nguyễn Đắc Thắng",
    ]
    pdf = storage.read(decision.pdf_sha256)
    # Both images at their places: the signature's widget and the seal's, each with its appearance.
    found = widgets(pdf)
    assert set(found) == {SIGNER_FIELD, SEAL_FIELD} and all(appearance for _p, _box, appearance in found.values())
    # With DEBUG on the demo CA is trusted: the file is the register's, both signatures hold, marked DEMO.
    verdict = verification.verify_pdf(pdf)
    assert verdict.in_register and verdict.signatures_ok
    assert [(s.signer, s.marked) for s in verdict.signatures] == [
        ("Phan Tiến Dũng", MARK),
        ("UBND xã Đức Thọ", MARK),
    ]
    # The newcomer checks it on the public page, by its number.
    cache.clear()
    form = {"by": "number", "commune": decision.commune_id, "number_symbol": "01/QĐ-UBND", "year": year}
    page = client.post(reverse("documents:check"), form).content.decode()
    assert "The commune's register chain holds" in page and page.count(MARK) == 2
    assert page.count("trusted CA</span>") == 2
    # The historic decisions stay as recorded, signed on paper.
    for old in Decision.objects.filter(number__in=(170, 171, 172)):
        assert verification.verify_pdf(storage.read(old.pdf_sha256)).signatures == []
    # Without DEBUG (a real server) the demo CA is not trusted.
    with override_settings(DEBUG=False):
        assert not any(s.trusted for s in verification.verify_pdf(pdf).signatures)
    # A second run issues nothing more and keeps the keys.
    before = (tmp_path / "demo-signing" / "signer.p12").read_bytes()
    call_command("load_demo", stdout=StringIO())
    assert Decision.objects.filter(commune=decision.commune).count() == 1
    assert (tmp_path / "demo-signing" / "signer.p12").read_bytes() == before
