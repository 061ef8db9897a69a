# The prod environment. State: S3 with locking (see backend.tf and infra/README.md).

terraform {
  required_version = ">= 1.6"
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
  production              = true
  zones                   = var.zones
  package_path            = var.package_path
  native                  = var.native
  memory_mb               = 1024
  database_instance_class = "db.m7g.large"
  frontend_urls           = var.frontend_urls
  mail_domain             = var.mail_domain
  job_token               = var.job_token
  alarm_emails            = var.alarm_emails
  function_environment    = var.function_environment
}

output "api_url" {
  value = module.stack.api_url
}

output "user_pool_client_id" {
  value = module.stack.user_pool_client_id
}

output "function_name" {
  value = module.stack.function_name
}

output "dkim_tokens" {
  value = module.stack.dkim_tokens
}

output "migrate_function_name" {
  value = module.stack.migrate_function_name
}
