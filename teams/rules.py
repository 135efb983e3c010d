"""The composition rules of a team, in one place.

What a team must be is the plan's to say (``Composition``: how many members, whether a
deputy is required and how many are allowed, the recommended composition); plan
246/KH-UBND (3.1) asks exactly 3, one leader, a deputy for a village team
(``PLAN_246``), and ``teams.plans`` reads the plan in force on a decision's date.

Each function takes the composition rule and a proposed composition (what the team would
look like) and returns violations; nothing here touches the database. The forms, the
services and the workflow all call these functions; none re-implements them.

- structural: can never be stored (a seat beyond the plan's most, a second leader, more
  deputies than the plan allows, a person twice); the database constraints on
  Membership back those that hold under every plan.
- completeness: a team may be incomplete while it is being edited, but a composition
  that is submitted or issued must be complete (the plan's fewest members, one leader,
  a deputy where the plan requires one).
- advisory: the composition the plan recommends; a departure is allowed with a written
  reason.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Person, Role, Team


class Severity(StrEnum):
    HARD = "hard"
    ADVISORY = "advisory"


@dataclass(frozen=True)
class Composition:
    """What a plan asks of a team of one level."""

    level: str
    members_min: int = 3
    members_max: int = 3
    deputy_required: bool = False
    deputies_max: int = 1
    leader_offices: frozenset[str] = frozenset()
    deputy_offices: frozenset[str] = frozenset()
    member_offices: tuple[frozenset[str], ...] = ()


# Plan 246/KH-UBND, 3.1.b (commune) and 3.1.c (village): the composition of 2022, kept by
# every commune whose plan says nothing else.
PLAN_246 = {
    Team.Level.COMMUNE: Composition(
        level=Team.Level.COMMUNE,
        leader_offices=frozenset({Person.Office.CHAIRMAN, Person.Office.VICE_CHAIRMAN}),
        member_offices=(
            frozenset({Person.Office.YOUTH_UNION_SECRETARY, Person.Office.YOUTH_UNION_DEPUTY}),
            frozenset({Person.Office.IT_OFFICER}),
        ),
    ),
    Team.Level.VILLAGE: Composition(
        level=Team.Level.VILLAGE,
        deputy_required=True,
        leader_offices=frozenset({Person.Office.VILLAGE_HEAD}),
        deputy_offices=frozenset({Person.Office.YOUTH_BRANCH_SECRETARY}),
    ),
}


@dataclass(frozen=True)
class Seat:
    """One line of a proposed composition."""

    person_id: int | None
    role: str
    office: str = Person.Office.OTHER
    name: str = ""

    @classmethod
    def of(cls, *, person: Person, role: str) -> "Seat":
        return cls(person_id=person.pk, role=role, office=person.office, name=person.full_name)


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    severity: Severity = Severity.HARD

    @property
    def is_hard(self) -> bool:
        return self.severity is Severity.HARD

    def __str__(self):
        return self.message


def _size(rule: Composition, count: int) -> str:
    if rule.members_min == rule.members_max:
        return _("A team has exactly %(seats)d active members; this composition has %(count)d.") % {
            "seats": rule.members_max,
            "count": count,
        }
    return _("A team has from %(fewest)d to %(most)d active members; this composition has %(count)d.") % {
        "fewest": rule.members_min,
        "most": rule.members_max,
        "count": count,
    }


def structural_violations(rule: Composition, composition: Iterable[Seat]) -> list[Violation]:
    seats = list(composition)
    roles = Counter(seat.role for seat in seats)
    found = []
    if len(seats) > rule.members_max:
        found.append(Violation("too_many_members", _size(rule, len(seats))))
    if roles[Role.LEADER] > 1:
        found.append(Violation("second_leader", _("A team has exactly one leader (Tổ trưởng).")))
    if roles[Role.DEPUTY] > rule.deputies_max:
        message = (
            _("The plan in force allows no deputy (Tổ phó).")
            if rule.deputies_max == 0
            else ngettext(
                "A team has at most %(deputies)d deputy (Tổ phó).",
                "A team has at most %(deputies)d deputies (Tổ phó).",
                rule.deputies_max,
            )
            % {"deputies": rule.deputies_max}
        )
        found.append(Violation("too_many_deputies", message))
    people = Counter(seat.person_id for seat in seats if seat.person_id is not None)
    twice = sorted({seat.name or str(seat.person_id) for seat in seats if people[seat.person_id] > 1})
    if twice:
        found.append(
            Violation(
                "person_twice",
                _("A person holds one role per team: %(names)s appears more than once.") % {"names": ", ".join(twice)},
            )
        )
    return found


def completeness_violations(rule: Composition, composition: Iterable[Seat]) -> list[Violation]:
    seats = list(composition)
    roles = Counter(seat.role for seat in seats)
    found = []
    if len(seats) < rule.members_min:
        found.append(Violation("too_few_members", _size(rule, len(seats))))
    if roles[Role.LEADER] == 0:
        found.append(Violation("no_leader", _("A team needs a leader (Tổ trưởng).")))
    if rule.deputy_required and roles[Role.DEPUTY] == 0:
        message = (
            _("A village team needs a deputy (Tổ phó).")
            if rule.level == Team.Level.VILLAGE
            else _("A commune team needs a deputy (Tổ phó).")
        )
        found.append(Violation("no_deputy", message))
    return found


def _offices(offices: Iterable[str]) -> str:
    """ "Chủ tịch UBND xã hoặc Phó Chủ tịch UBND xã", in the order of Person.Office."""
    chosen = set(offices)
    return _(" or ").join(str(label) for value, label in Person.Office.choices if value in chosen)


def advisory_departures(rule: Composition, composition: Iterable[Seat]) -> list[Violation]:
    """Where the composition departs from the one the plan recommends."""
    seats = list(composition)
    leaders = [seat for seat in seats if seat.role == Role.LEADER]
    deputies = [seat for seat in seats if seat.role == Role.DEPUTY]
    others = [seat for seat in seats if seat.role != Role.LEADER]
    found = []

    def advise(code, message):
        found.append(Violation(code, message, Severity.ADVISORY))

    if rule.leader_offices and leaders and leaders[0].office not in rule.leader_offices:
        advise(
            "leader_office",
            _("Recommended by the plan: the leader is the %(offices)s.") % {"offices": _offices(rule.leader_offices)},
        )
    if rule.deputy_offices and any(seat.office not in rule.deputy_offices for seat in deputies):
        advise(
            "deputy_office",
            _("Recommended by the plan: the deputy is the %(offices)s.") % {"offices": _offices(rule.deputy_offices)},
        )
    for group in rule.member_offices:
        if not any(seat.office in group for seat in others):
            advise(
                "member_office",
                _("Recommended by the plan: the team includes the %(offices)s.") % {"offices": _offices(group)},
            )
    return found


def check_composition(rule: Composition, composition: Iterable[Seat], *, complete: bool) -> list[Violation]:
    """Every violation of ``composition``: structural always, completeness when ``complete``.

    Advisory departures are included (severity ADVISORY); callers decide whether a
    written reason covers them.
    """
    seats = list(composition)
    found = structural_violations(rule, seats)
    if complete:
        found += completeness_violations(rule, seats)
    return found + advisory_departures(rule, seats)


def hard(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.is_hard]


def advisory(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if not v.is_hard]
