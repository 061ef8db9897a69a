# One environment of aftersales: identity, network, PostgreSQL behind RDS Proxy, the API, jobs and migration
# functions with the HTTP API, mail, the job schedules and the alarms. envs/dev and envs/prod differ only in the values
# they pass. Two targets:
# - global: an AWS region where every service exists (default ap-southeast-1): Cognito user pool (MFA required) as
#   the identity provider, mail through the SES API under the functions' roles;
# - china: the aws-cn partition (cn-northwest-1, cn-north-1), which has no Cognito user pools and no SES: an external
#   OpenID Connect provider (issuer, JWKS, audience) and an external SMTP relay whose password the operator puts in a
#   Secrets Manager secret this stack creates empty.
# ARNs, DNS names and service principals come from data sources (partition, DNS suffix), never from literals.

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

data "aws_partition" "current" {}

locals {
  global = var.target == "global"
  china  = var.target == "china"

  log_retention_days = var.production ? 365 : 30

  jwt_issuer    = local.global ? module.identity[0].issuer : var.oidc_issuer
  jwt_jwks_url  = local.global ? module.identity[0].jwks_url : var.oidc_jwks_url
  jwt_audiences = local.global ? [module.identity[0].client_id] : [var.oidc_audience]

  mail_environment = local.global ? {
    AFTERSALES_MAIL_TRANSPORT = "ses"
    } : {
    AFTERSALES_MAIL_TRANSPORT  = "smtp"
    QUARKUS_MAILER_HOST        = var.smtp_host
    QUARKUS_MAILER_PORT        = tostring(var.smtp_port)
    QUARKUS_MAILER_USERNAME    = var.smtp_username
    AFTERSALES_SMTP_SECRET_ARN = aws_secretsmanager_secret.smtp[0].arn
  }

  identity_environment = local.global ? {
    # Cognito puts the customer id of a CUSTOMER account in a custom attribute.
    AFTERSALES_SECURITY_CUSTOMER_CLAIM = "custom:customer_id"
    # ...and the station id of a SERVICE_STATION account in another.
    AFTERSALES_SECURITY_STATION_CLAIM = "custom:station_id"
    # The function accepts access tokens (token_use) of this app client only (client_id; aud for OIDC tokens).
    AFTERSALES_SECURITY_CLIENT_IDS = join(",", local.jwt_audiences)
    # The notice sender reads e-mail recipients' groups and status from the pool when it sends (notify.UserDirectory).
    AFTERSALES_NOTICES_DIRECTORY    = "cognito"
    AFTERSALES_NOTICES_USER_POOL_ID = module.identity[0].user_pool_id
    } : {
    AFTERSALES_SECURITY_CUSTOMER_CLAIM = var.oidc_customer_claim
    AFTERSALES_SECURITY_STATION_CLAIM  = var.oidc_station_claim
    AFTERSALES_SECURITY_CLIENT_IDS     = join(",", local.jwt_audiences)
    # The function checks the audience too (aud of the provider's tokens).
    MP_JWT_VERIFY_AUDIENCES = var.oidc_audience
  }

  # API and jobs functions.
  function_environment = merge({
    QUARKUS_DATASOURCE_JDBC_URL             = module.database.jdbc_url
    QUARKUS_DATASOURCE_USERNAME             = module.database.user
    QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER = "rds-iam" # IAM token per connection (RdsIamCredentials), no password
    AFTERSALES_MAIL_FROM                    = "aftersales@${var.mail_domain}"
    AFTERSALES_ZONE                         = var.business_zone
    AFTERSALES_WEBHOOKS_KEY_SECRET_ARN      = aws_secretsmanager_secret.webhook_key.arn
    # Browser origins of the web front ends (the list API Gateway's CORS allows, too): quarkus.http.cors.origins.
    AFTERSALES_CORS_ORIGINS = join(",", var.frontend_urls)
  }, local.mail_environment, local.identity_environment, var.function_environment)

  migrate_environment = {
    AFTERSALES_DB_MASTER_SECRET_ARN = module.database.master_secret_arn
    AFTERSALES_DB_APP_SECRET_ARN    = module.database.app_secret_arn
    AFTERSALES_DB_INSTANCE_JDBC_URL = module.database.instance_jdbc_url
    AFTERSALES_ZONE                 = var.business_zone
  }

  app_policies = merge(local.global ? { "send-mail" = module.mail[0].send_policy_json } : { "read-smtp-secret" = data.aws_iam_policy_document.smtp_secret[0].json },
    { "read-webhook-key" = data.aws_iam_policy_document.webhook_key.json },
  local.global ? { "read-user-pool" = data.aws_iam_policy_document.user_pool[0].json } : {})
}

module "identity" {
  count               = local.global ? 1 : 0
  source              = "../identity"
  name                = var.name
  callback_urls       = var.frontend_urls
  deletion_protection = var.production
}

module "network" {
  source             = "../network"
  name               = var.name
  zones              = var.zones
  single_nat_gateway = !var.production
}

