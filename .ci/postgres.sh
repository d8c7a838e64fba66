# Sourced by .ci/run: a throwaway PostgreSQL cluster for the store tests (test/store, docs/store.md).
# start_test_postgres initdb's a cluster in a temporary directory, starts it on 127.0.0.1 and exports
# LIENTHONG_TEST_PG_URL; the cluster is stopped and deleted when the run exits. PostgreSQL refuses to run as
# root, so as root it runs as the `postgres` user (Debian's package creates it) or `nobody`. If anything
# fails the run goes on without the variable, and the Postgres tests skip saying why.

LIENTHONG_PG_DIR=""
LIENTHONG_PG_BIN=""

_pg_as() { # run a command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$LIENTHONG_PG_OWNER" -- "$@"; else "$@"; fi
}

stop_test_postgres() {
  if [ -n "$LIENTHONG_PG_DIR" ] && [ -d "$LIENTHONG_PG_DIR/data" ]; then
    _pg_as "$LIENTHONG_PG_BIN/pg_ctl" -D "$LIENTHONG_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$LIENTHONG_PG_DIR" ]; then rm -rf "$LIENTHONG_PG_DIR"; fi
  LIENTHONG_PG_DIR=""
}

start_test_postgres() {
  local bin port
  # Debian keeps the server binaries off PATH, one directory per major version: take the newest.
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then bin=$(dirname "$(command -v initdb)"); fi
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "postgresql: no initdb/pg_ctl found; the PostgreSQL store tests will be skipped"
    return 0
  fi
  LIENTHONG_PG_BIN=$bin
  LIENTHONG_PG_OWNER=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then LIENTHONG_PG_OWNER=postgres; else LIENTHONG_PG_OWNER=nobody; fi
  fi
  LIENTHONG_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/lienthong-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then chown "$LIENTHONG_PG_OWNER" "$LIENTHONG_PG_DIR"; fi
  # A port few things use, varied so parallel runs on one machine rarely collide.
  port=$((20000 + RANDOM % 20000))
  # C.UTF-8: text compares byte-wise like SQLite's even outside the store's own COLLATE "C" columns.
  # fsync off: the cluster lives for one run; the emulator's own durability is tested on SQLite.
  if _pg_as "$bin/initdb" -D "$LIENTHONG_PG_DIR/data" -U lienthong --auth=trust -E UTF8 --locale=C.UTF-8 >"$LIENTHONG_PG_DIR/initdb.log" 2>&1 \
    && _pg_as "$bin/pg_ctl" -D "$LIENTHONG_PG_DIR/data" -l "$LIENTHONG_PG_DIR/server.log" -w -t 60 \
      -o "-p $port -k $LIENTHONG_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
    export LIENTHONG_TEST_PG_URL="postgres://lienthong@127.0.0.1:$port/postgres"
    echo "postgresql: test cluster running ($("$bin/postgres" --version), $LIENTHONG_TEST_PG_URL)"
  else
    echo "postgresql: could not start a test cluster; the PostgreSQL store tests will be skipped"
    tail -n 5 "$LIENTHONG_PG_DIR/initdb.log" "$LIENTHONG_PG_DIR/server.log" 2>/dev/null || true
    stop_test_postgres
  fi
}
