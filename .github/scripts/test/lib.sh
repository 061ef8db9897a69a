# shellcheck shell=bash
# Helpers of the workflow script tests (sourced by run.sh). Each test runs in its own subshell with a fresh
# $STUB_DIR, the stubs of stubs/ first on PATH, and a Terraform root $ROOT to run the scripts in.
# shellcheck disable=SC2034 # SCRIPTS and ROOT are used by the test files

SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

setup() {
  STUB_DIR=$(mktemp -d)
  export STUB_DIR
  export PATH="$SCRIPTS/test/stubs:$PATH"
  ROOT="$STUB_DIR/root"
  mkdir -p "$ROOT" "$STUB_DIR/after-apply"
  : >"$STUB_DIR/calls.log"
  unset GITHUB_STEP_SUMMARY TF_EXTRA_VARS
  while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep '^TF_VAR_' || true)
  export TF_BACKEND_CONFIG='bucket = "aftersales-terraform-state"
key    = "dev/terraform.tfstate"'
  export SMOKE_DELAY_SECONDS=0 SMOKE_LOG_WAIT_SECONDS=0
}

teardown() { rm -rf "$STUB_DIR"; }

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

assert_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: expected [$2], got [$1]"; }

assert_file_has() { grep -qE -- "$2" "$1" || fail "$1 has no line matching /$2/: $(cat "$1")"; }

assert_file_lacks() { ! grep -qE -- "$2" "$1" || fail "$1 has a line matching /$2/: $(grep -E -- "$2" "$1")"; }

# The line number of the first call matching $1 after line ${2:-0} of calls.log (fails when there is none).
call_line() {
  local n
  n=$(awk -v after="${2:-0}" 'NR > after { print NR ": " $0 }' "$STUB_DIR/calls.log" | grep -E -- "^[0-9]+: ($1)" | head -1 | cut -d: -f1)
  [ -n "$n" ] || fail "no call matching /$1/ after line ${2:-0} in: $(cat "$STUB_DIR/calls.log")"
  echo "$n"
}

# The calls matching the patterns happened in this order (each after the one before).
assert_order() {
  local prev=0 p
  for p in "$@"; do
    prev=$(call_line "${p#^}" "$prev")
  done
}

# A terraform state whose migration function has the name $1 at the address $2.
state_with_function() {
  jq -n --arg fn "$1" --arg addr "$2" '{values: {root_module: {child_modules: [{address: "module.stack",
    resources: [{address: "module.stack.aws_iam_role.migrate", mode: "managed", type: "aws_iam_role", values: {name: $fn}},
                {address: "data.aws_lambda_function.x", mode: "data", type: "aws_lambda_function", values: {function_name: $fn}},
                {address: $addr, mode: "managed", type: "aws_lambda_function", values: {function_name: $fn}}]}]}}}' \
    >"$STUB_DIR/state.json"
}

# Outputs of the stack after a full apply.
outputs_after_apply() {
  printf '%s' aftersales-dev-migrate >"$STUB_DIR/after-apply/migrate_function_name"
  printf '%s' "${1:-https://abc123.execute-api.ap-southeast-1.amazonaws.com/}" >"$STUB_DIR/after-apply/api_url"
}

# An environment deployed before: its outputs exist and so does the migration function.
deployed_before() {
  outputs_after_apply "$@"
  mkdir -p "$STUB_DIR/outputs"
  cp "$STUB_DIR/after-apply/"* "$STUB_DIR/outputs/"
  touch "$STUB_DIR/function-exists"
  state_with_function aftersales-dev-migrate 'module.stack.module.migrate.aws_lambda_function.this'
}
