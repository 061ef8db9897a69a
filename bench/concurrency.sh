#!/usr/bin/env bash
# Concurrency figures of a running service, under real overlap: each round, CLIENTS clients at once (one curl, parallel
# transfers)
#   1. open one case (POST /api/v1/cases, which has no natural unique key: a second effect would be a second case), all
#      with the same body and the same Idempotency-Key: every answer must be the same 201, and the database must hold
#      the case once (duplicates: cases beyond one with the round's title, counted in SQL; must be 0);
#   2. register one customer, then amend it, all clients naming the version they read (If-Match "0"): one may win,
#      the others must be refused with 412 (conflicts detected), and the customer must end at version 1.
# Meanwhile a separate database session samples pg_stat_activity about every millisecond: the most sessions of the
# service (JDBC) inside a statement or a transaction at one moment is the number of requests that overlapped in the
# database (requests in flight server-side, not just connections accepted).
#
# Usage: bench/concurrency.sh BASE TOKEN SERIAL CUSTOMER_ID [CLIENTS] [ROUNDS]   (TOKEN: a bearer token of a role that
# opens cases and registers customers, e.g. AFTER_SALES_MANAGER; SERIAL a unit of CUSTOMER_ID; PG* variables point at
# the service's database). Prints key=value lines on stdout: rounds, clients, requests, max_in_flight, conflicts,
# winners, duplicates, mismatched (rounds whose idempotent answers differed), lost (rounds whose race did not end at
# version 1 or answered other than 200/412).
# Called by bench/run.sh after the held load; runs alone against any service.
set -euo pipefail
base=$1
token=$2
serial=$3
customer=$4
clients=${5:-16}
rounds=${6:-10}
work=$(mktemp -d)
trap 'kill "${hold_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# The sampler runs while the session named bench-concurrency-hold exists (this script ends it when the rounds are done).
PGAPPNAME=bench-concurrency-hold psql -q -o /dev/null -c 'select pg_sleep(3600)' 2>/dev/null &
hold_pid=$!
until [ "$(psql -Atc "select count(*) from pg_stat_activity where application_name = 'bench-concurrency-hold'")" = 1 ]; do
  sleep 0.05
done
psql -q -o /dev/null 2> "$work/sampler.txt" <<'SQL' &
do $$
declare
  most int := 0;
  now_in_flight int;
begin
  loop
    perform pg_stat_clear_snapshot();  -- pg_stat_activity is otherwise read once per transaction
    exit when not exists (select 1 from pg_stat_activity where application_name = 'bench-concurrency-hold');
    select count(*) into now_in_flight from pg_stat_activity
     where backend_type = 'client backend' and application_name = 'PostgreSQL JDBC Driver'
       and state in ('active', 'idle in transaction');
    most := greatest(most, now_in_flight);
    perform pg_sleep(0.001);
  end loop;
  raise notice 'max_in_flight=%', most;
end $$;
SQL
sampler_pid=$!

burst() { # method url body-file [header] → one status per line in $work/status, bodies in $work/body.<i>
  local method=$1 url=$2 body=$3 extra=$4 i
  : > "$work/urls"
  for i in $(seq 1 "$clients"); do
    printf 'url = "%s"\noutput = "%s/body.%d"\n' "$url" "$work" "$i" >> "$work/urls"
  done
  curl -s --no-progress-meter -Z --parallel-immediate --parallel-max "$clients" -X "$method" -K "$work/urls" -w '%{http_code}\n' \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "$extra" --data-binary "@$body" > "$work/status"
}

requests=0 conflicts=0 winners=0 duplicates=0 mismatched=0 lost=0
stamp=$(date +%s%N)
for round in $(seq 1 "$rounds"); do
  title="并发重试 $stamp-$round"
  printf '{"type":"COMPLAINT","customerId":"%s","units":[{"serialNo":"%s","mileageKm":1200}],"failureDate":"%s",
    "title":"%s","description":"客户反馈控制器报警，同一请求由多个客户端同时重发","reporter":{"name":"王工","phone":"138 0000 0000"},
    "channel":"PHONE","severity":"MEDIUM"}' "$customer" "$serial" "$(date -u -d yesterday +%F)" "$title" > "$work/case.json"
  burst POST "$base/api/v1/cases" "$work/case.json" "Idempotency-Key: bench-concurrency-$stamp-$round"
  requests=$((requests + clients))
  # Every answer the same (the stored response for the key), a 201.
  if [ "$(sort -u "$work/status")" != 201 ] || [ "$(cat "$work"/body.* | md5sum | cut -c1-32)" != \
       "$(for _ in $(seq 1 "$clients"); do cat "$work/body.1"; done | md5sum | cut -c1-32)" ]; then
    mismatched=$((mismatched + 1))
  fi
  stored=$(psql -Atc "select count(*) from service_case where title = '$title'")
  duplicates=$((duplicates + stored - 1))

  code="CONC-$stamp-$round"
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"name\":\"并发测试客户 $round\",\"type\":\"FLEET\"}" "$base/api/v1/customers"
  id=$(psql -Atc "select id from customer where code = '$code'")
  printf '{"code":"%s","name":"并发测试客户 %s 改","type":"DEALER"}' "$code" "$round" > "$work/amend.json"
  burst PUT "$base/api/v1/customers/$id" "$work/amend.json" 'If-Match: "0"'
  requests=$((requests + clients))
  winners=$((winners + $(grep -c '^200$' "$work/status" || true)))
  conflicts=$((conflicts + $(grep -c '^412$' "$work/status" || true)))
  other=$(grep -vc '^\(200\|412\)$' "$work/status" || true)
  version=$(psql -Atc "select version from customer where id = '$id'")
  if [ "$other" != 0 ] || [ "$version" != 1 ]; then
    lost=$((lost + 1))
  fi
done

kill "$hold_pid" 2>/dev/null || true
psql -q -o /dev/null -c "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bench-concurrency-hold'"
wait "$sampler_pid" || true
max_in_flight=$(sed -n 's/.*max_in_flight=\([0-9]*\).*/\1/p' "$work/sampler.txt")
echo "rounds=$rounds"
echo "clients=$clients"
echo "requests=$requests"
echo "max_in_flight=${max_in_flight:-?}"
echo "conflicts=$conflicts"
echo "winners=$winners"
echo "duplicates=$duplicates"
echo "mismatched=$mismatched"
echo "lost=$lost"
