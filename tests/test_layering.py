"""Rules about where code may do what, read from the source itself.

Every write to people, teams and memberships goes through ``teams.services`` and saves
with ``save()``, so that the audit trail records it: a queryset ``update()`` bypasses both.
"""

import ast
from pathlib import Path

BASE = Path(__file__).resolve().parents[1]
APPS = ("lib", "tungAnh", "teams", "accounts", "documents", "decisions", "reports", "joining", "residents", "demo")
# Where a queryset update is the point: bulk loading of generated data or of the official
# list of places (reference data, not people or teams), a reform moving whole communes'
# rows at once with one audit entry each (teams.reforms, and the logins it moves in
# accounts), and the migration helper that moves PDFs with the historical models.
ALLOWED = {
    "demo/management/commands/generate_scale_data.py",
    "teams/management/commands/load_places.py",
    "teams/reforms.py",
    "accounts/receivers.py",
    "documents/pdf_migration.py",
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


# Floors, bottom to top: a module imports only its own app and the floors below it.
FLOORS = {
    "lib": 0,
    "teams": 1,
    "accounts": 2,
    "documents": 3,
    "decisions": 4,
    "joining": 5,
    "reports": 5,
    "residents": 5,
    "demo": 6,
    "tungAnh": 7,
}
# The pages of teams (its views and the selectors they read through) ask accounts.scoping
# who may see what, as every page does: they sit above accounts, the models below it.
PAGES_ABOVE_ACCOUNTS = {"teams/views.py", "teams/selectors.py"}


def imported_apps(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            apps.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            apps.update(alias.name.split(".")[0] for alias in node.names)
    return apps & FLOORS.keys()


def floor_of(relative: str) -> float:
    if relative in PAGES_ABOVE_ACCOUNTS:
        return FLOORS["accounts"] + 0.5
    return FLOORS[relative.split("/")[0]]


def test_each_floor_imports_only_the_floors_below_it():
    offenders = []
    for app in FLOORS:
        for path in sorted((BASE / app).rglob("*.py")):
            relative = path.relative_to(BASE).as_posix()
            if "/migrations/" in relative:
                continue
            own = relative.split("/")[0]
            for other in imported_apps(path) - {own}:
                if FLOORS[other] >= floor_of(relative):
                    offenders.append(f"{relative} imports {other}")
    assert offenders == [], "an import points up or sideways: " + ", ".join(offenders)


def test_the_floor_check_finds_an_upward_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from decisions.models import Decision\nimport lib.text\nfrom . import models\n")
    assert imported_apps(sample) == {"decisions", "lib"}
