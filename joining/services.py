"""Joining and leaving a village team (plan 246/KH-UBND, 3.1.d): one action per step.

Each step is one transaction: it checks who acts (``accounts.scoping``: the clerk records
and drafts, the chairman or a vice-chairman approves or rejects), that the request stands
at the step before, and records who did it and when. No step here seats or unseats
anyone: an approved request ends in an amending decision the clerk drafts through
``decisions.workflow``, and the team changes when the chairman issues it. The one
exception is the collaborator group, which no decision governs: an approved applicant
of a full team joins it at once.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from decisions import workflow
from decisions.models import Decision
from teams import services as team_services
from teams.models import Commune, Membership, Person, Role, Team, Village
from teams.plans import composition_in_force
from teams.services import ProposedMember

from .models import JoinApplication, LeaveRequest, Stage, TeamRequest


def _consent_required() -> ValidationError:
    return ValidationError(
        {"phone_consent": _("The applicant's consent to store their phone number is required: nothing was stored.")}
    )


def _require_stage(request: TeamRequest, stage: Stage) -> None:
    if request.stage != stage:
        raise ValidationError(
            _("This request is %(stage)s: that step is not open to it.") % {"stage": request.get_stage_display()}
        )


def _locked_team(pk: int) -> Team:
    team = Team.objects.select_for_update(of=("self",)).select_related("commune", "village").get(pk=pk)
    if team.status != Team.Status.ACTIVE or team.level != Team.Level.VILLAGE:
        raise ValidationError(_("Only an active village team takes in or lets go of members by decision."))
    return team


def _amending_draft(*, team: Team, by) -> Decision:
    """A draft amending ``team``, starting from its current members. The team's recorded
    reason for departing from the recommended composition carries over: an amendment
    usually keeps the leader and the deputy the team had."""
    return workflow.decision_create(team=team, kind=Decision.Kind.AMEND, by=by, departure_reason=team.departure_reason)


def _members_of(decision: Decision) -> list[ProposedMember]:
    return [
        ProposedMember(person=line.person, role=line.role, position=line.position)
        for line in decision.members.select_related("person").order_by("pk")
    ]


# Joining --------------------------------------------------------------------------------------


def _joinable_team(*, commune: Commune, village: Village) -> Team:
    if village.commune_id != commune.pk:
        raise ValidationError({"village": _("This village belongs to another commune.")})
    team = Team.objects.filter(village=village).exclude(status=Team.Status.DISSOLVED).first()
    if team is None or team.status != Team.Status.ACTIVE:
        raise ValidationError(
            {"village": _("This village has no active team yet: a decision must establish it before anyone joins.")}
        )
    return team


@transaction.atomic
def application_create(
    *,
    commune: Commune,
    by,
    village: Village,
    full_name: str,
    gender: str,
    birth_year: int,
    phone: str,
    phone_consent: bool,
    motivation: str,
    position: str = "",
) -> JoinApplication:
    """Record a resident's application to join their village's team.

    Refused, with nothing stored, when the applicant has not agreed to their phone being kept.
    """
    scoping.require_clerk(by, commune)
    if not phone_consent:
        raise _consent_required()
    application = JoinApplication(
        commune=commune,
        team=_joinable_team(commune=commune, village=village),
        village=village,
        full_name=full_name,
        gender=gender,
        birth_year=birth_year,
        phone=phone,
        phone_consent=True,
        position=position,
        motivation=motivation,
        recorded_by=by,
    )
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_recommend(*, application: JoinApplication, by, recommended_by: str, note: str = "") -> JoinApplication:
    """The commune team leader and the village team recommend; the clerk records who and what."""
    application = JoinApplication.objects.select_for_update().get(pk=application.pk)
    scoping.require_clerk(by, application.commune)
    _require_stage(application, Stage.SUBMITTED)
    if not recommended_by.strip():
        raise ValidationError({"recommended_by_name": _("Say who recommends the applicant.")})
    application.status = Stage.RECOMMENDED
    application.recommended_by_name = recommended_by
    application.recommendation_note = note
    application.recommended_at = timezone.now()
    application.recommendation_recorded_by = by
    application.full_clean()
    application.save()
    return application


def _person_for(application: JoinApplication) -> Person:
    """The applicant as a person of the commune: the one already recorded under the same
    name, birth year and village, else a new one."""
    person = (
        Person.objects.filter(
            commune=application.commune_id,
            village=application.village_id,
            full_name=application.full_name,
            birth_year=application.birth_year,
        )
        .order_by("pk")
        .first()
    )
    if person is not None:
        if not person.phone:
            person.phone = application.phone
            person.save(update_fields=["phone"])
        return person
    person = Person(
        commune=application.commune,
        village=application.village,
        full_name=application.full_name,
        gender=application.gender,
        birth_year=application.birth_year,
        phone=application.phone,
        position=application.position,
        office=Person.Office.RESIDENT,
    )
    person.full_clean()
    person.save()
    return person


def _decide(request: TeamRequest, *, by, approve: bool, comment: str, after: Stage) -> None:
    scoping.require_signer(by, request.commune)
    _require_stage(request, after)
    if not approve and not comment.strip():
        raise ValidationError({"decision_comment": _("Say why: a rejection needs a comment.")})
    request.status = Stage.APPROVED if approve else Stage.REJECTED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_comment = comment


@transaction.atomic
def application_decide(
    *, application: JoinApplication, by, approve: bool, comment: str = "", on: datetime.date | None = None
) -> JoinApplication:
    """The chairman approves or rejects. Approval makes the applicant a person of the
    commune; if the team is full (the most members the plan in force allows) they join its collaborator group on
    ``on`` (today by default), otherwise the clerk drafts the amending decision next."""
    application = JoinApplication.objects.select_for_update().get(pk=application.pk)
    _decide(application, by=by, approve=approve, comment=comment, after=Stage.RECOMMENDED)
    if approve:
        team = _locked_team(application.team_id)
        person = _person_for(application)
        if team.active_memberships().filter(person=person).exists():
            raise ValidationError(_("%(name)s is already a member of this team.") % {"name": person.full_name})
        application.person = person
        if team.active_memberships().count() >= seats_of(team):
            application.status = Stage.COLLABORATOR
            application.collaborator = team.collaborators.filter(person=person, left_on__isnull=True).first()
            if application.collaborator is None:
                application.collaborator = team_services.collaborator_add(
                    team=team,
                    person=person,
                    joined_on=on or timezone.localdate(),
                    note=f"Đơn xin tham gia ngày {timezone.localtime(application.created_at):%d/%m/%Y}",
                )
    application.full_clean()
    application.save()
    return application


def seats_of(team: Team) -> int:
    """How many members the plan in force today allows ``team``."""
    return composition_in_force(team.commune_id, team.level, timezone.localdate()).members_max


def _vacant_role(team: Team, members: list[ProposedMember]) -> str:
    roles = {member.role for member in members}
    if Role.LEADER not in roles:
        return Role.LEADER
    rule = composition_in_force(team.commune_id, team.level, timezone.localdate())
    if Role.DEPUTY not in roles and rule.deputies_max > 0:
        return Role.DEPUTY
    return Role.MEMBER


@transaction.atomic
def application_draft_decision(*, application: JoinApplication, by) -> Decision:
    """The clerk drafts the decision that seats the approved applicant in the free seat,
    with the role the seat lacks (leader, deputy, else member): the team's current members
    plus the applicant. The clerk reviews it and submits it as any other draft."""
    application = (
        JoinApplication.objects.select_for_update(of=("self",)).select_related("person").get(pk=application.pk)
    )
    scoping.require_clerk(by, application.commune)
    _require_stage(application, Stage.APPROVED)
    team = _locked_team(application.team_id)
    person = application.person
    if team.active_memberships().filter(person=person).exists():
        raise ValidationError(_("%(name)s is already a member of this team.") % {"name": person.full_name})
    if team.active_memberships().count() >= seats_of(team):
        raise ValidationError(
            _("The team has no free seat any more: a member must leave before %(name)s can join.")
            % {"name": person.full_name}
        )
    decision = _amending_draft(team=team, by=by)
    members = _members_of(decision)
    members.append(ProposedMember(person=person, role=_vacant_role(team, members), position=person.position))
    decision = workflow.decision_set_members(decision=decision, members=members, by=by)
    application.decision = decision
    application.save(update_fields=["decision"])
    return decision


# Leaving --------------------------------------------------------------------------------------


def _open_leave_requests(membership: Membership):
    return (
        LeaveRequest.objects.filter(membership=membership)
        .exclude(status=Stage.REJECTED)
        .filter(Q(decision__isnull=True) | ~Q(decision__status=Decision.Status.ISSUED))
    )


@transaction.atomic
def leave_request_create(*, membership: Membership, reason: str, by) -> LeaveRequest:
    """Record a member's request to leave their team."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    team = Team.objects.select_related("commune").get(pk=membership.team_id)
    scoping.require_clerk(by, team.commune)
    if not membership.is_active:
        raise ValidationError(_("This membership has already ended."))
    if team.status != Team.Status.ACTIVE or team.level != Team.Level.VILLAGE:
        raise ValidationError(_("Only an active village team takes in or lets go of members by decision."))
    if _open_leave_requests(membership).exists():
        raise ValidationError(_("This member already has a request to leave that is not settled."))
    leave_request = LeaveRequest(commune=team.commune, team=team, membership=membership, reason=reason, recorded_by=by)
    leave_request.full_clean()
    leave_request.save()
    return leave_request


