# One environment of aftersales: identity (Cognito), network, PostgreSQL behind RDS Proxy, the function and its HTTP
# API, SES, the job schedules and the alarms. envs/dev and envs/prod differ only in the values they pass.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

module "identity" {
  source        = "../identity"
  name          = var.name
  callback_urls = var.frontend_urls
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
  multi_az              = var.production
  backup_retention_days = var.production ? 30 : 7
  deletion_protection   = var.production
  function_role_name    = module.api.function_role_name
}

module "mail" {
  source = "../mail"
  name   = var.name
  domain = var.mail_domain
}

module "api" {
  source             = "../api-function"
  name               = var.name
  package_path       = var.package_path
  native             = var.native
  memory_mb          = var.memory_mb
  jwt_issuer         = module.identity.issuer
  jwt_audiences      = [module.identity.client_id]
  cors_origins       = var.frontend_urls
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.database.function_security_group_id]
  throttle_rate      = var.throttle_rate
  throttle_burst     = var.throttle_burst
  log_retention_days = var.production ? 365 : 30
  environment = merge({
    QUARKUS_DATASOURCE_JDBC_URL             = module.database.jdbc_url
    QUARKUS_DATASOURCE_USERNAME             = module.database.user
    QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER = "rds-iam" # IAM token per connection (RdsIamCredentials), no password
    QUARKUS_MAILER_HOST                     = module.mail.smtp_host
    QUARKUS_MAILER_USERNAME                 = module.mail.smtp_username
    QUARKUS_MAILER_PASSWORD                 = module.mail.smtp_password
    AFTERSALES_MAIL_FROM                    = "aftersales@${var.mail_domain}"
    AFTERSALES_JOBS_TRIGGER_TOKEN           = var.job_token
    AFTERSALES_ZONE                         = var.business_zone
  }, var.function_environment)
}

module "schedules" {
  source             = "../schedules"
  name               = var.name
  function_arn       = module.api.function_arn
  function_name      = module.api.function_name
  function_role_name = module.api.function_role_name
  job_token          = var.job_token
  # The jobs fire at the business zone's local times, the zone the function decides "today" in.
  timezone = var.business_zone
}

module "alarms" {
  source                  = "../alarms"
  name                    = var.name
  function_name           = module.api.function_name
  function_log_group_name = module.api.log_group_name
  api_id                  = module.api.api_id
  dead_letter_queue_name  = module.schedules.dead_letter_queue_name
  proxy_name              = module.database.proxy_name
  alarm_emails            = var.alarm_emails
}
