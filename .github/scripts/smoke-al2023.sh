#!/usr/bin/env bash
# Runs the native function.zip on Lambda's own OS image (provided.al2023, glibc 2.34) under AWS's runtime interface
# emulator, which that image ships (/usr/local/bin/aws-lambda-rie), and invokes each of the three handlers once:
#   api     (default handler): an API Gateway v2 event GET /q/health/live must answer 200 with status UP;
#   jobs    (QUARKUS_LAMBDA_HANDLER=jobs) and migrate (=migrate): the function must start (Quarkus' "started in"
#           line) and answer the invocation. There is no database or AWS API here, so their runs fail inside the
#           handler; what this proves is that the binary loads, initialises and routes on AL2023.
# Usage: smoke-al2023.sh <function.zip> [api|jobs|migrate ...]   (default: all three). Needs docker, jq, unzip.
set -euo pipefail
zip=${1:?usage: smoke-al2023.sh <function.zip> [api|jobs|migrate ...]}
shift
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(api jobs migrate)
# Exact tag and digest; bump both together (docker buildx imagetools inspect public.ecr.aws/lambda/provided:al2023).
image=${AL2023_IMAGE:-public.ecr.aws/lambda/provided:al2023.2026.02.27.21@sha256:9ee3f032d4063febdf42a2a1f15149ce8358130753e48fcaf86eae731fab38ff}
port=${SMOKE_PORT:-9000}

task=$(mktemp -d)
containers=()
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  rm -rf "$task"
}
trap cleanup EXIT
unzip -q "$zip" -d "$task"
chmod -R a+rX "$task"
[ -x "$task/bootstrap" ] || { echo "::error::$zip has no executable bootstrap" >&2; exit 1; }

# Configuration as Terraform gives it, pointing at addresses where nothing answers (no AWS, no database here).
common_env=(
  -e AWS_REGION=ap-southeast-1 -e AWS_DEFAULT_REGION=ap-southeast-1
  -e AWS_ACCESS_KEY_ID=AKIDEXAMPLE -e AWS_SECRET_ACCESS_KEY=smoke-secret-key -e AWS_SESSION_TOKEN=smoke-session
  -e AWS_ENDPOINT_URL=http://127.0.0.1:9
  -e AFTERSALES_ZONE=Asia/Shanghai
  -e AFTERSALES_MAIL_TRANSPORT=ses
  -e AFTERSALES_ATTACHMENTS_BUCKET=aftersales-smoke-attachments
  -e AFTERSALES_JWT_ISSUER=https://issuer.smoke.invalid
  -e AFTERSALES_JWT_JWKS_URL=https://issuer.smoke.invalid/.well-known/jwks.json
)
datasource_env=(
  -e "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:9/aftersales?sslmode=verify-full"
  -e QUARKUS_DATASOURCE_USERNAME=aftersales_app
  -e QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER=rds-iam
)
migrate_env=(
  -e AFTERSALES_DB_MASTER_SECRET_ARN=arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:smoke-master
  -e AFTERSALES_DB_APP_SECRET_ARN=arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:smoke-app
  -e "AFTERSALES_DB_INSTANCE_JDBC_URL=jdbc:postgresql://127.0.0.1:9/aftersales?sslmode=verify-full"
)

# shellcheck disable=SC2016 # $default is API Gateway's route key, not a shell variable
health_event='{"version":"2.0","routeKey":"$default","rawPath":"/q/health/live","rawQueryString":"","headers":{"accept":"application/json","host":"smoke.local"},"requestContext":{"accountId":"000000000000","apiId":"smoke","domainName":"smoke.local","http":{"method":"GET","path":"/q/health/live","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"smoke-al2023"},"requestId":"smoke-1","routeKey":"$default","stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000},"isBase64Encoded":false}'

failed=0
for mode in "${modes[@]}"; do
  env_args=("${common_env[@]}")
  case $mode in
    api) event=$health_event; env_args+=("${datasource_env[@]}") ;;
    jobs) event='{"job":"smoke-no-such-job"}'; env_args+=("${datasource_env[@]}" -e QUARKUS_LAMBDA_HANDLER=jobs) ;;
    migrate) event='{}'; env_args+=("${migrate_env[@]}" -e QUARKUS_LAMBDA_HANDLER=migrate) ;;
    *) echo "unknown mode: $mode" >&2; exit 2 ;;
  esac
  name="aftersales-smoke-$mode-$$"
  docker run -d --name "$name" -p "127.0.0.1:$port:8080" -v "$task:/var/task:ro" "${env_args[@]}" \
    --entrypoint /usr/local/bin/aws-lambda-rie "$image" /var/task/bootstrap >/dev/null
  containers+=("$name")
  url="http://127.0.0.1:$port/2015-03-31/functions/function/invocations"
  # The emulator listens at once; the function itself starts on the first invocation.
  response=$(curl -sS --retry 10 --retry-connrefused --retry-delay 1 --max-time 120 -X POST "$url" -d "$event") || response=""
  sleep "${SMOKE_LOG_WAIT_SECONDS:-1}" # let the function flush its log
  logs=$(docker logs "$name" 2>&1)
  docker rm -f "$name" >/dev/null
  ok=true
  if ! grep -q 'started in' <<<"$logs"; then
    ok=false
    echo "::error::$mode: the function did not start on AL2023 (no 'started in' line)" >&2
  fi
  if [ "$mode" = api ]; then
    if ! jq -e '.statusCode == 200 and (.body | test("UP"))' <<<"$response" >/dev/null 2>&1; then
      ok=false
      echo "::error::api: /q/health/live did not answer 200 UP: $response" >&2
    fi
  elif ! jq -e 'type == "object"' <<<"$response" >/dev/null 2>&1; then
    ok=false
    echo "::error::$mode: no answer to the invocation: $response" >&2
  fi
  if $ok; then
    echo "ok: $mode started on AL2023 and answered: $(head -c 300 <<<"$response")"
  else
    failed=1
    echo "--- $mode: function log" >&2
    printf '%s\n' "$logs" | tail -n 80 >&2
  fi
done
exit "$failed"
