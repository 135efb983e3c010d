"""Applying a reform of administrative units to one province, as a dated event.

``apply_reform(province=42)`` reads the official conversion table (``teams.official_lists``)
and, in one transaction:

1. records the reform with its legal basis, and each new commune's predecessors;
2. ends the commune-level team of every old commune on the reform's date (its seats end
   with the reform as their cause, not a decision of the commune);
3. passes what each predecessor that fed a single new commune kept to that successor:
   its villages, its people, its live village teams and the logins of its officials;
4. lists the villages of a predecessor split between several new communes "to assign"
   (``VillageMove`` without a commune) until the province assigns each one
   (``assign_village``), which moves the village with its people and its live team.

Issued documents, their numbers, PDFs and register lines are not touched: they stay with
the issuing body that signed them, under its old name. The new commune is a new issuing
body. Rows move with bulk updates (a national reform moves hundreds of thousands) and the
audit trail gets one entry per moved row, with the reform as its cause.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lib import page_cache
from lib.collation import vietnamese
from lib.text import fold

from . import official_lists, signals
from .management.commands.load_places import load_places
from .models import Commune, Membership, Person, PlaceList, Province, Reform, Succession, Team, Village, VillageMove

# The resolutions of the National Assembly Standing Committee that arranged each
# province's communes from 1 July 2025, where the project has checked them.
LEGAL_BASES = {
    42: "Nghị quyết số 1665/NQ-UBTVQH15 năm 2025 của Ủy ban Thường vụ Quốc hội "
    "về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Hà Tĩnh",
}
BATCH = 2000
CASE_BATCH = 500
AUDIT_BATCH = 500  # audit entries per INSERT (16 values each: within SQLite's and PostgreSQL's limits)


class Moved(NamedTuple):
    """A row a reform moves, read without building its model: its key, commune and name."""

    model: type
    pk: int
    commune_id: int
    text: str  # predecessors per UPDATE ... CASE when whole communes pass to their successors


class ReformRefused(ValidationError):
    pass


@dataclass
class ReformApplied:
    reform: Reform
    created: bool
    successors: int = 0
    successions: int = 0
    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)  # rows of the conversion table read by name

    def message(self) -> str:
        """What the page says once the reform is applied, in the reader's language (the
        command line prints ``summary``, with the conversion table's notes)."""
        reform, c = self.reform, self.counts
        place = {"province": reform.province.full_name, "day": f"{reform.effective_on:%d/%m/%Y}"}
        if not self.created:
            return _("The reform of %(province)s of %(day)s was already applied: nothing changed.") % place
        return _(
            "The reform of %(province)s of %(day)s is applied: %(successors)d new communes formed from "
            "%(successions)d old ones; %(villages)d villages, %(people)d people and %(teams)d village teams "
            "passed to their new commune; %(to_assign)d villages to assign; %(notes)d lines of the "
            "conversion table read by name."
        ) % {
            **place,
            "successors": self.successors,
            "successions": self.successions,
            "villages": c["villages"],
            "people": c["people"],
            "teams": c["teams"],
            "to_assign": c["villages_to_assign"],
            "notes": len(self.notes),
        }

    def summary(self) -> str:
        reform = self.reform
        head = f"{reform.province.title_name}, {reform.effective_on:%d/%m/%Y} ({reform.legal_basis})"
        if not self.created:
            return (
                f"{head}: already applied on {timezone.localtime(reform.applied_at):%d/%m/%Y %H:%M}; nothing changed."
            )
        c = self.counts
        return "\n".join(
            [
                f"{head}: applied.",
                f"  new communes: {self.successors}, formed from {self.successions} old communes or parts of them",
                f"  commune teams ended: {c['commune_teams_ended']} ({c['memberships_ended']} seats)",
                f"  passed to their new commune: {c['villages']} villages, {c['people']} people, "
                f"{c['teams']} village teams, {c['logins']} logins",
                f"  villages to assign (their commune was split): {c['villages_to_assign']}",
                *(f"  note: {note}" for note in self.notes),
            ]
        )