@transaction.atomic
def leave_request_propose(*, leave_request: LeaveRequest, by, proposed_by: str, note: str = "") -> LeaveRequest:
    """The village team leader proposes the departure; the clerk records who and what."""
    leave_request = LeaveRequest.objects.select_for_update().get(pk=leave_request.pk)
    scoping.require_clerk(by, leave_request.commune)
    _require_stage(leave_request, Stage.SUBMITTED)
    if not proposed_by.strip():
        raise ValidationError({"proposed_by_name": _("Say who proposes the departure.")})
    leave_request.status = Stage.PROPOSED
    leave_request.proposed_by_name = proposed_by
    leave_request.proposal_note = note
    leave_request.proposed_at = timezone.now()
    leave_request.proposal_recorded_by = by
    leave_request.full_clean()
    leave_request.save()
    return leave_request


@transaction.atomic
def leave_request_decide(*, leave_request: LeaveRequest, by, approve: bool, comment: str = "") -> LeaveRequest:
    """The chairman approves or rejects the departure."""
    leave_request = (
        LeaveRequest.objects.select_for_update(of=("self",)).select_related("membership").get(pk=leave_request.pk)
    )
    _decide(leave_request, by=by, approve=approve, comment=comment, after=Stage.PROPOSED)
    if approve and not leave_request.membership.is_active:
        raise ValidationError(_("This membership has already ended."))
    leave_request.full_clean()
    leave_request.save()
    return leave_request


