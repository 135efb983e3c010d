"""Project-wide pages: the home page each role starts from."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Q
from django.shortcuts import render

from accounts import scoping
from accounts.models import Official
from decisions.models import Decision, DecisionEvent
from decisions.selectors import readable_decisions
from lib.collation import vietnamese
from lib.page_cache import per_reader
from reports.selectors import waiting_for
from teams.models import Commune, Team
from teams.selectors import readable_teams

# A province holds hundreds of communes and the country thousands: their officers start from
# the rollout dashboard, which pages them by province and district, not from a list here.
PROVINCE_WIDE = {Official.Role.PROVINCE_OFFICER, Official.Role.NATIONAL_OFFICER}
# Besides the chairman and vice-chairmen: who takes a step of the monthly reports' approval.
REVIEWS_REPORTS = {Official.Role.CLERK, Official.Role.DISTRICT_OFFICER, Official.Role.PROVINCE_OFFICER}


def _commune_glance(communes):
    """Per commune: villages, villages with a live team, and whether the commune team is live."""
    live = ~Q(teams__status=Team.Status.DISSOLVED) & Q(teams__isnull=False)
    return communes.select_related("district", "province").annotate(
        village_count=Count("villages", distinct=True),
        covered_villages=Count("teams__village", filter=live & Q(teams__level=Team.Level.VILLAGE), distinct=True),
        commune_team=Count("teams", filter=live & Q(teams__level=Team.Level.COMMUNE, teams__status="active")),
        active_teams=Count("teams", filter=Q(teams__status=Team.Status.ACTIVE), distinct=True),
    )


@per_reader
@login_required
def home(request):
    official = scoping.official_of(request.user)
    # Only what the user may open: a team leader's list holds their teams' issued decisions.
    decisions = readable_decisions(request.user).select_related("commune", "team__village", "team__commune")
    last_returned = DecisionEvent.objects.filter(decision=OuterRef("pk")).order_by("-at", "-id").values("action")[:1]
    context = {"official": official}
    follows_provinces = official is not None and official.role in PROVINCE_WIDE
    context["follows_provinces"] = follows_provinces
    if scoping.reads_whole_commune(request.user) and not follows_provinces:
        communes = scoping.visible_communes(request.user)
        context["communes"] = _commune_glance(communes).order_by(vietnamese("name"), "pk")
        context["commune_count"] = Commune.objects.filter(pk__in=communes).count()
    if official and official.role == Official.Role.CLERK:
        drafts = decisions.filter(status=Decision.Status.DRAFT).annotate(
            last_action=last_returned,
        )
        context["returned"] = [d for d in drafts if d.last_action == DecisionEvent.Action.RETURNED]
        context["drafts"] = [d for d in drafts if d.last_action != DecisionEvent.Action.RETURNED]
        context["waiting"] = decisions.filter(status=Decision.Status.SUBMITTED)
    if official and official.signs:
        context["to_issue"] = decisions.filter(status=Decision.Status.SUBMITTED)
    context["recent"] = decisions.filter(status=Decision.Status.ISSUED).order_by("-issued_at")[:5]
    if official and (official.signs or official.role in REVIEWS_REPORTS | {Official.Role.TEAM_LEADER}):
        context["reports_waiting"] = waiting_for(request.user)
    if official and official.role == Official.Role.TEAM_LEADER:
        context["led_teams"] = readable_teams(request.user).select_related("village", "commune")
    return render(request, "home.html", context)
