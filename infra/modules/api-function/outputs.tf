output "api_url" {
  description = "Base URL of the HTTP API (ends with /)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "api_id" {
  value = aws_apigatewayv2_api.http.id
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "function_arn" {
  value = aws_lambda_function.this.arn
}

output "invoked_arns" {
  description = "Function → the ARN its callers invoke: the alias live with SnapStart, else the unqualified function."
  value = {
    api  = local.snap_start ? aws_lambda_alias.live["api"].arn : aws_lambda_function.this.arn
    jobs = local.snap_start ? aws_lambda_alias.live["jobs"].arn : aws_lambda_function.jobs.arn
  }
}

output "snap_start" {
  description = "Function → SnapStart's apply_on (None: off)."
  value = { for k, f in { api = aws_lambda_function.this, jobs = aws_lambda_function.jobs } :
  k => try(f.snap_start[0].apply_on, "None") }
}

output "jobs_function_name" {
  value = aws_lambda_function.jobs.function_name
}

output "jobs_function_arn" {
  description = "The ARN the schedules invoke: the alias live with SnapStart, else the unqualified function."
  value       = local.snap_start ? aws_lambda_alias.live["jobs"].arn : aws_lambda_function.jobs.arn
}

output "jobs_function_qualifier" {
  description = "The alias the schedules invoke (null without SnapStart)."
  value       = local.snap_start ? aws_lambda_alias.live["jobs"].name : null
}

output "jobs_role_name" {
  description = "The jobs function's role (Lambda sends its failed asynchronous invocations to the dead-letter queue with it)."
  value       = aws_iam_role.this["jobs"].name
}

output "migrate_function_name" {
  description = "Invoke with {} after updating it (deploy step): its handler runs the schema migrations."
  value       = aws_lambda_function.migrate.function_name
}

output "log_group_names" {
  description = "Function → its CloudWatch log group."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}

output "role_names" {
  value = { for k, r in aws_iam_role.this : k => r.name }
}

output "route_keys" {
  value = [for r in aws_apigatewayv2_route.this : r.route_key]
}

output "attachments_bucket" {
  value = module.attachments.bucket
}

output "settings" {
  description = "Each function's settings as planned: timeout, memory, reserved concurrency (null: none), environment, X-Ray tracing mode, layers."
  value = { for k, f in {
    api = aws_lambda_function.this, jobs = aws_lambda_function.jobs, migrate = aws_lambda_function.migrate } :
    k => {
      timeout              = f.timeout
      memory_mb            = f.memory_size
      reserved_concurrency = f.reserved_concurrent_executions
      environment          = f.environment[0].variables
      tracing_mode         = f.tracing_config[0].mode
      layers               = f.layers
    }
  }
}

output "role_policies" {
  description = "Function → names of the inline policies of its role."
  value = { for k in keys(local.functions) : k => sort(concat(
    [for rk, p in aws_iam_role_policy.logs : p.name if rk == k],
    [for rk, p in aws_iam_role_policy.connect : p.name if rk == k],
    [for rk, p in aws_iam_role_policy.xray : p.name if rk == k],
    [for rk, p in aws_iam_role_policy.app : p.name if startswith(rk, "${k}-")],
    k == "api" ? [aws_iam_role_policy.attachments.name] : [],
    k == "jobs" ? [aws_iam_role_policy.expire_uploads.name] : [],
    k == "migrate" ? [aws_iam_role_policy.migrate_secrets.name] : [],
  )) }
}

output "connect_grants" {
  description = "Function → the rds-db:connect resources its role gets."
  value = { for k, p in aws_iam_role_policy.connect : k => flatten([for s in data.aws_iam_policy_document.connect.statement :
  tolist(s.resources) if contains(s.actions, "rds-db:connect")]) }
}

output "migrate_secret_grants" {
  description = "The secrets the migration function may read."
  value       = flatten([for s in data.aws_iam_policy_document.migrate_secrets.statement : tolist(s.resources)])
}

output "vpc_policy_arns" {
  description = "Function → the managed policy giving it its network interfaces."
  value       = { for k, a in aws_iam_role_policy_attachment.vpc : k => a.policy_arn }
}

output "authorizer" {
  value = {
    issuer    = aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].issuer
    audiences = aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].audience
  }
}

output "routes" {
  description = "Route key → authorization type at the gateway."
  value       = { for k, r in aws_apigatewayv2_route.this : k => r.authorization_type }
}
