"""Rules about where code may do what, read from the source itself.

Every write to people, teams and memberships goes through ``teams.services`` and saves
with ``save()``, so that the audit trail records it: a queryset ``update()`` bypasses both.
"""

import ast
from pathlib import Path

BASE = Path(__file__).resolve().parents[1]
APPS = ("tungAnh", "teams", "decisions", "reports", "joining", "documents", "accounts")
# Where a queryset update is the point: bulk loading of generated data or of the official
# list of places (reference data, not people or teams), and the migration helper that
# moves PDFs with the historical models.
ALLOWED = {
    "reports/management/commands/generate_scale_data.py",
    "teams/management/commands/load_places.py",
    "decisions/pdf_migration.py",
}
QUERYSET_WRITES = {"update", "bulk_update"}


def queryset_writes(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in QUERYSET_WRITES:
            continue
        target = node.func.value
        on_queryset = (
            isinstance(target, ast.Call)
            and isinstance(target.func, ast.Attribute)
            and target.func.attr in {"filter", "exclude", "all", "select_for_update", "none"}
        ) or (isinstance(target, ast.Attribute) and target.attr in {"objects", "_base_manager", "_default_manager"})
        if on_queryset:
            found.append(node.lineno)
    return found


def test_no_queryset_update_on_domain_rows_outside_the_services():
    offenders = []
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            relative = path.relative_to(BASE).as_posix()
            if "/migrations/" in relative or relative in ALLOWED:
                continue
            offenders += [f"{relative}:{line}" for line in queryset_writes(path)]
    assert offenders == [], "write through the services with save() instead: " + ", ".join(offenders)


def test_the_check_finds_a_queryset_update(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "Team.objects.filter(pk=1).update(status='active')\n"
        "Membership._base_manager.update(role='x')\n"
        "context.update(a=1)\n"
    )
    assert queryset_writes(sample) == [1, 2]
