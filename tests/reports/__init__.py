"""Tests of plans, reports, roll-ups and the reports pages.

Shared helpers live here.
"""

import datetime
import zoneinfo

from django.urls import reverse

from accounts.models import Official
from reports import indicators, services
from reports.models import TeamReport
from teams import services as team_services
from teams.models import Role, Team
from tests import factories

DAY = datetime.date(2022, 10, 4)
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def active_team(commune, *, village=None, name=None, established_on=DAY, level=Team.Level.VILLAGE) -> Team:
    """An active team set up on ``established_on`` (a village team unless ``level`` says commune)."""
    if level == Team.Level.COMMUNE:
        return factories.CommuneTeamFactory(commune=commune, status=Team.Status.ACTIVE, established_on=established_on)
    if village is None:
        village = factories.VillageFactory(commune=commune, **({"name": name} if name else {}))
    return factories.TeamFactory(
        commune=commune, village=village, status=Team.Status.ACTIVE, established_on=established_on
    )


def leader_of(team, *, day=DAY):
    """A login for a new person seated as ``team``'s leader."""
    person = factories.PersonFactory(commune=team.commune)
    team_services.membership_add(team=team, person=person, role=Role.LEADER, start_date=day)
    return factories.OfficialFactory(commune=team.commune, role=Official.Role.TEAM_LEADER, person=person).user


def clerk_of(commune):
    return factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user


def district_officer_of(commune):
    return factories.OfficialFactory(role=Official.Role.DISTRICT_OFFICER, district=commune.district, commune=None).user


def values(**given) -> dict[str, int]:
    """Every indicator at 0 but those ``given``."""
    return {**dict.fromkeys(indicators.CODES, 0), **given}


def file(team, period, by, *, at: datetime.datetime | None = None, note: str = "", **given) -> TeamReport:
    """File a report through the service; ``at`` backdates it (local time)."""
    report = services.report_file(team=team, period=period, values=values(**given), note=note, by=by)
    if at is not None:
        TeamReport.objects.filter(pk=report.pk).update(filed_at=at.replace(tzinfo=HANOI))
        report.refresh_from_db()
    return report


def other_commune():
    return factories.CommuneFactory(code=18260, name="Tùng Lộc")