module "database" {
  source                = "../database"
  name                  = var.name
  vpc_id                = module.network.vpc_id
  subnet_ids            = module.network.private_subnet_ids
  instance_class        = var.database_instance_class
  storage_gb            = var.database_storage_gb
  multi_az              = var.production
  backup_retention_days = var.production ? 30 : 7
  deletion_protection   = var.production
  log_retention_days    = local.log_retention_days
  smtp_port             = local.china ? var.smtp_port : null
  secret_recovery_days  = var.production ? 30 : 0
  app_password_version  = var.database_app_password_version
}

module "mail" {
  count  = local.global ? 1 : 0
  source = "../mail"
  domain = var.mail_domain
}

# China: the SMTP relay's password. Created empty; the operator sets its value (plain text) once:
#   aws secretsmanager put-secret-value --secret-id <smtp_secret_arn> --secret-string '<password>'
# Until then sending fails per message (and is retried by the notice sender); the functions still start.
resource "aws_secretsmanager_secret" "smtp" {
  count                   = local.china ? 1 : 0
  name                    = "${var.name}/smtp-password"
  description             = "Password of the SMTP relay ${var.smtp_host} for ${var.smtp_username} (set by the operator)"
  recovery_window_in_days = var.production ? 30 : 0
}

data "aws_iam_policy_document" "smtp_secret" {
  count = local.china ? 1 : 0
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.smtp[0].arn]
  }
}

# The key sealing webhook robot URLs and signing secrets at rest (notify.WebhookEndpoints, shared.secrets.SealedText).
# Created empty; the operator sets its value (Base64 of 32 random bytes) once:
#   aws secretsmanager put-secret-value --secret-id <webhook_key_secret_arn> --secret-string "$(openssl rand -base64 32)"
# Until then registering a webhook is refused (503) and none is sent to; the functions still start. Changing it later
# makes the endpoints sealed with the old key unreadable (register them again).
resource "aws_secretsmanager_secret" "webhook_key" {
  name                    = "${var.name}/webhook-key"
  description             = "AES-256 key (Base64) sealing webhook URLs and secrets at rest (set by the operator)"
  recovery_window_in_days = var.production ? 30 : 0
}

data "aws_iam_policy_document" "webhook_key" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.webhook_key.arn]
  }
}

# Global target: the notice sender looks up each e-mail recipient's groups and status in the user pool.
data "aws_iam_policy_document" "user_pool" {
  count = local.global ? 1 : 0
  statement {
    actions   = ["cognito-idp:ListUsers", "cognito-idp:AdminListGroupsForUser"]
    resources = [module.identity[0].user_pool_arn]
  }
}

module "api" {
  source                     = "../api-function"
  name                       = var.name
  package_path               = var.package_path
  native                     = var.native
  snap_start                 = var.snap_start
  memory_mb                  = var.memory_mb
  jwt_issuer                 = local.jwt_issuer
  jwt_jwks_url               = local.jwt_jwks_url
  jwt_audiences              = local.jwt_audiences
  authorizer_name            = local.global ? "cognito" : "oidc"
  routes                     = var.api_routes
  cors_origins               = var.frontend_urls
  subnet_ids                 = module.network.private_subnet_ids
  security_group_ids         = [module.database.function_security_group_id]
  migrate_security_group_ids = [module.database.migrate_security_group_id]
  connect_arn                = module.database.connect_arn
  master_secret_arn          = module.database.master_secret_arn
  app_secret_arn             = module.database.app_secret_arn
  app_policies               = local.app_policies
  dependencies               = concat(module.network.ready, module.database.ready)
  throttle_rate              = var.throttle_rate
  throttle_burst             = var.throttle_burst
  log_retention_days         = local.log_retention_days
  attachment_noncurrent_days = var.attachment_noncurrent_days
  api_reserved_concurrency   = var.api_reserved_concurrency
  jobs_reserved_concurrency  = var.jobs_reserved_concurrency
  environment                = local.function_environment
  migrate_environment        = local.migrate_environment
  tracing_mode               = coalesce(var.tracing_mode, "Active")
  otel_collector_layer_arn   = var.otel_collector_layer_arn
}

module "schedules" {
  source             = "../schedules"
  name               = var.name
  function_arn       = module.api.jobs_function_arn
  function_qualifier = module.api.jobs_function_qualifier
  function_name      = module.api.jobs_function_name
  function_role_name = module.api.jobs_role_name
  # The jobs fire at the business zone's local times, the zone the function decides "today" in.
  timezone = var.business_zone
}

module "alarms" {
  source                 = "../alarms"
  name                   = var.name
  function_name          = module.api.function_name
  jobs_function_name     = module.api.jobs_function_name
  jobs_log_group_name    = module.api.log_group_names["jobs"]
  api_id                 = module.api.api_id
  dead_letter_queue_name = module.schedules.dead_letter_queue_name
  proxy_name             = module.database.proxy_name
  alarm_emails           = var.alarm_emails

  api_latency_metric          = var.api_latency_metric
  api_p99_latency_ms          = var.api_p99_latency_ms
  api_error_rate_percent      = var.api_error_rate_percent
  api_error_rate_min_requests = var.api_error_rate_min_requests
  max_database_connections    = var.max_database_connections
}

# Before identity and mail became global-only (count): an existing pool and its accounts stay where they are.
moved {
  from = module.identity
  to   = module.identity[0]
}
moved {
  from = module.mail
  to   = module.mail[0]
}
