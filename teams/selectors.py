"""Reads for the teams pages: which rows a user may see, fetched in a fixed number of queries.

Every function starts from ``accounts.scoping`` (the one permission layer) and narrows it
further for a team leader, who reads only the teams they lead. The list querysets carry
their ``select_related``/``prefetch_related``, so a page costs the same number of queries
for 5 rows or 500 (``tests/web/test_teams_queries.py`` pins that).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    Model,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.models import Official
from lib.collation import sort_key, vietnamese
from lib.text import normalise_phone, syllable_match

from . import plans, rules
from .models import Collaborator, Commune, Membership, Person, Reform, Role, Succession, Team, Village, VillageMove

ROLE_RANK = Case(
    When(role=Role.LEADER, then=Value(0)),
    When(role=Role.DEPUTY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
# A village may have dissolved teams besides its live one: the live one comes first.
DISSOLVED_LAST = Case(When(status=Team.Status.DISSOLVED, then=Value(1)), default=Value(0), output_field=IntegerField())


# Who reads what ----------------------------------------------------------------------


def is_team_leader(user) -> bool:
    return scoping.role_of(user) == Official.Role.TEAM_LEADER


def readable_teams(user) -> QuerySet[Team]:
    teams = scoping.scope(user, Team.objects.all())
    if is_team_leader(user):
        teams = teams.filter(pk__in=Team.objects.filter(scoping.led_team_filter(user)).values("pk"))
    return teams


def readable_villages(user) -> QuerySet[Village]:
    villages = scoping.scope(user, Village.objects.all())
    if is_team_leader(user):
        villages = villages.filter(pk__in=readable_teams(user).values("village"))
    return villages


def readable_people(user) -> QuerySet[Person]:
    """Everyone of the user's communes; for a team leader, the current members and
    collaborators of the teams they lead."""
    people = scoping.scope(user, Person.objects.all())
    if is_team_leader(user):
        teams = readable_teams(user)
        seated = Membership.objects.filter(team__in=teams, end_date__isnull=True).values("person")
        helping = Collaborator.objects.filter(team__in=teams, left_on__isnull=True).values("person")
        people = people.filter(Q(pk__in=seated) | Q(pk__in=helping))
    return people


def _within_reach(user, rows: QuerySet) -> QuerySet:
    """``rows`` (memberships or collaborations) of the teams ``user`` reads: a team leader
    does not learn, through a person they read, who serves on the commune's other teams."""
    if is_team_leader(user):
        return rows.filter(team__in=readable_teams(user))
    return rows


# Lists --------------------------------------------------------------------------------


def active_seats() -> Prefetch:
    """A team's active memberships, leader first, as ``team.active_seats``."""
    seats = Membership.objects.filter(end_date__isnull=True).select_related("person").order_by(ROLE_RANK, "seat")
    return Prefetch("memberships", queryset=seats, to_attr="active_seats")


def village_list(user, *, commune: Commune | None = None) -> QuerySet[Village]:
    """Villages with ``team_list``: their teams, the live one (if any) first."""
    teams = Team.objects.order_by(DISSOLVED_LAST, "-pk").prefetch_related(active_seats())
    villages = (
        readable_villages(user)
        .select_related("commune")
        .prefetch_related(Prefetch("teams", queryset=teams, to_attr="team_list"))
    )
    if commune is not None:
        villages = villages.filter(commune=commune)
    return villages.order_by(vietnamese("commune__name"), vietnamese("name"), "pk")


@dataclass(frozen=True)
class CommuneRow:
    commune: Commune
    team: Team | None


def commune_rows(user, *, commune: Commune | None = None) -> list[CommuneRow]:
    """Per commune the user reads, its commune-level team (the live one, else the last)."""
    teams = (
        readable_teams(user)
        .filter(level=Team.Level.COMMUNE)
        .select_related("commune")
        .prefetch_related(active_seats())
        .order_by(DISSOLVED_LAST, "-pk")
    )
    communes = scoping.visible_communes(user).order_by(vietnamese("name"))
    if commune is not None:
        teams = teams.filter(commune=commune)
        communes = communes.filter(pk=commune.pk)
    current: dict[int, Team] = {}
    for team in teams:
        current.setdefault(team.commune_id, team)
    if is_team_leader(user):
        led = sorted(current.values(), key=lambda team: (sort_key(team.commune.name), team.commune_id))
        return [CommuneRow(commune=team.commune, team=team) for team in led]
    return [CommuneRow(commune=c, team=current.get(c.pk)) for c in communes]


