"""Load provinces, districts and communes from the national list of administrative units.

``python manage.py load_places --province 42`` loads a whole province (Hà Tĩnh);
``--district 440`` (with or without ``--province``) one district (Đức Thọ). Codes and
names come from the ``vietnam-provinces`` package (0.6.0: the three-tier list in force
before July 2025), never typed by hand. Rows are matched by their official code, so a
second run updates what changed and creates nothing twice. Villages are in no list: the
commune enters them.
"""

import functools
import json
from dataclasses import dataclass, field
from importlib.metadata import version

import vietnam_provinces
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from lib.text import nfc
from teams.models import Commune, District, Province

# Every type word a place may carry, longest first so that "thị trấn" and "thị xã" are
# tried before any shorter word.
TYPE_WORDS = sorted({*Province.Type.values, *District.Type.values, *Commune.Type.values}, key=len, reverse=True)


def package_version() -> str:
    return version("vietnam-provinces")


def split_type(name: str, division_type: str) -> tuple[str, str]:
    """ "Thị trấn Đức Thọ" -> ("thị trấn", "Đức Thọ"): the type word as documents print it, and the name.

    The type word is read from the name's prefix, not from ``division_type``: the package
    gives "xã" to every unit of the lowest tier, townships (thị trấn) and wards (phường)
    included (e.g. "Thị trấn Đức Thọ", 18229). ``division_type`` is the fallback for a
    name without a known prefix.
    """
    name = " ".join(nfc(name).split())
    lowered = name.lower()
    for word in TYPE_WORDS:
        if lowered.startswith(f"{word} "):
            return word, name[len(word) + 1 :]
    return " ".join(nfc(division_type).lower().split()), name


@functools.cache
def divisions() -> list[dict]:
    """The package's nested list: provinces > districts > wards (communes)."""
    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as source:
        return json.load(source)


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
    province: Province
    district: District | None
    provinces: Tally = field(default_factory=Tally)
    districts: Tally = field(default_factory=Tally)
    communes: Tally = field(default_factory=Tally)

    def summary(self) -> str:
        scope = f"{self.province.full_name} ({self.province.code})"
        if self.district is not None:
            scope += f", {self.district.full_name} ({self.district.code})"
        return "\n".join(
            [
                f"{scope} from vietnam-provinces {package_version()}:",
                f"  provinces: {self.provinces}",
                f"  districts: {self.districts}",
                f"  communes:  {self.communes}",
            ]
        )


def _select(*, province: int | None, district: int | None) -> tuple[dict, list[dict]]:
    """The province's entry and the districts to load, or a CommandError naming the bad code."""
    if district is not None:
        for province_entry in divisions():
            for district_entry in province_entry["districts"]:
                if district_entry["code"] == district:
                    if province is not None and province_entry["code"] != province:
                        raise CommandError(
                            f"District {district} ({district_entry['name']}) belongs to province "
                            f"{province_entry['code']} ({province_entry['name']}), not to {province}."
                        )
                    return province_entry, [district_entry]
        raise CommandError(f"No district has code {district} in vietnam-provinces {package_version()}.")
    for province_entry in divisions():
        if province_entry["code"] == province:
            return province_entry, province_entry["districts"]
    raise CommandError(f"No province has code {province} in vietnam-provinces {package_version()}.")


def _row(entry: dict, model: type[models.Model], **parents) -> dict:
    type_word, name = split_type(entry["name"], entry["division_type"])
    if type_word not in model.Type.values:
        raise CommandError(f'{entry["name"]} ({entry["code"]}): "{type_word}" is not a known {model.__name__} type.')
    return {"code": entry["code"], "name": name, "type_word": type_word, **parents}


def _sync(model: type[models.Model], rows: list[dict]) -> tuple[dict[int, models.Model], Tally]:
    """Create or update ``rows`` by code in a few queries; return the rows by code and what changed."""
    tally = Tally()
    codes = [row["code"] for row in rows]
    existing = model.objects.in_bulk(codes, field_name="code")
    new, changed = [], []
    for row in rows:
        obj = existing.get(row["code"])
        if obj is None:
            new.append(model(**row))
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
    return model.objects.in_bulk(codes, field_name="code"), tally


@transaction.atomic
def load_places(*, province: int | None = None, district: int | None = None) -> PlacesLoaded:
    """Load a whole province, or one district of it, with all their communes."""
    if province is None and district is None:
        raise CommandError("Give --province CODE, --district CODE or both.")
    province_entry, district_entries = _select(province=province, district=district)

    provinces, province_tally = _sync(Province, [_row(province_entry, Province)])
    province_obj = provinces[province_entry["code"]]
    districts, district_tally = _sync(
        District, [_row(entry, District, province_id=province_obj.pk) for entry in district_entries]
    )
    commune_rows = [
        _row(ward, Commune, province_id=province_obj.pk, district_id=districts[entry["code"]].pk)
        for entry in district_entries
        for ward in entry["wards"]
    ]
    _, commune_tally = _sync(Commune, commune_rows)
    return PlacesLoaded(
        province=province_obj,
        district=districts[district] if district is not None else None,
        provinces=province_tally,
        districts=district_tally,
        communes=commune_tally,
    )


class Command(BaseCommand):
    help = (
        "Load provinces, districts and communes (codes, names, type words) from the vietnam-provinces "
        "package: a whole province (--province 42) or one district (--district 440)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, help="Official code of the province, e.g. 42 (Hà Tĩnh).")
        parser.add_argument("--district", type=int, help="Official code of one district, e.g. 440 (Đức Thọ).")

    def handle(self, *args, province=None, district=None, **options):
        loaded = load_places(province=province, district=district)
        self.stdout.write(loaded.summary())
