# A throwaway PostgreSQL cluster for tests and benchmarks, owned by the postgres user when run as
# root. Source this file, then: pg_start DIR [postgres -c options…]; it exports PG_CONNECTION.
# pg_stop DIR stops the cluster (the caller removes DIR).

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

pg_start() { # dir [-c name=value …]
  local dir=$1 bin port
  shift
  bin=$(pg_bindir)
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  port=$(free_port)
  printf '==> PostgreSQL on 127.0.0.1:%s (%s)\n' "$port" "$dir" >&2
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $*" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  export PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

pg_stop() { # dir
  if [ -f "$1/data/postmaster.pid" ]; then
    as_pg "$(pg_bindir)/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}