def person_list(
    user,
    *,
    query: str = "",
    village: Village | None = None,
    commune: Commune | None = None,
) -> QuerySet[Person]:
    """People, with ``active_seats`` (their current team seats).

    Every word of ``query`` must begin a syllable of the folded name ("dung" finds "Dũng",
    "hanh" finds "Hạnh" but not "Thanh": ``lib.text.syllable_match``), or, if it is a phone
    number or part of one, appear in the phone. Words of punctuation only are left out.
    """
    seats = (
        _within_reach(user, Membership.objects.filter(end_date__isnull=True))
        .select_related("team__village", "team__commune")
        .order_by(ROLE_RANK, "pk")
    )
    people = (
        readable_people(user)
        .select_related("village", "commune")
        .prefetch_related(Prefetch("memberships", queryset=seats, to_attr="active_seats"))
    )
    for word in dict.fromkeys(query.split()):
        match = syllable_match("search_name", word)
        if match is None:
            continue
        digits = normalise_phone(word)
        if digits and digits.lstrip("+").isdigit():
            match |= Q(phone__contains=digits)
        people = people.filter(match)
    if village is not None:
        people = people.filter(village=village)
    if commune is not None:
        people = people.filter(commune=commune)
    return people.order_by(vietnamese("full_name"), "pk")


# One team ----------------------------------------------------------------------------


def team_members(team: Team) -> list[Membership]:
    return list(team.active_memberships().select_related("person").order_by(ROLE_RANK, "seat"))


def team_history(team: Team) -> QuerySet[Membership]:
    """Every membership, past and present, with the decisions that started and ended it."""
    return team.memberships.select_related(
        "person", "started_by__commune", "ended_by__commune", "ended_by_reform"
    ).order_by("start_date", ROLE_RANK, "pk")


def team_collaborators(team: Team) -> QuerySet[Collaborator]:
    return team.collaborators.select_related("person").order_by(
        F("left_on").asc(nulls_first=True), vietnamese("person__full_name"), "pk"
    )


def rule_check(team: Team, members: list[Membership]) -> list[rules.Violation]:
    """What the stored composition lacks and where it departs from the plan in force today
    (none once dissolved)."""
    if team.status == Team.Status.DISSOLVED:
        return []
    seats = [rules.Seat.of(person=m.person, role=m.role) for m in members]
    rule = plans.composition_in_force(team.commune_id, team.level, timezone.localdate())
    return rules.check_composition(rule, seats, complete=True)


def person_memberships(user, person: Person) -> QuerySet[Membership]:
    return (
        _within_reach(user, person.memberships.all())
        .select_related("team__village", "team__commune", "started_by__commune", "ended_by__commune", "ended_by_reform")
        .order_by("-start_date", "pk")
    )


def person_collaborations(user, person: Person) -> QuerySet[Collaborator]:
    return (
        _within_reach(user, person.collaborations.all())
        .select_related("team__village", "team__commune")
        .order_by("-joined_on", "pk")
    )


# The commune as it was then ----------------------------------------------------------------


@dataclass(frozen=True)
class CommunePeriod:
    """A stretch of time a team or a person belonged to one commune.

    ``since`` and ``until`` are the first and last days (None: not known here, or still
    running: a dissolved team's page says when it ended); ``reform`` is the reform of
    administrative units that began the stretch (None for the first one).
    """

    commune: Commune
    since: datetime.date | None
    until: datetime.date | None
    reform: Reform | None


def _periods(first: Commune, moves: list[tuple[datetime.date, Commune, Reform]], *, since=None):
    """The stretches from ``first`` through each (day, new commune, reform) move, in order."""
    periods, commune, start, cause = [], first, since, None
    for day, successor, reform in moves:
        periods.append(CommunePeriod(commune, start, day - datetime.timedelta(days=1), cause))
        commune, start, cause = successor, day, reform
    periods.append(CommunePeriod(commune, start, None, cause))
    return periods


