variable "name" {
  description = "Prefix of the project's resource names."
  type        = string
  default     = "aftersales"
}

variable "region" {
  description = "Region of the state bucket and the stack (global: ap-southeast-1; china: cn-northwest-1 or cn-north-1)."
  type        = string
  default     = "ap-southeast-1"
}

variable "github_repository" {
  description = "<org>/<repo> on GitHub whose workflows deploy."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository is <org>/<repo>."
  }
}

variable "environments" {
  description = "The GitHub environments (and stack environments) that get a deploy and a plan role."
  type        = list(string)
  default     = ["dev", "prod"]
}

variable "require_main_ref" {
  description = "Trust only subjects that end in :ref:refs/heads/main (set the repository's OIDC subject template to repo, context, ref first)."
  type        = bool
  default     = false
}

variable "github_oidc_provider_arn" {
  description = "ARN of an existing token.actions.githubusercontent.com provider of the account (null: create it)."
  type        = string
  default     = null
}

variable "github_audience" {
  description = "Audience of the GitHub tokens (null: sts.<partition's DNS suffix>; configure-aws-credentials must send the same)."
  type        = string
  default     = null
}
