#!/usr/bin/env bash
# Deploys one environment from its Terraform root, migrating the schema before the API function gets new code.
# Usage: deploy-env.sh <terraform root, e.g. infra/envs/dev>
# Environment: TF_BACKEND_CONFIG (content of backend.hcl), TF_VAR_* (empty ones are dropped), AWS credentials,
# optional TF_EXTRA_VARS, GITHUB_STEP_SUMMARY.
#
# First deploy (the migration function does not exist yet): a full apply creates everything (network, ENI policy,
#   proxy, roles and the three functions), then the migration runs. The API function exists before the schema does,
#   which is harmless when nothing has been serving yet.
# Later deploys: a targeted apply of the migration function (Terraform adds what it depends on), the migration,
#   then the full apply moves the API and jobs functions to the new code. A failed migration stops before that.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=.github/scripts/tf-env.sh
. "$scripts/tf-env.sh"
cd "${1:?usage: deploy-env.sh <terraform root>}"

apply() { terraform apply -input=false -auto-approve "$@"; }

# Prints "yes" or "no"; any other error from the API (access denied, throttling) stops the deploy, since guessing
# "no" would apply the API function's new code before the migration.
migrate_function_exists() {
  local out
  if out=$(aws lambda get-function --function-name "$1" --query Configuration.FunctionName --output text 2>&1); then
    echo yes
  elif [[ $out == *ResourceNotFoundException* ]]; then
    echo no
  else
    echo "::error::cannot tell whether $1 exists: $out" >&2
    return 1
  fi
}

# The state address of the aws_lambda_function named $1 (wherever the modules put it).
function_address() {
  terraform show -json | jq -r --arg fn "$1" \
    '[.. | objects | select(.mode? == "managed" and .type? == "aws_lambda_function" and .values.function_name? == $fn) | .address] | first // empty'
}

tf_init

fn=$(terraform output -raw migrate_function_name 2>/dev/null || true)
exists=no
if [ -n "$fn" ]; then
  exists=$(migrate_function_exists "$fn")
fi

if [ "$exists" = yes ]; then
  echo "Deploy: $fn exists: migrate first, then the full apply."
  address=$(function_address "$fn")
  if [ -z "$address" ]; then
    echo "::error::no aws_lambda_function named $fn in the state" >&2
    exit 1
  fi
  apply -target="$address"
  bash "$scripts/invoke-migrate.sh" "$fn"
  apply
else
  echo "First deploy${fn:+ ($fn does not exist)}: full apply, then the migration."
  apply
  fn=$(terraform output -raw migrate_function_name)
  bash "$scripts/invoke-migrate.sh" "$fn"
fi

url=$(terraform output -raw api_url)
bash "$scripts/smoke-test.sh" "$url"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "Deployed ${ENVIRONMENT:-$(basename "$PWD")}: ${url%/} (first deploy: $([ "$exists" = yes ] && echo no || echo yes))" >>"$GITHUB_STEP_SUMMARY"
fi
