# Amazon SES for the notice e-mails: the sending domain (DKIM records to publish in DNS) and SMTP credentials for
# quarkus-mailer, from an IAM user that may only send as that domain. The SMTP password is derived by AWS from the
# access key (ses_smtp_password_v4); it lives in the encrypted state and the function's environment.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "name" {
  type = string
}

variable "domain" {
  description = "Domain the notices are sent from (e.g. notice.example.cn)."
  type        = string
}

resource "aws_sesv2_email_identity" "domain" {
  email_identity = var.domain
}

resource "aws_iam_user" "smtp" {
  name = "${var.name}-smtp"
}

data "aws_iam_policy_document" "send" {
  statement {
    actions   = ["ses:SendRawEmail"]
    resources = [aws_sesv2_email_identity.domain.arn]
  }
}

resource "aws_iam_user_policy" "send" {
  name   = "send-as-domain"
  user   = aws_iam_user.smtp.name
  policy = data.aws_iam_policy_document.send.json
}

resource "aws_iam_access_key" "smtp" {
  user = aws_iam_user.smtp.name
}

data "aws_region" "current" {}

output "smtp_host" {
  value = "email-smtp.${data.aws_region.current.name}.amazonaws.com"
}

output "smtp_username" {
  value = aws_iam_access_key.smtp.id
}

output "smtp_password" {
  value     = aws_iam_access_key.smtp.ses_smtp_password_v4
  sensitive = true
}

output "dkim_tokens" {
  description = "Publish each as a CNAME <token>._domainkey.<domain> → <token>.dkim.amazonses.com."
  value       = aws_sesv2_email_identity.domain.dkim_signing_attributes[0].tokens
}
