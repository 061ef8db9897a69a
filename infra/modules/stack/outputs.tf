output "target" {
  value = var.target
}

output "partition" {
  value = data.aws_partition.current.partition
}

output "api_url" {
  description = "Base URL of the HTTP API (ends with /: the smoke test requests $${api_url%/}/q/health/ready)."
  value       = module.api.api_url
}

output "user_pool_id" {
  description = "global: the Cognito user pool (null in china)."
  value       = local.global ? module.identity[0].user_pool_id : null
}

output "user_pool_client_id" {
  description = "global: the front end's Cognito app client (null in china)."
  value       = local.global ? module.identity[0].client_id : null
}

output "function_name" {
  value = module.api.function_name
}

output "snap_start" {
  description = "API and jobs function → SnapStart's apply_on (None: off)."
  value       = module.api.snap_start
}

output "invoked_arns" {
  description = "API and jobs function → the ARN API Gateway and the schedules invoke."
  value       = module.api.invoked_arns
}

output "jobs_function_name" {
  value = module.api.jobs_function_name
}

output "migrate_function_name" {
  value = module.api.migrate_function_name
}

output "database_proxy_endpoint" {
  value = module.database.proxy_endpoint
}

output "dkim_tokens" {
  description = "global: publish each as a CNAME <token>._domainkey.<mail_domain> → <token>.dkim.amazonses.com."
  value       = local.global ? module.mail[0].dkim_tokens : []
}

output "smtp_secret_arn" {
  description = "china: put the SMTP relay's password in this secret (null in global)."
  value       = local.china ? aws_secretsmanager_secret.smtp[0].arn : null
}

output "alarm_topic_arn" {
  value = module.alarms.topic_arn
}

output "api_routes" {
  description = "Route key → authorization type at the gateway."
  value       = module.api.routes
}

output "alarm_thresholds" {
  description = "The alarm thresholds in force (alarms module)."
  value       = module.alarms.thresholds
}

output "function_tracing" {
  description = "Function → X-Ray tracing mode and layers."
  value       = { for k, f in module.api.settings : k => { mode = f.tracing_mode, layers = f.layers } }
}

output "webhook_key_secret_arn" {
  description = "Secret whose value (set by the operator) is the key sealing webhook credentials at rest."
  value       = aws_secretsmanager_secret.webhook_key.arn
}
