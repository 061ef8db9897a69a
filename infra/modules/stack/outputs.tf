output "api_url" {
  value = module.api.api_url
}

output "user_pool_client_id" {
  value = module.identity.client_id
}

output "function_name" {
  value = module.api.function_name
}

output "database_proxy_endpoint" {
  value = module.database.proxy_endpoint
}

output "dkim_tokens" {
  value = module.mail.dkim_tokens
}

output "alarm_topic_arn" {
  value = module.alarms.topic_arn
}

output "migrate_function_name" {
  value = module.api.migrate_function_name
}
