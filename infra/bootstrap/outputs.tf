output "state_bucket" {
  value = module.state.bucket
}

output "tf_backend_config" {
  description = "Environment → the TF_BACKEND_CONFIG variable of its GitHub environment (the content of backend.hcl)."
  value = { for e in local.envs : e => join("\n", [
    "bucket       = \"${module.state.bucket}\"",
    "key          = \"${e}/terraform.tfstate\"",
    "region       = \"${local.region}\"",
    "encrypt      = true",
    "use_lockfile = true",
  ]) }
}

output "deploy_role_arns" {
  description = "Environment → AWS_DEPLOY_ROLE_ARN of its GitHub environment."
  value       = { for e, r in aws_iam_role.deploy : e => r.arn }
}

output "plan_role_arns" {
  description = "Environment → AWS_PLAN_ROLE_ARN of its <env>-plan GitHub environment."
  value       = { for e, r in aws_iam_role.plan : e => r.arn }
}

output "trusted_subjects" {
  description = "Role → the only token subject it trusts."
  value = merge({ for e, s in local.deploy_subjects : "deploy-${e}" => s },
  { for e, s in local.plan_subjects : "plan-${e}" => s })
}

output "audience" {
  value = local.audience
}
