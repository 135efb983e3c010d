"""``manage.py export_decisions``: the stored PDFs, named by number, checked against their SHA-256."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from documents import storage
from tests import factories
from tests.decisions.helpers import issued

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_issued(commune, village_team, village_people, clerk, chairman):
    first = issued(
        team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=datetime.date(2022, 10, 4)
    )
    other_team = factories.TeamFactory(commune=commune)
    others = [factories.PersonFactory(commune=commune, village=other_team.village) for _ in range(3)]
    second = issued(
        team=other_team,
        people=others,
        clerk=clerk,
        chairman=chairman,
        on=datetime.date(2026, 1, 5),
        departure_reason="Thôn chưa có Bí thư Chi đoàn.",
    )
    return first, second


def export(out, *args):
    stdout = StringIO()
    call_command("export_decisions", "--out", str(out), *args, stdout=stdout)
    return stdout.getvalue().splitlines()


def test_it_writes_every_issued_pdf_under_its_number(tmp_path, two_issued):
    first, second = two_issued
    out = tmp_path / "archive" / "qd"
    lines = export(out)
    assert sorted(p.name for p in out.iterdir()) == ["2022-001-QD-UBND.pdf", "2026-001-QD-UBND.pdf"]
    assert (out / "2022-001-QD-UBND.pdf").read_bytes() == storage.read(first.pdf_sha256)
    assert (out / "2026-001-QD-UBND.pdf").read_bytes() == storage.read(second.pdf_sha256)
    assert len(lines) == 2
    path, size, sha256 = lines[0].split("\t")
    assert path == str(out / "2022-001-QD-UBND.pdf")
    first_pdf = storage.read(first.pdf_sha256)
    assert int(size) == len(first_pdf) and sha256 == first.pdf_sha256 == hashlib.sha256(first_pdf).hexdigest()


def test_it_filters_by_year_and_commune(tmp_path, two_issued, commune):
    assert len(export(tmp_path / "y", "--year", "2026")) == 1
    assert [p.name for p in (tmp_path / "y").iterdir()] == ["2026-001-QD-UBND.pdf"]
    assert len(export(tmp_path / "c", "--commune", str(commune.code))) == 2
    with pytest.raises(CommandError):
        export(tmp_path / "none", "--commune", "99999")


def test_a_second_commune_prefixes_every_name_with_its_code(tmp_path, two_issued):
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    village = factories.VillageFactory(commune=other)
    team = factories.TeamFactory(commune=other, village=village)
    clerk = factories.OfficialFactory(commune=other).user
    signer = factories.OfficialFactory(
        commune=other, role="chairman", person=factories.PersonFactory(commune=other, full_name="Trần Văn Bình")
    ).user
    people = [factories.PersonFactory(commune=other, village=village) for _ in range(3)]
    issued(team=team, people=people, clerk=clerk, chairman=signer, on=datetime.date(2022, 11, 1), departure_reason="x")
    export(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "18259-2022-001-QD-UBND.pdf",
        "18259-2026-001-QD-UBND.pdf",
        "18262-2022-001-QD-UBND.pdf",
    ]


def test_a_tampered_pdf_fails_the_export_and_writes_nothing(tmp_path, two_issued):
    first, _second = two_issued
    factories.tamper_stored_pdf(first)
    out = tmp_path / "out"
    with pytest.raises(CommandError) as exc:
        export(out)
    assert "01/QĐ-UBND" in str(exc.value) and "SHA-256" in str(exc.value)
    assert not out.exists() or not any(out.iterdir())
