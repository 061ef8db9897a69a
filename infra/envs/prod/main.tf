# The prod environment. State: S3 with locking (see backend.tf and infra/README.md). The target (global or china) and
# the region come from the variables (TF_VAR_target, TF_VAR_region in the deploy workflow).

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project     = "aftersales"
      environment = "prod"
    }
  }
}

module "stack" {
  source                  = "../../modules/stack"
  name                    = "aftersales-prod"
  target                  = var.target
  production              = true
  zones                   = var.zones
  package_path            = var.package_path
  native                  = var.native
  snap_start              = var.snap_start
  memory_mb               = 1024
  database_instance_class = "db.m7g.large"
  database_storage_gb     = 50
  frontend_urls           = var.frontend_urls
  mail_domain             = var.mail_domain
  oidc_issuer             = var.oidc_issuer
  oidc_jwks_url           = var.oidc_jwks_url
  oidc_audience           = var.oidc_audience
  oidc_customer_claim     = var.oidc_customer_claim
  oidc_station_claim      = var.oidc_station_claim
  smtp_host               = var.smtp_host
  smtp_port               = var.smtp_port
  smtp_username           = var.smtp_username
  alarm_emails            = var.alarm_emails
  function_environment    = var.function_environment

  api_latency_metric          = var.api_latency_metric
  api_p99_latency_ms          = var.api_p99_latency_ms
  api_error_rate_percent      = var.api_error_rate_percent
  api_error_rate_min_requests = var.api_error_rate_min_requests
  max_database_connections    = var.max_database_connections
  tracing_mode                = var.tracing_mode
  otel_collector_layer_arn    = var.otel_collector_layer_arn

  # Only the business API and health are routed in prod (no OpenAPI document, no Swagger UI).
  api_routes = {
    "ANY /api/{proxy+}"      = { jwt = true }
    "GET /q/health/{proxy+}" = { jwt = false }
  }
}

output "target" {
  value = module.stack.target
}

output "partition" {
  value = module.stack.partition
}

output "api_url" {
  value = module.stack.api_url
}

output "user_pool_id" {
  value = module.stack.user_pool_id
}

output "user_pool_client_id" {
  value = module.stack.user_pool_client_id
}

output "function_name" {
  value = module.stack.function_name
}

output "jobs_function_name" {
  value = module.stack.jobs_function_name
}

output "migrate_function_name" {
  value = module.stack.migrate_function_name
}

output "dkim_tokens" {
  value = module.stack.dkim_tokens
}

output "smtp_secret_arn" {
  value = module.stack.smtp_secret_arn
}

output "alarm_topic_arn" {
  value = module.stack.alarm_topic_arn
}
