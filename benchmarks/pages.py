"""Time the main pages on a national-size database; print p50, p95 and the query count of each.

Run from the project root against a database filled by ``generate_scale_data``::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tunganh_scale .venv/bin/python benchmarks/pages.py \\
        --compare postgres://postgres@127.0.0.1:5432/tunganh_scale_small

Each page is requested through ``django.test.Client`` (in process: server time, no network),
logged in with ``force_login`` as the generated district officer and as the commune clerk
(on data generated ``--with-reform``, the province pages as the province and the national
officer instead, for the years before and after the reform):
3 warm-up requests, then 30 timed ones, then one more inside ``CaptureQueriesContext`` for
the query count. ``--compare``
runs the same in a child process against a second (small) database and prints its counts
beside these ones: a page whose count differs between the two sizes has a query inside a
loop over rows. DEBUG stays on (the default of a local checkout), so the timings include
Django's query logging; production runs with it off.
Targets: dashboard pages p95 <= 50 ms (the province's too), the other pages (and the national
list of provinces) p95 <= 100 ms. The province's table and the national list are kept five
minutes (reports.dashboard_views): their timed requests reuse it, and the rows "counted afresh"
time the province's table with the cache emptied before each request, as its first reader
within five minutes finds it (no target: for the record). The province's exports (the whole
table as a file, counted afresh each time) are measured without a target too.

Every change list of the Django admin is measured too, logged in as the first active
superuser (``generate_scale_data`` makes none: without one the admin is skipped, with a
note); target p95 <= 300 ms.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["ALLOWED_HOSTS"] = ",".join(filter(None, [os.environ.get("ALLOWED_HOSTS", ""), "testserver"]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tungAnh.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402  (needs django.setup())
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from decisions.models import Decision  # noqa: E402
from demo.management.commands.generate_scale_data import (  # noqa: E402
    CLERK_USERNAME,
    DISTRICT_USERNAME,
    NATIONAL_USERNAME,
    PROVINCE_USERNAME,
)
from reports.models import ReportingPeriod  # noqa: E402
from teams.models import Team  # noqa: E402

WARM_UP = 3
RUNS = 30
DASHBOARD_TARGET_MS = 50
PAGE_TARGET_MS = 100
ADMIN_TARGET_MS = 300
# --only: measure only the pages whose label contains one of these (all when empty).
ONLY: list[str] = []


def wanted(label: str) -> bool:
    return not ONLY or any(part in label for part in ONLY)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 30 runs is the 29th fastest)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def pages(clerk) -> list[tuple[str, str, tuple]]:
    """(label, url name, args) of the pages to measure; the team, decision and period are the clerk's."""
    commune = clerk.official.commune
    team = Team.objects.filter(commune=commune, level=Team.Level.VILLAGE).order_by("pk").values_list("pk", flat=True)
    period = ReportingPeriod.objects.filter(commune=commune).order_by("year", "month").values_list("pk", flat=True)
    decision = Decision.objects.filter(commune=commune, status=Decision.Status.ISSUED).order_by("pk")
    team, period, decision = team.first(), period.first(), decision.values_list("pk", flat=True).first()
    listed = [
        ("home", "home", ()),
        ("villages", "teams:village_list", ()),
        ("people", "teams:person_list", ()),
        ("team", "teams:team_detail", (team,)),
        ("decisions", "decisions:list", ()),
        ("decision", "decisions:detail", (decision,)),
        ("register", "decisions:register", ()),
        ("report periods", "reports:period_list", ()),
        ("report period", "reports:period_detail", (period,)),
        ("dashboard district", "dashboard:district", ()),
        ("dashboard commune", "dashboard:commune", (commune.pk,)),
    ]
    # After the reform (``--with-reform``) the clerk's old commune may keep no team of its own.
    return [(label, name, args) for label, name, args in listed if None not in args]


def timed(
    url: str, user, *, label: str, login: str, target: int | None, query: dict | None = None, cold: bool = False
) -> dict | None:
    """p50, p95 (wall clock), the median CPU time of this process and the query count of
    ``url`` for ``user``; None for a page ``--only`` leaves out. ``cold``: the cache is
    emptied before each request (outside the timing), so nothing kept is reused."""
    if not wanted(label):
        return None
    client = Client()
    client.force_login(user)
    for _ in range(WARM_UP):
        status = client.get(url, query).status_code
    timings, cpu = [], []
    for _ in range(RUNS):
        if cold:
            cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, query)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, query)
    return {
        "page": label,
        "url": url,
        "login": login,
        "status": status,
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "cpu": statistics.median(cpu),
        "queries": len(queries),
        "target": target,
    }


def measure() -> list[dict]:
    users = get_user_model().objects.select_related("official__commune")
    officer, clerk = users.get(username=DISTRICT_USERNAME), users.get(username=CLERK_USERNAME)
    rows = []
    for label, name, args in pages(clerk):
        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            print(f"note: no URL named {name!r} here: {label} skipped", file=sys.stderr)
            continue
        target = DASHBOARD_TARGET_MS if name.startswith("dashboard:") else PAGE_TARGET_MS
        for login, user in (("district officer", officer), ("clerk", clerk)):
            rows.append(timed(url, user, label=label, login=login, target=target))
    return [row for row in rows + measure_province() + measure_admin() if row is not None]


