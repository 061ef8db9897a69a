variable "name" {
  description = "Function and API name, e.g. aftersales-dev (the jobs and migration functions add -jobs, -migrate)."
  type        = string
}

variable "package_path" {
  description = "Path of target/function.zip (JVM or native build)."
  type        = string
}

variable "native" {
  description = "True for the native build (provided.al2023), false for the JVM build (java21)."
  type        = bool
  default     = true
}

variable "snap_start" {
  # Costs nothing extra for Java (snapshot caching and restore are charged only for Python and .NET); each publish
  # takes a few minutes longer (Lambda initialises and snapshots the version).
  description = "JVM build only: Lambda SnapStart on the API and jobs functions (published version, alias live). Not offered in every region."
  type        = bool
  default     = false
}

variable "jvm_options" {
  description = "JVM build only: JAVA_TOOL_OPTIONS of the functions (default: C1 only, shorter starts on Lambda's CPU share). Empty: none."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "memory_mb" {
  # Native: 512 MB is plenty and gives the CPU share for ~100 ms answers. JVM: use 1536+ for cold starts.
  description = "Lambda memory (MB) of each function; CPU is allotted in proportion."
  type        = number
  default     = 512
}

variable "timeout_seconds" {
  # Below API Gateway's 30 s integration limit; the 10,000-row CSV import is the longest request (seconds).
  description = "Timeout of the API function (s)."
  type        = number
  default     = 25
  validation {
    condition     = var.timeout_seconds > 0 && var.timeout_seconds < 30
    error_message = "API Gateway HTTP APIs wait at most 30 s for an integration."
  }
}

variable "jobs_timeout_seconds" {
  description = "Timeout of the jobs function (s): Lambda's maximum, so the retention or warranty-expiry run on a large fleet finishes."
  type        = number
  default     = 900
  validation {
    condition     = var.jobs_timeout_seconds > 0 && var.jobs_timeout_seconds <= 900
    error_message = "Lambda runs at most 900 s."
  }
}

variable "migrate_timeout_seconds" {
  description = "Timeout of the migration function (s); the deploy workflow's read timeout (960 s) is above it."
  type        = number
  default     = 900
  validation {
    condition     = var.migrate_timeout_seconds > 0 && var.migrate_timeout_seconds <= 900
    error_message = "Lambda runs at most 900 s."
  }
}

variable "api_reserved_concurrency" {
  description = "Reserved concurrency of the API function (null: none; new accounts have 10 in all, of which 10 must stay unreserved)."
  type        = number
  default     = null
}

variable "jobs_reserved_concurrency" {
  description = "Reserved concurrency of the jobs function (null: none)."
  type        = number
  default     = null
}

variable "jwt_issuer" {
  description = "Token issuer: the Cognito user pool's issuer URL, or the external OpenID Connect provider's."
  type        = string
}

variable "jwt_jwks_url" {
  description = "URL of the issuer's signing keys (JWKS)."
  type        = string
}

variable "jwt_audiences" {
  description = "Audiences the gateway's JWT authorizer accepts (Cognito app client id, or the OIDC audience)."
  type        = list(string)
}

variable "authorizer_name" {
  description = "Name of the gateway's JWT authorizer."
  type        = string
  default     = "jwt"
}

variable "routes" {
  description = "Route keys of the HTTP API → whether the gateway requires a JWT. Prod: the business API and health only."
  type        = map(object({ jwt = bool }))
  default = {
    "ANY /api/{proxy+}"      = { jwt = true }
    "GET /q/health/{proxy+}" = { jwt = false }
  }
}

variable "environment" {
  description = "Environment of the API and jobs functions (datasource, mail, zone, …)."
  type        = map(string)
  default     = {}
}

variable "migrate_environment" {
  description = "Environment of the migration function (its secrets and the instance's JDBC URL); never QUARKUS_DATASOURCE_*."
  type        = map(string)
  default     = {}
}

variable "connect_arn" {
  description = "rds-db:connect resource of the application role through the proxy (API and jobs roles)."
  type        = string
}

variable "master_secret_arn" {
  description = "The database's master secret: only the migration function reads it."
  type        = string
}

variable "app_secret_arn" {
  description = "The application role's secret: the migration function sets that password on the role."
  type        = string
}

variable "app_policies" {
  description = "Name → IAM policy JSON given to the API and jobs roles (mail)."
  type        = map(string)
  default     = {}
}

variable "dependencies" {
  description = "Ids of what must exist before any function is created (database proxy target, secret version, security group rules)."
  type        = list(string)
  default     = []
}

variable "cors_origins" {
  description = "Front-end origins allowed by CORS."
  type        = list(string)
}

variable "throttle_rate" {
  description = "Steady-state requests per second at the gateway."
  type        = number
  default     = 100
}

variable "throttle_burst" {
  description = "Burst of requests at the gateway."
  type        = number
  default     = 200
}

variable "log_retention_days" {
  description = "CloudWatch log retention."
  type        = number
  default     = 90
}

variable "attachment_noncurrent_days" {
  description = "Replaced or deleted attachment versions expire after this many days."
  type        = number
  default     = 30
}

variable "subnet_ids" {
  description = "Private subnets to run the functions in (to reach the database); empty: outside a VPC."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups of the API and jobs functions (reach the proxy)."
  type        = list(string)
  default     = []
}

variable "migrate_security_group_ids" {
  description = "Security groups of the migration function (reach the database instance)."
  type        = list(string)
  default     = []
}

variable "tracing_mode" {
  description = "X-Ray tracing of the three functions: Active (Lambda samples and records each invocation's segment) or PassThrough."
  type        = string
  default     = "Active"
  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing_mode)
    error_message = "tracing_mode is Active or PassThrough."
  }
}

variable "otel_collector_layer_arn" {
  description = "ARN of the AWS Distro for OpenTelemetry (ADOT) collector Lambda layer in the functions' region and architecture (x86_64), or null. Set: the functions send their spans (HTTP, SQL, job runs) by OTLP to it, and it exports them to X-Ray (docs/deploy.md)."
  type        = string
  default     = null
}
