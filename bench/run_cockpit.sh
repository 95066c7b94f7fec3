#!/usr/bin/env bash
# The cockpit's bench in one command (bench/README-cockpit.md): a fresh PostgreSQL database, the
# whole territorial referential, a national directory, two years of activity, then the measures.
#
#   bench/run_cockpit.sh            # database cockpit_bench on 127.0.0.1:5432 (user postgres)
#   BENCH_DB=autre_base N=50 bench/run_cockpit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${BENCH_DB:-cockpit_bench}"
PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
export DATABASE_URL="$PG/$DB"
if [ "${KEEP:-}" != "1" ]; then
  .venv/bin/python - "$PG/postgres" "$DB" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    connection.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
  DJANGO_SETTINGS_MODULE=maillage.settings.dev .venv/bin/python manage.py migrate --noinput -v 0
  DJANGO_SETTINGS_MODULE=maillage.settings.dev .venv/bin/python manage.py load_territories
  .venv/bin/python bench/generate_directory.py
  .venv/bin/python bench/generate_activity.py
else
  DJANGO_SETTINGS_MODULE=maillage.settings.dev .venv/bin/python manage.py migrate --noinput -v 0
fi
.venv/bin/python bench/bench_cockpit.py -n "${N:-50}" --warmup "${WARMUP:-5}"
