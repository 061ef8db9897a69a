#!/usr/bin/env bash
# Where the service's per-request cost goes, by taking parts away one at a time: after bench/run.sh (it reuses that
# run's data set, PostgreSQL binaries and keys in BENCH_WORK), the minimal Quarkus application and then the service
# (server jar, prod profile, pool 20) under each variant below get the same wrk load on one scenario (default
# entitlement; BENCH_SCENARIO=unit-history), BENCH_JIT_WARMUP s of warm-up then BENCH_SECONDS measured. Besides wrk's
# figures it prints the JVM's CPU per request over the measured window (utime + stime from /proc, so PostgreSQL's and
# wrk's share of the two cores is not in it): that is the figure to compare between variants, throughput moves with
# whatever else the machine does.
#
#   BENCH_VARIANTS  a file of variants, one per line: "name ENV=value ENV=value …" (default: the list below)
#   BENCH_ROUNDS    how many times the whole list is run (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-/tmp/aftersales-bench}
pg_port=${BENCH_PG_PORT:-55432}
http_port=${BENCH_HTTP_PORT:-8089}
clients=${BENCH_CLIENTS:-16}
scenario=${BENCH_SCENARIO:-entitlement}
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
units=$(psql -h localhost -p "$pg_port" -U postgres -Atc "select count(*) from unit where serial_no like 'BN%'")
db=(QUARKUS_HTTP_PORT="$http_port" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused)
service=(AFTERSALES_DB_POOL_MAX=20 AFTERSALES_JWT_ISSUER=https://aftersales.local/bench
  AFTERSALES_JWT_JWKS_URL="file:$work/keys/public.pem" AFTERSALES_SECURITY_CLIENT_IDS=bench QUARKUS_FLYWAY_MIGRATE_AT_START=false
  AFTERSALES_ATTACHMENTS_STORE=local AFTERSALES_JOBS_IN_PROCESS=false AFTERSALES_REPORT_LIMIT_PER_CALLER=1000000)
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$pid/stat"; }  # utime + stime in clock ticks of 10 ms
measure() { # name scenario url [bearer] → one line of figures
  local auth=() line before after requests
  [ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$3")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$work/ablation-service.log" >&2; exit 1; }
    sleep 0.2
  done
  SCENARIO=$2 TOKEN=${4:-none} CUSTOMERS="$work/customers.txt" UNITS=$units \
    wrk -t2 -c"$clients" -d"${BENCH_JIT_WARMUP:-90}"s -s bench/wrk/scenario.lua "$base" >/dev/null
  before=$(cpu_ms)
  line=$(SCENARIO=$2 TOKEN=${4:-none} CUSTOMERS="$work/customers.txt" UNITS=$units \
    wrk -t2 -c"$clients" -d"${BENCH_SECONDS:-20}"s -s bench/wrk/scenario.lua "$base" | tail -1)
  after=$(cpu_ms)
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  awk -v n="$1" -v l="$line" -v c=$((after - before)) -v r="$requests" 'BEGIN {
    split(l, f, " "); printf "%-28s %s %s %s %s  cpu_us_per_request=%.0f\n", n, f[3], f[4], f[5], f[7], 1000 * c / r }'
}
variants=${BENCH_VARIANTS:-}
if [ -z "$variants" ]; then
  variants=$work/ablation-variants.txt
  cat > "$variants" <<'EOF'
service
no-access-log-line QUARKUS_LOG_CATEGORY__COM_AFTERSALES_ACCESS__LEVEL=OFF
plain-log-lines QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
no-pool-metrics QUARKUS_DATASOURCE_METRICS_ENABLED=false
no-jdbc-telemetry QUARKUS_DATASOURCE_JDBC_TELEMETRY_ENABLED=false
no-cors QUARKUS_HTTP_CORS_ENABLED=false
EOF
fi
bearer=$(token AFTER_SALES_MANAGER)
echo "ablation $(date -u +%FT%TZ): scenario $scenario, $clients connections, ${BENCH_SECONDS:-20} s measured after ${BENCH_JIT_WARMUP:-90} s"
for round in $(seq 1 "${BENCH_ROUNDS:-1}"); do
  env "${db[@]}" QUARKUS_DATASOURCE_JDBC_MAX_SIZE=20 java ${BENCH_JAVA_OPTS:-} -jar bench/minimal/target/quarkus-app/quarkus-run.jar \
    > "$work/ablation-minimal.log" 2>&1 &
  pid=$!
  measure "minimal app (round $round)" minimal "$base/units/BN000000001"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  while read -r name settings; do
    [ -z "$name" ] && continue
    # shellcheck disable=SC2086 # settings is a list of ENV=value words
    env "${db[@]}" "${service[@]}" $settings java ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar \
      > "$work/ablation-service.log" 2>&1 &
    pid=$!
    measure "$name" "$scenario" "$base/api/v1/units/BN000000001/$([ "$scenario" = unit-history ] && echo history || echo entitlement)" "$bearer"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done < "$variants"
done
