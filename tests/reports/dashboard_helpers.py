"""A district to read the rollout dashboard from: communes with teams, members, reports and plans."""

import datetime
import random

from reports import indicators
from reports.models import ReportingPeriod
from teams import services as team_services
from teams.models import Role, Team
from tests import factories
from tests.reports import DAY, active_team, clerk_of, file
from tests.web import issued_decision

YEAR = 2022


def random_values(rng: random.Random) -> dict[str, int]:
    return {i.code: rng.randint(0, min(i.maximum, 400)) for i in indicators.INDICATORS}


def seat(team, *roles: str) -> None:
    for role in roles:
        person = factories.PersonFactory(commune=team.commune)
        team_services.membership_add(team=team, person=person, role=role, start_date=DAY)


def build_commune(commune, *, rng: random.Random, villages: int = 3, decision: int = 12) -> dict:
    """``villages`` villages, all but the last with an active team (the last one's team is being
    set up), the commune team set up by decision ``decision``, members, collaborators, one plan,
    and reports for October (every team) and November 2022 (on time, late, missing)."""
    clerk = clerk_of(commune)
    signer = factories.PersonFactory(commune=commune, full_name="Phan Tiến Dũng")
    commune_team = active_team(commune, level=Team.Level.COMMUNE)
    issued_decision(commune_team, signer, number=decision, on=DAY)
    seat(commune_team, Role.LEADER, Role.DEPUTY, Role.MEMBER)
    places = [factories.VillageFactory(commune=commune) for _ in range(villages)]
    teams = [active_team(commune, village=village) for village in places[:-1]]
    factories.TeamFactory(commune=commune, village=places[-1], status=Team.Status.FORMING)
    for team in teams:
        seat(team, Role.LEADER, Role.MEMBER)
        for _ in range(2):
            team_services.collaborator_add(team=team, person=factories.PersonFactory(commune=commune), joined_on=DAY)
    gone = team_services.collaborator_add(team=teams[0], person=factories.PersonFactory(commune=commune), joined_on=DAY)
    team_services.collaborator_end(collaborator=gone, left_on=DAY + datetime.timedelta(days=20))
    everyone = [commune_team, *teams]
    october = factories.ReportingPeriodFactory(commune=commune, year=YEAR, month=10)
    november = factories.ReportingPeriodFactory(commune=commune, year=YEAR, month=11)
    for team in everyone:
        file(team, october, clerk, at=datetime.datetime(YEAR, 11, 3, 9), **random_values(rng))
    file(commune_team, november, clerk, at=datetime.datetime(YEAR, 12, 2, 9), **random_values(rng))
    file(teams[0], november, clerk, at=datetime.datetime(YEAR, 12, 20, 9), **random_values(rng))
    # The supervisor accepted both months: the dashboards total the accepted months' figures.
    ReportingPeriod.objects.filter(pk__in=[october.pk, november.pk]).update(status=ReportingPeriod.Status.ACCEPTED)
    plan = factories.PlanFactory(commune=commune)
    factories.PhaseFactory(
        plan=plan,
        order=1,
        starts_on=datetime.date(YEAR, 10, 1),
        ends_on=datetime.date(YEAR, 11, 30),
        commune_team_required=True,
        villages_min=2,
    )
    factories.PhaseFactory(
        plan=plan, order=2, starts_on=datetime.date(YEAR, 12, 1), ends_on=datetime.date(YEAR, 12, 20), villages_min=5
    )
    return {
        "clerk": clerk,
        "commune_team": commune_team,
        "teams": teams,
        "villages": places,
        "periods": [october, november],
        "plan": plan,
    }


def neighbours(count: int, *, start: int = 0) -> list:
    """``count`` more communes of the same district as the ``commune`` fixture."""
    return [factories.CommuneFactory(code=19000 + start + i, name=f"Xã thử {start + i:02d}") for i in range(count)]


def latest(commune) -> ReportingPeriod:
    return ReportingPeriod.objects.filter(commune=commune, year=YEAR).order_by("-month").first()
