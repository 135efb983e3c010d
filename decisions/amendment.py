"""What an amending ("kiện toàn") decision changes, and the Điều 1 that says it.

A commune amends a team by a decision that cites the decision it amends and says, before
listing the new composition, who leaves the team, who joins it and whose role changes:

    Kiện toàn Tổ chuyển đổi số cộng đồng thôn Đông Thái (thành lập theo Quyết định số
    171/QĐ-UBND ngày 04/10/2022 của Chủ tịch Ủy ban nhân dân xã Tùng Ảnh) như sau:
    1. Thôi tham gia Tổ chuyển đổi số cộng đồng thôn Đông Thái: Ông Nguyễn Xuân Vinh, Tổ phó.
    2. Bổ sung vào Tổ chuyển đổi số cộng đồng thôn Đông Thái: Ông Trần Văn An, chức vụ
       Trưởng thôn Đông Thái, giữ chức danh Tổ phó.
    3. Thay đổi chức danh: Bà Mai Thị Hằng, từ Tổ viên thành Tổ phó.
    Sau khi kiện toàn, Tổ chuyển đổi số cộng đồng thôn Đông Thái gồm các ông (bà) có tên sau:

after which the decision prints its members, one line each. ``changes`` compares the
team's current seats with the decision's members (the same comparison the chairman's page
shows as a before/after); ``article1`` writes the text. Everything is written out in full
(nd30-layout.md: no "PCT", no "UBND" the reader has not seen spelled out).
"""

from dataclasses import dataclass, field

from documents import formatting
from teams.models import ROLE_ORDER, ROLE_PRINTED, Person, Team

from .models import Decision


@dataclass(frozen=True)
class Seat:
    """A person and their role, in the team now or in the decision."""

    person: Person
    role: str
    position: str = ""

    @property
    def role_printed(self) -> str:
        return ROLE_PRINTED[self.role]

    @property
    def position_printed(self) -> str:
        return " ".join((self.position or self.person.position or "").split())


@dataclass(frozen=True)
class RoleChange:
    person: Person
    before: str
    after: str

    @property
    def before_printed(self) -> str:
        return ROLE_PRINTED[self.before]

    @property
    def after_printed(self) -> str:
        return ROLE_PRINTED[self.after]


@dataclass(frozen=True)
class Changes:
    """The team before and after the decision: who leaves, who joins, whose role changes, who stays."""

    leaving: list[Seat] = field(default_factory=list)
    joining: list[Seat] = field(default_factory=list)
    role_changes: list[RoleChange] = field(default_factory=list)
    staying: list[Seat] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.leaving or self.joining or self.role_changes)


def _in_order(seats):
    return sorted(seats, key=lambda seat: (ROLE_ORDER[seat.role], seat.person.full_name, seat.person.pk))


def compare(before: list[Seat], after: list[Seat]) -> Changes:
    """What turns the composition ``before`` into ``after``, each list in the order of roles."""
    old = {seat.person.pk: seat for seat in before}
    new = {seat.person.pk: seat for seat in after}
    role_changes = [
        RoleChange(person=new[pk].person, before=old[pk].role, after=new[pk].role)
        for pk in new
        if pk in old and old[pk].role != new[pk].role
    ]
    return Changes(
        leaving=_in_order(seat for pk, seat in old.items() if pk not in new),
        joining=_in_order(seat for pk, seat in new.items() if pk not in old),
        role_changes=sorted(role_changes, key=lambda c: (ROLE_ORDER[c.after], c.person.full_name, c.person.pk)),
        staying=_in_order(seat for pk, seat in new.items() if pk in old and old[pk].role == seat.role),
    )


def current_seats(team: Team) -> list[Seat]:
    return [
        Seat(person=m.person, role=m.role, position=m.position)
        for m in team.active_memberships().select_related("person")
    ]


def decision_seats(decision: Decision) -> list[Seat]:
    return [Seat(person=m.person, role=m.role, position=m.position) for m in decision.members.select_related("person")]


