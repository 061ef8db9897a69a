variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets (two zones at least) for the database and the proxy."
  type        = list(string)
}

variable "instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "storage_gb" {
  type    = number
  default = 50
}

variable "multi_az" {
  type    = bool
  default = false
}

variable "backup_retention_days" {
  type    = number
  default = 7
  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "Backups are kept 1 to 35 days."
  }
}

variable "deletion_protection" {
  description = "true in prod: the database cannot be deleted, and a final snapshot is taken."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the exported PostgreSQL log and the proxy's log."
  type        = number
  default     = 30
}

variable "smtp_port" {
  description = "Port of an external SMTP relay the API and jobs functions may reach (null: none, mail goes through the SES API)."
  type        = number
  default     = null
}

variable "app_password_version" {
  description = "Version of the application role's password: bump to draw a new one (then invoke the migration function)."
  type        = number
  default     = 1
}

variable "secret_recovery_days" {
  description = "Days a deleted secret can be restored (0: deleted at once, for throw-away environments)."
  type        = number
  default     = 30
}
