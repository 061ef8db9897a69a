# shellcheck shell=bash
# Shared by plan-env.sh and deploy-env.sh (sourced, not run). Everything a workflow passes in arrives through the
# environment (`env:` in the workflow), never pasted into the script text, so quotes survive and nothing is executed.

# backend.hcl from TF_BACKEND_CONFIG, byte for byte (the GitHub variable holds the file's content).
# TF_EXTRA_VARS, when set, becomes ci.auto.tfvars: per-environment settings of a target that have no TF_VAR_ of
# their own in the workflow (e.g. the SMTP relay of the china target), as HCL lines.
tf_write_config() {
  if [ -z "${TF_BACKEND_CONFIG:-}" ]; then
    echo "::error::TF_BACKEND_CONFIG is empty: set the GitHub environment variable to the content of backend.hcl" >&2
    return 1
  fi
  printf '%s\n' "$TF_BACKEND_CONFIG" >backend.hcl
  if [ -n "${TF_EXTRA_VARS:-}" ]; then
    printf '%s\n' "$TF_EXTRA_VARS" >ci.auto.tfvars
  fi
}

# A GitHub variable that is not set renders as an empty string; Terraform would take "" instead of the variable's
# default (or fail to parse "" as a list). Unset every empty TF_VAR_* so the default applies.
tf_drop_empty_vars() {
  local name
  while IFS= read -r name; do
    case $name in
      TF_VAR_*) [ -n "${!name}" ] || unset "$name" ;;
    esac
  done < <(compgen -e)
}

# init with the committed lock file as is (a provider that does not match it fails the run).
tf_init() {
  tf_write_config
  tf_drop_empty_vars
  terraform init -input=false -lockfile=readonly -backend-config=backend.hcl
}
