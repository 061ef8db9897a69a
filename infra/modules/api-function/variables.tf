variable "name" {
  description = "Function and API name, e.g. aftersales-dev."
  type        = string
}

variable "package_path" {
  description = "Path of target/function.zip (JVM or native build)."
  type        = string
}

variable "native" {
  description = "True for the GraalVM native build (provided.al2023), false for the JVM build (java21)."
  type        = bool
  default     = true
}

variable "memory_mb" {
  # Native: 512 MB is plenty and gives the CPU share for ~100 ms answers. JVM: use 1536+ for cold starts.
  description = "Lambda memory (MB); CPU is allotted in proportion."
  type        = number
  default     = 512
}

variable "timeout_seconds" {
  # Below API Gateway's 30 s integration limit; the 10,000-row CSV import is the longest request (seconds).
  description = "Lambda timeout (s)."
  type        = number
  default     = 25
  validation {
    condition     = var.timeout_seconds > 0 && var.timeout_seconds < 30
    error_message = "API Gateway HTTP APIs wait at most 30 s for an integration."
  }
}

variable "jwt_issuer" {
  description = "Token issuer: the Cognito user pool's issuer URL."
  type        = string
}

variable "jwt_audiences" {
  description = "Accepted audiences (Cognito app client ids)."
  type        = list(string)
}

variable "environment" {
  description = "More environment variables for the function (datasource, SES sender, …)."
  type        = map(string)
  default     = {}
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

variable "subnet_ids" {
  description = "Private subnets to run the function in (to reach RDS Proxy); empty: outside a VPC."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}
