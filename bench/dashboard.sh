#!/usr/bin/env bash
# The dashboard scenario: refreshes the monthly KPI aggregates through the kpi-aggregates job (first all months, then
# the recent ones, each timed), checks that an answer states its asOf, then puts BENCH_CLIENTS clients (16) on
# GET /api/v1/kpis/dashboard over the last three years (36 months, the five groupings in turn) for BENCH_SECONDS after
# BENCH_WARMUP. Prints rows in the format of bench/run.sh's table. Called by bench/run.sh; alone:
#   bench/dashboard.sh BASE_URL ADMIN_TOKEN QUALITY_ENGINEER_TOKEN
set -euo pipefail
base=$1 admin=$2 reader=$3
clients=${BENCH_CLIENTS:-16}
duration=${BENCH_SECONDS:-20}
warmup=${BENCH_WARMUP:-10}
to=$(TZ=Asia/Shanghai date +%Y-%m)
from=$(TZ=Asia/Shanghai date -d "$(date +%Y-%m-15) -35 months" +%Y-%m)
refresh() { # → ms of one kpi-aggregates run through the admin API; the run must end OK
  local t out
  t=$(date +%s%N)
  out=$(curl -fsS -X POST -H "Authorization: Bearer $admin" "$base/api/v1/admin/jobs/kpi-aggregates/runs")
  grep -q '"outcome":"OK"' <<<"$out" || { echo "kpi-aggregates run failed: $out" >&2; exit 1; }
  echo $(( ($(date +%s%N) - t) / 1000000 ))
}
full_ms=$(refresh)   # the first run of a fresh database recomputes every month
recent_ms=$(refresh) # then the recent months only (aftersales.kpi.aggregates.recent-months)
rows=$(curl -fsS -H "Authorization: Bearer $admin" "$base/api/v1/admin/jobs/runs?job=kpi-aggregates" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["found"])')
as_of=$(curl -fsS -H "Authorization: Bearer $reader" "$base/api/v1/kpis/dashboard?from=$from&to=$to" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["asOf"], "no asOf"; print(d["asOf"])')
run() { # seconds → wrk's summary line
  TOKEN=$reader DASH_FROM=$from DASH_TO=$to wrk -t2 -c"$clients" -d"$1"s --timeout 30s -s bench/wrk/dashboard.lua "$base" | tail -1
}
run "$warmup" >/dev/null
line=$(run "$duration")
echo "  $line (asOf $as_of)" >&2
rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
lat=$(sed -E 's/.* p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \/ \2/' <<<"$line")
err=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
row() { printf '%-46s %12s %14s %8s  %s\n' "$@"; }
row "dashboard, $clients clients, $from..$to: req/s" "$rps" "" "" ">= 40"
row "dashboard: p50 / p99 ms, errors" "$lat" "" "" "errors: $err"
row "kpi-aggregates, all / recent months (ms)" "$full_ms / $recent_ms" "" "" "$rows rows"
