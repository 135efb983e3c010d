"""The life of a decision: draft > submitted > issued, or submitted > returned > draft.

What is a decision's own lives here: its draft (standard wording, members, legal bases),
the composition rules checked before submission (``teams.rules``), and what its issuance
changes (the team, through ``teams.services``). The steps every numbered document shares
(submit, return, issue with its number, PDF and register line, the event trail) are
``documents.lifecycle``'s, with ``KIND`` describing a decision to them.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scoping
from documents import lifecycle
from teams import plans, rules
from teams.models import Person, Team
from teams.services import ProposedMember, team_amend, team_dissolve, team_establish

from . import amendment, defaults
from .documents import build_decision_document
from .models import Decision, DecisionBasis, DecisionMember, LegalBasis

TEMPLATE = "documents/decision.html"
EDITABLE_FIELDS = (
    "subject",
    "proposer",
    "article1",
    "article2",
    "article3",
    "recipients",
    "copies",
    "authority",
    "signs_for_committee",
    "departure_reason",
)


def default_bases(commune, on: datetime.date | None = None) -> list[LegalBasis]:
    """The bases a new draft cites: the commune's and the national ones in force on ``on`` (today).

    After 1 July 2025 that is the Law on the Organisation of Local Government of 16 June 2025,
    not the 2015 law and its 2019 amendment, and no district's plan."""
    on = on or timezone.localdate()
    bases = LegalBasis.objects.filter(Q(commune__isnull=True) | Q(commune=commune), is_default=True)
    return list(bases.filter(LegalBasis.in_force_on(on)).order_by("rank", "id"))


@transaction.atomic
def decision_create(*, team: Team, kind: str, by, **fields) -> Decision:
    """A new draft for ``team``, filled with the standard wording and, for an amendment or
    a dissolution, the team's current members."""
    commune = team.commune
    scoping.require_clerk(by, commune)
    initial = {
        "subject": defaults.subject(kind=kind, team=team),
        "proposer": defaults.PROPOSER,
        "article1": defaults.article1(kind=kind, team=team),
        "article2": defaults.article2_dissolve(team_name=team.designation)
        if kind == Decision.Kind.DISSOLVE
        else defaults.article2(commune=commune, team_name=team.designation),
        "article3": defaults.article3(commune=commune),
        "recipients": defaults.recipients(commune),
    }
    initial.update(fields)
    decision = Decision(commune=commune, team=team, kind=kind, created_by=by, **initial)
    decision.full_clean()
    decision.save()
    if kind != Decision.Kind.ESTABLISH:
        DecisionMember.objects.bulk_create(
            DecisionMember(decision=decision, person=m.person, role=m.role, position=m.position)
            for m in team.active_memberships().select_related("person")
        )
    decision_set_bases(decision=decision, bases=default_bases(commune), by=by)
    return lifecycle.created(decision, by)


def _require_draft(decision: Decision) -> None:
    lifecycle.require_draft(KIND, decision)


@transaction.atomic
def decision_update(*, decision: Decision, by, **fields) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    scoping.require_clerk(by, decision.commune)
    _require_draft(decision)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a decision")
        setattr(decision, name, value)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_set_members(*, decision: Decision, members: Sequence[ProposedMember], by) -> Decision:
    """Replace the composition Điều 1 proposes. Rules are checked on submission. An
    amendment's default Điều 1 follows (``amendment.article1_of``)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    scoping.require_clerk(by, decision.commune)
    _require_draft(decision)
    # An amendment's Điều 1 says who leaves and who joins: rewritten with the members,
    # unless the clerk has written it by hand.
    rewrite = decision.kind == Decision.Kind.AMEND and decision.article1 == amendment.article1_of(decision)
    decision.members.all().delete()
    for member in members:
        line = DecisionMember(decision=decision, person=member.person, role=member.role, position=member.position)
        line.full_clean()
        line.save()
    if rewrite:
        decision.article1 = amendment.article1_of(decision)
        decision.full_clean()
        decision.save(update_fields=["article1"])
    return decision


@transaction.atomic
def decision_set_bases(*, decision: Decision, bases: Iterable[LegalBasis], by) -> Decision:
    scoping.require_clerk(by, decision.commune)
    _require_draft(decision)
    decision.bases.all().delete()
    for order, basis in enumerate(bases):
        if basis.commune_id not in (None, decision.commune_id):
            raise ValidationError(_("This legal basis belongs to another commune."))
        DecisionBasis.objects.create(decision=decision, basis=basis, order=order)
    return decision


def composition_of(decision: Decision) -> list[rules.Seat]:
    return [rules.Seat.of(person=m.person, role=m.role) for m in decision.members.select_related("person")]


def composition_rule(decision: Decision) -> rules.Composition:
    """What the plan in force on the decision's date (today, for a draft) asks of its team."""
    on = decision.issued_on or timezone.localdate()
    return plans.composition_in_force(decision.commune_id, decision.team.level, on)


