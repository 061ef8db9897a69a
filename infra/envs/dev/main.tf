# The dev environment: Cognito user pool with the roles, and the function behind its HTTP API.
# State: S3 with locking (see backend.tf and infra/README.md).

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
      environment = "dev"
    }
  }
}

module "identity" {
  source        = "../../modules/identity"
  name          = "aftersales-dev"
  callback_urls = var.frontend_urls
}

module "api" {
  source        = "../../modules/api-function"
  name          = "aftersales-dev"
  package_path  = var.package_path
  native        = var.native
  jwt_issuer    = module.identity.issuer
  jwt_audiences = [module.identity.client_id]
  cors_origins  = var.frontend_urls
  environment   = var.function_environment
}

output "api_url" {
  value = module.api.api_url
}

output "user_pool_client_id" {
  value = module.identity.client_id
}
