#!/usr/bin/env bash
# The generated-client smoke (issue 24), run by .ci/run: generates a TypeScript client from docs/openapi.json
# (openapi-typescript), compiles it and src/smoke.ts with tsc --strict, then runs the smoke against the plain-HTTP server
# jar on a private PostgreSQL 17 (bench/pg.sh), with an access token signed here as the benchmark signs its own
# (bench/token.sh). Usage: run.sh [quarkus-app directory of a `./mvnw package -Dserver` build] (default target/quarkus-app).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=$(realpath "${1:-$root/target/quarkus-app}")
[ -f "$app/quarkus-run.jar" ] || { echo "typescript-smoke: no $app/quarkus-run.jar (build it: ./mvnw package -Dserver -DskipTests)" >&2; exit 1; }
work=$(mktemp -d /tmp/aftersales-ts-smoke.XXXXXX)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=${SMOKE_PG_PORT:-$(free_port)}
http_port=${SMOKE_HTTP_PORT:-$(free_port)}
service_pid=
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  "$root/bench/pg.sh" stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
npm run -s generate
npm run -s build

"$root/bench/pg.sh" start "$work" "$pg_port" >/dev/null
mkdir -p "$work/keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
# shellcheck source-path=SCRIPTDIR source=../../bench/token.sh
. "$root/bench/token.sh"  # token ROLE, signed with $work/keys/private.pem

QUARKUS_HTTP_PORT=$http_port QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres" \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused QUARKUS_FLYWAY_MIGRATE_AT_START=true \
AFTERSALES_JWT_ISSUER=https://aftersales.local/bench AFTERSALES_JWT_JWKS_URL="file:$work/keys/public.pem" \
AFTERSALES_SECURITY_CLIENT_IDS=bench AFTERSALES_ATTACHMENTS_STORE=local AFTERSALES_JOBS_IN_PROCESS=false \
  java -jar "$app/quarkus-run.jar" > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "http://localhost:$http_port/q/health/ready" && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "http://localhost:$http_port/q/health/ready" || { echo "typescript-smoke: the server did not get ready" >&2; tail -50 "$work/service.log" >&2; exit 1; }

SMOKE_BASE_URL="http://localhost:$http_port" SMOKE_TOKEN=$(token ADMIN) node dist/smoke.js \
  || { echo "typescript-smoke: FAILED; the server's log:" >&2; tail -50 "$work/service.log" >&2; exit 1; }
