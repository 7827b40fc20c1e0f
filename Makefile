# Two commands: `make run` (set up and serve the demo) and `make test` (the whole suite).
VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app vms
STAMP  := $(VENV)/.installed
CATALOG := vms/translations/es/LC_MESSAGES

.PHONY: run test bench lint translations extract-messages setup clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) translations

# Compiled catalogues are build products: made from the .po files by every set-up.
translations: $(STAMP)
	$(VENV)/bin/pybabel compile -d vms/translations

run: setup
	VMS_ENV=development $(FLASK) db upgrade
	VMS_ENV=development $(FLASK) demo
	@echo "Serving http://127.0.0.1:5000 with the scheduler beside it (Ctrl-C stops both)"
	@# Two processes, one command: the scheduler (reminders, email delivery) in the background,
	@# the web server in the foreground; when the server ends, for whatever reason, so does it.
	export VMS_ENV=development VMS_MAIL_BACKEND='"log"'; \
	$(FLASK) scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

test: setup
	$(VENV)/bin/pytest

bench: setup
	@if ls bench/*.py >/dev/null 2>&1; then for b in bench/*.py; do $(PY) $$b; done; \
	else echo "No benchmarks yet: later issues add them under bench/."; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check vms tests
	$(VENV)/bin/ruff format --check vms tests

# After changing user-facing strings: extract, merge into the Spanish catalogue, translate.
extract-messages: $(STAMP)
	# --ignore-dirs: Babel skips folders starting with _ by default, and templates/_partials and
	# _macros hold strings too.
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l --ignore-dirs='.*' -o vms/translations/messages.pot .
	$(VENV)/bin/pybabel update -i vms/translations/messages.pot -d vms/translations

clean:
	rm -rf $(VENV) instance/vms.sqlite3*
