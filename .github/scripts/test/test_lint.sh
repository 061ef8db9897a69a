# shellcheck shell=bash
# lint-workflows.sh catches what issue 23 found in the workflows: a value pasted into a run step, an action on a
# tag, a secret in a plan job, a job token, and shell errors in a run step.

lint_repo_with() {
  local repo="$STUB_DIR/repo"
  mkdir -p "$repo/.github/workflows" "$repo/.ci"
  mkdir -p "$repo/.github/scripts"
  printf '#!/usr/bin/env bash\ntrue\n' >"$repo/.ci/run"
  cat >"$repo/.github/workflows/w.yml"
  bash "$SCRIPTS/lint-workflows.sh" "$repo" >"$STUB_DIR/out" 2>&1
}

test_lint_passes_a_clean_workflow() {
  lint_repo_with <<'YML' || fail "a clean workflow failed: $(cat "$STUB_DIR/out")"
name: w
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    env:
      TF_BACKEND_CONFIG: ${{ vars.TF_BACKEND_CONFIG }}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: printf '%s\n' "$TF_BACKEND_CONFIG" > backend.hcl
YML
}

test_lint_rejects_an_expression_inside_run() {
  if lint_repo_with <<'YML'; then fail "an expression inside run passed"; fi
name: w
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: printf '%s\n' "${{ vars.TF_BACKEND_CONFIG }}" > backend.hcl
YML
  assert_file_has "$STUB_DIR/out" 'inside run: pass the value through env'
}

test_lint_rejects_an_action_on_a_tag() {
  if lint_repo_with <<'YML'; then fail "an action on a tag passed"; fi
name: w
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: graalvm/setup-graalvm@v1
YML
  assert_file_has "$STUB_DIR/out" 'not pinned to a commit SHA: graalvm/setup-graalvm@v1'
}

test_lint_rejects_a_secret_in_a_plan_job_and_a_job_token() {
  if lint_repo_with <<'YML'; then fail "a secret in a plan job passed"; fi
name: w
on: pull_request
jobs:
  plan:
    runs-on: ubuntu-latest
    environment: ${{ matrix.environment }}-plan
    env:
      TF_VAR_job_token: ${{ secrets.JOB_TOKEN }}
    steps:
      - run: terraform plan
YML
  assert_file_has "$STUB_DIR/out" 'job plan runs in a plan environment and reads a secret'
  assert_file_has "$STUB_DIR/out" 'mentions a job token'
}

test_lint_runs_shellcheck_on_run_steps() {
  if lint_repo_with <<'YML'; then fail "an unquoted variable passed shellcheck"; fi
name: w
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          url=$(terraform output -raw api_url)
          curl -fsS $url/q/health/ready
YML
  assert_file_has "$STUB_DIR/out" 'SC2086'
}

test_lint_rejects_invalid_yaml() {
  if printf 'name: w\non: push\njobs:\n  a: [\n' | lint_repo_with; then fail "invalid YAML passed"; fi
  assert_file_has "$STUB_DIR/out" 'not valid YAML'
}
