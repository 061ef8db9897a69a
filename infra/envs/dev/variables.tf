variable "target" {
  description = "global (Cognito, SES; e.g. ap-southeast-1) or china (aws-cn: external OpenID Connect provider and SMTP relay)."
  type        = string
  default     = "global"
}

variable "region" {
  description = "AWS region: for global one where Cognito, SES, RDS Proxy and EventBridge Scheduler all exist; for china cn-northwest-1 or cn-north-1."
  type        = string
  default     = "ap-southeast-1"
}

variable "zones" {
  description = "Two availability zones of the region."
  type        = list(string)
  default     = ["ap-southeast-1a", "ap-southeast-1b"]
}

variable "package_path" {
  description = "target/function.zip of the build to deploy."
  type        = string
  default     = "../../../target/function.zip"
}

variable "native" {
  description = "Deploy the native build (true) or the JVM build (false)."
  type        = bool
  default     = true
}

variable "snap_start" {
  description = "With the JVM build (native = false): Lambda SnapStart on the API and jobs functions (docs/deploy.md, \"JVM with SnapStart\")."
  type        = bool
  default     = false
}

variable "frontend_urls" {
  description = "Origins of the web front end (CORS and Cognito callbacks)."
  type        = list(string)
}

variable "mail_domain" {
  description = "Domain the notice e-mails are sent from (global: verified in SES by its DKIM records)."
  type        = string
}

variable "oidc_issuer" {
  description = "china: issuer URL of the OpenID Connect provider."
  type        = string
  default     = null
}

variable "oidc_jwks_url" {
  description = "china: JWKS URL of the OpenID Connect provider."
  type        = string
  default     = null
}

variable "oidc_audience" {
  description = "china: audience of the provider's tokens for this API."
  type        = string
  default     = null
}

variable "oidc_customer_claim" {
  description = "china: claim with a CUSTOMER account's customer id."
  type        = string
  default     = "customer_id"
}

variable "oidc_station_claim" {
  description = "china: claim with a SERVICE_STATION account's station id."
  type        = string
  default     = "station_id"
}

variable "smtp_host" {
  description = "china: SMTP relay host."
  type        = string
  default     = null
}

variable "smtp_port" {
  description = "china: SMTP relay port (STARTTLS)."
  type        = number
  default     = 587
}

variable "smtp_username" {
  description = "china: SMTP relay user (the password goes into the secret output as smtp_secret_arn)."
  type        = string
  default     = null
}

variable "alarm_emails" {
  description = "Who gets the alarms."
  type        = list(string)
  default     = []
}

variable "function_environment" {
  description = "More environment for the API and jobs functions (overrides)."
  type        = map(string)
  default     = {}
}

# Alarm thresholds, passed to the alarms module; null (the default here) takes that module's default, written there
# once: p99 2000 ms on Latency, 5xx above 5 % among at least 20 requests, 80 proxy connections.
variable "api_latency_metric" {
  description = "API Gateway metric of the p99 alarm: Latency or IntegrationLatency (null: Latency)."
  type        = string
  default     = null
}

variable "api_p99_latency_ms" {
  description = "Alarm when the API's p99 latency stays above this many ms in 2 of 3 five-minute periods (null: 2000)."
  type        = number
  default     = null
}

variable "api_error_rate_percent" {
  description = "Alarm when more than this share (%) of the API's requests in five minutes are answered 5xx (null: 5)."
  type        = number
  default     = null
}

variable "api_error_rate_min_requests" {
  description = "...among at least this many requests in the five minutes (null: 20)."
  type        = number
  default     = null
}

variable "max_database_connections" {
  description = "Alarm when RDS Proxy holds more database connections than this (null: 80)."
  type        = number
  default     = null
}

# Traces (docs/deploy.md).
variable "tracing_mode" {
  description = "X-Ray tracing of the functions: Active or PassThrough (null: Active)."
  type        = string
  default     = null
}

variable "otel_collector_layer_arn" {
  description = "ARN of the ADOT collector Lambda layer for the region (null: no application spans, Lambda's segments only)."
  type        = string
  default     = null
}
