#!/usr/bin/env bash
# Where a request's CPU goes, and how many SQL statements it costs: the HTTP-server jar on a small data set, a Java
# Flight Recording (JFR, settings=profile) over wrk load of each scenario, then the hottest frames (bench/jfr-top.py).
# Before the recordings, one request of each scenario runs with PostgreSQL's log_statement = 'all': its statements are
# counted and kept in $BENCH_WORK/statements-<scenario>.log (what bench/pgbench/<scenario>.sql must repeat).
#
#   bench/profile.sh [scenario …]        default: entitlement create-case; writes $BENCH_WORK/<scenario>.jfr
#
# Settings as bench/run.sh (BENCH_UNITS 100000, BENCH_CASES 10000, BENCH_SECONDS 30, BENCH_JIT_WARMUP 30, BENCH_CLIENTS 16,
# BENCH_PG_PORT, BENCH_HTTP_PORT, BENCH_WORK), plus BENCH_BUILD=false to profile the jar already built, and BENCH_APP to
# profile another build's quarkus-app directory (default target/quarkus-app; e.g. a copy kept from before a change).
# Besides wrk's figures it prints the service's own CPU per request under load (user + system time of the JVM over the
# measured seconds, from /proc) and the memory it allocates per request (JFR's per-thread allocation counters): on a
# loaded machine the allocation is the steadier of the two (CPU time includes the JIT still compiling).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-/tmp/aftersales-profile}
pg_port=${BENCH_PG_PORT:-55432}
http_port=${BENCH_HTTP_PORT:-8089}
units=${BENCH_UNITS:-100000}
cases=${BENCH_CASES:-10000}
seconds=${BENCH_SECONDS:-30}
jit_warmup=${BENCH_JIT_WARMUP:-30}
clients=${BENCH_CLIENTS:-16}
scenarios=${*:-entitlement create-case}
base="http://localhost:$http_port"
export PGHOST=localhost PGPORT=$pg_port PGUSER=postgres PGDATABASE=postgres
pid=
say() { echo "[$(date +%T)] $*" >&2; }
cleanup() { [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; bench/pg.sh stop "$work"; }
trap cleanup EXIT
mkdir -p "$work/keys"

if [ "${BENCH_BUILD:-true}" != false ]; then say "building the HTTP-server jar"; ./mvnw -B -q package -Dserver -DskipTests; fi
say "PostgreSQL on port $pg_port: $(bench/pg.sh start "$work" "$pg_port")"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
enc() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
head=$(printf '{"alg":"RS256","typ":"JWT"}' | enc)
body=$(printf '{"iss":"https://aftersales.local/bench","sub":"bench-manager","upn":"bench-manager","groups":["AFTER_SALES_MANAGER"],"client_id":"bench","token_use":"access","iat":%d,"exp":%d}' \
  "$(date +%s)" $(( $(date +%s) + 7200 )) | enc)
bearer="$head.$body.$(printf '%s.%s' "$head" "$body" | openssl dgst -sha256 -sign "$work/keys/private.pem" -binary | enc)"

serve() { # migrate-at-start → the service in the background, as bench/run.sh starts it
  QUARKUS_HTTP_PORT=$http_port QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused AFTERSALES_DB_POOL_MAX=${BENCH_POOL:-20} \
  AFTERSALES_JWT_ISSUER=https://aftersales.local/bench AFTERSALES_JWT_JWKS_URL="file:$work/keys/public.pem" AFTERSALES_SECURITY_CLIENT_IDS=bench \
  QUARKUS_FLYWAY_MIGRATE_AT_START=$1 AFTERSALES_ATTACHMENTS_STORE=local AFTERSALES_JOBS_IN_PROCESS=false \
    java ${BENCH_JAVA_OPTS:-} -jar "${BENCH_APP:-target/quarkus-app}/quarkus-run.jar" > "$work/service.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "$base/q/health/ready"; do kill -0 "$pid" || { cat "$work/service.log" >&2; exit 1; }; sleep 0.5; done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
load() { # scenario seconds → wrk's summary line
  SCENARIO=$1 TOKEN=$bearer CUSTOMERS="$work/customers.txt" UNITS=$units \
    wrk -t2 -c"$clients" -d"$2"s --timeout 30s -s bench/wrk/scenario.lua "$base" | tail -1
}

one() { # scenario → one request of it, as bench/wrk/scenario.lua makes them
  local customer
  customer=$(sed -n "$((4321 % 50 + 1))p" "$work/customers.txt")
  case $1 in
  entitlement) curl -fsS -o /dev/null -H "Authorization: Bearer $bearer" "$base/api/v1/units/BN000004321/entitlement" ;;
  create-case) curl -fsS -o /dev/null -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: profile-$(date +%s%N)" "$base/api/v1/cases" --data-binary \
    '{"type":"COMPLAINT","customerId":"'"$customer"'","units":[{"serialNo":"BN000004321","mileageKm":1234}],"failureDate":"'"$(date -u -d '-3 days' +%F)"'","title":"过温保护","description":"客户反馈过温保护，车辆编号 4321，请尽快安排技术人员联系","reporter":{"name":"王工","phone":"138 0000 2952"},"channel":"PHONE","severity":"MEDIUM"}' ;;
  *) echo "no single request for $1" >&2 ;;
  esac
}

say "schema and $units units / $cases cases"
serve true
psql -q -v customers=50 -v units="$units" -v cases="$cases" -f bench/sql/generate-cases.sql
psql -q -f bench/sql/generate-terms-and-parts.sql
psql -q -c 'vacuum (analyze)'
psql -Atc "select cast(id as text) from customer where code like 'BENCH-%' order by code" > "$work/customers.txt"

for s in $scenarios; do
  say "$s: JIT warm-up ${jit_warmup}s"
  load "$s" "$jit_warmup" >/dev/null
  # One request with every statement logged: after the warm-up, so the driver's statements are server-prepared.
  psql -qc "alter system set log_statement = 'all'" -c 'select pg_reload_conf()' >/dev/null
  from=$(stat -c %s "$work/postgres.log")
  one "$s"
  psql -qc "alter system reset log_statement" -c 'select pg_reload_conf()' >/dev/null
  tail -c +"$((from + 1))" "$work/postgres.log" | python3 bench/jfr-top.py --statements > "$work/statements-$s.log"
  say "$s: $(head -1 "$work/statements-$s.log")"
  say "$s: JFR over ${seconds}s of load"
  jcmd "$pid" JFR.start name="$s" settings=profile filename="$work/$s.jfr" >/dev/null
  ticks=$(cpu_ticks)
  line=$(load "$s" "$seconds")
  ticks=$(( $(cpu_ticks) - ticks ))
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  say "  $line service_cpu_ms_per_request=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%.2f", (n > 0 ? 1000 * t / hz / n : 0) }')"
  jcmd "$pid" JFR.stop name="$s" >/dev/null
  python3 bench/jfr-top.py "$work/$s.jfr" 15 "$requests"
done
