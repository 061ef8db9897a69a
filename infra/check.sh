#!/usr/bin/env bash
# Offline Terraform checks: format, validate every root and module, and the plan tests (mocked provider).
set -euo pipefail
cd "$(dirname "$0")"
# Machines without registry access ship a provider mirror in /opt/tf-plugins; elsewhere (GitHub) the registry is used.
if [ -d /opt/tf-plugins ]; then
  export TF_CLI_CONFIG_FILE="$PWD/ci.tfrc"
fi
export TF_IN_AUTOMATION=1
terraform fmt -check -recursive
for dir in modules/* envs/*; do
  terraform -chdir="$dir" init -backend=false -input=false >/dev/null
  terraform -chdir="$dir" validate -no-color
  if [ -d "$dir/tests" ]; then
    terraform -chdir="$dir" test -no-color
  fi
done
