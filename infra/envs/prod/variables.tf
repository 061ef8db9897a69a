variable "region" {
  description = "AWS region."
  type        = string
  default     = "cn-north-1"
}

variable "zones" {
  description = "Two availability zones of the region."
  type        = list(string)
  default     = ["cn-north-1a", "cn-north-1b"]
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

variable "frontend_urls" {
  description = "Origins of the web front end (CORS and Cognito callbacks)."
  type        = list(string)
}

variable "mail_domain" {
  description = "Domain the notice e-mails are sent from (verified in SES by its DKIM records)."
  type        = string
}

variable "job_token" {
  description = "Shared secret of the job schedules and the function (openssl rand -hex 32); from CI secrets."
  type        = string
  sensitive   = true
}

variable "alarm_emails" {
  description = "Who gets the alarms."
  type        = list(string)
  default     = []
}

variable "function_environment" {
  description = "More environment for the function (overrides)."
  type        = map(string)
  default     = {}
}
