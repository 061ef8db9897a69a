#!/usr/bin/env bash
# Offline Terraform checks: format, validate every root and module, the plan tests (mocked provider; the stack and
# both environments are planned from empty state for the global and the china target), and static checks of the
# configuration: no partition or DNS-suffix literals, no reserved concurrency, no job token, the lock file's
# platforms, and the order in which the first apply creates the functions (from `terraform graph`).
set -euo pipefail
cd "$(dirname "$0")"
# Machines without registry access ship a provider mirror in /opt/tf-plugins; elsewhere (GitHub) the registry is used.
if [ -d /opt/tf-plugins ]; then
  export TF_CLI_CONFIG_FILE="$PWD/ci.tfrc"
fi
export TF_IN_AUTOMATION=1

fail() {
  echo "check.sh: $*" >&2
  exit 1
}

# --- Static checks of the configuration (.tf files; the tests' mocked ARNs are data, not configuration) -------------
# Partition, DNS suffix and service principals come from data sources (aws_partition, aws_service_principal).
if grep -rnE --include='*.tf' 'arn:aws[:-]|amazonaws\.com' modules envs bootstrap; then
  fail "literal partition or DNS suffix above: use data.aws_partition / data.aws_service_principal"
fi
# Reserved concurrency only through the variables (null by default): a new account has 10 in all.
if grep -rnE --include='*.tf' 'reserved_concurrent_executions[[:space:]]*=[[:space:]]*[0-9]' modules envs; then
  fail "hard-coded reserved concurrency above"
fi
# The HTTP job trigger and its token are gone everywhere.
if grep -rniE 'job_token|JOB_TOKEN|trigger[-_]token|x-aftersales-job-token' modules envs bootstrap; then
  fail "job token above"
fi
# No SES SMTP credentials (IAM user and access key): mail goes through the SES API under the execution roles.
if grep -rnE --include='*.tf' 'aws_iam_user"|aws_iam_access_key|ses_smtp_password' modules envs; then
  fail "SES SMTP credentials above"
fi
# The lock files pin the provider with a hash for the platform this mirror holds (linux_amd64, h1:); the deploy
# workflow adds the other platforms' hashes (terraform providers lock -platform=…), which need the registry.
for lock in envs/*/.terraform.lock.hcl bootstrap/.terraform.lock.hcl; do
  grep -q 'provider "registry.terraform.io/hashicorp/aws"' "$lock" || fail "$lock: no hashicorp/aws entry"
  grep -qE '"h1:[A-Za-z0-9+/=]{44}"' "$lock" || fail "$lock: no h1: hash"
done

# --- fmt, validate, plan tests ------------------------------------------------------------------------------------
terraform fmt -check -recursive
# `terraform test` validates the configuration it loads first, so a directory with tests is not validated twice
# (each provider start costs seconds on a busy machine).
for dir in modules/* envs/* bootstrap; do
  terraform -chdir="$dir" init -backend=false -input=false >/dev/null
  if [ -d "$dir/tests" ]; then
    terraform -chdir="$dir" test -no-color
  else
    terraform -chdir="$dir" validate -no-color
  fi
done

# --- Creation order of the first apply ------------------------------------------------------------------------------
# Every function must be created after what it needs at its first start: the ENI policy (CreateFunction in a VPC
# checks it), its permissions, the private routes, the security-group rules, the proxy target and the database
# secrets. `terraform graph` (no provider calls) lists the dependency edges; a function depends on X when X is
# reachable from it. The same edges make `terraform apply -target=…migrate` include all of these.
graph=$(mktemp)
trap 'rm -f "$graph"' EXIT
terraform -chdir=modules/stack graph >"$graph"
reachable() { # reachable <graph> <node>: every node the node depends on, directly or not
  awk -F'"' -v start="$2" '
    / -> / { adj[$2] = adj[$2] SUBSEP $4 }
    END {
      q[1] = start; seen[start] = 1; h = 1; t = 1
      while (h <= t) { n = q[h++]; k = split(adj[n], a, SUBSEP)
        for (i = 2; i <= k; i++) if (!(a[i] in seen)) { seen[a[i]] = 1; q[++t] = a[i] } }
      for (s in seen) print s
    }' "$1"
}
needs() { # needs <function resource> <dependency>...
  local fn=$1 deps
  shift
  deps=$(reachable "$graph" "$fn")
  grep -qxF "$fn" <<<"$deps" || fail "$fn is not in the graph"
  for d in "$@"; do
    grep -qxF "$d" <<<"$deps" || fail "$fn is not ordered after $d"
  done
}
common=(
  module.api.aws_iam_role_policy_attachment.vpc
  module.api.aws_iam_role_policy.logs
  module.api.aws_cloudwatch_log_group.this
  module.network.aws_route_table_association.private
  module.network.aws_nat_gateway.this
  module.network.aws_vpc_endpoint.s3
  module.database.aws_db_proxy_target.this
  module.database.aws_secretsmanager_secret_version.app
)
needs module.api.aws_lambda_function.migrate "${common[@]}" \
  module.api.aws_iam_role_policy.migrate_secrets \
  module.database.aws_db_instance.this \
  module.database.aws_vpc_security_group_ingress_rule.database_from_migrate \
  module.database.aws_vpc_security_group_egress_rule.migrate_to_database \
  module.database.aws_vpc_security_group_egress_rule.migrate_https
for fn in module.api.aws_lambda_function.this module.api.aws_lambda_function.jobs; do
  needs "$fn" "${common[@]}" \
    module.api.aws_iam_role_policy.connect \
    module.api.aws_iam_role_policy.app \
    module.database.aws_vpc_security_group_ingress_rule.proxy_from_function \
    module.database.aws_vpc_security_group_egress_rule.function_to_proxy \
    module.database.aws_vpc_security_group_ingress_rule.database_from_proxy \
    module.database.aws_vpc_security_group_egress_rule.proxy_to_database
done
# Lambda checks the jobs function's permission on its failure destination when the configuration is written.
needs module.schedules.aws_lambda_function_event_invoke_config.jobs module.schedules.aws_iam_role_policy.function_dead_letters
# The exported PostgreSQL log group exists (with its retention) before RDS would create it without one.
needs module.database.aws_db_instance.this module.database.aws_cloudwatch_log_group.postgresql
echo "check.sh: all checks passed"
