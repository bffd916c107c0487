# shellcheck shell=bash
# A throwaway PostgreSQL cluster for tests and benchmarks: initdb into $PGROOT, start on $PGPORT without
# systemd, with a login role "schoolmis" (password "schoolmis", CREATEDB). Source this file, then pg_start/pg_stop.
PGROOT=${PGROOT:-$PWD/.pg}
PGPORT=${PGPORT:-55432}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else sudo -u postgres bash -c "$*"; fi
}

pg_stop() {
  local bin; bin=$(pg_bin)
  [ -f "$PGROOT/data/postmaster.pid" ] && pg_as_postgres "$bin/pg_ctl -D $PGROOT/data -m fast -w stop" >/dev/null 2>&1 || true
}

pg_start() {
  local bin; bin=$(pg_bin)
  pg_stop
  rm -rf "$PGROOT"; mkdir -p "$PGROOT"
  chown postgres:postgres "$PGROOT" 2>/dev/null || sudo chown postgres:postgres "$PGROOT"
  chmod o+x "$(dirname "$PGROOT")"
  pg_as_postgres "$bin/initdb -D $PGROOT/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >"$PGROOT/../.pg-initdb.log"
  # fsync off: a test cluster thrown away after the run; never do this to real data.
  pg_as_postgres "$bin/pg_ctl -D $PGROOT/data -l $PGROOT/server.log -w -t 30 -o \"-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
  psql -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE ROLE schoolmis LOGIN PASSWORD 'schoolmis' CREATEDB"
}
