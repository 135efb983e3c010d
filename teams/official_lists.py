"""The official lists of administrative units, read from the files in ``teams/data/places/``.

Two editions are kept (see the folder's README for where they come from): the three-tier
list of 4 January 2025, the last before the reform, and the two-tier list in force from
1 July 2025, with the conversion table between them. This module only reads the files:
``load_places`` writes what it reads, and nothing here touches the database.
"""

import csv
import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lib.text import nfc

DATA = Path(__file__).resolve().parent / "data" / "places"
THREE_TIERS = "2025-01-04"
TWO_TIERS = "2025-07-01"
REFORM_DAY = datetime.date(2025, 7, 1)

# Every type word a place may carry, longest first so that "thị trấn" and "thị xã" are
# tried before any shorter word. "tp" is how a few headings of the 2025 list abbreviate it.
TYPE_WORDS = sorted(
    {"tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"}, key=len, reverse=True
)


@dataclass(frozen=True)
class Edition:
    """What a list says of itself: stored on its ``PlaceList`` row when it is loaded."""

    key: str
    name: str
    in_force_from: datetime.date | None
    in_force_until: datetime.date | None
    has_districts: bool
    source: str


SOURCE = (
    "Bảng danh mục đơn vị hành chính do Chính phủ công bố, theo bản lưu trong thư mục dev/seed-data/ "
    "của kho mã nguồn công khai VietnamProvinces (sunshine-tech); chỉ dùng dữ liệu (teams/data/places/README.md)."
)
EDITIONS = {
    THREE_TIERS: Edition(
        key=THREE_TIERS,
        name="Danh mục đơn vị hành chính ba cấp (bản ngày 04/01/2025)",
        in_force_from=None,
        in_force_until=REFORM_DAY,
        has_districts=True,
        source=SOURCE,
    ),
    TWO_TIERS: Edition(
        key=TWO_TIERS,
        name="Danh mục đơn vị hành chính hai cấp (từ ngày 01/7/2025)",
        in_force_from=REFORM_DAY,
        in_force_until=None,
        has_districts=False,
        source=SOURCE + " Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025.",
    ),
}


@dataclass(frozen=True)
class Unit:
    """One place as a list gives it: its code, the type word documents print, its name."""

    code: int
    type_word: str
    name: str


@dataclass(frozen=True)
class ProvinceEntry:
    unit: Unit
    # The districts and their communes; a two-tier list has one entry with no district.
    districts: tuple[tuple[Unit | None, tuple[Unit, ...]], ...]


def clean(text: str) -> str:
    return " ".join(nfc(text).split())


def split_type(name: str, fallback: str = "") -> tuple[str, str]:
    """ "Thị trấn Đức Thọ" -> ("thị trấn", "Đức Thọ"): the type word as documents print it, and the name.

    The type word is read from the name's prefix; ``fallback`` (the list's own column of
    tiers) serves for a name without a known prefix.
    """
    name = clean(name)
    lowered = name.lower()
    if lowered.startswith("tp "):
        return "thành phố", name[3:]
    for word in TYPE_WORDS:
        if lowered.startswith(f"{word} "):
            return word, name[len(word) + 1 :]
    return clean(fallback).lower(), name


def _rows(filename: str) -> Iterator[list[str]]:
    with open(DATA / filename, encoding="utf-8", newline="") as source:
        yield from csv.reader(source)


def _province_key(name: str) -> str:
    """ "TỈNH HÀ TĨNH", "Tỉnh Hà Tĩnh" and "Hà Tĩnh" are one province."""
    return split_type(name)[1].lower()


@functools.cache
def three_tiers() -> dict[int, ProvinceEntry]:
    """The list of 4 January 2025: province > district > commune, by province code."""
    provinces: dict[int, tuple[Unit, dict[int, tuple[Unit, list[Unit]]]]] = {}
    rows = _rows(f"communes-{THREE_TIERS}.csv")
    next(rows)  # the header
    for row in rows:
        province_name, province_code, district_name, district_code, commune_name, commune_code, tier = row[:7]
        province = Unit(int(province_code), *split_type(province_name))
        district = Unit(int(district_code), *split_type(district_name))
        _, districts = provinces.setdefault(province.code, (province, {}))
        _, communes = districts.setdefault(district.code, (district, []))
        if commune_code.strip():  # an island district without communes (Bạch Long Vĩ, Côn Đảo...) has none
            communes.append(Unit(int(commune_code), *split_type(commune_name, tier)))
    return {
        code: ProvinceEntry(province, tuple((district, tuple(communes)) for district, communes in districts.values()))
        for code, (province, districts) in provinces.items()
    }


@functools.cache
def two_tiers() -> dict[int, ProvinceEntry]:
    """The list from 1 July 2025: province > commune, by province code.

    The communes file names no province code: each commune follows the heading line of its
    province (first field empty), whose name matches the provinces file.
    """
    provinces: dict[str, Unit] = {}
    for code, name in _rows(f"provinces-{TWO_TIERS}.csv"):
        type_word, bare = split_type(name)
        provinces[_province_key(name)] = Unit(int(code), type_word if type_word == "thành phố" else "tỉnh", bare)
    communes: dict[int, list[Unit]] = {}
    current: Unit | None = None
    for row in _rows(f"communes-{TWO_TIERS}.csv"):
        code, name = row[0].strip(), row[1]
        if not code:
            current = provinces[_province_key(name)]
            communes[current.code] = []
            continue
        communes[current.code].append(Unit(int(code), *split_type(name)))
    return {
        province.code: ProvinceEntry(province, ((None, tuple(communes.get(province.code, ()))),))
        for province in provinces.values()
    }


def edition(key: str) -> dict[int, ProvinceEntry]:
    return {THREE_TIERS: three_tiers, TWO_TIERS: two_tiers}[key]()


@dataclass(frozen=True)
class Conversion:
    """One line of the conversion table: a new commune formed from (part of) an old one."""

    line: int  # in the file, for error messages
    province: int  # new
    commune: Unit  # new
    predecessor: Unit
    whole: bool
    old_district: int | None
    old_province: int | None


_CODE_IN_BRACKETS = re.compile(r"\((\d+)\)\s*$")


def _code_in_brackets(text: str) -> int | None:
    found = _CODE_IN_BRACKETS.search(text.strip())
    return int(found.group(1)) if found else None


@functools.cache
def conversions() -> tuple[Conversion, ...]:
    """The conversion table of 1 July 2025 ("Nhập toàn bộ": whole; "Nhập một phần ...": part)."""
    found = []
    for line, row in enumerate(_rows(f"conversion-{TWO_TIERS}.csv"), start=1):
        province_text, new_name, new_code, old_name, old_code, note, old_district, old_province = (row + [""] * 8)[:8]
        if not new_code.strip().isdigit() or not old_code.strip().isdigit():
            continue  # the two header lines and the province headings
        found.append(
            Conversion(
                line=line,
                province=_code_in_brackets(province_text),
                commune=Unit(int(new_code), *split_type(new_name)),
                predecessor=Unit(int(old_code), *split_type(old_name)),
                whole=clean(note).lower().startswith("nhập toàn bộ"),
                old_district=_code_in_brackets(old_district),
                old_province=_code_in_brackets(old_province),
            )
        )
    return tuple(found)
