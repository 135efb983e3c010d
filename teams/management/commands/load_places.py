"""Load provinces, districts and communes from an official list of administrative units.

``python manage.py load_places --province 42`` loads a whole province (Hà Tĩnh) from the
list in force today (two tiers, from 1 July 2025: 69 communes and wards, no districts);
``--list 2025-01-04`` reads the three-tier list of 4 January 2025 instead, where
``--district 440`` (with or without ``--province``) loads one district (Đức Thọ). Codes
and names come from the official files in ``teams/data/places/`` (``teams.official_lists``),
never typed by hand. A place is matched by its list and code (codes are reused across
lists), so a second run updates what changed and creates nothing twice. Villages are in
no list: the commune enters them.
"""

import datetime
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from lib import page_cache
from teams import official_lists
from teams.models import Commune, District, PlaceList, Province


def split_type(name: str, division_type: str = "") -> tuple[str, str]:
    return official_lists.split_type(name, division_type)


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self):
        return f"{self.total} ({self.created} created, {self.updated} updated, {self.unchanged} unchanged)"


@dataclass
class PlacesLoaded:
    place_list: PlaceList
    province: Province
    district: District | None
    provinces: Tally = field(default_factory=Tally)
    districts: Tally = field(default_factory=Tally)
    communes: Tally = field(default_factory=Tally)

    def summary(self) -> str:
        scope = f"{self.province.full_name} ({self.province.code})"
        if self.district is not None:
            scope += f", {self.district.full_name} ({self.district.code})"
        lines = [f"{scope} from {self.place_list.name}:", f"  provinces: {self.provinces}"]
        if self.place_list.has_districts:
            lines.append(f"  districts: {self.districts}")
        lines.append(f"  communes:  {self.communes}")
        return "\n".join(lines)


def list_in_force(day: datetime.date) -> str:
    return next(key for key, e in official_lists.EDITIONS.items() if e.in_force_until is None or day < e.in_force_until)


def place_list(key: str) -> PlaceList:
    """The list's row, created or brought up to date from what the edition says of itself."""
    edition = official_lists.EDITIONS[key]
    values = {
        "name": edition.name,
        "in_force_from": edition.in_force_from,
        "in_force_until": edition.in_force_until,
        "has_districts": edition.has_districts,
        "source": edition.source,
    }
    row, created = PlaceList.objects.get_or_create(key=key, defaults=values)
    if not created and any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return row


def _select(key: str, *, province: int | None, district: int | None):
    """The province's entry and the districts to load, or a CommandError naming the bad code."""
    entries = official_lists.edition(key)
    name = official_lists.EDITIONS[key].name
    if district is not None:
        if not official_lists.EDITIONS[key].has_districts:
            raise CommandError(f"{name} has no districts: load a whole province with --province.")
        for entry in entries.values():
            for district_unit, communes in entry.districts:
                if district_unit.code == district:
                    if province is not None and entry.unit.code != province:
                        raise CommandError(
                            f"District {district} ({district_unit.name}) belongs to province "
                            f"{entry.unit.code} ({entry.unit.name}), not to {province}."
                        )
                    return entry, [(district_unit, communes)]
        raise CommandError(f"No district has code {district} in {name}.")
    if province in entries:
        return entries[province], list(entries[province].districts)
    raise CommandError(f"No province has code {province} in {name}.")


def _row(unit: official_lists.Unit, model: type[models.Model], **parents) -> dict:
    if unit.type_word not in model.Type.values:
        raise CommandError(f'{unit.name} ({unit.code}): "{unit.type_word}" is not a known {model.__name__} type.')
    return {"code": unit.code, "name": unit.name, "type_word": unit.type_word, **parents}


def _sync(model: type[models.Model], listed: PlaceList, rows: list[dict]) -> tuple[dict[int, models.Model], Tally]:
    """Create or update ``rows`` of one list by code in a few queries; return the rows by code and what changed."""
    tally = Tally()
    codes = [row["code"] for row in rows]
    in_list = model.objects.filter(place_list=listed)
    existing = {obj.code: obj for obj in in_list.filter(code__in=codes)}
    new, changed = [], []
    for row in rows:
        obj = existing.get(row["code"])
        if obj is None:
            new.append(model(place_list=listed, **row))
            tally.created += 1
            continue
        diff = {attname: value for attname, value in row.items() if getattr(obj, attname) != value}
        for attname, value in diff.items():
            setattr(obj, attname, value)
        if diff:
            changed.append(obj)
            tally.updated += 1
        else:
            tally.unchanged += 1
    model.objects.bulk_create(new)
    if changed:
        fields = [model._meta.get_field(attname).name for attname in rows[0] if attname != "code"]
        model.objects.bulk_update(changed, fields)
    return {obj.code: obj for obj in in_list.filter(code__in=codes)}, tally


@transaction.atomic
def load_places(
    *, province: int | None = None, district: int | None = None, list_key: str | None = None
) -> PlacesLoaded:
    """Load a whole province, or one district of it (three-tier list only), with all their communes."""
    if province is None and district is None:
        raise CommandError("Give --province CODE, --district CODE or both.")
    if list_key is None:
        # A district exists only in the three-tier list; a province, in the list in force today.
        list_key = official_lists.THREE_TIERS if district is not None else list_in_force(datetime.date.today())
    if list_key not in official_lists.EDITIONS:
        raise CommandError(f"No list {list_key}: the lists are {', '.join(official_lists.EDITIONS)}.")
    entry, district_entries = _select(list_key, province=province, district=district)
    listed = place_list(list_key)

    provinces, province_tally = _sync(Province, listed, [_row(entry.unit, Province)])
    province_obj = provinces[entry.unit.code]
    district_rows = [_row(unit, District, province_id=province_obj.pk) for unit, _ in district_entries if unit]
    districts, district_tally = _sync(District, listed, district_rows) if district_rows else ({}, Tally())
    commune_rows = [
        _row(unit, Commune, province_id=province_obj.pk, district_id=districts[d.code].pk if d else None)
        for d, communes in district_entries
        for unit in communes
    ]
    _, commune_tally = _sync(Commune, listed, commune_rows)
    page_cache.everything_changed()  # places were created and renamed in bulk, without signals
    return PlacesLoaded(
        place_list=listed,
        province=province_obj,
        district=districts[district] if district is not None else None,
        provinces=province_tally,
        districts=district_tally,
        communes=commune_tally,
    )


class Command(BaseCommand):
    help = (
        "Load provinces, districts and communes (codes, names, type words) from an official list of "
        "administrative units: a whole province (--province 42) from the list in force today, or, "
        "from the three-tier list of 4 January 2025 (--list 2025-01-04), one district (--district 440)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, help="Official code of the province, e.g. 42 (Hà Tĩnh).")
        parser.add_argument("--district", type=int, help="Official code of one district, e.g. 440 (Đức Thọ).")
        parser.add_argument(
            "--list",
            dest="list_key",
            choices=list(official_lists.EDITIONS),
            help="Which list: 2025-01-04 (three tiers, until 30 June 2025) or 2025-07-01 (two tiers).",
        )

    def handle(self, *args, province=None, district=None, list_key=None, **options):
        loaded = load_places(province=province, district=district, list_key=list_key)
        self.stdout.write(loaded.summary())