def _audit(rows, *, field_name: str, old: dict, new: dict, actor, reform: Reform) -> None:
    """One audit entry per moved row, as auditlog would have written for a save().

    ``rows`` are model instances, or ``Moved`` tuples (key, text) of ``model``. Written with
    multi-row INSERTs of prepared values: a national reform writes a quarter of a million.
    """
    rows = list(rows)
    if not rows:
        return
    model = rows[0].model if isinstance(rows[0], Moved) else type(rows[0])
    items = [(row.pk, row.text if isinstance(row, Moved) else str(row)) for row in rows]
    template = LogEntry(
        content_type=ContentType.objects.get_for_model(model),
        action=LogEntry.Action.UPDATE,
        changes_text="",
        actor=actor,
        additional_data={"reform": reform.pk, "cause": reform.legal_basis},
        timestamp=timezone.now(),
    )
    per_row = ("object_pk", "object_id", "object_repr", "changes")
    fields = [f for f in LogEntry._meta.concrete_fields if not f.primary_key]
    constant = {
        f.attname: f.get_db_prep_save(getattr(template, f.attname), connection)
        for f in fields
        if f.attname not in per_row
    }
    changes = LogEntry._meta.get_field("changes")
    values = []
    for pk, text in items:
        varying = {
            "object_pk": str(pk),
            "object_id": pk,
            "object_repr": text[:200],
            "changes": changes.get_db_prep_save({field_name: [old[pk], new[pk]]}, connection),
        }
        values.append([varying[f.attname] if f.attname in varying else constant[f.attname] for f in fields])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(values), AUDIT_BATCH):
            batch = values[start : start + AUDIT_BATCH]
            cursor.execute(
                f"INSERT INTO {quote(LogEntry._meta.db_table)} ({columns}) VALUES {', '.join([row_sql] * len(batch))}",
                [value for row in batch for value in row],
            )


def _loaded(province: int) -> tuple[PlaceList, PlaceList, Province]:
    old_list = PlaceList.objects.filter(key=official_lists.THREE_TIERS).first()
    if old_list is None:
        raise ReformRefused(
            _("The list before the reform is not loaded: run load_places --province %(code)s --list %(key)s first.")
            % {"code": province, "key": official_lists.THREE_TIERS}
        )
    loaded = load_places(province=province, list_key=official_lists.TWO_TIERS)
    return old_list, loaded.place_list, loaded.province


DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


def _unit_key(type_word: str, name: str) -> tuple[str, str]:
    """How two spellings of one unit compare: "Chân Mây – Lăng Cô" is "Chân Mây - Lăng Cô"."""
    return fold(type_word), " - ".join(part.strip() for part in fold(name).translate(DASHES).split("-"))


def _official_old_codes() -> set[int]:
    return {
        unit.code for entry in official_lists.three_tiers().values() for _, units in entry.districts for unit in units
    }


