#!/usr/bin/env bash
# Runs the schema migration: one synchronous invocation of the migration function with {} (its handler runs Flyway,
# creates the database roles and grants; it throws on failure). Fails when the function reports an error.
# Usage: invoke-migrate.sh <function name>
set -euo pipefail
fn=${1:?usage: invoke-migrate.sh <migrate function name>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

aws lambda wait function-active-v2 --function-name "$fn"
aws lambda wait function-updated-v2 --function-name "$fn"

# The migration may run up to the function's 900 s timeout: the CLI's default 60 s read timeout would cut it, and a
# CLI retry after a timeout would start a second run, so: a read timeout above 900 s and no retries.
if ! AWS_MAX_ATTEMPTS=1 aws lambda invoke \
  --function-name "$fn" \
  --cli-binary-format raw-in-base64-out \
  --payload '{}' \
  --cli-read-timeout 960 \
  --cli-connect-timeout 10 \
  "$work/response.json" >"$work/meta.json"; then
  echo "::error::invoking $fn failed; the rest of the stack was not changed" >&2
  exit 1
fi
echo "invocation: $(cat "$work/meta.json")"
echo "response:   $(cat "$work/response.json")"
if jq -e 'has("FunctionError")' "$work/meta.json" >/dev/null; then
  echo "::error::schema migration failed ($(jq -r .FunctionError "$work/meta.json")): $(cat "$work/response.json")" >&2
  exit 1
fi
