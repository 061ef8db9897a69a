#!/usr/bin/env bash
# The whole benchmark in one command, on a fresh clone: builds the HTTP-server jar, starts a private PostgreSQL 17,
# generates 1,000,000 units / 100,000 cases, starts the service, and measures each figure against its limit on the same
# machine: HTTP load (wrk, bench/wrk/scenario.lua) against pgbench running the same statements (bench/pgbench/*.sql),
# and jobs and bulk work against their bare SQL in psql. Prints one table and writes it to bench/results/.
# Needs: java 17, psql and pgbench, wrk and openssl (apt-get install postgresql-client wrk). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
for tool in java psql pgbench wrk openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (Debian: apt-get install wrk postgresql-client)" >&2; exit 1; }
done
work=${BENCH_WORK:-/tmp/aftersales-bench}
pg_port=${BENCH_PG_PORT:-55432}
http_port=${BENCH_HTTP_PORT:-8089}
duration=${BENCH_SECONDS:-20}
warmup=${BENCH_WARMUP:-10}
jit_warmup=${BENCH_JIT_WARMUP:-60}
clients=${BENCH_CLIENTS:-16}
units=${BENCH_UNITS:-1000000}
cases=${BENCH_CASES:-100000}
out_dir=bench/results
mkdir -p "$work" "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
result="$out_dir/$stamp.txt"
base="http://localhost:$http_port"
export PGHOST=localhost PGPORT=$pg_port PGUSER=postgres PGDATABASE=postgres
service_pid=
log() { echo "[$(date +%T)] $*" >&2; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
stop_service() { if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; service_pid=; fi; }
cleanup() { stop_service; bench/pg.sh stop "$work"; }
trap cleanup EXIT

log "building the HTTP-server jar (./mvnw package -Dserver)"
[ -n "${BENCH_NO_BUILD:-}" ] || ./mvnw -B -q package -Dserver -DskipTests  # BENCH_NO_BUILD=1: use the jar as built
log "starting PostgreSQL on port $pg_port"
pg_version=$(bench/pg.sh start "$work" "$pg_port")

mkdir -p "$work/keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
. bench/token.sh  # token ROLE: a bearer token signed with $work/keys/private.pem

# The prod profile of the server build, as a container would run it; in-process job timers off (jobs are timed here).
# The per-caller limit on expensive reports (20 per 5 minutes) is lifted: the KPI scenario measures what one report
# costs under load from one token, not the limit (which ReportLimitTest holds).
start_service() {
  AFTERSALES_REPORT_LIMIT_PER_CALLER=1000000 QUARKUS_HTTP_PORT=$http_port \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres" QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=unused AFTERSALES_DB_POOL_MAX=${BENCH_POOL:-20} \
  AFTERSALES_JWT_ISSUER=https://aftersales.local/bench AFTERSALES_JWT_JWKS_URL="file:$work/keys/public.pem" AFTERSALES_SECURITY_CLIENT_IDS=bench \
  QUARKUS_FLYWAY_MIGRATE_AT_START=$1 AFTERSALES_ATTACHMENTS_STORE=local AFTERSALES_JOBS_IN_PROCESS=false \
    java ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
  service_pid=$!
}
# Polls an authenticated request until it answers 200; prints the milliseconds since $1.
wait_ready() {
  local started=$1 bearer
  bearer=$(token SALES)
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $bearer" "$base/api/v1/units/BN000000001/entitlement")" = 200 ]; then
      ms_since "$started"; return
    fi
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.02
  done
  echo "service did not answer" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$service_pid/status"; }
. bench/startup.sh  # startup_compare, startup_rows: the service's start against a minimal Quarkus application

log "migrating the schema (the service at start, once)"
start_service true
until curl -fs -o /dev/null "$base/q/health/ready"; do kill -0 "$service_pid" || exit 1; sleep 0.5; done
stop_service

log "generating $units units and $cases cases"
t0=$(date +%s%N)
psql -q -v customers=50 -v units="$units" -v cases="$cases" -f bench/sql/generate-cases.sql
psql -q -f bench/sql/generate-terms-and-parts.sql
psql -q -f bench/sql/generate-kpi-data.sql
# Statistics and visibility map as autovacuum keeps them on a live database: without them the first minutes after a
# bulk load plan from guesses and index-only scans still visit the heap.
psql -q -c 'vacuum (analyze)'
generate_s=$(( $(ms_since "$t0") / 1000 ))
psql -Atc "select cast(id as text) from customer where code like 'BENCH-%' order by code" > "$work/customers.txt"

startup_compare
# BENCH_ONLY=startup: the start-up comparison alone (small data set suffices), then stop.
if [ "${BENCH_ONLY:-}" = startup ]; then startup_rows | tee "$result"; exit 0; fi
log "starting the service (migrations off), timing the first answered request"
t0=$(date +%s%N)
start_service false
startup_ms=$(wait_ready "$t0")
rss_start=$(rss_mb)

kpi_to=$(TZ=Asia/Shanghai date +%F)
kpi_from=$(TZ=Asia/Shanghai date -d "$kpi_to -1 year +1 day" +%F)
declare -A svc_rps svc_p50 svc_p99 svc_err pg_tps
wrk_run() { # scenario seconds [connections] → wrk's summary line
  SCENARIO=$1 TOKEN=$bearer CUSTOMERS="$work/customers.txt" UNITS=$units KPI_FROM=$kpi_from KPI_TO=$kpi_to \
    wrk -t2 -c"${3:-$clients}" -d"$2"s --timeout 30s -s bench/wrk/scenario.lua "$base" | tail -1
}
http_load() { # scenario → svc_* figures, after a warm-up of the same scenario
  local line
  wrk_run "$1" "$warmup" >/dev/null
  line=$(wrk_run "$1" "$duration")
  echo "  $line" >&2
  svc_rps[$1]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  svc_p50[$1]=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
  svc_p99[$1]=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
  svc_err[$1]=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
}
pg_load() { # scenario → pg_tps; the statements prepared, as the JDBC driver has them after its first uses
  local out
  out=$(pgbench -n -M prepared -c "$clients" -j 2 -T "$duration" -D units="$units" -D from="$kpi_from" -D to="$kpi_to" \
    -f "bench/pgbench/$1.sql" 2>&1)
  grep -q "failed transactions: 0 " <<<"$out" || { echo "$out" >&2; exit 1; }
  pg_tps[$1]=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out")
  echo "  pgbench $1: tps=${pg_tps[$1]}" >&2
}
scenarios="entitlement create-case case-list unit-history kpi"
bearer=$(token AFTER_SALES_MANAGER)
# On 2 cores the JVM needs minutes to reach its speed, and its compiler threads compete with PostgreSQL meanwhile.
log "warming the JIT: ${jit_warmup}s of each read scenario"
for s in entitlement unit-history case-list; do wrk_run "$s" "$jit_warmup" >&2; done
log "every KPI in every grouping, one client (bench/kpi.sh), before any write"
kpi_table=$(TOKEN=$(token QUALITY_ENGINEER) bench/kpi.sh "$base" "$kpi_from" "$kpi_to")
kpi_slowest=$(sed -nE 's/^slowest: ([0-9]+) ms.*/\1/p' <<<"$kpi_table")
kpi_table_3y=$(TOKEN=$(token QUALITY_ENGINEER) bench/kpi.sh "$base" "$(TZ=Asia/Shanghai date -d "$kpi_to -3 years +1 day" +%F)" "$kpi_to")
kpi_slowest_3y=$(sed -nE 's/^slowest: ([0-9]+) ms.*/\1/p' <<<"$kpi_table_3y")
log "dashboard: the kpi-aggregates job, then $clients clients over three years (bench/dashboard.sh)"
dashboard_rows=$(BENCH_CLIENTS=$clients BENCH_SECONDS=$duration BENCH_WARMUP=$warmup bench/dashboard.sh "$base" "$(token ADMIN)" "$(token QUALITY_ENGINEER)")

log "warming the JIT: ${jit_warmup}s of case creation"
wrk_run create-case "$jit_warmup" >&2
for s in $scenarios; do
  log "HTTP load: $s ($clients clients, ${warmup}s warm-up, ${duration}s)"
  http_load "$s"
  log "pgbench: $s"
  pg_load "$s"
done
held_clients=${BENCH_HELD_CLIENTS:-32}
held_seconds=${BENCH_HELD_SECONDS:-60}
log "held load: mixed reads and writes, $held_clients clients, ${held_seconds}s (every answer must be 2xx)"
held=$(wrk_run mixed "$held_seconds" "$held_clients")
echo "  $held" >&2
held_rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$held")
held_lat=$(sed -E 's/.* p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \/ \2/' <<<"$held")
held_req=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$held")
held_err=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$held")
rss_load=$(rss_mb)

log "concurrency: $clients clients at once on one Idempotency-Key, then on one If-Match version (bench/concurrency.sh)"
declare -A conc
read -r conc_serial conc_customer < <(psql -Atc "select serial_no || ' ' || customer_id from unit where serial_no = 'BN000000001'")
while IFS='=' read -r k v; do conc[$k]=$v; done < <(bench/concurrency.sh "$base" "$bearer" "$conc_serial" "$conc_customer" \
  "$clients" "${BENCH_CONCURRENCY_ROUNDS:-10}")

log "warranty-expiry job over all units: bare SQL (rolled back) and POST /api/v1/admin/jobs/warranty-expiry/runs"
admin=$(token ADMIN)
python3 - "$(TZ=Asia/Shanghai date +%F)" > "$work/warranty-bare.sql" <<'PY'
import sys
src = open('src/main/java/com/aftersales/warranty/WarrantyExpiryJob.java').read()
blocks = [b.replace('cast(?1 as int[])', 'array[60,30]').replace('cast(?2 as date)', f"date '{sys.argv[1]}'").strip()
          for b in src.split('"""')[1::2]]
# Each notice kind is a pair of text blocks (CTEs, candidate notices), composed into one statement as Outbox.addAll does.
sql = ";\n".join(f"""with {w},
notice_candidate as ({n})
insert into notice (id, kind, recipient_role, recipient_subject, customer_id, payload, dedupe_key)
select gen_random_uuid(), kind, recipient_role, recipient_subject, cast(customer_id as uuid), payload, dedupe_key
from notice_candidate on conflict (dedupe_key) do nothing""" for w, n in zip(blocks[0::2], blocks[1::2]))
print("begin;\nselect set_config('work_mem', '64MB', true);  -- as JobRunner (aftersales.jobs.work-mem)\n" + sql + ";\nrollback;")
PY
timed_psql() { local t; t=$(date +%s%N); psql -q -o /dev/null -f "$1"; ms_since "$t"; }
timed_post() { local t bearer=$1; shift; t=$(date +%s%N); curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $bearer" "$@"; ms_since "$t"; }
clear_expiry="delete from notice where kind in ('WARRANTY_EXPIRY', 'SERVICE_CONTRACT_EXPIRY')"
expiry_bare=$(for i in 1 2 3; do timed_psql "$work/warranty-bare.sql"; done | median)
expiry_svc=$(for i in 1 2 3; do psql -qc "$clear_expiry"; timed_post "$admin" "$base/api/v1/admin/jobs/warranty-expiry/runs"; done | median)
expiry_due=$(psql -Atc "select count(*) from notice where kind in ('WARRANTY_EXPIRY', 'SERVICE_CONTRACT_EXPIRY')")

log "recall activation of 100,000 units: bare SQL (rolled back) and POST /api/v1/recalls/{id}/activation"
cat > "$work/recall-bare.sql" <<'SQL'
begin;
insert into recall_campaign (id, code, title, defect_description, safety_risk, remedy, criteria, status, created_by)
values ('00000000-0000-4000-8000-0000000ba1e1', 'ZH-BARE', '控制器熔断器召回', '熔断器规格不足，长时间大电流下可能熔断', '行驶中失去动力',
        '更换熔断器及线束', '{}', 'FILED', 'bench');
insert into recall_unit (campaign_id, unit_id, serial_no, customer_id, product_model, product_line, remedy_status)
select '00000000-0000-4000-8000-0000000ba1e1', u.id, u.serial_no, u.customer_id, u.product_model, u.product_line, 'NOTIFIED' from unit u
where (u.serial_no between 'BN000100001' and 'BN000200000');
insert into notice (id, kind, customer_id, payload, dedupe_key)
select gen_random_uuid(), 'RECALL_INITIAL', ru.customer_id,
       jsonb_build_object('campaignId', '00000000-0000-4000-8000-0000000ba1e1', 'campaignCode', 'ZH-BARE',
                          'title', '控制器熔断器召回', 'defect', '熔断器规格不足，长时间大电流下可能熔断',
                          'risk', '行驶中失去动力', 'remedy', '更换熔断器及线束',
                          'units', count(*), 'serials', jsonb_agg(ru.serial_no order by ru.serial_no)),
       'recall:00000000-0000-4000-8000-0000000ba1e1:initial:' || ru.customer_id
from recall_unit ru where ru.campaign_id = '00000000-0000-4000-8000-0000000ba1e1'
group by ru.customer_id;
rollback;
SQL
recall_bare=$(for i in 1 2 3; do timed_psql "$work/recall-bare.sql"; done | median)
gm=$(token GENERAL_MANAGER)
qe=$(token QUALITY_ENGINEER)
recall_svc=$(for i in 1 2 3; do
  id=$(curl -fsS -H "Authorization: Bearer $qe" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: bench-recall-$stamp-$i" -d "{\"code\":\"ZH-BENCH-$stamp-$i\",\"title\":\"控制器熔断器召回\",
      \"defectDescription\":\"熔断器规格不足，长时间大电流下可能熔断\",\"safetyRisk\":\"行驶中失去动力\",\"remedy\":\"更换熔断器及线束\",
      \"criteria\":{\"serialRanges\":[{\"from\":\"BN000100001\",\"to\":\"BN000200000\"}]}}" "$base/api/v1/recalls" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $gm" -H 'If-Match: "0"' -H 'Content-Type: application/json' \
    -d '{"filingReference":"SAMR-BENCH"}' "$base/api/v1/recalls/$id/filing"
  timed_post "$qe" -H 'If-Match: "1"' "$base/api/v1/recalls/$id/activation"
done | median)
recall_units=$(psql -Atc "select affected_count from recall_campaign where code = 'ZH-BENCH-$stamp-1'")

log "CSV import of 10,000 units: bare SQL (\\copy, rolled back) and POST /api/v1/units/import"
csv() { # prefix → 10,000 rows
  python3 - "$1" <<'PY'
import sys
p = sys.argv[1]
print("serialNo,productModel,productLine,productionDate,batchNo,customerCode,endCustomer,deliveryDate")
for i in range(10000):
    print(f"{p}{i:07d},TM220,COMMERCIAL_VEHICLE,2026-0{1 + i % 9}-1{i % 10},B{i % 40},BENCH-{1 + i % 50:04d},某物流公司{i % 30}号车队,2026-10-{10 + i % 19}")
PY
}
csv "BCSVBARE" > "$work/import-bare.csv"
cat > "$work/import-bare.sql" <<SQL
begin;
create temporary table rows (serial_no text, product_model text, product_line text, production_date text, batch_no text,
                             customer_code text, end_customer text, delivery_date text) on commit drop;
\\copy rows from '$work/import-bare.csv' with (format csv, header true)
select serial_no from unit where serial_no in (select serial_no from rows);
with ins as (
    insert into unit (id, serial_no, product_model, product_line, production_date, batch_no, customer_id, end_customer, delivery_date)
    select gen_random_uuid(), r.serial_no, r.product_model, r.product_line, r.production_date::date, r.batch_no, c.id,
           r.end_customer, r.delivery_date::date
    from rows r join customer c on c.code = r.customer_code
    returning *
)
insert into audit_log (actor, action, entity_type, entity_id, after_state, correlation_id)
select 'bench', 'IMPORT', 'unit', ins.serial_no,
       jsonb_build_object('serialNo', serial_no, 'productModel', product_model, 'productLine', product_line,
                          'projectCode', project_code, 'productionDate', production_date, 'batchNo', batch_no,
                          'customerId', customer_id, 'endCustomer', end_customer, 'vin', vin,
                          'deliveryDate', delivery_date, 'firstSaleDate', first_sale_date, 'version', version), 'bench'
from ins;
rollback;
SQL
import_bare=$(for i in 1 2 3; do timed_psql "$work/import-bare.sql"; done | median)
import_svc=$(for i in 1 2 3; do
  csv "BCSV$i$(date +%H%M%S)" > "$work/import.csv"
  timed_post "$admin" -H "Content-Type: text/csv" -H "Idempotency-Key: bench-import-$stamp-$i" --data-binary "@$work/import.csv" \
    "$base/api/v1/units/import"
done | median)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
{
  echo "aftersales benchmark $stamp"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB;" \
       "$pg_version; $(java -version 2>&1 | head -1); service: JVM server jar, prod profile, pool ${BENCH_POOL:-20}"
  echo "data: $units units, $cases cases, 50 customers (generated in ${generate_s} s); load: $clients clients, ${warmup} s warm-up, ${duration} s"
  echo
  printf '%-46s %12s %14s %8s  %s\n' "measure" "service" "limit" "ratio" "target"
  for s in $scenarios; do
    target=""
    case $s in entitlement) target="ratio >= 0.5, p99 <= 10 ms";; create-case) target="ratio >= 0.4";; esac
    printf '%-46s %12s %14s %8s  %s\n' "$s: req/s (pgbench tps)" "${svc_rps[$s]}" "${pg_tps[$s]}" "$(ratio "${svc_rps[$s]}" "${pg_tps[$s]}")" "$target"
    printf '%-46s %12s %14s %8s  %s\n' "$s: p50 / p99 ms, errors" "${svc_p50[$s]} / ${svc_p99[$s]}" "" "" "errors: ${svc_err[$s]}"
  done
  printf '%-46s %12s %14s %8s  %s\n' "mixed, $held_clients clients, ${held_seconds} s: req/s" "$held_rps" "" "" ""
  printf '%-46s %12s %14s %8s  %s\n' "mixed: p50 / p99 ms; errors of requests" "$held_lat" "" "" "errors: $held_err of $held_req (target 0)"
  printf '%-46s %12s %14s %8s  %s\n' "warranty-expiry job, 1M units (ms; $expiry_due due)" "$expiry_svc" "$expiry_bare" "$(ratio "$expiry_svc" "$expiry_bare")" "ratio <= 1.5"
  printf '%-46s %12s %14s %8s  %s\n' "recall activation, $recall_units units (ms)" "$recall_svc" "$recall_bare" "$(ratio "$recall_svc" "$recall_bare")" "ratio <= 2"
  printf '%-46s %12s %14s %8s  %s\n' "CSV import, 10,000 units (ms)" "$import_svc" "$import_bare" "$(ratio "$import_svc" "$import_bare")" ""
  printf '%-46s %12s %14s %8s  %s\n' "slowest of 70 KPI queries, 1 year (ms)" "$kpi_slowest" "" "" "<= 500"
  printf '%-46s %12s %14s %8s  %s\n' "slowest of 70 KPI queries, 3 years (ms)" "$kpi_slowest_3y" "" "" "<= 500"
  echo "$dashboard_rows"
  printf '%-46s %12s %14s %8s  %s\n' "concurrency: most requests in flight (DB)" "${conc[max_in_flight]}" "" "" \
    "of ${conc[clients]} at once, ${conc[requests]} requests (target >= 2)"
  printf '%-46s %12s %14s %8s  %s\n' "concurrency: conflicts detected (412)" "${conc[conflicts]}" "" "" \
    "${conc[winners]} won of ${conc[rounds]} If-Match races; lost or other answers: ${conc[lost]} (target 0)"
  printf '%-46s %12s %14s %8s  %s\n' "concurrency: duplicates (one Idempotency-Key)" "${conc[duplicates]}" "" "" \
    "target 0; rounds with differing answers: ${conc[mismatched]}"
  printf '%-46s %12s\n' "start-up to first answered request (ms)" "$startup_ms"
  printf '%-46s %12s\n' "RSS after start / after load (MB)" "$rss_start / $rss_load"
  startup_rows
  echo
  echo "$kpi_table"
  echo
  echo "$kpi_table_3y"
} | tee "$result"
log "written to $result"