def team_communes(team: Team) -> list[CommunePeriod]:
    """The communes ``team`` belonged to, oldest first: a village team passes with its village
    when a reform moves the village (``VillageMove``), if it was established before and still
    live on that day. A commune team never moves: it ends with its commune."""
    if team.level != Team.Level.VILLAGE or team.established_on is None:
        return [CommunePeriod(team.commune, team.established_on, None, None)]
    moves = (
        VillageMove.objects.filter(village=team.village_id, to_commune__isnull=False, on__gt=team.established_on)
        .select_related("from_commune", "to_commune", "reform")
        .order_by("on", "pk")
    )
    if team.dissolved_on:
        moves = moves.filter(on__lt=team.dissolved_on)
    moves = list(moves)
    chained = all(a.to_commune_id == b.from_commune_id for a, b in zip(moves, moves[1:], strict=False))
    if not moves or not chained or moves[-1].to_commune_id != team.commune_id:
        return [CommunePeriod(team.commune, team.established_on, None, None)]
    steps = [(m.on, m.to_commune, m.reform) for m in moves]
    return _periods(moves[0].from_commune, steps, since=team.established_on)


def person_communes(person: Person) -> list[CommunePeriod]:
    """The communes ``person`` belonged to, oldest first, from the reforms that moved them.

    A person has no move row: the reform writes one audit entry per person it moves, naming
    the old and new commune and the reform; each is read back against that reform's
    successions. A person no reform moved has one stretch, their commune.
    """
    entries = [
        (entry.additional_data.get("reform"), entry.changes_dict.get("commune"))
        for entry in LogEntry.objects.get_for_object(person)
        .filter(additional_data__has_key="reform")
        .order_by("timestamp", "pk")
    ]
    entries = [(reform, names) for reform, names in entries if isinstance(names, list | tuple) and len(names) == 2]
    if not entries:
        return [CommunePeriod(person.commune, None, None, None)]
    links = Succession.objects.filter(reform__in={reform for reform, _names in entries}).select_related(
        "reform", "predecessor", "successor"
    )
    by_names = {(s.reform_id, s.predecessor.full_name, s.successor.full_name): s for s in links}
    found = [by_names.get((reform, *names)) for reform, names in entries]
    chained = all(a and b and a.successor_id == b.predecessor_id for a, b in zip(found, found[1:], strict=False))
    if None in found or not chained or found[-1].successor_id != person.commune_id:
        return [CommunePeriod(person.commune, None, None, None)]
    steps = [(s.reform.effective_on, s.successor, s.reform) for s in found]
    return _periods(found[0].predecessor, steps)


# History of changes (django-auditlog) --------------------------------------------------

HISTORY_LIMIT = 50

# What ``str()`` of a related object reads, so naming it costs no extra query.
STR_NEEDS = {"teams.Team": ("commune", "village"), "decisions.Decision": ("commune",)}


@dataclass(frozen=True)
class FieldChange:
    """One field of a change, as a person says it. ``old`` is None on creation (there was
    nothing before), ``new`` is None on deletion."""

    label: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ChangeRecord:
    action: str
    actor: str
    at: datetime.datetime
    subject: str
    changes: list[FieldChange]


def change_history(obj: Model, *, known: tuple[Model | None, ...] = ()) -> list[ChangeRecord]:
    """The latest changes to ``obj``, newest first. ``known`` objects are named without a query."""
    return _records(LogEntry.objects.get_for_object(obj), known=(obj, *known))


def team_change_history(team: Team) -> list[ChangeRecord]:
    """The latest changes to the team and to its collaborators (memberships have their own history)."""
    entries = LogEntry.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Team), object_id=team.pk)
        | Q(
            content_type=ContentType.objects.get_for_model(Collaborator),
            object_id__in=team.collaborators.values("pk"),
        )
    )
    return _records(entries, known=(team, team.commune, team.village))


def _actions() -> dict[int, str]:
    return {
        LogEntry.Action.CREATE: _("created"),
        LogEntry.Action.UPDATE: _("changed"),
        LogEntry.Action.DELETE: _("deleted"),
        LogEntry.Action.ACCESS: _("viewed"),
    }


