"""Time the decision PDF: 2 warm-up renders, then 20 timed ones; print median, p95 and memory.

Run from the project root: ``.venv/bin/python benchmarks/render_decision.py``. It loads the
demo (``load_demo``) into a throwaway SQLite database and renders decision 171/QĐ-UBND of
Tùng Ảnh (two A4 pages) from its stored snapshot, exactly as issuance renders it.
Target: a median of 100 ms or less on a 2-core machine.
"""

import math
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from io import StringIO
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_database = Path(tempfile.mkdtemp()) / "benchmark.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_database}"
os.environ["DEBUG"] = "1"  # load_demo sets known passwords only with DEBUG on
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tungAnh.settings")
django.setup()

from django.core.management import call_command  # noqa: E402  (needs django.setup())

from decisions.documents import decision_document  # noqa: E402
from decisions.models import Decision  # noqa: E402
from documents import rendering  # noqa: E402

TEMPLATE = "documents/decision.html"
WARM_UP = 2
RUNS = 20


def sample_document() -> dict:
    """Decision 171/QĐ-UBND as the demo stores it (its snapshot)."""
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    return decision_document(Decision.objects.get(year=2022, number=171))


# ----------------------------------------------------------------------------------------------
# The measurement: independent of where the document comes from.


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 runs is the 19th fastest)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def main() -> None:
    document = sample_document()
    first = time.perf_counter()
    pdf = rendering.document_pdf(TEMPLATE, document)
    first_ms = (time.perf_counter() - first) * 1000
    for _ in range(WARM_UP - 1):
        rendering.document_pdf(TEMPLATE, document)

    timings, cpu_timings = [], []
    for _ in range(RUNS):
        start, cpu_start = time.perf_counter(), time.process_time()
        rendering.document_pdf(TEMPLATE, document)
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)

    # Measured apart from the timings: tracemalloc slows every allocation down several times.
    tracemalloc.start()
    rendering.document_pdf(TEMPLATE, document)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    print(f"decision PDF, {len(pdf) / 1024:.1f} KiB; {RUNS} warm renders after {WARM_UP} warm-up renders")
    print(f"first render (cold: stylesheet and fonts): {first_ms:.1f} ms")
    print(f"median:  {statistics.median(timings):.1f} ms")
    print(f"p95:     {percentile(timings, 0.95):.1f} ms")
    print(f"min/max: {min(timings):.1f} / {max(timings):.1f} ms")
    print(f"CPU time median: {statistics.median(cpu_timings):.1f} ms (less sensitive to other load on the machine)")
    print(f"tracemalloc peak of one render (Python allocations): {traced_peak / 2**20:.1f} MiB")
    print(f"ru_maxrss (whole process): {max_rss_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(_database.parent, ignore_errors=True)
