"""Time a team's public page; print p50 and p95 in ms and its weight in KB, beside /healthz.

Run from the project root, against any migrated database with at least one active team
(a database filled by ``generate_scale_data``, or the demo), with the production cache::

    REDIS_URL=redis://127.0.0.1:6379/1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/tunganh_scale \\
        .venv/bin/python benchmarks/public_page.py

Without REDIS_URL the local-memory cache (the embedded default) is measured. The page is
the first published one; where none is, the first active village team's page is published
inside a transaction that is rolled back at the end (the database is left as it was), and
three of its members are given consent to publish their phone, so that the page carries
its usual weight. Each URL is requested through ``django.test.Client`` (in process: server
time, no network): 20 warm-up requests, then 300 timed ones. /healthz, timed the same way in
the same run, is the floor: what any request costs on this machine at this moment.
Also printed: the page rendered afresh (cache invalidated before each request).
Targets: public page p95 <= 20 ms, weight <= 30 KB (its style is inline: no other file).
"""

import datetime
import math
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["ALLOWED_HOSTS"] = ",".join(filter(None, [os.environ.get("ALLOWED_HOSTS", ""), "testserver"]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tungAnh.settings")
django.setup()

from django.conf import settings  # noqa: E402  (needs django.setup())
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from residents import cache  # noqa: E402
from residents.models import ConsentRecord, PublicPage  # noqa: E402
from teams.models import Team  # noqa: E402

WARM_UP = 20
RUNS = 300
TARGET_MS = 20
TARGET_KB = 30


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def timed(url: str, *, before=None) -> dict:
    client = Client()
    for _ in range(WARM_UP):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(RUNS):
        if before:
            before()
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    if before:
        before()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "kb": len(response.content) / 1024,
        "queries": len(queries),
    }


def a_page() -> PublicPage:
    page = PublicPage.objects.select_related("team").filter(team__status=Team.Status.ACTIVE).first()
    if page is not None:
        return page
    team = Team.objects.filter(status=Team.Status.ACTIVE, level=Team.Level.VILLAGE).order_by("pk").first()
    if team is None:
        sys.exit("No active village team in this database: load the demo or generate_scale_data first.")
    user = get_user_model().objects.order_by("pk").first() or get_user_model().objects.create(username="bench")
    page = PublicPage.objects.create(team=team, slug="benchmark-page-0000000", created_by=user)
    for membership in team.active_memberships().select_related("person"):
        person = membership.person
        if not person.phone:
            person.phone = f"09120{person.pk % 100000:05d}"
            person.save()
        ConsentRecord(
            person=person,
            subject="phone",
            action="given",
            on=datetime.date(2026, 1, 5),
            method="in_person",
            phone=person.phone,
            recorded_by=user,
        ).save()
    return page


def main() -> None:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"database: {connection.vendor}, cache: {backend}, load average: {os.getloadavg()}")
    with transaction.atomic():
        page = a_page()
        url = reverse("public:page", args=[page.slug])
        rows = [
            ("healthz", timed(reverse("healthz"))),
            ("public page (cached)", timed(url)),
            ("public page (rendered afresh)", timed(url, before=lambda: cache.invalidate(page.team.commune_id))),
        ]
        transaction.set_rollback(True)
    cache.invalidate(page.team.commune_id)  # nothing rendered from the rolled-back rows stays served
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'KB':>7} {'queries':>8}")
    for label, row in rows:
        print(f"{label:32} {row['p50']:8.2f} {row['p95']:8.2f} {row['kb']:7.1f} {row['queries']:8d}")
    cached = rows[1][1]
    ok = cached["p95"] <= TARGET_MS and cached["kb"] <= TARGET_KB
    print(
        f"target: p95 <= {TARGET_MS} ms and <= {TARGET_KB} KB: {'met' if ok else 'NOT met'} "
        f"(p95 {cached['p95']:.2f} ms, {cached['kb']:.1f} KB; /healthz p95 {rows[0][1]['p95']:.2f} ms); "
        f"load average after: {os.getloadavg()}"
    )


if __name__ == "__main__":
    main()
