"""The composition rules of a team, in one place (plan 246/KH-UBND, 3.1).

Each function takes a proposed composition (what the team would look like) and returns
violations; nothing here touches the database. The admin, the forms and the services
all call these functions; none re-implements them.

- structural: can never be stored (a fourth seat, a second leader or deputy, a person
  twice); the database constraints on Membership back these.
- completeness: a team may be incomplete while it is being edited, but a composition
  that is submitted or issued must be complete (exactly 3, one leader, a deputy for a
  village team).
- advisory: the recommended composition per level; a departure is allowed with a
  written reason.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from .models import SEATS, Person, Role, Team


class Severity(StrEnum):
    HARD = "hard"
    ADVISORY = "advisory"


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


def structural_violations(composition: Iterable[Seat]) -> list[Violation]:
    seats = list(composition)
    roles = Counter(seat.role for seat in seats)
    found = []
    if len(seats) > SEATS:
        found.append(
            Violation(
                "too_many_members",
                _("A team has exactly %(seats)d active members; this composition has %(count)d.")
                % {"seats": SEATS, "count": len(seats)},
            )
        )
    if roles[Role.LEADER] > 1:
        found.append(Violation("second_leader", _("A team has exactly one leader (Tổ trưởng).")))
    if roles[Role.DEPUTY] > 1:
        found.append(Violation("second_deputy", _("A team has at most one deputy (Tổ phó).")))
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


def completeness_violations(level: str, composition: Iterable[Seat]) -> list[Violation]:
    seats = list(composition)
    roles = Counter(seat.role for seat in seats)
    found = []
    if len(seats) < SEATS:
        found.append(
            Violation(
                "too_few_members",
                _("A team has exactly %(seats)d active members; this composition has %(count)d.")
                % {"seats": SEATS, "count": len(seats)},
            )
        )
    if roles[Role.LEADER] == 0:
        found.append(Violation("no_leader", _("A team needs a leader (Tổ trưởng).")))
    if level == Team.Level.VILLAGE and roles[Role.DEPUTY] == 0:
        found.append(Violation("no_deputy", _("A village team needs a deputy (Tổ phó).")))
    return found


COMMUNE_LEADERSHIP = {Person.Office.CHAIRMAN, Person.Office.VICE_CHAIRMAN}
YOUTH_UNION = {Person.Office.YOUTH_UNION_SECRETARY, Person.Office.YOUTH_UNION_DEPUTY}
VILLAGE_HEADS = {Person.Office.VILLAGE_HEAD}


def advisory_departures(level: str, composition: Iterable[Seat]) -> list[Violation]:
    """Where the composition departs from plan 246, 3.1.b (commune) and 3.1.c (village)."""
    seats = list(composition)
    leaders = [seat for seat in seats if seat.role == Role.LEADER]
    deputies = [seat for seat in seats if seat.role == Role.DEPUTY]
    others = [seat for seat in seats if seat.role != Role.LEADER]
    found = []

    def advise(code, message):
        found.append(Violation(code, message, Severity.ADVISORY))

    if level == Team.Level.COMMUNE:
        if leaders and leaders[0].office not in COMMUNE_LEADERSHIP:
            advise(
                "commune_leader_not_leadership",
                _("Recommended: the leader of a commune team is the chairman or a vice-chairman of the commune."),
            )
        if not any(seat.office in YOUTH_UNION for seat in others):
            advise(
                "commune_without_youth_union",
                _("Recommended: a commune team includes the Youth Union secretary or deputy secretary."),
            )
        if not any(seat.office == Person.Office.IT_OFFICER for seat in others):
            advise(
                "commune_without_it_officer",
                _("Recommended: a commune team includes the dedicated IT officer."),
            )
    else:
        if leaders and leaders[0].office not in VILLAGE_HEADS:
            advise(
                "village_leader_not_head",
                _("Recommended: the leader of a village team is the village or residential group head."),
            )
        if deputies and deputies[0].office != Person.Office.YOUTH_BRANCH_SECRETARY:
            advise(
                "village_deputy_not_youth_branch",
                _("Recommended: the deputy of a village team is the Youth Union branch secretary."),
            )
    return found


def check_composition(level: str, composition: Iterable[Seat], *, complete: bool) -> list[Violation]:
    """Every violation of ``composition``: structural always, completeness when ``complete``.

    Advisory departures are included (severity ADVISORY); callers decide whether a
    written reason covers them.
    """
    seats = list(composition)
    found = structural_violations(seats)
    if complete:
        found += completeness_violations(level, seats)
    return found + advisory_departures(level, seats)


def hard(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.is_hard]


def advisory(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if not v.is_hard]
