#!/usr/bin/env bash
# Completes every committed Terraform lock file with the provider hashes of linux and macOS on amd64 and arm64
# (the offline build machines can only record linux_amd64), and fails when that changed a file: commit the files
# of the run's `terraform-lock-files` artifact (or run this script where the registry is reachable).
# Usage: lock-providers.sh [extra providers-lock arguments]   (needs terraform and the public registry)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
platforms=(-platform=linux_amd64 -platform=linux_arm64 -platform=darwin_amd64 -platform=darwin_arm64)
mapfile -t locks < <(git ls-files -- 'infra/*.terraform.lock.hcl')
[ ${#locks[@]} -gt 0 ] || { echo "::error::no committed .terraform.lock.hcl under infra/" >&2; exit 1; }
for lock in "${locks[@]}"; do
  dir=$(dirname "$lock")
  echo "== $dir"
  # Loading the configuration needs its modules installed; the backend is not needed.
  terraform -chdir="$dir" init -backend=false -input=false -lockfile=readonly >/dev/null
  terraform -chdir="$dir" providers lock "${platforms[@]}" "$@"
done
if ! git diff --exit-code -- "${locks[@]}"; then
  echo "::error::lock files lack hashes of some platforms: commit the files above (artifact terraform-lock-files)" >&2
  exit 1
fi
echo "every lock file has the hashes of all four platforms"