def measure_province() -> list[dict]:
    """The province dashboard (its first province: two old provinces' communes) before and after
    the reform, its exports, and the national list; on data generated ``--with-reform`` only."""
    users = get_user_model().objects.select_related("official__province")
    province_officer = users.filter(username=PROVINCE_USERNAME).first()
    national = users.filter(username=NATIONAL_USERNAME).first()
    if province_officer is None or national is None:
        print("note: no province officer here (generate_scale_data --with-reform): province pages skipped")
        return []
    province = province_officer.official.province_id
    rows = []
    for year in (2023, 2025):
        for label, name in (
            ("dashboard province", "dashboard:province"),
            ("province xlsx", "dashboard:province_xlsx"),
            ("province csv", "dashboard:province_csv"),
        ):
            rows.append(
                timed(
                    reverse(name, args=(province,)),
                    province_officer,
                    label=f"{label} {year}",
                    login="province officer",
                    target=DASHBOARD_TARGET_MS if name == "dashboard:province" else None,
                    query={"year": year},
                )
            )
        # The table counted afresh, as the first reader within five minutes finds it.
        rows.append(
            timed(
                reverse("dashboard:province", args=(province,)),
                province_officer,
                label=f"province {year} afresh",
                login="province officer",
                target=None,
                query={"year": year},
                cold=True,
            )
        )
    rows.append(
        timed(
            reverse("dashboard:provinces"),
            national,
            label="provinces 2025",
            login="national officer",
            target=PAGE_TARGET_MS,
            query={"year": 2025},
        )
    )
    return rows


def measure_admin() -> list[dict]:
    """Every admin change list, as the superuser: the pages that list whole national tables."""
    from django.contrib import admin

    superuser = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if superuser is None:
        print("note: no active superuser here: the admin's change lists skipped", file=sys.stderr)
        return []
    client = Client()
    client.force_login(superuser)
    rows = []
    for model in admin.site._registry:
        if not wanted(f"admin {model._meta.model_name}"):
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for _ in range(WARM_UP):
            status = client.get(url).status_code
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append(
            {
                "page": f"admin {model._meta.model_name}",
                "url": url,
                "login": "superuser",
                "status": status,
                "p50": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                "cpu": None,
                "queries": len(queries),
                "target": ADMIN_TARGET_MS,
            }
        )
    return rows


def sizes() -> str:
    from reports.models import ReportValue
    from teams.models import Commune, Person

    return (
        f"{Commune.objects.count():,} communes, {Team.objects.count():,} teams, {Person.objects.count():,} people, "
        f"{Decision.objects.count():,} decisions, {ReportValue.objects.count():,} report values"
    )


def print_table(rows: list[dict], compare: dict | None) -> None:
    header = (
        f"{'page':<24} {'login':<17} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'target':>7} {'cpu ms':>7}"
        f" {'queries':>8}"
    )
    if compare is not None:
        header += f" {'small':>6}"
    print(header)
    print("-" * len(header))
    for row in rows:
        cpu = format(row["cpu"], ".1f") if row["cpu"] is not None else "-"
        if row["target"] is None:  # measured for the record, no target of its own
            target, verdict = "-", "" if row["status"] == 200 else "MISS"
        else:
            target = f"<={row['target']}"
            verdict = "ok" if row["p95"] <= row["target"] and row["status"] == 200 else "MISS"
        line = (
            f"{row['page']:<24} {row['login']:<17} {row['status']:>6} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{target:>5} {verdict:<4} {cpu:>7} {row['queries']:>5}"
        )
        if compare is not None:
            small = compare.get((row["page"], row["login"]))
            same = small == row["queries"]
            line += f" {small if small is not None else '-':>6}{'' if same else '  DIFFERS'}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="DATABASE_URL", help="a second (small) database to compare counts with")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (used by --compare)")
    parser.add_argument(
        "--only", action="append", default=[], metavar="TEXT", help="only the pages whose label has TEXT"
    )
    options = parser.parse_args()
    ONLY.extend(options.only)

    rows = measure()
    if options.json:
        print(json.dumps({"sizes": sizes(), "rows": rows}))
        return
    compare = None
    if options.compare:
        child = subprocess.run(
            [sys.executable, __file__, "--json", *(f"--only={part}" for part in options.only)],
            env={**os.environ, "DATABASE_URL": options.compare},
            capture_output=True,
            text=True,
            check=True,
        )
        small = json.loads(child.stdout)
        compare = {(row["page"], row["login"]): row["queries"] for row in small["rows"]}
    print(f"database: {connection.settings_dict['NAME']} ({sizes()})")
    print(f"{RUNS} timed requests per page and login after {WARM_UP} warm-ups; server time in process")
    if options.compare:
        print(f"small database: {small['sizes']}")
    print()
    print_table(rows, compare)
    if options.compare:
        print()
        print(f"small database, for the record ({small['sizes']}):")
        print_table(small["rows"], None)


if __name__ == "__main__":
    main()
