#!/usr/bin/env bash
# terraform plan of one environment (pull requests), with the plan in the job summary. Read-only: -lock=false, and
# -refresh=false: the plan role may not read secrets (refreshing the app database secret's version would), so a pull
# request shows what its code changes against the last applied state, not drift made outside Terraform.
# Usage: plan-env.sh <terraform root>   Environment as for deploy-env.sh.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=.github/scripts/tf-env.sh
. "$scripts/tf-env.sh"
cd "${1:?usage: plan-env.sh <terraform root>}"
tf_init
terraform plan -input=false -lock=false -refresh=false -no-color | tee plan.txt
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### terraform plan (${ENVIRONMENT:-$(basename "$PWD")})"
    echo '```'
    tail -c 60000 plan.txt
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi
