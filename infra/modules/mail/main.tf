# Amazon SES for the notice e-mails (global target): the sending domain (DKIM records to publish in DNS) and a
# policy that lets the functions' execution roles send as that domain through the SESv2 API
# (AFTERSALES_MAIL_TRANSPORT=ses). No IAM user, no access key, no SMTP password anywhere.

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "domain" {
  description = "Domain the notices are sent from (e.g. notice.example.com)."
  type        = string
}

resource "aws_sesv2_email_identity" "domain" {
  email_identity = var.domain
}

# SESv2 SendEmail is authorised as ses:SendEmail (simple and raw content alike) on the sending identity.
data "aws_iam_policy_document" "send" {
  statement {
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [aws_sesv2_email_identity.domain.arn]
  }
}

output "identity_arn" {
  value = aws_sesv2_email_identity.domain.arn
}

output "send_policy_json" {
  description = "Attach to the roles that send mail."
  value       = data.aws_iam_policy_document.send.json
}

output "send_actions" {
  value = flatten([for s in data.aws_iam_policy_document.send.statement : tolist(s.actions)])
}

output "dkim_tokens" {
  description = "Publish each as a CNAME <token>._domainkey.<domain> → <token>.dkim.amazonses.com."
  value       = flatten(aws_sesv2_email_identity.domain.dkim_signing_attributes[*].tokens)
}