def _conversion_of(province: int, old_list: PlaceList, new_list: PlaceList):
    """The province's conversion rows with their communes, and notes on the rows read by name;
    or a refusal naming the first row that cannot be read.

    The official conversion table and the official lists disagree in places: a new commune
    under a code the new list gives another commune or none (Phường Cửa Nam: 00082 in the
    table, 00073 in the list), an old commune under a code the old list does not have
    (Phường 14 of Quận 8). A row is read by its code when the list's commune of that code has
    the row's name, else by the name alone when exactly one commune of the province (of the
    old district, for an old commune) has it; each such reading is noted. An old commune that
    is not in the list of 4 January 2025 at all had ceased before it: nothing of it to carry.
    A row that cannot be read, or an old commune of a province not loaded, stops the reform.
    """
    rows = [row for row in official_lists.conversions() if row.province == province]
    if not rows:
        raise ReformRefused(_("The conversion table has no row for province %(code)s.") % {"code": province})
    new_communes = list(Commune.objects.filter(place_list=new_list, province__code=province))
    new_by_code = {c.code: c for c in new_communes}
    new_by_name = defaultdict(list)
    for commune in new_communes:
        new_by_name[_unit_key(commune.type_word, commune.name)].append(commune)
    old_communes = list(
        Commune.objects.filter(
            place_list=old_list, province__code__in={r.old_province or province for r in rows}
        ).select_related("province", "district")
    )
    old_by_code = {c.code: c for c in old_communes}
    old_by_name = defaultdict(list)
    for commune in old_communes:
        district = commune.district.code if commune.district_id else None
        old_by_name[(commune.province.code, district, *_unit_key(commune.type_word, commune.name))].append(commune)
    official_old = None
    notes, read = [], []
    for row in rows:
        key = _unit_key(row.commune.type_word, row.commune.name)
        new = new_by_code.get(row.commune.code)
        if new is None or _unit_key(new.type_word, new.name) != key:
            named = new_by_name.get(key, [])
            if len(named) == 1:
                new = named[0]
            if new is None:
                raise ReformRefused(
                    _(
                        "Line %(line)s of the conversion table names a new commune %(code)s "
                        "that the new list does not have."
                    )
                    % {"line": row.line, "code": row.commune.code}
                )
            if new.code != row.commune.code:
                notes.append(
                    _("Line %(line)s names %(name)s with the code %(code)s; the new list gives it %(listed)s.")
                    % {"line": row.line, "name": new.full_name, "code": row.commune.code, "listed": new.code}
                )
        old = old_by_code.get(row.predecessor.code)
        if old is None:
            named = old_by_name.get(
                (
                    row.old_province or province,
                    row.old_district,
                    *_unit_key(row.predecessor.type_word, row.predecessor.name),
                ),
                [],
            )
            if len(named) == 1:
                old = named[0]
                notes.append(
                    _("Line %(line)s names %(name)s with the code %(code)s; the old list gives it %(listed)s.")
                    % {"line": row.line, "name": old.full_name, "code": row.predecessor.code, "listed": old.code}
                )
        if old is None:
            official_old = _official_old_codes() if official_old is None else official_old
            if row.predecessor.code not in official_old:
                notes.append(
                    _(
                        "Line %(line)s names %(name)s (%(code)s), which the list of 4 January 2025 does not have: "
                        "nothing to carry."
                    )
                    % {
                        "line": row.line,
                        "name": f"{row.predecessor.type_word} {row.predecessor.name}".strip(),
                        "code": row.predecessor.code,
                    }
                )
                continue
            raise ReformRefused(
                _(
                    "Line %(line)s of the conversion table names %(name)s (%(code)s), which is not loaded: "
                    "load its province's list before the reform (load_places --province %(province)s --list %(key)s)."
                )
                % {
                    "line": row.line,
                    "name": f"{row.predecessor.type_word} {row.predecessor.name}".strip(),
                    "code": row.predecessor.code,
                    "province": row.old_province,
                    "key": official_lists.THREE_TIERS,
                }
            )
        read.append((row, new, old))
    return read, notes


def _refuse_clashing_village_names(moves: dict[int, Commune]) -> None:
    """Two villages of one name would share a commune: the council renames one before the reform."""
    seen: dict[tuple[int, str, str], Village] = {}
    places = {*moves.keys(), *(c.pk for c in moves.values())}
    for village in Village.objects.filter(commune__in=places).select_related("commune").order_by("pk"):
        commune = moves.get(village.commune_id, village.commune)
        key = (commune.pk, village.type_word, village.name.casefold())
        if key in seen:
            raise ReformRefused(
                _(
                    "%(first)s of %(a)s and %(second)s of %(b)s would both be in %(new)s: "
                    "rename one of them first, then apply the reform."
                )
                % {
                    "first": seen[key].title_name,
                    "a": seen[key].commune.full_name,
                    "second": village.full_name,
                    "b": village.commune.full_name,
                    "new": commune.full_name,
                }
            )
        seen[key] = village


