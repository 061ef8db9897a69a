variable "name" {
  type = string
}

variable "target" {
  description = "global: a region with Cognito and SES (ap-southeast-1 by default). china: the aws-cn partition, with an external OpenID Connect provider and SMTP relay."
  type        = string
  default     = "global"
  validation {
    condition     = contains(["global", "china"], var.target)
    error_message = "target is global or china."
  }
}

variable "production" {
  description = "Multi-AZ database with deletion protection and 30 days of backups, a NAT gateway per zone, a year of logs."
  type        = bool
  default     = false
}

variable "zones" {
  type = list(string)
}

variable "package_path" {
  type = string
}

variable "native" {
  type    = bool
  default = true
}

variable "snap_start" {
  description = "JVM build only (native = false): Lambda SnapStart on the API and jobs functions. Offered in every commercial region but Asia Pacific (New Zealand) and (Taipei); the China regions have it for Java."
  type        = bool
  default     = false
}

variable "memory_mb" {
  type    = number
  default = 512
}

variable "database_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "database_storage_gb" {
  type    = number
  default = 50
}

variable "frontend_urls" {
  type = list(string)
}

variable "mail_domain" {
  description = "Domain the notices are sent from (aftersales@<domain>); global: verified in SES by its DKIM records."
  type        = string
}

variable "oidc_issuer" {
  description = "china: the OpenID Connect provider's issuer (iss of its tokens, https://…)."
  type        = string
  default     = null
  validation {
    condition     = var.target != "china" || can(regex("^https://", var.oidc_issuer))
    error_message = "The china target needs oidc_issuer, an https:// URL."
  }
}

variable "oidc_jwks_url" {
  description = "china: URL of the provider's signing keys (JWKS), reachable from the functions."
  type        = string
  default     = null
  validation {
    condition     = var.target != "china" || can(regex("^https://", var.oidc_jwks_url))
    error_message = "The china target needs oidc_jwks_url, an https:// URL."
  }
}

variable "oidc_audience" {
  description = "china: the audience (aud) of the provider's tokens for this API, checked by the gateway and the function."
  type        = string
  default     = null
  validation {
    condition     = var.target != "china" || try(length(var.oidc_audience) > 0, false)
    error_message = "The china target needs oidc_audience."
  }
}

variable "oidc_customer_claim" {
  description = "china: the claim holding a CUSTOMER account's customer id (the roles come from the groups claim)."
  type        = string
  default     = "customer_id"
}

variable "oidc_station_claim" {
  description = "china: the claim holding a SERVICE_STATION account's station (a customer of type SERVICE_STATION)."
  type        = string
  default     = "station_id"
}

variable "smtp_host" {
  description = "china: host of the SMTP relay (STARTTLS)."
  type        = string
  default     = null
  validation {
    condition     = var.target != "china" || try(length(var.smtp_host) > 0, false)
    error_message = "The china target needs smtp_host."
  }
}

variable "smtp_port" {
  description = "china: port of the SMTP relay."
  type        = number
  default     = 587
}

variable "smtp_username" {
  description = "china: user name at the SMTP relay (its password goes into the secret smtp_secret_arn)."
  type        = string
  default     = null
  validation {
    condition     = var.target != "china" || try(length(var.smtp_username) > 0, false)
    error_message = "The china target needs smtp_username."
  }
}

variable "api_routes" {
  description = "Route keys of the HTTP API → whether the gateway requires a JWT. Default: the business API and health only."
  type        = map(object({ jwt = bool }))
  default = {
    "ANY /api/{proxy+}"      = { jwt = true }
    "GET /q/health/{proxy+}" = { jwt = false }
  }
}

variable "api_reserved_concurrency" {
  description = "Reserved concurrency of the API function (null: none)."
  type        = number
  default     = null
}

variable "jobs_reserved_concurrency" {
  description = "Reserved concurrency of the jobs function (null: none)."
  type        = number
  default     = null
}

variable "attachment_noncurrent_days" {
  description = "Replaced or deleted attachment versions expire after this many days."
  type        = number
  default     = 30
}

variable "throttle_rate" {
  type    = number
  default = 200
}

variable "throttle_burst" {
  type    = number
  default = 400
}

variable "alarm_emails" {
  description = "Who gets the alarms (each confirms the SNS subscription e-mail)."
  type        = list(string)
  default     = []
}

variable "function_environment" {
  description = "More environment for the API and jobs functions (overrides)."
  type        = map(string)
  default     = {}
}

variable "business_zone" {
  description = "The business time zone: the functions' AFTERSALES_ZONE (every \"today\" they decide) and the zone of the job schedules' cron times."
  type        = string
  default     = "Asia/Shanghai"
}

variable "database_app_password_version" {
  description = "Raise to draw a new password for the application database role (then invoke the migration function)."
  type        = number
  default     = 1
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
