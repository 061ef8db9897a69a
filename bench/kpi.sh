#!/usr/bin/env bash
# Times every KPI through the running service (GET /api/v1/kpis?kpi=…), each grouping, after one warm-up pass, and
# prints the median of 5 runs in ms. Usage: bench/kpi.sh [BASE_URL] [FROM] [TO]
# Needs a running service with the bench data (bench/sql/generate-cases.sql, then generate-kpi-data.sql) and, in dev
# mode, the dev token endpoint; otherwise set TOKEN to a QUALITY_ENGINEER bearer token. KPIS="ppm cases …" limits
# the KPIs (a CUSTOMER token: leave out sparePartsFillRate, which customer accounts do not get).
set -euo pipefail
base=${1:-http://localhost:8080}
from=${2:-$(date -d '-365 days' +%F)}
to=${3:-$(date +%F)}
token=${TOKEN:-$(curl -fsS "$base/dev/token?role=QUALITY_ENGINEER")}
kpis=${KPIS:-"cases ppm claimsPer1000ByMonthsInService ntfRate firstResponse containment eightDLeadTime recurrences followUpWithin7Days satisfaction warrantyCost warrantyCostPerUnit recallCompletion sparePartsFillRate"}
groups="none month customer productLine model"
time_one() {
  local kpi=$1 group=$2 q="from=$from&to=$to&kpi=$kpi"
  [ "$group" != none ] && q="$q&groupBy=$group"
  curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base/api/v1/kpis?$q"
}
for kpi in $kpis; do for g in $groups; do time_one "$kpi" "$g" >/dev/null; done; done
printf '%-32s' "KPI (median ms of 5, $from..$to)"; for g in $groups; do printf '%12s' "$g"; done; echo
worst=0
for kpi in $kpis; do
  printf '%-32s' "$kpi"
  for g in $groups; do
    ms=$(for i in 1 2 3 4 5; do time_one "$kpi" "$g"; done | sort -n | sed -n 3p | awk '{printf "%d", $1 * 1000}')
    [ "$ms" -gt "$worst" ] && worst=$ms
    printf '%12s' "$ms"
  done
  echo
done
echo "slowest: ${worst} ms (target: 500 ms)"
