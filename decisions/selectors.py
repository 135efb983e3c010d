"""Reads for the decisions pages: which decisions a user may see, fetched in a fixed number of queries.

Everything starts from ``accounts.scoping``. A team leader reads only the issued decisions
of the teams they lead (``teams.selectors.readable_teams``): a draft is the commune's
working paper and may propose to replace them. The outgoing register is read by those who
see a whole commune (clerk, chairman, vice-chairman, district officer).
"""

from django.db.models import F, Max, Q, QuerySet

from accounts import scoping
from lib.collation import vietnamese
from teams.models import Commune, Person
from teams.selectors import is_team_leader, readable_teams

from . import register
from .models import Decision, DecisionEvent, LegalBasis

LIST_RELATED = ("commune", "team__commune", "team__village")
# A list never needs the snapshot: leave it in the database.
HEAVY = ("snapshot",)


def readable_decisions(user) -> QuerySet[Decision]:
    decisions = scoping.scope(user, Decision.objects.all())
    if is_team_leader(user):
        decisions = decisions.filter(team__in=readable_teams(user), status=Decision.Status.ISSUED)
    return decisions


def decision_in_scope(user, pk: int) -> Decision:
    """The decision with what its pages print, or 404 when it is missing or outside the user's reach."""
    decisions = readable_decisions(user).select_related(*LIST_RELATED, "signer", "created_by")
    return scoping.get_in_scope(user, decisions, pk=pk)


def decision_list(user, *, status: str = "", kind: str = "", year: int | None = None) -> QuerySet[Decision]:
    """Newest first: drafts and submitted decisions (no number yet) above the issued ones.

    ``year`` is the year of issuance, or for a decision not yet issued the year it was drafted.
    """
    decisions = readable_decisions(user).select_related(*LIST_RELATED).defer(*HEAVY)
    if status:
        decisions = decisions.filter(status=status)
    if kind:
        decisions = decisions.filter(kind=kind)
    if year:
        decisions = decisions.filter(Q(year=year) | Q(year__isnull=True, created_at__year=year))
    return decisions.order_by(
        F("year").desc(nulls_first=True), F("number").desc(nulls_first=True), "-created_at", "-pk"
    )


def decision_years(user) -> list[int]:
    """The years the user's decisions were issued or drafted in, newest first."""
    decisions = readable_decisions(user).order_by()  # each year once, sorted here
    issued = decisions.filter(year__isnull=False).values_list("year", flat=True).distinct()
    drafted = decisions.filter(year__isnull=True).values_list("created_at__year", flat=True).distinct()
    return sorted({*issued, *drafted}, reverse=True)


def inbox(user) -> QuerySet[Decision]:
    """The submitted decisions waiting for this chairman or vice-chairman, oldest submission first."""
    commune_id = getattr(scoping.official_of(user), "commune_id", None)
    return (
        Decision.objects.filter(commune_id=commune_id, status=Decision.Status.SUBMITTED)
        .select_related(*LIST_RELATED, "created_by")
        .defer(*HEAVY)
        .annotate(submitted_at=Max("events__at", filter=Q(events__action=DecisionEvent.Action.SUBMITTED)))
        .order_by("submitted_at", "pk")
    )


def decision_events(decision: Decision) -> list[DecisionEvent]:
    # The model's ordering starts with the decision's own, which would join it for nothing.
    return list(decision.events.select_related("by").order_by("at", "id"))


def last_return(events: list[DecisionEvent]) -> DecisionEvent | None:
    """The event that sent a draft back, when it is the latest thing that happened to it."""
    if events and events[-1].action == DecisionEvent.Action.RETURNED:
        return events[-1]
    return None


def commune_people(commune: Commune) -> QuerySet[Person]:
    """Whom Điều 1 may name: the people the commune keeps."""
    return Person.objects.filter(commune=commune).select_related("village").order_by(vietnamese("full_name"), "pk")


def legal_basis_library(commune: Commune) -> QuerySet[LegalBasis]:
    """What a decision of ``commune`` may cite: national documents and the commune's own, in rank order."""
    return LegalBasis.objects.filter(Q(commune__isnull=True) | Q(commune=commune)).order_by("rank", "id")


# The outgoing register -------------------------------------------------------------------


def reads_register(user) -> bool:
    return scoping.reads_whole_commune(user)


def register_communes(user) -> QuerySet[Commune]:
    return scoping.visible_communes(user).order_by(vietnamese("name"), "pk")


def register_years(commune: Commune) -> list[int]:
    years = register.register_entries(commune=commune).order_by().values_list("year", flat=True).distinct()
    return sorted(years, reverse=True)
