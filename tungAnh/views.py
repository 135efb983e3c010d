"""Project-wide pages: the home page each role starts from."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import render

from decisions.models import Decision, DecisionEvent
from teams.models import Commune, Official, Team, Village
from tungAnh import scoping


def _commune_glance(communes):
    """Per commune: villages, villages with a live team, and whether the commune team is live."""
    live = ~Q(teams__status=Team.Status.DISSOLVED) & Q(teams__isnull=False)
    return communes.select_related("district", "province").annotate(
        village_count=Count("villages", distinct=True),
        covered_villages=Count("teams__village", filter=live & Q(teams__level=Team.Level.VILLAGE), distinct=True),
        commune_team=Count("teams", filter=live & Q(teams__level=Team.Level.COMMUNE, teams__status="active")),
        active_teams=Count("teams", filter=Q(teams__status=Team.Status.ACTIVE), distinct=True),
    )


@login_required
def home(request):
    official = scoping.official_of(request.user)
    decisions = scoping.scope(request.user, Decision.objects.select_related("team__village", "team__commune"))
    last_returned = DecisionEvent.objects.filter(decision=OuterRef("pk")).order_by("-at", "-id").values("action")[:1]
    context = {
        "official": official,
        "communes": _commune_glance(scoping.visible_communes(request.user)).order_by("name"),
    }
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
    if official and official.role == Official.Role.TEAM_LEADER:
        context["led_teams"] = (
            scoping.scope(request.user, Team.objects.select_related("village", "commune"))
            .filter(scoping.led_team_filter(request.user))
            .distinct()
        )
    context["uncovered_villages"] = (
        scoping.scope(request.user, Village.objects.all())
        .filter(~Exists(Team.objects.filter(village=OuterRef("pk")).exclude(status=Team.Status.DISSOLVED)))
        .count()
        if official and official.commune_id
        else None
    )
    context["commune_count"] = Commune.objects.filter(pk__in=scoping.visible_communes(request.user)).count()
    return render(request, "home.html", context)
