"""Reads for the joining pages: which requests a user may see, in a fixed number of queries.

A request is read by whoever reads its team (``teams.selectors.readable_teams``, which
starts from ``accounts.scoping``): the commune's officials, the district officer of its
district, and the leader of that team.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from accounts import scoping
from decisions.models import Decision
from lib.collation import vietnamese
from teams.models import Collaborator, Commune, Membership, Person, Team
from teams.selectors import readable_teams

from .models import JoinApplication, LeaveRequest, Stage

# A page never needs the decision's stored PDF or snapshot: leave the blobs in the database.
DECISION_BLOBS = ("decision__snapshot",)

CLOSED_LAST = Case(
    When(status__in=[Stage.REJECTED, Stage.COLLABORATOR], then=Value(1)),
    When(decision__status=Decision.Status.ISSUED, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


def readable_applications(user) -> QuerySet[JoinApplication]:
    return scoping.scope(user, JoinApplication.objects.filter(team__in=readable_teams(user)))


def readable_leave_requests(user) -> QuerySet[LeaveRequest]:
    return scoping.scope(user, LeaveRequest.objects.filter(team__in=readable_teams(user)))


def application_list(user) -> QuerySet[JoinApplication]:
    """Open applications first, then the newest."""
    return (
        readable_applications(user)
        .select_related("commune", "team__commune", "team__village", "village", "decision")
        .defer(*DECISION_BLOBS)
        .order_by(CLOSED_LAST, "-created_at", "-pk")
    )


def leave_request_list(user) -> QuerySet[LeaveRequest]:
    """Open requests first, then the newest."""
    return (
        readable_leave_requests(user)
        .select_related("commune", "team__commune", "team__village", "membership__person", "decision", "replacement")
        .defer(*DECISION_BLOBS)
        .order_by(CLOSED_LAST, "-created_at", "-pk")
    )


def application_in_scope(user, pk: int) -> JoinApplication:
    applications = readable_applications(user).select_related(
        "commune",
        "team__commune",
        "team__village",
        "village",
        "decision__commune",
        "person",
        "collaborator",
        "recorded_by",
        "recommendation_recorded_by",
        "decided_by",
    )
    return scoping.get_in_scope(user, applications.defer(*DECISION_BLOBS), pk=pk)


def leave_request_in_scope(user, pk: int) -> LeaveRequest:
    requests = readable_leave_requests(user).select_related(
        "commune",
        "team__commune",
        "team__village",
        "membership__person",
        "membership__ended_by__commune",
        "decision__commune",
        "replacement",
        "recorded_by",
        "proposal_recorded_by",
        "decided_by",
    )
    blobs = (*DECISION_BLOBS, "membership__ended_by__snapshot")
    return scoping.get_in_scope(user, requests.defer(*blobs), pk=pk)


def replacement_candidates(team: Team) -> QuerySet[Person]:
    """Who may take a seat that is being freed: people of the commune not seated in the
    team, its active collaborators first (annotated ``is_collaborator``)."""
    seated = team.memberships.filter(end_date__isnull=True).values("person")
    helping = Collaborator.objects.filter(team=team, person=OuterRef("pk"), left_on__isnull=True)
    return (
        Person.objects.filter(commune=team.commune_id)
        .exclude(pk__in=seated)
        .annotate(is_collaborator=Exists(helping))
        .select_related("village")
        .order_by("-is_collaborator", vietnamese("full_name"), "pk")
    )


def leavable_memberships(commune: Commune) -> QuerySet[Membership]:
    """Active seats of the commune's active village teams: what a request to leave can name."""
    return (
        Membership.objects.filter(
            Q(team__commune=commune, team__level=Team.Level.VILLAGE, team__status=Team.Status.ACTIVE),
            end_date__isnull=True,
        )
        .select_related("person", "team__village", "team__commune")
        .order_by(vietnamese("team__village__name"), "seat")
    )
