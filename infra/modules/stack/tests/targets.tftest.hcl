# Both targets planned from empty state with a mocked AWS provider (no credentials, no network): what each target
# creates, the functions' environments and permissions, and that nothing depends on the global partition.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  # The global partition unless a run overrides it.
  mock_data "aws_partition" {
    defaults = {
      partition = "aws", dns_suffix = "amazonaws.com", reverse_dns_prefix = "com.amazonaws"
    }
  }
}

# Values AWS assigns, known during the plan here so that the assertions can read them.
override_resource {
  target          = module.database.aws_db_instance.this
  override_during = plan
  values = {
    address            = "aftersales-test.abc.ap-southeast-1.rds.example"
    master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds-master", kms_key_id = "k", secret_status = "active" }]
  }
}
override_resource {
  target          = module.database.aws_db_proxy.this
  override_during = plan
  values = {
    arn      = "arn:aws:rds:ap-southeast-1:123456789012:db-proxy:prx-0123456789abcdef0"
    endpoint = "aftersales-test.proxy-abc.ap-southeast-1.rds.example"
  }
}
override_resource {
  target          = module.database.aws_secretsmanager_secret.app
  override_during = plan
  values          = { arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:aftersales-test/db-app" }
}

variables {
  name          = "aftersales-test"
  zones         = ["zone-a", "zone-b"]
  package_path  = "../api-function/tests/fixture.zip"
  frontend_urls = ["https://aftersales.example.com"]
  mail_domain   = "notice.example.com"
  alarm_emails  = ["ops@example.com"]
}

run "global_target_cognito_with_mfa_and_the_ses_api" {
  command = plan

  override_resource {
    target          = module.api.aws_lambda_function.jobs
    override_during = plan
    values          = { arn = "arn:aws:lambda:ap-southeast-1:123456789012:function:aftersales-test-jobs" }
  }
  override_data {
    target = module.network.data.aws_region.current
    values = { name = "ap-southeast-1" }
  }

  assert {
    condition     = length(module.identity) == 1 && module.identity[0].mfa_configuration == "ON"
    error_message = "The global target has a Cognito user pool with MFA required for every account."
  }
  assert {
    condition     = length(module.mail) == 1 && length(aws_secretsmanager_secret.smtp) == 0
    error_message = "The global target sends through SES, no SMTP secret."
  }
  assert {
    condition     = toset(module.mail[0].send_actions) == toset(["ses:SendEmail", "ses:SendRawEmail"])
    error_message = "The functions' roles may send through the SES API."
  }
  assert {
    condition = toset(keys(module.api.settings.api.environment)) == toset([
      "AFTERSALES_JWT_ISSUER", "AFTERSALES_JWT_JWKS_URL", "DISABLE_SIGNAL_HANDLERS", "AFTERSALES_ATTACHMENTS_BUCKET",
      "AFTERSALES_METRICS_NAMESPACE",
      "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER",
      "AFTERSALES_MAIL_FROM", "AFTERSALES_ZONE", "AFTERSALES_MAIL_TRANSPORT", "AFTERSALES_SECURITY_CUSTOMER_CLAIM",
      "AFTERSALES_SECURITY_STATION_CLAIM",
      "AFTERSALES_SECURITY_CLIENT_IDS", "AFTERSALES_WEBHOOKS_KEY_SECRET_ARN", "AFTERSALES_NOTICES_DIRECTORY",
    "AFTERSALES_NOTICES_USER_POOL_ID", "AFTERSALES_CORS_ORIGINS"])
    error_message = "The API function's environment is the contract's, no SMTP password, no job token."
  }
  assert {
    condition = (module.api.settings.api.environment["AFTERSALES_MAIL_TRANSPORT"] == "ses"
      && module.api.settings.api.environment["QUARKUS_DATASOURCE_USERNAME"] == "aftersales_app"
      && module.api.settings.api.environment["QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER"] == "rds-iam"
      && module.api.settings.api.environment["AFTERSALES_SECURITY_CUSTOMER_CLAIM"] == "custom:customer_id"
    && module.api.settings.api.environment["AFTERSALES_SECURITY_STATION_CLAIM"] == "custom:station_id")
    error_message = "Global: SES transport, the application role through IAM auth, Cognito's customer and station attributes."
  }
  assert {
    condition = (toset(keys(module.api.settings.jobs.environment)) == setunion(
      keys(module.api.settings.api.environment), ["QUARKUS_LAMBDA_HANDLER"])
    && module.api.settings.jobs.environment["QUARKUS_LAMBDA_HANDLER"] == "jobs")
    error_message = "The jobs function runs the same package with the jobs handler and the API's settings."
  }
  assert {
    condition = toset(keys(module.api.settings.migrate.environment)) == toset([
      "AFTERSALES_JWT_ISSUER", "AFTERSALES_JWT_JWKS_URL", "DISABLE_SIGNAL_HANDLERS", "AFTERSALES_ZONE",
      "AFTERSALES_DB_MASTER_SECRET_ARN", "AFTERSALES_DB_APP_SECRET_ARN", "AFTERSALES_DB_INSTANCE_JDBC_URL",
    "QUARKUS_LAMBDA_HANDLER"])
    error_message = "The migration function gets its secrets and the instance's URL, no QUARKUS_DATASOURCE_*."
  }
  assert {
    condition = (module.api.settings.migrate.environment["QUARKUS_LAMBDA_HANDLER"] == "migrate"
    && strcontains(module.api.settings.migrate.environment["AFTERSALES_DB_INSTANCE_JDBC_URL"], "sslmode=verify-full"))
    error_message = "The migration function runs the migrate handler against the instance with TLS verify-full."
  }
  assert {
    condition = (module.api.settings.migrate.environment["AFTERSALES_DB_MASTER_SECRET_ARN"] == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds-master"
      && module.api.settings.migrate.environment["AFTERSALES_DB_APP_SECRET_ARN"] == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:aftersales-test/db-app"
    && startswith(module.api.settings.migrate.environment["AFTERSALES_DB_INSTANCE_JDBC_URL"], "jdbc:postgresql://aftersales-test.abc.ap-southeast-1.rds.example:5432/aftersales?"))
    error_message = "The migration function connects to the instance (not the proxy) with the master secret and sets the application secret's password."
  }
  assert {
    condition     = startswith(module.api.settings.api.environment["QUARKUS_DATASOURCE_JDBC_URL"], "jdbc:postgresql://aftersales-test.proxy-abc.ap-southeast-1.rds.example:5432/aftersales?sslmode=verify-full")
    error_message = "The API connects through the proxy with TLS verify-full."
  }
  assert {
    condition = (module.api.settings.api.timeout == 25 && module.api.settings.jobs.timeout == 900
    && module.api.settings.migrate.timeout == 900)
    error_message = "API 25 s (under the gateway's 30 s); jobs and migration 900 s."
  }
  assert {
    condition     = alltrue([for f in values(module.api.settings) : coalesce(f.reserved_concurrency, -1) < 0])
    error_message = "No reserved concurrency by default (a new account has 10 in all and must keep them unreserved)."
  }
  assert {
    condition     = module.schedules.function_arn_target == "arn:aws:lambda:ap-southeast-1:123456789012:function:aftersales-test-jobs"
    error_message = "The schedules invoke the jobs function."
  }
  assert {
    condition = (module.api.role_policies.api == sort(["logs", "connect-to-database", "send-mail", "read-webhook-key", "read-user-pool", "attachments", "xray"])
      && module.api.role_policies.jobs == sort(["logs", "connect-to-database", "send-mail", "read-webhook-key", "read-user-pool", "expire-uploads", "xray"])
    && module.api.role_policies.migrate == sort(["logs", "read-database-secrets", "xray"]))
    error_message = "Three roles: API and jobs connect as the application role, send mail, read the webhook key and look up users in the pool; only the API reads and writes attachments, the jobs role removes expired upload objects; the migration function reads the database secrets only."
  }
  assert {
    condition     = keys(module.api.connect_grants) == ["api", "jobs"]
    error_message = "rds-db:connect for the API and jobs roles only."
  }
  assert {
    condition = alltrue([for g in values(module.api.connect_grants) :
    g == ["arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0/aftersales_app"]])
    error_message = "rds-db:connect as aftersales_app only (never the master user)."
  }
  assert {
    condition = toset(module.api.migrate_secret_grants) == toset(["arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds-master",
    "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:aftersales-test/db-app"])
    error_message = "The migration function reads the master secret and the application secret, nothing else."
  }
  assert {
    condition     = module.api.routes == { "ANY /api/{proxy+}" = "JWT", "GET /q/health/{proxy+}" = "NONE" }
    error_message = "By default only the business API (JWT at the gateway) and health are routed."
  }
  assert {
    condition     = module.network.s3_endpoint_service_name == "com.amazonaws.ap-southeast-1.s3"
    error_message = "The S3 endpoint's service name follows the partition and region."
  }
}

run "china_target_external_oidc_and_smtp_relay_in_aws_cn" {
  command = plan

  variables {
    target        = "china"
    mail_domain   = "notice.example.cn"
    oidc_issuer   = "https://login.example.cn/realms/aftersales"
    oidc_jwks_url = "https://login.example.cn/realms/aftersales/protocol/openid-connect/certs"
    oidc_audience = "aftersales-api"
    smtp_host     = "smtp.example.cn"
    smtp_port     = 465
    smtp_username = "aftersales@notice.example.cn"
  }

  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn", reverse_dns_prefix = "cn.com.amazonaws" }
  }
  override_data {
    target = module.api.data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn", reverse_dns_prefix = "cn.com.amazonaws" }
  }
  override_data {
    target = module.network.data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn", reverse_dns_prefix = "cn.com.amazonaws" }
  }
  override_data {
    target = module.network.data.aws_region.current
    values = { name = "cn-northwest-1" }
  }

  assert {
    condition     = length(module.identity) == 0 && length(module.mail) == 0
    error_message = "No Cognito and no SES in China."
  }
  assert {
    condition     = (module.api.authorizer.issuer == var.oidc_issuer && module.api.authorizer.audiences == toset([var.oidc_audience]))
    error_message = "The gateway's JWT authorizer trusts the external OpenID Connect provider and its audience."
  }
  assert {
    condition = alltrue([for f in values(module.api.settings) :
      f.environment["AFTERSALES_JWT_ISSUER"] == var.oidc_issuer
    && f.environment["AFTERSALES_JWT_JWKS_URL"] == var.oidc_jwks_url])
    error_message = "The functions verify the provider's tokens with its JWKS."
  }
  assert {
    condition = alltrue([for f in [module.api.settings.api, module.api.settings.jobs] :
      f.environment["AFTERSALES_MAIL_TRANSPORT"] == "smtp"
      && f.environment["QUARKUS_MAILER_HOST"] == "smtp.example.cn"
      && f.environment["QUARKUS_MAILER_PORT"] == "465"
      && f.environment["QUARKUS_MAILER_USERNAME"] == "aftersales@notice.example.cn"
      && f.environment["MP_JWT_VERIFY_AUDIENCES"] == "aftersales-api"
      && f.environment["AFTERSALES_SECURITY_CLIENT_IDS"] == "aftersales-api"
      && contains(keys(f.environment), "AFTERSALES_SMTP_SECRET_ARN")
    && !anytrue([for k in keys(f.environment) : strcontains(k, "PASSWORD") || strcontains(k, "TOKEN")])])
    error_message = "China: the SMTP relay with its password's secret ARN (never the password), the audience checked."
  }
  assert {
    condition     = length(aws_secretsmanager_secret.smtp) == 1 && alltrue([for s in data.aws_iam_policy_document.smtp_secret[0].statement : s.actions == toset(["secretsmanager:GetSecretValue"])])
    error_message = "The SMTP password's secret is created (empty: the operator sets it) and only read by the functions."
  }
  assert {
    condition     = module.database.function_smtp_ports == [465]
    error_message = "The functions may reach the relay's port."
  }
  assert {
    condition = alltrue([for k in ["api", "jobs", "migrate"] :
    module.api.vpc_policy_arns[k] == "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"])
    error_message = "Managed policy ARNs follow the partition (aws-cn)."
  }
  assert {
    condition     = module.network.s3_endpoint_service_name == "cn.com.amazonaws.cn-northwest-1.s3"
    error_message = "The S3 endpoint's service name follows the partition."
  }
}

run "china_target_needs_its_identity_provider_and_relay" {
  command = plan
  variables {
    target = "china"
  }
  expect_failures = [var.oidc_issuer, var.oidc_jwks_url, var.oidc_audience, var.smtp_host, var.smtp_username]
}
