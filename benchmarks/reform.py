"""Time the 2025 reform applied to the whole country, as ``apply_reform`` applies it.

Loads the official three-tier list of every province, fills each old commune with villages,
people, a commune team and village teams with their seats (in bulk, the way a country of
communes using tungAnh would look), loads the two-tier list, then applies the conversion to
every new province and prints how long that took: the issue's target is at most 60 s on
PostgreSQL. Run against an empty database (it is migrated first)::

    createdb tunganh_reform
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tunganh_reform .venv/bin/python benchmarks/reform.py

``--villages`` and ``--people`` set the size per old commune (defaults: 5 villages, 2 of
them with a team, and 20 people). Printed with the load average: machines differ about 2x.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tungAnh.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from teams import official_lists, reforms  # noqa: E402
from teams.management.commands.load_places import load_places  # noqa: E402
from teams.models import Commune, Membership, Person, PlaceList, Team, Village  # noqa: E402

DAY = datetime.date(2022, 10, 4)
BATCH = 5000


def fill(villages_per_commune: int, people_per_commune: int) -> dict[str, int]:
    """Villages, people, teams and seats for every old commune, written in bulk."""
    old = PlaceList.objects.get(key=official_lists.THREE_TIERS)
    communes = list(Commune.objects.filter(place_list=old).values_list("pk", flat=True))
    Village.objects.bulk_create(
        # Named apart per old commune: the reform refuses two villages of one name meeting in a
        # new commune (rename one first), which real lists would have to settle beforehand.
        (Village(commune_id=c, name=f"{n} ({c})") for c in communes for n in range(1, villages_per_commune + 1)),
        batch_size=BATCH,
    )
    villages: dict[int, list[int]] = {}
    for pk, commune in Village.objects.filter(commune__place_list=old).values_list("pk", "commune_id"):
        villages.setdefault(commune, []).append(pk)
    Person.objects.bulk_create(
        (
            Person(
                commune_id=c,
                village_id=villages[c][n % villages_per_commune],
                full_name=f"Người {n}",
                search_name=f"nguoi {n}",
                gender=Person.Gender.MALE,
                birth_year=1980,
            )
            for c in communes
            for n in range(people_per_commune)
        ),
        batch_size=BATCH,
    )
    teams = [Team(commune_id=c, level="commune", status="active", established_on=DAY) for c in communes]
    teams += [
        Team(commune_id=c, village_id=v, level="village", status="active", established_on=DAY)
        for c in communes
        for v in villages[c][:2]
    ]
    Team.objects.bulk_create(teams, batch_size=BATCH)
    people: dict[int, list[int]] = {}
    for pk, commune in Person.objects.filter(commune__place_list=old).values_list("pk", "commune_id"):
        people.setdefault(commune, []).append(pk)
    seats = []
    for team in Team.objects.filter(commune__place_list=old).values("pk", "commune_id", "village_id"):
        pool = people[team["commune_id"]]
        offset = 0 if team["village_id"] is None else 3 * (1 + villages[team["commune_id"]].index(team["village_id"]))
        for seat, role in enumerate(("leader", "deputy", "member"), start=1):
            seats.append(
                Membership(
                    team_id=team["pk"],
                    person_id=pool[offset + seat - 1],
                    role=role,
                    position="",
                    seat=seat,
                    start_date=DAY,
                )
            )
    Membership.objects.bulk_create(seats, batch_size=BATCH)
    return {
        "old communes": len(communes),
        "villages": sum(len(v) for v in villages.values()),
        "people": sum(len(p) for p in people.values()),
        "teams": len(teams),
        "seats": len(seats),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=5)
    parser.add_argument("--people", type=int, default=20)
    options = parser.parse_args()
    if options.people < 3 * 3:
        parser.error("--people must leave room for three teams of three (at least 9)")

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    for code in sorted(official_lists.three_tiers()):
        load_places(province=code, list_key=official_lists.THREE_TIERS)
    with transaction.atomic():
        sizes = fill(options.villages, options.people)
    for code in sorted(official_lists.two_tiers()):
        load_places(province=code, list_key=official_lists.TWO_TIERS)
    prepared = time.perf_counter() - started

    times, refused = {}, {}
    counts = {"villages": 0, "people": 0, "teams": 0, "villages_to_assign": 0, "memberships_ended": 0}
    started = time.perf_counter()
    for code in sorted(official_lists.two_tiers()):
        start = time.perf_counter()
        try:
            with transaction.atomic():
                applied = reforms.apply_reform(province=code, legal_basis=f"Nghị quyết sắp xếp (tỉnh {code})")
        except reforms.ReformRefused as exc:
            # The official tables disagree for some provinces (a conversion row naming a code the
            # new list gives another commune): the reform stops there, writing nothing, as it must.
            refused[code] = " ".join(exc.messages)
            continue
        finally:
            times[code] = time.perf_counter() - start
        for key in counts:
            counts[key] += applied.counts[key]
    total = time.perf_counter() - started

    slowest = max(times, key=times.get)
    print(f"database: {connection.vendor}; load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("before: " + ", ".join(f"{value:,} {name}" for name, value in sizes.items()))
    print(f"prepared in {prepared:.1f} s (lists loaded, communes filled)")
    print(
        f"apply_reform for {len(times)} provinces: {total:.1f} s in all (target 60 s); "
        f"slowest province {slowest}: {times[slowest]:.2f} s"
    )
    print("moved: " + ", ".join(f"{value:,} {name.replace('_', ' ')}" for name, value in counts.items()))
    print(f"applied to {len(times) - len(refused)} provinces; refused, nothing written, for {len(refused)}:")
    for code, reason in refused.items():
        print(f"  {code}: {reason}")


if __name__ == "__main__":
    main()
