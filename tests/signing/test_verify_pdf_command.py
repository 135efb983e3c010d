"""manage.py verify_pdf FILE: the public check on the command line; the decision's page shows the same."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents import storage
from tests.decisions.helpers import issued

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(pkcs12_signing, village_team, village_people, clerk, chairman, tmp_path, settings):
    settings.LANGUAGE_CODE = "en"
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    path = tmp_path / "quyet-dinh.pdf"
    path.write_bytes(storage.read(decision.pdf_sha256))
    return decision, path


def test_the_issued_file_passes(signed, capsys):
    decision, path = signed
    call_command("verify_pdf", str(path))
    out = capsys.readouterr().out
    assert f"In the register: {decision.number_symbol} of xã Tùng Ảnh" in out
    assert out.count(": intact, trusted CA.") == 2
    assert "by Phan Tiến Dũng at " in out and "+07:00" in out


def test_a_changed_file_fails(signed, capsys):
    _decision, path = signed
    data = bytearray(path.read_bytes())
    data[data.index(b"stream") + 20] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="not exactly an issued document"):
        call_command("verify_pdf", str(path))
    out = capsys.readouterr().out
    assert "Not in the register" in out and "BROKEN" in out


def test_a_missing_file_is_said_so(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("verify_pdf", str(tmp_path / "absent.pdf"))


def test_the_decisions_page_shows_the_signatures(signed, client, chairman):
    decision, _path = signed
    client.force_login(chairman)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Stored file and signatures" in page
    assert page.count("intact</span>") == 2 and "This is exactly the issued file." in page
