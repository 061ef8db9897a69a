#!/usr/bin/env bash
# The cost of tracing per request: the HTTP-server jar on a small data set, the same sequential requests (one client,
# keep-alive) with tracing off (no OTLP endpoint: the SDK is off) and on (every request sampled, its spans exported by
# OTLP/HTTP to a local sink that answers 200 and counts what it got). Prints mean, p50 and p99 per mode.
#   bench/tracing-cost.sh      # BENCH_REQUESTS (2000) measured after BENCH_WARM (3000) warm-up requests per round,
#                              # BENCH_ROUNDS (2) rounds off/on alternating; BENCH_PG_PORT, BENCH_HTTP_PORT, BENCH_WORK
# Needs what bench/run.sh needs (java, psql, openssl, curl, python3). Standalone: bench/run.sh does not call it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-/tmp/aftersales-bench-tracing}
pg_port=${BENCH_PG_PORT:-55446}
http_port=${BENCH_HTTP_PORT:-8146}
sink_port=$((http_port + 1000))
requests=${BENCH_REQUESTS:-2000}
warm=${BENCH_WARM:-3000}
rounds=${BENCH_ROUNDS:-2}
base="http://localhost:$http_port"
export PGHOST=localhost PGPORT=$pg_port PGUSER=postgres PGDATABASE=postgres
mkdir -p "$work/keys"
service_pid=
sink_pid=
log() { echo "[$(date +%T)] $*" >&2; }
stop_service() { if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; service_pid=; fi; }
cleanup() { stop_service; [ -z "$sink_pid" ] || kill "$sink_pid" 2>/dev/null || true; bench/pg.sh stop "$work"; }
trap cleanup EXIT

if [ "${BENCH_SKIP_BUILD:-}" != true ]; then
  log "building the HTTP-server jar (./mvnw package -Dserver)"
  ./mvnw -B -q package -Dserver -DskipTests
fi
bench/pg.sh start "$work" "$pg_port" >/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"https://aftersales.local/bench","sub":"bench-sales","upn":"bench-sales","groups":["SALES"],"client_id":"bench","token_use":"access","iat":%d,"exp":%d}' \
  "$now" $((now + 7200)) | b64url)
token="$header.$claims.$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/keys/private.pem" -binary | b64url)"

# An OTLP/HTTP receiver that accepts and counts (the ADOT collector's part in Lambda, without its work).
python3 - "$sink_port" "$work/sink.count" <<'PY' &
import sys, http.server
port, out = int(sys.argv[1]), sys.argv[2]
class Sink(http.server.BaseHTTPRequestHandler):
    posts = 0; octets = 0
    def do_POST(self):
        n = int(self.headers.get('Content-Length', 0)); self.rfile.read(n)
        Sink.posts += 1; Sink.octets += n
        open(out, 'w').write(f"{Sink.posts} {Sink.octets}\n")
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf'); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', port), Sink).serve_forever()
PY
sink_pid=$!

start_service() { # migrate tracing(on|off)
  local otel=()
  if [ "$2" = on ]; then
    otel=(QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="http://127.0.0.1:$sink_port" QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf)
  fi
  env "${otel[@]}" QUARKUS_HTTP_PORT=$http_port \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=unused AFTERSALES_DB_POOL_MAX=4 \
    AFTERSALES_JWT_ISSUER=https://aftersales.local/bench AFTERSALES_JWT_JWKS_URL="file:$work/keys/public.pem" AFTERSALES_SECURITY_CLIENT_IDS=bench \
    QUARKUS_FLYWAY_MIGRATE_AT_START=$1 AFTERSALES_ATTACHMENTS_STORE=local AFTERSALES_JOBS_IN_PROCESS=false \
    java ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$work/service-$2.log" 2>&1 &
  service_pid=$!
  until curl -fs -o /dev/null "$base/q/health/ready"; do kill -0 "$service_pid" || { tail -30 "$work/service-$2.log" >&2; exit 1; }; sleep 0.3; done
}

start_service true off
stop_service
log "generating a small data set"
psql -q -v customers=20 -v units=20000 -v cases=2000 -f bench/sql/generate-cases.sql
psql -q -f bench/sql/generate-terms-and-parts.sql
psql -q -c 'vacuum (analyze)'
psql -Atc "select serial_no from unit order by random() limit 200" > "$work/serials.txt"

# Sequential keep-alive requests: entitlement (one statement) and unit history (a page of cases and events).
measure() { # mode → "mode mean p50 p99" over $requests requests after $warm
  python3 - "$http_port" "$token" "$work/serials.txt" "$warm" "$requests" "$1" <<'PY'
import sys, time, http.client, statistics
port, token, serials, warm, n, mode = int(sys.argv[1]), sys.argv[2], open(sys.argv[3]).read().split(), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
c = http.client.HTTPConnection('127.0.0.1', port)
h = {'Authorization': 'Bearer ' + token}
def one(i):
    path = f"/api/v1/units/{serials[i % len(serials)]}/" + ("entitlement" if i % 2 == 0 else "history?limit=20")
    t = time.perf_counter(); c.request('GET', path, headers=h); r = c.getresponse(); r.read()
    assert r.status == 200, (r.status, path)
    return (time.perf_counter() - t) * 1000
for i in range(warm): one(i)
ms = sorted(one(i) for i in range(n))
print(f"{mode} {statistics.mean(ms):.3f} {ms[len(ms)//2]:.3f} {ms[int(len(ms)*0.99)]:.3f}")
PY
}

echo "mode mean_ms p50_ms p99_ms (requests=$requests after $warm warm-up; one client, keep-alive)"
for round in $(seq 1 "$rounds"); do
  for mode in off on; do
    start_service false "$mode"
    line=$(measure "$mode")
    stop_service
    echo "round$round $line"
  done
done
echo "OTLP export requests and bytes the sink received (tracing on): $(cat "$work/sink.count" 2>/dev/null || echo '0 0')"
