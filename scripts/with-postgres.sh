#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: created under a temporary folder,
# listening on a free loopback port, and stopped and deleted at the end, even on failure.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
export PATH="$pg_bin:$PATH"
command -v initdb >/dev/null || { echo "initdb not found: install postgresql" >&2; exit 1; }

dir=$(mktemp -d /tmp/eminder-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: run it as the postgres user then.
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
  chown postgres:postgres "$dir"
else
  as_pg=()
fi

stop() {
  "${as_pg[@]}" pg_ctl -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_pg[@]}" initdb -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" pg_ctl -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
"${as_pg[@]}" createdb -h 127.0.0.1 -p "$port" -U postgres eminder
echo "PostgreSQL $("${as_pg[@]}" postgres --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $dir)"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/eminder"
"$@"
