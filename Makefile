# Maillage — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

# Django 6.1 needs Python >= 3.12: take the first one found on PATH or in pyenv.
PYTHON_BOOT ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /usr/bin/python3.13 /usr/bin/python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL_TEST ?= redis://127.0.0.1:6379/0
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
# Type-checked strictly (pyproject.toml): all of core, and every app's services, selectors and perms.
MYPY_STRICT := apps/core $(filter-out apps/core/%,$(sort $(wildcard apps/*/services.py apps/*/selectors.py apps/*/perms.py)))

.PHONY: help install run serve worker test quality test-sqlite test-postgres test-prod browser-deps demo territories clean bench reliability relevance

help:
	@echo "make run   — installe, migre, charge territoires et réseau de démonstration, sert http://$(HOST):$(PORT)"
	@echo "make test  — qualité (ruff, djlint, migrations) + tests sur SQLite puis PostgreSQL + contrôle en conditions de production"

# A git worktree may share the main checkout's .venv and node_modules through symlinks: never
# reinstall through a link (`npm ci` empties the target directory other checkouts are using).
$(VENV)/.installed: requirements.lock
	@if [ -L $(VENV) ]; then echo "→ $(VENV) est un lien partagé : installation ignorée"; touch $@; exit 0; fi; \
	test -n "$(PYTHON_BOOT)" || { echo "Python >= 3.12 introuvable (installez python3.12 ou python3.13, ou pyenv)."; exit 1; }; \
	echo "→ Python : $(PYTHON_BOOT)"; \
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV); \
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock 2>&1 \
		| { grep -v 'is ignored: it is neither a file nor a directory' || true; }; \
	touch $@

node_modules/.installed: package-lock.json
	@if [ -L node_modules ]; then echo "→ node_modules est un lien partagé : installation ignorée"; touch $@; exit 0; fi; \
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	@mkdir -p var

territories: install
	$(MANAGE) load_territories

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_territories --if-empty
	$(MANAGE) load_demo
	$(MANAGE) search_reindex

# Links in the demo's e-mails point at the address actually served (PORT=8090 included).
run: export MAILLAGE_SITE_URL ?= http://$(HOST):$(PORT)
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@$(MANAGE) demo_logins
	@echo "→ http://$(HOST):$(PORT)/  (Ctrl+C pour arrêter le serveur et le worker)"
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) db_worker --queue-name default & \
	$(MANAGE) runserver $(HOST):$(PORT) --skip-checks

quality: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates apps --lint --quiet
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy $(MYPY_STRICT)
	DJANGO_SETTINGS_MODULE=maillage.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=maillage.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=maillage.settings.prod SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=maillage.example.org \
		DATABASE_URL=sqlite:///var/check.sqlite3 $(MANAGE) check --deploy --fail-level WARNING

# Debian packages: chromium drives the browser tests (Playwright must not download its own);
# pango/harfbuzz let WeasyPrint render the PDF booklets; poppler-utils checks them in tests.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
browser-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "→ apt-get install $$missing"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

test-sqlite: install browser-deps
	@echo "=== Tests sur SQLite ==="
	env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q

# Every test but the browser ones: those check rendering and accessibility, which do not depend on
# the database, and run on SQLite above; the browser runs on PostgreSQL in test-prod below. This
# keeps `make test` under 20 minutes on 2 cores.
test-postgres: install browser-deps
	@echo "=== Tests sur PostgreSQL ($(PG_URL), hors tests navigateur) ==="
	@if ! $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=5).close()" 2>/dev/null; then \
		if [ "$$CI" = "true" ]; then echo "PostgreSQL injoignable à $(PG_URL) : échec (CI=true)."; exit 1; \
		else echo "PostgreSQL injoignable à $(PG_URL) : tests PostgreSQL ignorés (hors CI)."; exit 0; fi; fi; \
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q -m "not browser"

# The site as deployed: production settings, collectstatic into a temporary STATIC_ROOT, DEBUG off,
# granian processes on PostgreSQL + Redis, checked in Chromium (tests/prod, marker `prodstack`).
test-prod: install browser-deps
	@echo "=== Contrôle en conditions de production (PostgreSQL + Redis + granian) ==="
	@for check in "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=5).close()|PostgreSQL injoignable à $(PG_URL)" \
		"import redis; redis.Redis.from_url('$(REDIS_URL_TEST)', socket_connect_timeout=5).ping()|Redis injoignable à $(REDIS_URL_TEST)"; do \
		if ! $(PY) -c "$${check%%|*}" 2>/dev/null; then \
			if [ "$$CI" = "true" ]; then echo "$${check##*|} : échec (CI=true)."; exit 1; \
			else echo "$${check##*|} : contrôle de production ignoré (hors CI)."; exit 0; fi; fi; done; \
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_URL_TEST) MAILLAGE_PROD_STACK=1 \
		$(VENV)/bin/pytest tests/prod -m prodstack -p no:xdist -q

test: quality test-sqlite test-postgres test-prod

# Load and fault campaign (docs/reliability.md): several minutes, run it on a quiet machine.
reliability: install
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_URL_TEST) $(PY) bench/reliability.py

# Relevance figures (nDCG@5, recall@10) of the test-owned corpus on both search backends.
relevance: install
	RELEVANCE_REPORT=1 env -u DATABASE_URL $(VENV)/bin/pytest tests/search/test_relevance_corpus.py -q -s -p no:cacheprovider -k figures
	RELEVANCE_REPORT=1 DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest tests/search/test_relevance_corpus.py -q -s -p no:cacheprovider -k figures

bench: install
	@echo "voir bench/README.md"

clean:
	rm -rf var/static var/check.sqlite3
