# shellcheck shell=bash
# The backend configuration reaches terraform init exactly as the GitHub variable holds it: quotes kept, nothing
# in it executed. Empty TF_VAR_* (unset GitHub variables) are dropped so Terraform's defaults apply.

test_backend_config_is_written_verbatim_and_not_executed() {
  # shellcheck disable=SC2016,SC2089,SC2090 # the quotes, $( ) and backticks must stay literal: that is the point
  export TF_BACKEND_CONFIG='bucket       = "aftersales-terraform-state"
key          = "dev/terraform.tfstate"
region       = "ap-southeast-1"
use_lockfile = true
# "; touch '"$STUB_DIR"'/pwned; echo " $(touch '"$STUB_DIR"'/pwned2) `touch '"$STUB_DIR"'/pwned3` \n %s'
  bash "$SCRIPTS/plan-env.sh" "$ROOT" >/dev/null
  printf '%s\n' "$TF_BACKEND_CONFIG" >"$STUB_DIR/expected"
  cmp "$STUB_DIR/expected" "$STUB_DIR/backend.seen" || fail "backend.hcl differs from TF_BACKEND_CONFIG"
  assert_file_has "$STUB_DIR/backend.seen" '^bucket       = "aftersales-terraform-state"$'
  for f in pwned pwned2 pwned3; do
    [ ! -e "$STUB_DIR/$f" ] || fail "the backend configuration was executed ($f)"
  done
}

test_deploy_writes_the_same_backend_config() {
  outputs_after_apply
  bash "$SCRIPTS/deploy-env.sh" "$ROOT" >/dev/null
  printf '%s\n' "$TF_BACKEND_CONFIG" >"$STUB_DIR/expected"
  cmp "$STUB_DIR/expected" "$STUB_DIR/backend.seen" || fail "backend.hcl differs from TF_BACKEND_CONFIG"
  assert_file_has "$STUB_DIR/calls.log" '^terraform init -input=false -lockfile=readonly -backend-config=backend.hcl$'
}

test_empty_backend_config_stops_before_init() {
  export TF_BACKEND_CONFIG=""
  if bash "$SCRIPTS/plan-env.sh" "$ROOT" 2>"$STUB_DIR/err"; then fail "an empty TF_BACKEND_CONFIG was accepted"; fi
  assert_file_has "$STUB_DIR/err" 'TF_BACKEND_CONFIG is empty'
  assert_file_lacks "$STUB_DIR/calls.log" '^terraform init'
}

test_empty_tf_vars_are_dropped_and_set_ones_kept() {
  export TF_VAR_region=ap-southeast-1 TF_VAR_alarm_emails='["ops@example.com"]' TF_VAR_target="" TF_VAR_oidc_issuer=""
  bash "$SCRIPTS/plan-env.sh" "$ROOT" >/dev/null
  assert_file_has "$STUB_DIR/tfvars.seen" '^TF_VAR_region=ap-southeast-1$'
  assert_file_has "$STUB_DIR/tfvars.seen" '^TF_VAR_alarm_emails=\["ops@example.com"\]$'
  assert_file_lacks "$STUB_DIR/tfvars.seen" '^TF_VAR_target='
  assert_file_lacks "$STUB_DIR/tfvars.seen" '^TF_VAR_oidc_issuer='
}

test_extra_vars_become_an_auto_tfvars_file() {
  export TF_EXTRA_VARS='smtp_host = "smtp.example.cn"'
  bash "$SCRIPTS/plan-env.sh" "$ROOT" >/dev/null
  assert_eq "$(cat "$STUB_DIR/extra.seen")" 'smtp_host = "smtp.example.cn"' "ci.auto.tfvars"
}

test_plan_goes_to_the_job_summary() {
  export GITHUB_STEP_SUMMARY="$STUB_DIR/summary.md" ENVIRONMENT=prod
  bash "$SCRIPTS/plan-env.sh" "$ROOT" >/dev/null
  assert_file_has "$GITHUB_STEP_SUMMARY" '^### terraform plan \(prod\)$'
  assert_file_has "$GITHUB_STEP_SUMMARY" '^Plan: 0 to add, 1 to change, 0 to destroy.$'
  assert_file_has "$STUB_DIR/calls.log" '^terraform plan -input=false -lock=false -refresh=false -no-color$'
}
