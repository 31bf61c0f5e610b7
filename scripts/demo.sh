#!/usr/bin/env bash
# `make demo`: install, migrate SQLite, load reference and demo data, then serve the site with
# the task worker beside it until Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

make --no-print-directory .venv/bin/.installed
export DJANGO_DEBUG=1 DJANGO_HTTPS=0
py=.venv/bin/python

$py manage.py migrate --noinput --verbosity 0
echo "Loading reference data (NUTS regions, Eurostat statistics)…"
$py manage.py load_regions
$py manage.py load_statistics
$py manage.py collectstatic --noinput --verbosity 0
demo_logins=$($py manage.py load_demo)

$py manage.py db_worker --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM

echo
echo "$demo_logins"
echo
echo "e-MINDER demo: open http://127.0.0.1:8000 (Ctrl-C stops the server and the task worker)."
$py manage.py runserver 127.0.0.1:8000 --noreload