@transaction.atomic
def leave_request_draft_decision(*, leave_request: LeaveRequest, replacement: Person, by) -> Decision:
    """The clerk drafts the decision that ends the member's seat and gives it, with the
    same role, to ``replacement`` (a collaborator or any person of the commune), so that
    the team stays at three."""
    leave_request = (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("membership__person")
        .get(pk=leave_request.pk)
    )
    scoping.require_clerk(by, leave_request.commune)
    _require_stage(leave_request, Stage.APPROVED)
    team = _locked_team(leave_request.team_id)
    leaving = leave_request.membership
    if not leaving.is_active:
        raise ValidationError(_("This membership has already ended."))
    if replacement.commune_id != team.commune_id:
        raise ValidationError({"replacement": _("This person is kept by another commune.")})
    if team.active_memberships().filter(person=replacement).exists():
        raise ValidationError(
            {"replacement": _("%(name)s is already a member of this team.") % {"name": replacement.full_name}}
        )
    decision = _amending_draft(team=team, by=by)
    members = [
        ProposedMember(person=replacement, role=member.role, position=replacement.position)
        if member.person.pk == leaving.person_id
        else member
        for member in _members_of(decision)
    ]
    decision = workflow.decision_set_members(decision=decision, members=members, by=by)
    leave_request.replacement = replacement
    leave_request.decision = decision
    leave_request.save(update_fields=["replacement", "decision"])
    return decision
