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

variable "function_role_name" {
  description = "The function's execution role: it may connect to the database through the proxy (IAM authentication)."
  type        = string
}
