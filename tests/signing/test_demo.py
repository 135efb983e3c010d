"""The demo signs (DEBUG only): demo CA, certificates marked DEMO, images; issued decisions then signed."""

import pytest
from django.core.management import call_command

from demo import signing as demo_signing
from documents import storage, verification
from documents.models import SealImage, SignatureImage
from tests.decisions.helpers import issued

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


def test_load_demo_prepares_demo_signing(settings, tmp_path, capsys):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    assert "Demo signing (DEMO - không có giá trị pháp lý)" in capsys.readouterr().out
    assert (tmp_path / "demo-signing" / "demo.env").exists()
