# Shared helpers for the scripts in this folder. Source it; do not run it.

# Installs Debian packages that are missing (as root, or through sudo when it is there).
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a throw-away PostgreSQL cluster on 127.0.0.1 with password authentication.
# Sets PG_DIR, PG_PORT and PG_URL; stop it with stop_postgres.
start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR=$(mktemp -d /tmp/otklik-pg.XXXXXX)
  PG_PORT=$(free_port)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  echo "otklik" > "$PG_DIR/pw"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR/pw"
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U otklik --pwfile="$PG_DIR/pw" --auth=scram-sha-256 \
    --locale=C.UTF-8 --encoding=UTF8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=300 -c fsync=off" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  PG_BIN=$bin
  PG_AS=("${as[@]}")
  PG_URL="postgres://otklik:otklik@127.0.0.1:$PG_PORT/postgres"
  echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# Starts a throw-away ClickHouse server (Debian's clickhouse-server) that listens on 127.0.0.1 only, on a free HTTP
# port, with its data and logs in a temporary folder, one user `default` reachable from loopback only and a random
# password. Sets CH_DIR, CH_PORT and CH_URL (http://default:PASSWORD@127.0.0.1:PORT); stop it with stop_clickhouse.
start_clickhouse() {
  CH_DIR=$(mktemp -d /tmp/otklik-ch.XXXXXX)
  CH_PORT=$(free_port)
  local tcp_port password
  tcp_port=$(free_port)
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  mkdir -p "$CH_DIR/data" "$CH_DIR/tmp" "$CH_DIR/log" "$CH_DIR/user_files" "$CH_DIR/format_schemas"
  cat > "$CH_DIR/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$CH_DIR/log/server.log</log><errorlog>$CH_DIR/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$CH_PORT</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$CH_DIR/data/</path>
  <tmp_path>$CH_DIR/tmp/</tmp_path>
  <user_files_path>$CH_DIR/user_files/</user_files_path>
  <format_schema_path>$CH_DIR/format_schemas/</format_schema_path>
  <users_config>$CH_DIR/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <timezone>UTC</timezone>
</yandex>
XML
  cat > "$CH_DIR/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password>$password</password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  chmod 600 "$CH_DIR/users.xml"
  /usr/sbin/clickhouse-server --config-file="$CH_DIR/config.xml" >"$CH_DIR/log/stdout.log" 2>&1 &
  CH_PID=$!
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$CH_PORT/ping" >/dev/null 2>&1 && break
    kill -0 "$CH_PID" 2>/dev/null || break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$CH_PORT/ping" >/dev/null 2>&1 || { cat "$CH_DIR/log/stdout.log" "$CH_DIR/log/error.log" >&2 2>/dev/null; return 1; }
  CH_URL="http://default:$password@127.0.0.1:$CH_PORT"
  echo "==> ClickHouse $(curl -fsS --data-binary 'SELECT version()' "http://default:$password@127.0.0.1:$CH_PORT/") on 127.0.0.1:$CH_PORT" >&2
}

stop_clickhouse() {
  [ -n "${CH_DIR:-}" ] || return 0
  if [ -n "${CH_PID:-}" ]; then
    kill "$CH_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$CH_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CH_PID" 2>/dev/null || true
  fi
  rm -rf "$CH_DIR"
  CH_DIR=""
  CH_PID=""
}

# Times `GET /api/v1/metrics?QUERY` on the server at 127.0.0.1:$PORT with the API key $KEY: prints the best of RUNS
# (default 3) whole HTTP requests in seconds and leaves the last answer's body in OUT. Fails when a request does.
api_metrics_best_of() {
  curl_best_of "http://127.0.0.1:$PORT/api/v1/metrics?$1" "$2" "${3:-3}" -f -H "Authorization: Bearer $KEY"
}

# curl_best_of URL OUT RUNS [curl option...]: the least of RUNS whole requests' seconds (a new connection each, as
# api_metrics_best_of); the last response's body goes to OUT.
curl_best_of() {
  local url=$1 out=$2 runs=$3 best="" t
  shift 3
  for _ in $(seq 1 "$runs"); do
    t=$(curl -sS -o "$out" -w "%{time_total}" "$@" "$url") || return 1
    best=$(python3 -c "print(min(float('$t'), float('${best:-1e9}')))")
  done
  echo "$best"
}

# The floor under a KPI's time in bench-requests and bench-calls, printed as one line: the server on $PORT answering
# a request that computes nothing (a 404 behind the API key's check), and Python's http.server answering a 404 to the
# same curl; best of RUNS (5) each. Python's server gets five seconds to start; if it has not, its curl fails.
http_floor_line() {
  local runs=${1:-5} ours theirs port pid empty
  ours=$(curl_best_of "http://127.0.0.1:$PORT/api/v1/no-such-route" /dev/null "$runs" -H "Authorization: Bearer $KEY")
  port=$(free_port)
  empty=$(mktemp -d)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$empty" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
  theirs=$(curl_best_of "http://127.0.0.1:$port/no-such-file" /dev/null "$runs")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rmdir "$empty"
  python3 -c "print(f'the floor: a request that computes nothing (a 404 behind the key check) {1000*$ours:.2f} ms; Python http.server\'s 404 to the same curl {1000*$theirs:.2f} ms (best of $runs each)')"
}

# Runs wrk with --latency and its arguments; prints "requests/s p50 p99 non-2xx" (bench-server, bench-p99-hold).
wrk_line() {
  wrk --latency "$@" 2>&1 | awk '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {printf "%s %s %s %s\n", rps, p50, p99, (bad ? bad : 0)}'
}

# Waits for an `otklik serve --demo` on 127.0.0.1:PORT whose standard error goes to LOG to answer /health and print its
# demo API key; exports OTKLIK_URL and OTKLIK_KEY (bench-p99-hold, bench-scoped-list).
wait_demo_server() {
  local port=$1 log=$2
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do sleep 0.1; done
  for _ in $(seq 1 50); do grep -q "Demo API key" "$log" && break; sleep 0.1; done
  OTKLIK_KEY=$(sed -n 's/.*Demo API key (shown once): \(.*\)/\1/p' "$log" | tail -1)
  OTKLIK_URL="http://127.0.0.1:$port"
  export OTKLIK_KEY OTKLIK_URL
}

# Posts about RECORDS new feedback to $OTKLIK_URL in batches of 1,000 from two posters at once
# (scripts/bench/post_batches.py), then waits for the change feed's consumers to reach the head.
grow_feedback() {
  local batches=$(( ($1 + 1999) / 2000 )) grower
  python3 scripts/bench/post_batches.py "$batches" >/dev/null &
  grower=$!
  python3 scripts/bench/post_batches.py "$batches" >/dev/null
  wait "$grower"
  python3 scripts/bench/wait_consumers.py 1800 >/dev/null
}
