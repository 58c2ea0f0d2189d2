# healthcms: `make run` sets everything up and serves the demo site; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDRESS ?= 127.0.0.1:8000

.PHONY: run serve test setup check-deploy lint

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "healthcms needs Python 3.11 or newer; run with PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# The Nu Html Checker (npm's vnu-jar, run with Java) for tests/test_html_validity.py. Its install
# script only downloads a Java, hence --ignore-scripts. Without npm the test is skipped (fails in CI).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validity test will be skipped"; fi

run: setup
	DEBUG=on $(BIN)/python manage.py migrate --no-input
	DEBUG=on $(BIN)/python manage.py load_demo
	@echo "healthcms is starting at http://$(ADDRESS)/ (admin: http://$(ADDRESS)/admin/)"
	DEBUG=on SITE_URL="$${SITE_URL:-http://$(ADDRESS)}" $(BIN)/python manage.py runserver $(ADDRESS)

# As production runs it: gunicorn (gunicorn.conf.py), DEBUG off, static files from WhiteNoise with hashed,
# compressed, long-cached names, and a task worker beside it (renditions, emails, purges); a signal to make, its
# shell or the whole group stops both.
# Needs SECRET_KEY (and ALLOWED_HOSTS beyond localhost); DATABASE_URL for PostgreSQL.
serve: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "healthcms is serving at http://$(ADDRESS)/, with a task worker"
	$(BIN)/python manage.py db_worker & worker=$$!; \
		$(BIN)/gunicorn --config gunicorn.conf.py --bind $(ADDRESS) healthcms.wsgi & server=$$!; \
		trap 'kill $$worker $$server 2>/dev/null' EXIT INT TERM HUP; \
		wait $$server

test: setup node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# `manage.py check --deploy` with the environment's (production) settings; fails on any warning.
check-deploy: setup
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# ruff's lint rules (pyproject.toml) and its formatting; CI fails on either.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