def _records(entries: QuerySet[LogEntry], *, known: tuple[Model | None, ...]) -> list[ChangeRecord]:
    entries = list(entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")[:HISTORY_LIMIT])
    fields = [(entry, _changed_fields(entry)) for entry in entries]
    names = _related_names([pair for _entry, changed in fields for pair in changed], known=known)
    actions = _actions()
    return [
        ChangeRecord(
            action=actions.get(entry.action, str(entry.action)),
            actor=_actor_name(entry),
            at=entry.timestamp,
            subject=entry.object_repr,
            changes=_field_changes(entry, changed, names),
        )
        for entry, changed in fields
    ]


def _field_changes(entry: LogEntry, changed: list[tuple], names: dict[tuple[str, str], str]) -> list[FieldChange]:
    """The fields that really changed, in words: auditlog also records a blank field going
    from nothing to nothing (None to "") and, on creation, every empty field."""
    changes = []
    for field, (old, new) in changed:
        before, after = _shown(field, old, names), _shown(field, new, names)
        if before == after:
            continue
        if entry.action == LogEntry.Action.CREATE:
            if _is_empty(new):
                continue
            before = None
        elif entry.action == LogEntry.Action.DELETE:
            if _is_empty(old):
                continue
            after = None
        changes.append(FieldChange(label=str(field.verbose_name), old=before, new=after))
    return changes


def _changed_fields(entry: LogEntry) -> list[tuple]:
    """(model field, (old, new)) for each recorded change of a stored column, primary key left out.

    On creation auditlog also lists reverse relations ("memberships": "teams.Membership.None"):
    they are not the record's own data.
    """
    model = entry.content_type.model_class()
    changed = []
    for name, values in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            continue
        if not field.concrete or field.primary_key or not isinstance(values, list | tuple) or len(values) != 2:
            continue
        changed.append((field, tuple(values)))
    return changed


def _related_names(changed: list[tuple], *, known: tuple[Model | None, ...]) -> dict[tuple[str, str], str]:
    """Names of the objects that foreign-key changes point at: one query per related model."""
    names = {(obj._meta.label, str(obj.pk)): str(obj) for obj in known if obj is not None}
    wanted: dict[type[Model], set] = defaultdict(set)
    for field, values in changed:
        if not field.many_to_one and not field.one_to_one:
            continue
        label = field.related_model._meta.label
        for value in values:
            if value in (None, "", "None") or (label, str(value)) in names:
                continue
            try:
                wanted[field.related_model].add(field.related_model._meta.pk.to_python(value))
            except ValidationError:
                continue
    for model, pks in wanted.items():
        related = model._base_manager.select_related(*STR_NEEDS.get(model._meta.label, ())).filter(pk__in=pks)
        names.update({(model._meta.label, str(obj.pk)): str(obj) for obj in related})
    return names


def _is_empty(value) -> bool:
    return value in (None, "", "None")


def _shown(field, value, names: dict[tuple[str, str], str]) -> str:
    """``value`` as auditlog stored it (a string), as a person says it: a choice by its label,
    a related row by its name, a day as dd/mm/yyyy, yes or no, "(empty)" for nothing."""
    if _is_empty(value):
        return _("(empty)")
    if field.many_to_one or field.one_to_one:
        return names.get((field.related_model._meta.label, str(value)), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, BooleanField):
        return {"True": _("Yes"), "False": _("No")}.get(str(value), str(value))
    if isinstance(field, DateTimeField):
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if timezone.is_naive(moment):  # auditlog stores UTC without its offset
            moment = timezone.make_aware(moment, datetime.UTC)
        return date_format(timezone.localtime(moment), "d/m/Y H:i")
    if isinstance(field, DateField):
        try:
            return date_format(datetime.date.fromisoformat(str(value)), "d/m/Y")
        except ValueError:
            return str(value)
    return str(value)


def _actor_name(entry: LogEntry) -> str:
    if entry.actor is None:
        return _("the system")
    return entry.actor.get_full_name() or entry.actor.get_username()
