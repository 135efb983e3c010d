#!/bin/sh
# The Debian/Ubuntu packages tungAnh needs, installed when missing (make run, make test,
# make serve and .ci/run call this). Does nothing when all are present; installs them with
# apt-get as root or through sudo; otherwise stops and prints the exact command to run.
#
#   deploy/system-packages.sh run    what the application needs (WeasyPrint's libraries)
#   deploy/system-packages.sh test   the same, plus what the tests need (Chromium, Node.js and npm,
#                                    gettext, SoftHSM2, redis-server)
#
# TUNGANH_NO_BROWSER=1 leaves Chromium out (the browser tests are then skipped, and say so).
set -eu

purpose="${1:-run}"
# WeasyPrint draws text with Pango; HarfBuzz's subsetter makes fonts in PDFs small and fast.
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# A fresh Debian's python3 has no venv or pip until python3-venv is installed.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  packages="$packages python3-venv"
fi
case "$purpose" in
  run) ;;
  test)
    # gettext: the catalogue test runs makemessages; Chromium: the browser tests.
    packages="$packages gettext"
    # SoftHSM2: the PKCS#11 token the signing tests sign on (tests/signing/test_pkcs11.py).
    packages="$packages softhsm2"
    # redis-server: the production tests give their gunicorn a Redis of its own, as production.
    packages="$packages redis-server"
    if [ -z "${TUNGANH_NO_BROWSER:-}" ]; then
      packages="$packages chromium"
      # npm installs axe-core, which the browser tests run in every page (package.json).
      # A machine that has npm already (Node.js from elsewhere, whose package bundles it)
      # keeps it: Debian's npm would fight that Node.js.
      if ! command -v npm >/dev/null 2>&1; then
        packages="$packages nodejs npm"
      fi
    fi
    # The backup test dumps and restores with pg_dump and pg_restore when run on PostgreSQL.
    case "${DATABASE_URL:-}" in
      postgres*) packages="$packages postgresql-client" ;;
    esac
    ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian or Ubuntu machine; make sure these are installed: $packages" >&2
  exit 0
fi

missing=""
for package in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  case "$status" in
    *" installed") ;;
    *) missing="$missing $package" ;;
  esac
done
[ -z "$missing" ] && exit 0

install="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "system-packages: missing:$missing" >&2
  echo "Run this once, as root, then try again:" >&2
  echo "  sudo apt-get update && sudo $install" >&2
  exit 1
fi
echo "system-packages: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo $install -qq >/dev/null
