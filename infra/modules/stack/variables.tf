variable "name" {
  type = string
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

variable "memory_mb" {
  type    = number
  default = 512
}

variable "database_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "frontend_urls" {
  type = list(string)
}

variable "mail_domain" {
  type = string
}

variable "job_token" {
  description = "Shared secret between the schedules and the function (openssl rand -hex 32)."
  type        = string
  sensitive   = true
  validation {
    condition     = length(var.job_token) >= 32
    error_message = "The job token has at least 32 characters."
  }
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
  type    = list(string)
  default = []
}

variable "function_environment" {
  description = "More environment for the function (overrides)."
  type        = map(string)
  default     = {}
}

variable "business_zone" {
  description = "The business time zone: the function's AFTERSALES_ZONE (every \"today\" it decides) and the zone of the job schedules' cron times."
  type        = string
  default     = "Asia/Shanghai"
}