def changes(decision: Decision) -> Changes:
    """The team as it stands now against the members the decision names."""
    return compare(current_seats(decision.team), decision_seats(decision))


def amended_decisions(team: Team, *, before: Decision | None = None) -> list[Decision]:
    """The issued decisions that made the team as it stands: the one that set it up and the
    latest that amended it, if any (oldest first)."""
    issued = Decision.objects.filter(team=team, status=Decision.Status.ISSUED).select_related("commune")
    if before is not None and before.pk:
        issued = issued.exclude(pk=before.pk)
    established = issued.filter(kind=Decision.Kind.ESTABLISH).order_by("-issued_on", "-number").first()
    amended = issued.filter(kind=Decision.Kind.AMEND).order_by("-issued_on", "-number").first()
    return [decision for decision in (established, amended) if decision is not None]


def short_date(day) -> str:
    """ "04/10/2022", "15/3/2022", "05/01/2026": as a citation writes a date (days below 10
    and the months 1 and 2 with a leading zero, as in the date line)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def citation(decision: Decision) -> str:
    """ "Quyết định số 171/QĐ-UBND ngày 04/10/2022 của Chủ tịch Ủy ban nhân dân xã Tùng Ảnh"."""
    issuer = f"Ủy ban nhân dân {decision.commune.full_name}"
    if decision.authority == Decision.Authority.CHAIRMAN:
        issuer = f"Chủ tịch {issuer}"
    number = formatting.number_symbol(number=decision.number, symbol=decision.symbol)
    return f"Quyết định số {number} ngày {short_date(decision.issued_on)} của {issuer}"


def _cited(team: Team, cited: list[Decision]) -> str:
    """ " (thành lập theo Quyết định số ...; kiện toàn theo Quyết định số ...)", or nothing."""
    parts = [
        f"{'thành lập' if decision.kind == Decision.Kind.ESTABLISH else 'kiện toàn'} theo {citation(decision)}"
        for decision in cited
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def _person(person: Person) -> str:
    return f"{person.salutation} {' '.join(person.full_name.split())}"


def _leaving(seat: Seat) -> str:
    return f"{_person(seat.person)}, {seat.role_printed}"


def _joining(seat: Seat) -> str:
    position = seat.position_printed
    held = f", chức vụ {position}" if position else ""
    return f"{_person(seat.person)}{held}, giữ chức danh {seat.role_printed}"


def _role_change(change: RoleChange) -> str:
    return f"{_person(change.person)}, từ {change.before_printed} thành {change.after_printed}"


def article1(*, team: Team, found: Changes, cited: list[Decision]) -> str:
    """Điều 1 of an amending decision: what it amends, the changes one numbered item each,
    then the line the members' list follows. One paragraph per line."""
    amended = f"Kiện toàn {team.name}{_cited(team, cited)}"
    items = []
    if found.leaving:
        items.append(f"Thôi tham gia {team.name}: {'; '.join(_leaving(s) for s in found.leaving)}.")
    if found.joining:
        items.append(f"Bổ sung vào {team.name}: {'; '.join(_joining(s) for s in found.joining)}.")
    if found.role_changes:
        items.append(f"Thay đổi chức danh: {'; '.join(_role_change(c) for c in found.role_changes)}.")
    if not items:
        return f"{amended} gồm các ông (bà) có tên sau:"
    lines = [f"{amended} như sau:"]
    lines += [f"{index}. {item}" for index, item in enumerate(items, start=1)]
    lines.append(f"Sau khi kiện toàn, {team.name} gồm các ông (bà) có tên sau:")
    return "\n".join(lines)


def article1_of(decision: Decision) -> str:
    """The default Điều 1 of an amending draft, as its members stand now."""
    return article1(
        team=decision.team, found=changes(decision), cited=amended_decisions(decision.team, before=decision)
    )
