#!/usr/bin/env bash
# The throughput ceiling of the service's stack next to the entitlement lookup, after bench/run.sh (it reuses that
# run's data set, PostgreSQL binaries and keys in BENCH_WORK): the minimal Quarkus application (bench/minimal: Quarkus
# REST + Jackson, Hibernate ORM Panache, PostgreSQL, no security, one indexed read of a unit by serial) and then the
# service (server jar, prod profile, pool 20) each get the same wrk load (16 connections, 60 s warm-up, 20 s measured).
# pgbench's figure for the entitlement statement alone has no HTTP, JSON, token check or pool in it; this one has all
# of them but the token check and the policy, so service ÷ minimal says how much of the gap is the stack itself.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-/tmp/aftersales-bench}
pg_port=${BENCH_PG_PORT:-55432}
http_port=${BENCH_HTTP_PORT:-8089}
clients=${BENCH_CLIENTS:-16}
base="http://localhost:$http_port"
[ -d "$work/data" ] && [ -f "$work/keys/private.pem" ] || { echo "run bench/run.sh first (no data set in $work)" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] && [ -f bench/minimal/target/quarkus-app/quarkus-run.jar ] ||
  { echo "needs the server jar (./mvnw package -Dserver) and bench/minimal built (bench/run.sh builds both)" >&2; exit 1; }
. bench/token.sh
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_owner "$work/pg/bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -o "-p $pg_port" -w start >/dev/null
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; as_owner "$work/pg/bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null || true; }
trap cleanup EXIT
units=$(psql -h localhost -p "$pg_port" -U postgres -Atc "select count(*) from unit where serial_no like 'BN%'")  # the generated units, BN000000001 …
db=(QUARKUS_HTTP_PORT="$http_port" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused)
load() { # scenario url-to-wait-for [bearer] → wrk's line for the measured 20 s
  local auth=()
  [ -n "${3:-}" ] && auth=(-H "Authorization: Bearer $3")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$2")" = 200 ]; do sleep 0.2; done
  SCENARIO=$1 TOKEN=${3:-none} CUSTOMERS="$work/customers.txt" UNITS=$units \
    wrk -t2 -c"$clients" -d"${BENCH_JIT_WARMUP:-60}"s -s bench/wrk/scenario.lua "$base" >/dev/null
  SCENARIO=$1 TOKEN=${3:-none} CUSTOMERS="$work/customers.txt" UNITS=$units \
    wrk -t2 -c"$clients" -d"${BENCH_SECONDS:-20}"s -s bench/wrk/scenario.lua "$base" | tail -1
}
env "${db[@]}" QUARKUS_DATASOURCE_JDBC_MAX_SIZE=20 java ${BENCH_JAVA_OPTS:-} -jar bench/minimal/target/quarkus-app/quarkus-run.jar > "$work/minimal.log" 2>&1 &
pid=$!
minimal=$(load minimal "$base/units/BN000000001")
kill "$pid"; wait "$pid" 2>/dev/null || true
env "${db[@]}" AFTERSALES_DB_POOL_MAX=20 AFTERSALES_JWT_ISSUER=https://aftersales.local/bench \
  AFTERSALES_JWT_JWKS_URL="file:$work/keys/public.pem" AFTERSALES_SECURITY_CLIENT_IDS=bench QUARKUS_FLYWAY_MIGRATE_AT_START=false \
  AFTERSALES_ATTACHMENTS_STORE=local AFTERSALES_JOBS_IN_PROCESS=false \
  java ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
pid=$!
bearer=$(token AFTER_SALES_MANAGER)
service=$(load entitlement "$base/api/v1/units/BN000000001/entitlement" "$bearer")
rps() { sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$1"; }
echo "minimal app, GET /units/{serial}:      $minimal"
echo "service, GET …/{serial}/entitlement:    $service"
awk -v a="$(rps "$service")" -v b="$(rps "$minimal")" 'BEGIN { printf "service ÷ minimal app: %.2f\n", a / b }'
