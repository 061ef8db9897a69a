# Cognito user pool whose groups are the service's roles. CUSTOMER accounts carry custom:customer_id, SERVICE_STATION
# accounts custom:station_id.
# MFA is required for every account (TOTP authenticator app, set up at the first sign-in): one pool serves staff and
# customers, and Cognito sets MFA per pool. Only in the global target (the AWS China regions have no user pools).

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "name" {
  description = "Prefix of every resource name, e.g. aftersales-dev."
  type        = string
}

variable "roles" {
  description = "The service's roles; each becomes a Cognito group (the token's cognito:groups claim)."
  type        = list(string)
  default = ["ADMIN", "GENERAL_MANAGER", "AFTER_SALES_MANAGER", "SALES_MANAGER", "PROJECT_MANAGER", "SALES",
  "PRODUCT_MANAGER", "QUALITY_ENGINEER", "ENGINEER", "REPAIR", "WAREHOUSE", "FINANCE", "CUSTOMER", "SERVICE_STATION"]
}

variable "callback_urls" {
  description = "Front-end URLs Cognito may redirect to after sign-in."
  type        = list(string)
}

variable "deletion_protection" {
  description = "true in prod: the pool (and its accounts) cannot be deleted."
  type        = bool
  default     = true
}

resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "ON"
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length    = 12
    require_lowercase = true
    require_uppercase = true
    require_numbers   = true
    require_symbols   = false
  }

  schema {
    name                = "customer_id"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 36
      max_length = 36
    }
  }

  # A SERVICE_STATION account's station: the id of a customer of type SERVICE_STATION (custom attributes can be added
  # to an existing pool, never changed or removed).
  schema {
    name                = "station_id"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 36
      max_length = 36
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = true
  }
}

resource "aws_cognito_user_group" "role" {
  for_each     = toset(var.roles)
  name         = each.value
  user_pool_id = aws_cognito_user_pool.this.id
  description  = "aftersales role ${each.value}"
}

resource "aws_cognito_user_pool_client" "frontend" {
  name                                 = "${var.name}-frontend"
  user_pool_id                         = aws_cognito_user_pool.this.id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.callback_urls
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  # The customer and station ids are set by administrators only, never by the user.
  write_attributes = ["email", "name"]
  read_attributes  = ["email", "name", "custom:customer_id", "custom:station_id"]
}

output "issuer" {
  description = "Token issuer (iss) of the user pool: https:// and its endpoint (cognito-idp.<region>.<DNS suffix>/<pool id>)."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "jwks_url" {
  value = "https://${aws_cognito_user_pool.this.endpoint}/.well-known/jwks.json"
}

output "mfa_configuration" {
  value = aws_cognito_user_pool.this.mfa_configuration
}

output "user_pool_id" {
  value = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  value = aws_cognito_user_pool.this.arn
}

output "client_id" {
  description = "App client id: the audience the API's JWT authorizer accepts."
  value       = aws_cognito_user_pool_client.frontend.id
}
