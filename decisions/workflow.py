"""The life of a decision: draft > submitted > issued, or submitted > returned > draft.

Every transition is one service call, one transaction: it checks who acts (through
``tungAnh.scoping``), checks the team's composition with ``teams.rules``, writes, and
records the event. Issuance takes the number inside the transaction, renders and stores
the PDF, writes the outgoing register and applies the composition to the team; if any
step fails, everything rolls back and no number is consumed.
"""

import datetime
import logging
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teams import rules
from teams.models import Person, Team
from teams.services import ProposedMember, team_apply_composition
from tungAnh import scoping

from . import defaults, numbering, rendering, storage
from .documents import build_decision_document
from .models import Decision, DecisionBasis, DecisionEvent, DecisionMember, DocumentType, LegalBasis, RegisterEntry

log = logging.getLogger("tungAnh.issuing")

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


def default_bases(commune) -> list[LegalBasis]:
    return list(
        LegalBasis.objects.filter(Q(commune__isnull=True) | Q(commune=commune), is_default=True).order_by("rank", "id")
    )


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
        "article2": defaults.article2_dissolve()
        if kind == Decision.Kind.DISSOLVE
        else defaults.article2(commune=commune),
        "article3": defaults.article3(commune=commune),
        "recipients": defaults.RECIPIENTS,
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
    DecisionEvent.objects.create(decision=decision, action=DecisionEvent.Action.CREATED, by=by)
    return decision


def _require_draft(decision: Decision) -> None:
    if decision.status != Decision.Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed; this decision is %(status)s.") % {"status": decision.get_status_display()}
        )


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
    """Replace the composition Điều 1 proposes. Rules are checked on submission."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    scoping.require_clerk(by, decision.commune)
    _require_draft(decision)
    decision.members.all().delete()
    for member in members:
        line = DecisionMember(decision=decision, person=member.person, role=member.role, position=member.position)
        line.full_clean()
        line.save()
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
    return found + rules.check_composition(team.level, composition_of(decision), complete=True)


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


@transaction.atomic
def decision_submit(*, decision: Decision, by) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    scoping.require_clerk(by, decision.commune)
    _require_draft(decision)
    _check_ready(decision)
    decision.status = Decision.Status.SUBMITTED
    decision.save(update_fields=["status", "updated_at"])
    DecisionEvent.objects.create(decision=decision, action=DecisionEvent.Action.SUBMITTED, by=by)
    return decision


@transaction.atomic
def decision_return(*, decision: Decision, by, comment: str) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    scoping.require_signer(by, decision.commune)
    if decision.status != Decision.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted decision can be returned."))
    if not comment.strip():
        raise ValidationError(_("Say what must change: a returned decision needs a comment."))
    event = DecisionEvent(decision=decision, action=DecisionEvent.Action.RETURNED, by=by, comment=comment)
    event.full_clean()
    decision.status = Decision.Status.DRAFT
    decision.save(update_fields=["status", "updated_at"])
    event.save()
    return decision


@transaction.atomic
def decision_issue(*, decision: Decision, by, on: datetime.date | None = None) -> Decision:
    """The chairman signs: number, date, PDF, register, and the team changes, all at once."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    official = scoping.require_signer(by, decision.commune)
    if decision.status == Decision.Status.ISSUED:
        raise ValidationError(
            _("This decision has already been issued as %(number)s.") % {"number": decision.number_symbol}
        )
    if decision.status != Decision.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted decision can be issued."))
    if official.person is None:
        raise ValidationError(_("Your account has no person record to print under the signature."))
    on = on or timezone.localdate()
    number = numbering.take_number(commune=decision.commune, doc_type=DocumentType.DECISION, year=on.year)
    return _issue(
        decision,
        number=number,
        on=on,
        signer=official.person,
        vice=official.role == official.Role.VICE_CHAIRMAN,
        by=by,
        action=DecisionEvent.Action.ISSUED,
    )


@transaction.atomic
def decision_record_issued(
    *, decision: Decision, number: int, on: datetime.date, signer: Person, vice: bool = False, by=None
) -> Decision:
    """Record a decision issued before the commune used the system, with its own number.

    The year's sequence then continues after it.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status == Decision.Status.ISSUED:
        raise ValidationError(
            _("This decision has already been issued as %(number)s.") % {"number": decision.number_symbol}
        )
    if numbering.number_is_taken(commune=decision.commune, doc_type=DocumentType.DECISION, year=on.year, number=number):
        raise ValidationError(
            _("Number %(number)d of %(year)d is already in the outgoing register.")
            % {"number": number, "year": on.year}
        )
    numbering.record_number(commune=decision.commune, doc_type=DocumentType.DECISION, year=on.year, number=number)
    return _issue(decision, number=number, on=on, signer=signer, vice=vice, by=by, action=DecisionEvent.Action.RECORDED)


def _issue(decision: Decision, *, number: int, on: datetime.date, signer: Person, vice: bool, by, action) -> Decision:
    _check_ready(decision)
    decision.number = number
    decision.year = on.year
    decision.issued_on = on
    decision.issued_at = timezone.now()
    decision.signer = signer
    decision.signer_is_vice = vice
    document = build_decision_document(decision)
    pdf = rendering.document_pdf(TEMPLATE, document)
    decision.snapshot = document
    decision.pdf_sha256 = storage.store(pdf)
    decision.status = Decision.Status.ISSUED
    decision.save()

    RegisterEntry.objects.create(
        commune=decision.commune,
        doc_type=DocumentType.DECISION,
        year=on.year,
        number=number,
        symbol=decision.symbol,
        issued_on=on,
        subject=f"Quyết định {decision.subject[:480]}",
        signer_name=signer.full_name[:50],
        signer_position=" ".join(document["signature"]["lines"])[:100],
        recipients="; ".join(r.lstrip("- ").rstrip(";.") for r in document["recipients"]),
        copies=decision.copies,
        decision=decision,
    )
    _apply_to_team(decision)
    DecisionEvent.objects.create(decision=decision, action=action, by=by)
    log_issued(decision, by)
    return decision


def _apply_to_team(decision: Decision) -> None:
    team = decision.team
    if decision.kind == Decision.Kind.DISSOLVE:
        team_apply_composition(team=team, composition=[], on=decision.issued_on, decision=decision)
        Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=decision.issued_on)
        return
    composition = [
        ProposedMember(person=m.person, role=m.role, position=m.position)
        for m in decision.members.select_related("person")
    ]
    team_apply_composition(team=team, composition=composition, on=decision.issued_on, decision=decision)
    if decision.kind == Decision.Kind.ESTABLISH:
        Team.objects.filter(pk=team.pk).update(
            status=Team.Status.ACTIVE,
            established_on=decision.issued_on,
            departure_reason=decision.departure_reason,
        )
    else:
        Team.objects.filter(pk=team.pk).update(departure_reason=decision.departure_reason)


def pdf_bytes(decision: Decision) -> bytes:
    """The stored PDF of an issued decision, checked against its SHA-256 (never re-rendered)."""
    if not decision.is_issued:
        raise ValidationError(_("Only an issued decision has a stored PDF."))
    return storage.read(decision.pdf_sha256)


def log_issued(document, by) -> None:
    """One line per issued document, once it is committed: commune, number, user (by id)."""
    line = "issued %s commune=%s sha256=%s user=%s"
    args = (document.number_symbol, document.commune.code, document.pdf_sha256[:12], getattr(by, "pk", None))
    transaction.on_commit(lambda: log.info(line, *args))
