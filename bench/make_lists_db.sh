#!/usr/bin/env bash
# The databases of bench/bench_lists.py (bench/README.md, « Listes : temps serveur »): the whole
# territorial referential, a national directory (35,000 organisations, 100,000 people), 5,000
# aids, and a search index of 40,000 documents. Once per database; bench_lists.py then measures.
#
#   bench/make_lists_db.sh postgres://postgres@127.0.0.1:5432/bench_perf   # dropped and created again
#   bench/make_lists_db.sh var/bench_lists.sqlite3                          # removed and created again
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${1:?une URL PostgreSQL ou un chemin de fichier SQLite}"
if [[ "$TARGET" == postgres://* ]]; then
  export DATABASE_URL="$TARGET"
  SQLITE=()
  .venv/bin/python - "${TARGET%/*}/postgres" "${TARGET##*/}" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    connection.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
else
  mkdir -p "$(dirname "$TARGET")"
  rm -f "$TARGET" "$TARGET-wal" "$TARGET-shm"
  export DATABASE_URL="sqlite:///$(realpath "$TARGET")"
  SQLITE=(--allow-sqlite)
fi
export DJANGO_SETTINGS_MODULE=maillage.settings.test
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_territories
.venv/bin/python bench/generate_directory.py "${SQLITE[@]}"
.venv/bin/python bench/generate_aids.py --aids 5000 "${SQLITE[@]}"
# The search index at the same volume (40,000 documents), written in bulk: `manage.py
# search_reindex organisation aid` indexes the real rows but one at a time (it had not finished
# after 50 minutes on the shared 2-core machine).
.venv/bin/python bench/generate_experiences.py --total 40000
if [[ "$TARGET" == postgres://* ]]; then
  # Fresh statistics and visibility map after the bulk writes (index-only scans, plans).
  .venv/bin/python - "$TARGET" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute("VACUUM ANALYZE")
PY
fi
