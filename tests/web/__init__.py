"""Tests of the server-rendered pages.

Shared helpers live here; ``url()`` reverses names at import time.
"""

from django.urls import reverse

from accounts.models import Official
from decisions.models import Decision
from tests import factories


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def district_officer_of(commune):
    return factories.OfficialFactory(role=Official.Role.DISTRICT_OFFICER, district=commune.district, commune=None).user


def other_commune():
    """Another commune of the same district, with a clerk, a village, a person and a team."""
    commune = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    village = factories.VillageFactory(commune=commune, name="Thôn Bắc Sơn")
    person = factories.PersonFactory(commune=commune, village=village, full_name="Trần Văn Khác")
    team = factories.TeamFactory(commune=commune, village=village)
    clerk = factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user
    return {"commune": commune, "village": village, "person": person, "team": team, "clerk": clerk}


def team_leader_of(team, person):
    return factories.OfficialFactory(commune=team.commune, role=Official.Role.TEAM_LEADER, person=person).user


def issued_decision(team, signer, *, number, on, kind="establish"):
    """An issued decision stored directly: the teams pages only read its number and date."""
    return Decision.objects.create(
        commune=team.commune,
        team=team,
        kind=kind,
        status=Decision.Status.ISSUED,
        subject=f"Về việc {kind}",
        proposer="Xét đề nghị của Công chức Văn hóa - Xã hội",
        article1="Điều 1.",
        article2="Điều 2.",
        article3="Điều 3.",
        recipients="Như Điều 3;",
        number=number,
        year=on.year,
        issued_on=on,
        signer=signer,
    )
