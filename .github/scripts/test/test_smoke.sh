# shellcheck shell=bash
# The smoke test requests <api_url>/q/health/ready (one slash, whatever api_url ends with) and retries.

test_smoke_url_has_no_double_slash_when_api_url_ends_with_one() {
  bash "$SCRIPTS/smoke-test.sh" "https://abc123.execute-api.ap-southeast-1.amazonaws.com/" >/dev/null
  assert_eq "$(awk '{print $NF}' "$STUB_DIR/calls.log")" "https://abc123.execute-api.ap-southeast-1.amazonaws.com/q/health/ready" "URL"
}

test_smoke_url_without_trailing_slash() {
  bash "$SCRIPTS/smoke-test.sh" "https://api.example.com" >/dev/null
  assert_eq "$(awk '{print $NF}' "$STUB_DIR/calls.log")" "https://api.example.com/q/health/ready" "URL"
}

test_deploy_smoke_tests_the_api_url_output() {
  deployed_before "https://xyz.execute-api.cn-northwest-1.amazonaws.com.cn/"
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >/dev/null
  url=$(grep '^curl ' "$STUB_DIR/calls.log" | awk '{print $NF}')
  assert_eq "$url" "https://xyz.execute-api.cn-northwest-1.amazonaws.com.cn/q/health/ready" "URL"
  [[ ${url#https://} != *//* ]] || fail "double slash in $url"
}

test_smoke_retries_until_ready() {
  export STUB_CURL_FAILURES=2
  bash "$SCRIPTS/smoke-test.sh" "https://api.example.com/" >"$STUB_DIR/out" 2>/dev/null
  assert_eq "$(grep -c '^curl ' "$STUB_DIR/calls.log")" 3 "attempts"
  assert_file_has "$STUB_DIR/out" 'attempt 3\)$'
}

test_smoke_fails_when_never_ready() {
  export STUB_CURL_FAILURES=99 SMOKE_ATTEMPTS=4
  if bash "$SCRIPTS/smoke-test.sh" "https://api.example.com/" >/dev/null 2>&1; then fail "never ready, yet passed"; fi
  assert_eq "$(grep -c '^curl ' "$STUB_DIR/calls.log")" 4 "attempts"
}

test_smoke_rejects_a_url_that_is_not_http() {
  if bash "$SCRIPTS/smoke-test.sh" "" >/dev/null 2>&1; then fail "empty URL accepted"; fi
  if bash "$SCRIPTS/smoke-test.sh" "abc123.execute-api.example.com" >/dev/null 2>&1; then fail "URL without scheme accepted"; fi
  assert_file_lacks "$STUB_DIR/calls.log" '^curl '
}