@transaction.atomic
def apply_reform(
    *,
    province: int,
    legal_basis: str | None = None,
    effective_on: datetime.date = official_lists.REFORM_DAY,
    by=None,
) -> ReformApplied:
    """Apply the 1 July 2025 conversion to one province (its official code, e.g. 42)."""
    page_cache.everything_changed()  # rows move in bulk, without signals
    legal_basis = " ".join((legal_basis or LEGAL_BASES.get(province, "")).split())
    if not legal_basis:
        raise ReformRefused(
            _("Give the legal basis of province %(code)s's reform (the resolution that arranged its communes).")
            % {"code": province}
        )
    old_list, new_list, new_province = _loaded(province)
    existing = Reform.objects.filter(province=new_province, to_list=new_list).select_related("province").first()
    if existing is not None:
        return ReformApplied(reform=existing, created=False)
    rows, notes = _conversion_of(province, old_list, new_list)

    reform = Reform.objects.create(
        province=new_province,
        from_list=old_list,
        to_list=new_list,
        effective_on=effective_on,
        legal_basis=legal_basis,
        applied_by=by,
    )
    successors_of_old: dict[int, set[int]] = defaultdict(set)
    links: dict[tuple[int, int], Succession] = {}
    for row, successor, predecessor in rows:
        successors_of_old[predecessor.pk].add(successor.pk)
        link = links.get((successor.pk, predecessor.pk))
        if link is None:
            links[(successor.pk, predecessor.pk)] = Succession(
                reform=reform, successor=successor, predecessor=predecessor, whole=row.whole
            )
        else:
            link.whole = link.whole and row.whole
    Succession.objects.bulk_create(links.values(), batch_size=BATCH)
    communes = {c.pk: c for _, s, p in rows for c in (s, p)}
    # An old commune that feeds one new commune passes to it (the table may call that "part" when
    # some land went elsewhere: Sơn Kim 1); one split between several waits for its villages' assignment.
    passes = {pk: communes[next(iter(targets))] for pk, targets in successors_of_old.items() if len(targets) == 1}
    split = [communes[pk] for pk in successors_of_old if pk not in passes]
    _refuse_clashing_village_names({pk: successor for pk, successor in passes.items()})

    applied = ReformApplied(
        reform=reform,
        created=True,
        successors=len({s.pk for _, s, _ in rows}),
        successions=len(successors_of_old),
        notes=notes,
    )
    Commune.objects.filter(pk__in=successors_of_old.keys(), ceased_on__isnull=True).update(ceased_on=effective_on)
    _end_commune_teams(reform, [communes[pk] for pk in successors_of_old], by=by, counts=applied.counts)
    _pass_whole(reform, passes, communes, by=by, counts=applied.counts)
    moves = [
        VillageMove(village=village, from_commune=village.commune, to_commune=None, on=effective_on, reform=reform)
        for village in Village.objects.filter(commune__in=split).select_related("commune")
    ]
    VillageMove.objects.bulk_create(moves, batch_size=BATCH)
    applied.counts["villages_to_assign"] = len(moves)
    return applied


def _end_commune_teams(reform: Reform, predecessors: list[Commune], *, by, counts: Counter) -> None:
    """Every old commune ceases to be: its live commune team ends with it, on the reform's date."""
    day = reform.effective_on
    teams = list(
        Team.objects.filter(commune__in=predecessors, level=Team.Level.COMMUNE)
        .exclude(status=Team.Status.DISSOLVED)
        .select_related("commune")  # str(team), for the audit entry, names its commune
    )
    seats = list(
        Membership.objects.filter(team__in=teams, end_date__isnull=True).select_related("person", "team__commune")
    )
    Membership.objects.filter(pk__in=[m.pk for m in seats]).update(end_date=day, ended_by_reform=reform)
    _audit(
        seats,
        field_name="end_date",
        old={m.pk: None for m in seats},
        new={m.pk: day.isoformat() for m in seats},
        actor=by,
        reform=reform,
    )
    before = {t.pk: t.status for t in teams}
    Team.objects.filter(pk__in=before).update(
        status=Team.Status.DISSOLVED, dissolved_on=day, dissolved_by_reform=reform
    )
    _audit(
        teams,
        field_name="status",
        old=before,
        new={pk: Team.Status.DISSOLVED.value for pk in before},
        actor=by,
        reform=reform,
    )
    counts["commune_teams_ended"] += len(teams)
    counts["memberships_ended"] += len(seats)


