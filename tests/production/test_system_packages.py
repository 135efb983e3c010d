"""deploy/system-packages.sh: what make run and make test install, and how they ask for it.

The script runs against stand-ins for dpkg-query, id, sudo, apt-get and npm on a PATH that
holds nothing else: they say what is installed and record what would be run.
"""

import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "system-packages.sh"


def stand_in(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A Debian machine on which only ``installed`` packages are there."""

    def make(installed: set[str], *, uid: int = 0, sudo: bool = False, npm: bool = True):
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        log = tmp_path / "log"
        cases = " ".join(installed) or "none"
        stand_in(
            bin_dir,
            "dpkg-query",
            "eval asked=\\${$#}; "
            f'for p in {cases}; do [ "$p" = "$asked" ] && {{ printf "install ok installed"; exit 0; }}; done; exit 1',
        )
        stand_in(bin_dir, "id", f"echo {uid}")
        stand_in(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')
        if sudo:
            stand_in(bin_dir, "sudo", f'[ "$1" = "-n" ] && exit 0; echo "sudo $*" >> {log}; "$@"')
        stand_in(bin_dir, "python3", "exit 0")  # has venv and ensurepip
        if npm:  # Node.js with its npm, from whatever source
            stand_in(bin_dir, "npm", "exit 0")

        def run(purpose: str, **env):
            environment = {"PATH": str(bin_dir), **env}
            result = subprocess.run(["/bin/sh", str(SCRIPT), purpose], env=environment, capture_output=True, text=True)
            result.log = log.read_text() if log.exists() else ""
            return result

        return run

    return make


RUN = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"}
TEST = RUN | {"gettext", "softhsm2", "redis-server", "chromium"}


def test_nothing_is_done_when_everything_is_there(machine):
    result = machine(TEST)("test")
    assert (result.returncode, result.stdout, result.stderr, result.log) == (0, "", "", "")


def test_root_installs_what_is_missing_and_only_that(machine):
    result = machine(RUN | {"gettext", "softhsm2", "redis-server"})("test")
    assert result.returncode == 0
    assert "apt-get update -qq" in result.log
    assert result.log.endswith("apt-get install -y --no-install-recommends chromium -qq\n")


def test_the_application_alone_needs_no_browser(machine):
    result = machine(RUN)("run")
    assert (result.returncode, result.log) == (0, "")


def test_a_user_with_sudo_installs_through_sudo(machine):
    result = machine(RUN, uid=1000, sudo=True)("test")
    assert result.returncode == 0
    assert "sudo apt-get install -y --no-install-recommends gettext softhsm2 redis-server chromium -qq\n" in result.log


def test_a_user_without_sudo_is_told_the_exact_command(machine):
    result = machine(set(), uid=1000)("run")
    assert result.returncode == 1 and result.log == ""
    assert (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in result.stderr
    )


def test_no_browser_leaves_chromium_out(machine):
    result = machine(RUN | {"gettext", "softhsm2", "redis-server"})("test", TUNGANH_NO_BROWSER="1")
    assert (result.returncode, result.log) == (0, "")


def test_without_npm_the_tests_get_node_and_npm_for_axe_core(machine):
    result = machine(TEST, npm=False)("test")
    assert result.returncode == 0
    assert result.log.endswith("apt-get install -y --no-install-recommends nodejs npm -qq\n")


def test_an_npm_already_there_is_kept(machine):
    """Node.js from elsewhere bundles npm; Debian's npm package would fight it."""
    assert machine(TEST, npm=True)("test").log == ""


def test_no_browser_needs_no_npm(machine):
    result = machine(RUN | {"gettext", "softhsm2", "redis-server"}, npm=False)("test", TUNGANH_NO_BROWSER="1")
    assert (result.returncode, result.log) == (0, "")


def test_the_application_alone_needs_no_npm(machine):
    assert machine(RUN, npm=False)("run").log == ""


def test_on_postgresql_the_tests_get_its_client_for_the_backup_test(machine):
    result = machine(TEST)("test", DATABASE_URL="postgres://postgres@127.0.0.1/x")
    assert "install -y --no-install-recommends postgresql-client -qq\n" in result.log
