# shellcheck shell=bash
# smoke-al2023.sh with a stubbed docker and curl: the handlers get their own configuration, and a function that
# never logs Quarkus' "started in" or an API that does not answer 200 UP fails the step.

al2023_zip() {
  mkdir -p "$STUB_DIR/pkg"
  printf '#!/bin/sh\n' >"$STUB_DIR/pkg/bootstrap"
  chmod 755 "$STUB_DIR/pkg/bootstrap"
  (cd "$STUB_DIR/pkg" && zip -q "$STUB_DIR/function.zip" bootstrap)
}

test_al2023_smoke_passes_when_every_handler_starts() {
  al2023_zip
  export STUB_DOCKER_LOGS='{"message":"aftersales 1.0 native (powered by Quarkus 3.34.1) started in 0.061s."}'
  export STUB_CURL_BODY='{"statusCode":200,"headers":{},"body":"{\"status\":\"UP\",\"checks\":[]}"}'
  bash "$SCRIPTS/smoke-al2023.sh" "$STUB_DIR/function.zip" >"$STUB_DIR/out" 2>&1 || fail "$(cat "$STUB_DIR/out")"
  assert_eq "$(grep -c '^docker run ' "$STUB_DIR/calls.log")" 3 "containers"
  assert_file_has "$STUB_DIR/calls.log" '^docker run .*--entrypoint /usr/local/bin/aws-lambda-rie public.ecr.aws/lambda/provided:al2023\.[0-9.]+@sha256:[0-9a-f]{64} /var/task/bootstrap$'
  assert_file_has "$STUB_DIR/calls.log" '^docker run .*-e QUARKUS_LAMBDA_HANDLER=jobs '
  assert_file_has "$STUB_DIR/calls.log" '^docker run .*-e QUARKUS_LAMBDA_HANDLER=migrate '
  # The migration function boots without a datasource from Terraform (contract of issue 23).
  grep '^docker run .*QUARKUS_LAMBDA_HANDLER=migrate' "$STUB_DIR/calls.log" >"$STUB_DIR/migrate-run"
  assert_file_lacks "$STUB_DIR/migrate-run" 'QUARKUS_DATASOURCE_'
  assert_file_has "$STUB_DIR/migrate-run" 'AFTERSALES_DB_MASTER_SECRET_ARN='
}

test_al2023_smoke_fails_when_the_function_does_not_start() {
  al2023_zip
  export STUB_DOCKER_LOGS='/var/task/bootstrap: /lib64/libc.so.6: version `GLIBC_2.38'"'"' not found'
  export STUB_CURL_BODY='{"errorType":"Runtime.ExitError","errorMessage":"RequestId: x Error: Runtime exited with error: exit status 1"}'
  if bash "$SCRIPTS/smoke-al2023.sh" "$STUB_DIR/function.zip" migrate >"$STUB_DIR/out" 2>&1; then
    fail "a function that never started passed"
  fi
  assert_file_has "$STUB_DIR/out" "migrate: the function did not start on AL2023"
  assert_file_has "$STUB_DIR/out" 'GLIBC_2.38'
}

test_al2023_smoke_fails_when_health_is_not_up() {
  al2023_zip
  export STUB_DOCKER_LOGS='started in 0.05s'
  export STUB_CURL_BODY='{"statusCode":503,"body":"{\"status\":\"DOWN\"}"}'
  if bash "$SCRIPTS/smoke-al2023.sh" "$STUB_DIR/function.zip" api >"$STUB_DIR/out" 2>&1; then
    fail "a 503 health answer passed"
  fi
  assert_file_has "$STUB_DIR/out" 'api: /q/health/live did not answer 200 UP'
}