def _pass_whole(reform: Reform, passes: dict[int, Commune], communes: dict[int, Commune], *, by, counts) -> None:
    """What each predecessor kept moves to its successor: villages, people, live village teams; the
    floors above move theirs on ``signals.commune_passed`` (accounts: the officials' logins)."""
    live_village_teams = Team.objects.filter(level=Team.Level.VILLAGE).exclude(status=Team.Status.DISSOLVED)
    predecessors = list(passes)
    kinds = (
        (
            "villages",
            Village.objects.all(),
            lambda q: [
                Moved(Village, pk, c, f"{t} {n}")
                for pk, c, t, n in q.values_list("pk", "commune_id", "type_word", "name")
            ],
        ),
        (
            "people",
            Person.objects.all(),
            lambda q: [Moved(Person, pk, c, n) for pk, c, n in q.values_list("pk", "commune_id", "full_name")],
        ),
        (
            "teams",
            live_village_teams,
            lambda q: [Moved(Team, t.pk, t.commune_id, str(t)) for t in q.select_related("village")],
        ),
    )
    for kind, queryset, read in kinds:
        rows = read(queryset.filter(commune__in=predecessors))
        old = {row.pk: communes[row.commune_id].full_name for row in rows}
        new = {row.pk: passes[row.commune_id].full_name for row in rows}
        # One UPDATE per batch of predecessors, each row to its own successor.
        for start in range(0, len(predecessors), CASE_BATCH):
            batch = predecessors[start : start + CASE_BATCH]
            successor = Case(*(When(commune_id=pk, then=Value(passes[pk].pk)) for pk in batch))
            queryset.filter(commune__in=batch).update(commune=successor)
        if kind == "villages":
            VillageMove.objects.bulk_create(
                [
                    VillageMove(
                        village_id=row.pk,
                        from_commune_id=row.commune_id,
                        to_commune=passes[row.commune_id],
                        on=reform.effective_on,
                        reform=reform,
                        assigned_at=reform.applied_at,
                        assigned_by=by,
                    )
                    for row in rows
                ],
                batch_size=BATCH,
            )
        _audit(rows, field_name="commune", old=old, new=new, actor=by, reform=reform)
        counts[kind] += len(rows)
    # The floors above move what they keep (accounts: the officials' logins).
    for _receiver, (what, count) in signals.commune_passed.send(sender=Reform, passes=passes, reform=reform, by=by):
        counts[what] += count


def successors_of(move: VillageMove) -> list[Commune]:
    links = Succession.objects.filter(reform=move.reform_id, predecessor=move.from_commune_id)
    return list(Commune.objects.filter(predecessor_links__in=links).order_by(vietnamese("name")))


def refuse_assignment(move: VillageMove, commune: Commune) -> None:
    """Why ``move`` cannot go to ``commune``, as a ReformRefused; nothing when it can."""
    if move.to_commune_id is not None:
        raise ReformRefused(
            _("%(village)s has already been assigned to %(commune)s.")
            % {"village": move.village.title_name, "commune": move.to_commune.full_name}
        )
    if commune not in successors_of(move):
        raise ReformRefused(
            _("%(commune)s was not formed from %(old)s: choose one of the new communes formed from it.")
            % {"commune": commune.title_name, "old": move.from_commune.full_name}
        )


@transaction.atomic
def assign_village(*, move: VillageMove, commune: Commune, by=None) -> VillageMove:
    """A village of a split commune goes to one of its successors, with its people and its live team."""
    page_cache.everything_changed()  # rows move in bulk, without signals
    move = VillageMove.objects.select_for_update().select_related("village", "from_commune", "reform").get(pk=move.pk)
    refuse_assignment(move, commune)
    village = move.village
    people = list(Person.objects.filter(village=village, commune=move.from_commune))
    teams = list(Team.objects.filter(village=village, commune=move.from_commune).exclude(status=Team.Status.DISSOLVED))
    for moved in ([village], people, teams):
        if not moved:
            continue
        type(moved[0]).objects.filter(pk__in=[row.pk for row in moved]).update(commune=commune)
        _audit(
            moved,
            field_name="commune",
            old={row.pk: move.from_commune.full_name for row in moved},
            new={row.pk: commune.full_name for row in moved},
            actor=by,
            reform=move.reform,
        )
    move.to_commune = commune
    move.assigned_at = timezone.now()
    move.assigned_by = by
    move.save(update_fields=["to_commune", "assigned_at", "assigned_by"])
    return move
