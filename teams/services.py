"""Writes to teams and memberships. Each is one transaction that checks ``teams.rules``."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import plans, rules
from .models import Collaborator, Membership, Person, Team


def raise_for(violations: Sequence[rules.Violation]) -> None:
    if violations:
        raise ValidationError([v.message for v in violations])


def active_composition(team: Team) -> list[rules.Seat]:
    return [rules.Seat.of(person=m.person, role=m.role) for m in team.active_memberships().select_related("person")]


def team_create(*, commune, village=None, zalo_url: str = "", on: datetime.date | None = None) -> Team:
    """A team being set up, named as the plan in force on ``on`` (today) names a team."""
    level = Team.Level.VILLAGE if village else Team.Level.COMMUNE
    if village is not None and village.ceased_on is not None:
        raise ValidationError(
            {
                "village": _("This village was merged into another on %(day)s.")
                % {"day": f"{village.ceased_on:%d/%m/%Y}"}
            }
        )
    designation = plans.team_name_in_force(commune, on or timezone.localdate())
    team = Team(commune=commune, village=village, level=level, zalo_url=zalo_url, designation=designation)
    team.full_clean()
    team.save()
    return team


def _save_membership(membership: Membership) -> Membership:
    """Save, turning a constraint the database enforces into a Vietnamese message."""
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "The team would break its rules: one leader, one role per person, "
                "and the number of members and deputies the plan sets."
            )
        ) from exc
    return membership


@transaction.atomic
def membership_add(
    *,
    team: Team,
    person: Person,
    role: str,
    start_date: datetime.date,
    position: str = "",
    started_by=None,
) -> Membership:
    """Seat ``person`` in ``team``; refused if the team would break a structural rule of the
    plan in force on ``start_date``."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    composition = [*active_composition(team), rules.Seat.of(person=person, role=role)]
    rule = plans.composition_in_force(team.commune_id, team.level, start_date)
    raise_for(rules.structural_violations(rule, composition))
    membership = Membership(
        team=team,
        person=person,
        role=role,
        position=position or person.position,
        start_date=start_date,
        started_by=started_by,
    )
    membership.full_clean(exclude=["seat"])
    return _save_membership(membership)


@transaction.atomic
def membership_end(*, membership: Membership, end_date: datetime.date, ended_by=None) -> Membership:
    if not membership.is_active:
        raise ValidationError(_("This membership has already ended."))
    membership.end_date = end_date
    membership.ended_by = ended_by
    membership.full_clean(exclude=["seat"])
    membership.save(update_fields=["end_date", "ended_by"])
    return membership


@dataclass(frozen=True)
class ProposedMember:
    person: Person
    role: str
    position: str


@transaction.atomic
def team_apply_composition(
    *,
    team: Team,
    composition: Sequence[ProposedMember],
    on: datetime.date,
    decision=None,
) -> Team:
    """Make ``composition`` the team's active membership from ``on``.

    A member whose role and printed position stay the same keeps their membership; every
    other active membership ends on ``on`` and the new ones start on it, all with
    ``decision`` as their cause, so the history says which decision made each change.
    An empty composition ends every membership (dissolution).
    """
    team = Team.objects.select_for_update().get(pk=team.pk)
    seats = [rules.Seat.of(person=m.person, role=m.role) for m in composition]
    if composition:
        rule = plans.composition_in_force(team.commune_id, team.level, on)
        raise_for(rules.structural_violations(rule, seats) + rules.completeness_violations(rule, seats))
    wanted = {(m.person.pk, m.role, m.position): m for m in composition}
    for membership in team.active_memberships():
        key = (membership.person_id, membership.role, membership.position)
        if key in wanted:
            wanted.pop(key)
        else:
            membership_end(membership=membership, end_date=on, ended_by=decision)
    order = {role: i for i, role in enumerate(rules.Role)}
    for member in sorted(wanted.values(), key=lambda m: order[m.role]):
        membership_add(
            team=team,
            person=member.person,
            role=member.role,
            position=member.position,
            start_date=on,
            started_by=decision,
        )
    return team


def _set_team(team: Team, **fields) -> Team:
    """Change the team's own fields with ``save()``, so that its audit trail records them."""
    for name, value in fields.items():
        setattr(team, name, value)
    team.full_clean()
    team.save(update_fields=list(fields))
    return team


@transaction.atomic
def team_establish(*, team: Team, composition: Sequence[ProposedMember], on: datetime.date, decision) -> Team:
    """An establishing decision: the team's members are seated and it works from ``on``."""
    team = team_apply_composition(team=team, composition=composition, on=on, decision=decision)
    return _set_team(team, status=Team.Status.ACTIVE, established_on=on, departure_reason=decision.departure_reason)


@transaction.atomic
def team_amend(*, team: Team, composition: Sequence[ProposedMember], on: datetime.date, decision) -> Team:
    """An amending decision: the new composition from ``on``."""
    team = team_apply_composition(team=team, composition=composition, on=on, decision=decision)
    return _set_team(team, departure_reason=decision.departure_reason)


@transaction.atomic
def team_dissolve(*, team: Team, on: datetime.date, decision) -> Team:
    """A dissolving decision: every membership ends on ``on`` and the team stops."""
    team = team_apply_composition(team=team, composition=[], on=on, decision=decision)
    return _set_team(team, status=Team.Status.DISSOLVED, dissolved_on=on)


@transaction.atomic
def collaborator_add(*, team: Team, person: Person, joined_on: datetime.date, note: str = "") -> Collaborator:
    collaborator = Collaborator(team=team, person=person, joined_on=joined_on, note=note)
    collaborator.full_clean()
    collaborator.save()
    return collaborator


@transaction.atomic
def collaborator_end(*, collaborator: Collaborator, left_on: datetime.date) -> Collaborator:
    if collaborator.left_on is not None:
        raise ValidationError(_("This collaborator has already left."))
    if left_on < collaborator.joined_on:
        raise ValidationError({"left_on": _("The end date cannot be before the start date.")})
    collaborator.left_on = left_on
    collaborator.full_clean()
    collaborator.save(update_fields=["left_on"])
    return collaborator
