# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# Two workers: the machines have two cores.
PYTEST_ARGS ?= -n 2

.PHONY: install system-run system-test run serve test lint mutation messages clean

# System packages (WeasyPrint's libraries; for the tests also Chromium and gettext):
# installed when missing, with apt-get as root or through sudo (deploy/system-packages.sh).
system-run:
	sh deploy/system-packages.sh run

system-test:
	sh deploy/system-packages.sh test

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# What the browser tests inject into pages (axe-core, tests/browser/axe.py), from the npm
# registry at the versions package-lock.json pins; reinstalled when the lock file changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel error
	touch $@

run: system-run install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST)

# Production: DEBUG off, migrations, static files, gunicorn (deploy/gunicorn.conf.py).
# Needs SECRET_KEY (and DATABASE_URL, ALLOWED_HOSTS...) in the environment; see README.md.
serve: system-run install
	DEBUG=0 $(PY) manage.py migrate --no-input
	DEBUG=0 $(PY) manage.py collectstatic --no-input --verbosity 0
	DEBUG=0 exec $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py tungAnh.wsgi

test: system-test install
	$(PY) -m pytest $(PYTEST_ARGS)
# After system-test (which installs npm); without a browser (TUNGANH_NO_BROWSER=1) the
# browser tests are skipped and need no npm.
ifeq ($(TUNGANH_NO_BROWSER),)
test: node_modules/.installed
endif

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# Mutation testing of the state machine, numbering, rules, scoping and formatting
# (pyproject.toml [tool.mutmut], tests/mutation.py); hours on two cores, resumable. `mutmut results` lists survivors.
mutation: install
	$(VENV)/bin/mutmut run
	$(VENV)/bin/mutmut results

# Refresh the Vietnamese catalogue after changing user-facing strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale vi --no-obsolete --ignore '.venv/*' --ignore 'tests/*' --ignore 'benchmarks/*' --ignore 'staticfiles/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --locale vi --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) staticfiles node_modules