def decision_violations(decision: Decision) -> list[rules.Violation]:
    """Everything that stands between this decision and its issuance, hard and advisory."""
    team = decision.team
    found = []
    if decision.kind == Decision.Kind.ESTABLISH and team.status != Team.Status.FORMING:
        found.append(rules.Violation("team_exists", _("This team has already been set up: amend it instead.")))
    if decision.kind != Decision.Kind.ESTABLISH and team.status != Team.Status.ACTIVE:
        found.append(rules.Violation("team_not_active", _("Only an active team can be amended or dissolved.")))
    if decision.kind == Decision.Kind.DISSOLVE:
        return found
    return found + rules.check_composition(composition_rule(decision), composition_of(decision), complete=True)


def _check_ready(decision: Decision) -> None:
    violations = decision_violations(decision)
    hard = rules.hard(violations)
    if hard:
        raise ValidationError([v.message for v in hard])
    departures = rules.advisory(violations)
    if departures and not decision.departure_reason.strip():
        raise ValidationError(
            [_("The composition departs from the recommended one; write the reason before submitting:")]
            + [v.message for v in departures]
        )


def _register_subject(decision: Decision, printed: dict) -> str:
    return f"Quyết định {decision.subject[:480]}"


def _apply_to_team(decision: Decision) -> None:
    """The team changes as the decision says, through the team's services (audit trail kept)."""
    team = decision.team
    composition = [
        ProposedMember(person=m.person, role=m.role, position=m.position)
        for m in decision.members.select_related("person")
    ]
    if decision.kind == Decision.Kind.DISSOLVE:
        team_dissolve(team=team, on=decision.issued_on, decision=decision)
    elif decision.kind == Decision.Kind.ESTABLISH:
        team_establish(team=team, composition=composition, on=decision.issued_on, decision=decision)
    else:
        team_amend(team=team, composition=composition, on=decision.issued_on, decision=decision)


KIND = lifecycle.Kind(
    model=Decision,
    template=TEMPLATE,
    build=build_decision_document,
    register_subject=_register_subject,
    copies=lambda decision, printed: decision.copies,
    already_issued=gettext_lazy("This decision has already been issued as %(number)s."),
    only_submitted_issued=gettext_lazy("Only a submitted decision can be issued."),
    only_submitted_returned=gettext_lazy("Only a submitted decision can be returned."),
    comment_required=gettext_lazy("Say what must change: a returned decision needs a comment."),
    only_drafts_change=gettext_lazy("Only a draft can be changed; this decision is %(status)s."),
    only_issued_have_pdf=gettext_lazy("Only an issued decision has a stored PDF."),
    check_ready=_check_ready,
    apply=_apply_to_team,
    register_link="decision",
)


def decision_submit(*, decision: Decision, by) -> Decision:
    return lifecycle.submit(KIND, decision, by=by)


def decision_return(*, decision: Decision, by, comment: str) -> Decision:
    return lifecycle.return_to_clerk(KIND, decision, by=by, comment=comment)


def decision_issue(*, decision: Decision, by, on: datetime.date | None = None) -> Decision:
    """The chairman signs: number, date, PDF, register, and the team changes, all at once."""
    return lifecycle.issue(KIND, decision, by=by, on=on)


def decision_record_issued(
    *, decision: Decision, number: int, on: datetime.date, signer: Person, vice: bool = False, by=None
) -> Decision:
    """Record a decision issued before the commune used the system, with its own number.

    The year's sequence then continues after it.
    """
    return lifecycle.record_issued(KIND, decision, number=number, on=on, signer=signer, vice=vice, by=by)


def pdf_bytes(decision: Decision) -> bytes:
    """The stored PDF of an issued decision, checked against its SHA-256 (never re-rendered)."""
    return lifecycle.pdf_bytes(KIND, decision)
