# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# Two workers: the machines have two cores.
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the Vietnamese catalogue after changing user-facing strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale vi --no-obsolete --ignore '.venv/*' --ignore 'tests/*' --ignore 'benchmarks/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale vi --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles
