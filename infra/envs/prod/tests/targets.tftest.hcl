# The prod root planned from empty state for both targets (mocked provider): the target is a variable of the
# environment, and what the environment routes.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws", dns_suffix = "amazonaws.com", reverse_dns_prefix = "com.amazonaws"
    }
  }
}

variables {
  package_path  = "../../modules/api-function/tests/fixture.zip"
  frontend_urls = ["https://aftersales.example.com"]
  mail_domain   = "notice.example.com"
  alarm_emails  = ["ops@example.com"]
}

run "global_by_default_in_singapore" {
  command = plan

  assert {
    condition     = var.target == "global" && var.region == "ap-southeast-1" && output.target == "global"
    error_message = "The default target is global in ap-southeast-1, where Cognito, SES, RDS Proxy and EventBridge Scheduler all exist."
  }
  assert {
    condition     = module.stack.api_routes == { "ANY /api/{proxy+}" = "JWT", "GET /q/health/{proxy+}" = "NONE" }
    error_message = "Prod routes only the business API (JWT) and health: no Swagger UI, no OpenAPI document."
  }
  assert {
    condition     = output.smtp_secret_arn == null
    error_message = "No SMTP secret in the global target."
  }
}

run "china" {
  command = plan

  variables {
    target        = "china"
    region        = "cn-northwest-1"
    zones         = ["cn-northwest-1a", "cn-northwest-1b"]
    oidc_issuer   = "https://login.example.cn/realms/aftersales"
    oidc_jwks_url = "https://login.example.cn/realms/aftersales/protocol/openid-connect/certs"
    oidc_audience = "aftersales-api"
    smtp_host     = "smtp.example.cn"
    smtp_username = "aftersales@notice.example.cn"
  }

  override_data {
    target = module.stack.data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn", reverse_dns_prefix = "cn.com.amazonaws" }
  }

  assert {
    condition     = output.target == "china" && output.partition == "aws-cn"
    error_message = "The china target plans in the aws-cn partition."
  }
  assert {
    condition     = output.user_pool_id == null && output.dkim_tokens == []
    error_message = "No Cognito, no SES in China."
  }
  assert {
    condition     = module.stack.api_routes == { "ANY /api/{proxy+}" = "JWT", "GET /q/health/{proxy+}" = "NONE" }
    error_message = "Prod routes only the business API (JWT) and health: no Swagger UI, no OpenAPI document."
  }
}

run "alarm_thresholds_and_tracing_default" {
  command = plan

  assert {
    condition = module.stack.alarm_thresholds == {
      api_latency_metric          = "Latency", api_p99_latency_ms = 2000, api_error_rate_percent = 5,
      api_error_rate_min_requests = 20, max_database_connections = 80
    }
    error_message = "Unset, the alarm thresholds are the alarms module's defaults (README, docs/deploy.md)."
  }
  assert {
    condition     = alltrue([for f in values(module.stack.function_tracing) : f.mode == "Active" && length(f.layers) == 0])
    error_message = "X-Ray active tracing on the three functions; no collector layer unless one is named."
  }
}

run "alarm_thresholds_and_the_collector_layer_from_the_environment" {
  command = plan

  variables {
    api_latency_metric          = "IntegrationLatency"
    api_p99_latency_ms          = 800
    api_error_rate_percent      = 2
    api_error_rate_min_requests = 50
    max_database_connections    = 150
    otel_collector_layer_arn    = "arn:aws:lambda:ap-southeast-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1"
  }

  assert {
    condition = module.stack.alarm_thresholds == {
      api_latency_metric          = "IntegrationLatency", api_p99_latency_ms = 800, api_error_rate_percent = 2,
      api_error_rate_min_requests = 50, max_database_connections = 150
    }
    error_message = "The environment's thresholds reach the alarms."
  }
  assert {
    condition = alltrue([for f in values(module.stack.function_tracing) :
    length(f.layers) == 1 && f.layers[0] == "arn:aws:lambda:ap-southeast-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1"])
    error_message = "The collector layer is attached to the three functions."
  }
}
