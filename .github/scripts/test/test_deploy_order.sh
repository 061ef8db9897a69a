# shellcheck shell=bash
# The order of a deploy: first deploy (no migration function yet) = full apply, then the migration; later deploys =
# targeted apply of the migration function, the migration, then the full apply. A failed migration stops it.

test_first_deploy_applies_everything_then_migrates_then_smoke_tests() {
  outputs_after_apply
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >"$STUB_DIR/out"
  assert_file_lacks "$STUB_DIR/calls.log" '-target='
  assert_file_lacks "$STUB_DIR/calls.log" '^aws lambda get-function'
  assert_order '^terraform init' \
    '^terraform apply -input=false -auto-approve$' \
    '^terraform output -raw migrate_function_name$' \
    '^aws lambda invoke --function-name aftersales-dev-migrate ' \
    '^terraform output -raw api_url$' \
    '^curl .*/q/health/ready$'
  assert_eq "$(grep -c '^terraform apply' "$STUB_DIR/calls.log")" 1 "applies"
  assert_file_has "$STUB_DIR/out" '^First deploy'
}

test_first_deploy_when_the_state_names_a_function_that_does_not_exist() {
  outputs_after_apply
  mkdir -p "$STUB_DIR/outputs"
  cp "$STUB_DIR/after-apply/migrate_function_name" "$STUB_DIR/outputs/"
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >/dev/null
  assert_order '^aws lambda get-function --function-name aftersales-dev-migrate' \
    '^terraform apply -input=false -auto-approve$' \
    '^aws lambda invoke '
  assert_file_lacks "$STUB_DIR/calls.log" '-target='
}

test_later_deploy_migrates_before_the_full_apply() {
  deployed_before
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >"$STUB_DIR/out"
  assert_order '^aws lambda get-function --function-name aftersales-dev-migrate' \
    '^terraform show -json$' \
    '^terraform apply -input=false -auto-approve -target=module.stack.module.migrate.aws_lambda_function.this$' \
    '^aws lambda wait function-updated-v2 --function-name aftersales-dev-migrate$' \
    '^aws lambda invoke --function-name aftersales-dev-migrate ' \
    '^terraform apply -input=false -auto-approve$' \
    '^curl '
  assert_eq "$(grep -c '^terraform apply' "$STUB_DIR/calls.log")" 2 "applies"
}

test_failed_migration_stops_before_the_full_apply() {
  deployed_before
  export STUB_MIGRATE_FUNCTION_ERROR=1
  if bash "$SCRIPTS/deploy-env.sh" "$ROOT" >"$STUB_DIR/out" 2>&1; then fail "a FunctionError of the migration passed"; fi
  assert_file_has "$STUB_DIR/out" 'schema migration failed \(Unhandled\).*FlywayException'
  assert_file_has "$STUB_DIR/calls.log" '^terraform apply .*-target='
  assert_file_lacks "$STUB_DIR/calls.log" '^terraform apply -input=false -auto-approve$'
  assert_file_lacks "$STUB_DIR/calls.log" '^curl '
}

test_failed_first_migration_fails_the_deploy() {
  outputs_after_apply
  export STUB_MIGRATE_FUNCTION_ERROR=1
  if bash "$SCRIPTS/deploy-env.sh" "$ROOT" >/dev/null 2>&1; then fail "a FunctionError of the first migration passed"; fi
  assert_file_lacks "$STUB_DIR/calls.log" '^curl '
}

test_an_unclear_get_function_error_changes_nothing() {
  outputs_after_apply
  mkdir -p "$STUB_DIR/outputs"
  cp "$STUB_DIR/after-apply/migrate_function_name" "$STUB_DIR/outputs/"
  export STUB_GET_FUNCTION_ERROR="An error occurred (AccessDeniedException) when calling the GetFunction operation"
  if bash "$SCRIPTS/deploy-env.sh" "$ROOT" >"$STUB_DIR/out" 2>&1; then fail "deployed without knowing whether the function exists"; fi
  assert_file_has "$STUB_DIR/out" 'cannot tell whether aftersales-dev-migrate exists'
  assert_file_lacks "$STUB_DIR/calls.log" '^terraform apply'
}

test_migration_function_missing_from_the_state_stops() {
  deployed_before
  state_with_function some-other-function 'module.stack.aws_lambda_function.other'
  if bash "$SCRIPTS/deploy-env.sh" "$ROOT" >"$STUB_DIR/out" 2>&1; then fail "deployed without a target"; fi
  assert_file_has "$STUB_DIR/out" 'no aws_lambda_function named aftersales-dev-migrate'
  assert_file_lacks "$STUB_DIR/calls.log" '^terraform apply'
}

test_migration_invocation_waits_long_enough_and_never_retries() {
  deployed_before
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >/dev/null
  line=$(grep '^aws lambda invoke ' "$STUB_DIR/calls.log")
  for part in '--payload {}' '--cli-read-timeout 960' '--cli-connect-timeout 10' '--cli-binary-format raw-in-base64-out'; do
    [[ $line == *" $part "* ]] || fail "invoke lacks $part: $line"
  done
  assert_eq "$(cat "$STUB_DIR/invoke.env")" "AWS_MAX_ATTEMPTS=1" "retries of the invocation"
}

test_deploy_summary_names_the_url() {
  outputs_after_apply
  export GITHUB_STEP_SUMMARY="$STUB_DIR/summary.md" ENVIRONMENT=dev
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >/dev/null
  assert_file_has "$GITHUB_STEP_SUMMARY" '^Deployed dev: https://abc123.execute-api.ap-southeast-1.amazonaws.com \(first deploy: yes\)$'
}
