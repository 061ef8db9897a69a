# One-time set-up of an account for aftersales (run once by an administrator, with local state; see
# docs/deploy.md): the S3 bucket of the environments' Terraform state, GitHub's OpenID Connect provider, and per
# environment a deploy role and a read-only plan role that GitHub Actions assume without stored keys.
#
# Trust: the deploy role of <env> trusts tokens of this repository's jobs that run in the GitHub environment <env>
# only (sub = repo:<org>/<repo>:environment:<env>); the environment's deployment branch rule (main only) makes sure
# such a job runs for main. With require_main_ref the sub must also carry ref:refs/heads/main (after customising the
# repository's OIDC subject claim to repo, context, ref; docs/deploy.md). The plan role of <env> trusts jobs in the
# environment <env>-plan (pull requests) and may read, not change.

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project = "aftersales"
    }
  }
}

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  partition = data.aws_partition.current.partition
  account   = data.aws_caller_identity.current.account_id
  region    = data.aws_region.current.name
  audience  = coalesce(var.github_audience, "sts.${data.aws_partition.current.dns_suffix}")
  issuer    = "token.actions.githubusercontent.com"
  provider  = var.github_oidc_provider_arn != null ? var.github_oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn
  envs      = toset(var.environments)

  deploy_subjects = { for e in local.envs : e => "repo:${var.github_repository}:environment:${e}${var.require_main_ref ? ":ref:refs/heads/main" : ""}" }
  plan_subjects   = { for e in local.envs : e => "repo:${var.github_repository}:environment:${e}-plan" }

  arn = "arn:${local.partition}"
}

# The environments' state (keys <env>/terraform.tfstate, S3 lock files): private, encrypted, versioned, TLS-only.
module "state" {
  source          = "../modules/private-bucket"
  name_prefix     = "${var.name}-terraform-state-"
  noncurrent_days = 90
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.github_oidc_provider_arn == null ? 1 : 0
  url            = "https://${local.issuer}"
  client_id_list = [local.audience]
}

data "aws_iam_policy_document" "trust" {
  for_each = merge(
    { for e, s in local.deploy_subjects : "deploy-${e}" => s },
    { for e, s in local.plan_subjects : "plan-${e}" => s },
  )
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.provider]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = [local.audience]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = [each.value]
    }
  }
}

resource "aws_iam_role" "deploy" {
  for_each             = local.envs
  name                 = "${var.name}-deploy-${each.key}"
  description          = "GitHub Actions deploys ${var.name} ${each.key} (environment ${each.key} of ${var.github_repository})"
  assume_role_policy   = data.aws_iam_policy_document.trust["deploy-${each.key}"].json
  max_session_duration = 3600
}

resource "aws_iam_role" "plan" {
  for_each             = local.envs
  name                 = "${var.name}-plan-${each.key}"
  description          = "GitHub Actions plans ${var.name} ${each.key}, read-only (environment ${each.key}-plan of ${var.github_repository})"
  assume_role_policy   = data.aws_iam_policy_document.trust["plan-${each.key}"].json
  max_session_duration = 3600
}

# Deploy: what the stack manages. Names are scoped to the environment's prefix (aftersales-<env>) where the service
# allows it, so the dev role cannot change prod. Services whose resources get generated ids (EC2 networking, API
# Gateway, Cognito, RDS, SES identities) are granted on the service.
data "aws_iam_policy_document" "deploy" {
  for_each = local.envs

  statement {
    sid       = "State"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${module.state.arn}/${each.key}/*"]
  }
  statement {
    sid       = "StateList"
    actions   = ["s3:ListBucket"]
    resources = [module.state.arn]
  }
  statement {
    sid       = "OwnRoles"
    actions   = ["iam:*Role", "iam:*RolePolicy", "iam:*RolePolicies", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies", "iam:TagRole", "iam:UntagRole", "iam:ListInstanceProfilesForRole", "iam:ListRoleTags"]
    resources = ["${local.arn}:iam::${local.account}:role/${var.name}-${each.key}-*"]
  }
  statement {
    sid       = "PassOwnRoles"
    actions   = ["iam:PassRole"]
    resources = ["${local.arn}:iam::${local.account}:role/${var.name}-${each.key}-*"]
  }
  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["${local.arn}:iam::${local.account}:role/aws-service-role/*"]
  }
  statement {
    sid     = "OwnNamedResources"
    actions = ["lambda:*", "s3:*", "sqs:*", "sns:*", "scheduler:*", "secretsmanager:*", "logs:*"]
    resources = [
      "${local.arn}:lambda:${local.region}:${local.account}:function:${var.name}-${each.key}*",
      "${local.arn}:s3:::${var.name}-${each.key}-*",
      "${local.arn}:sqs:${local.region}:${local.account}:${var.name}-${each.key}-*",
      "${local.arn}:sns:${local.region}:${local.account}:${var.name}-${each.key}-*",
      "${local.arn}:scheduler:${local.region}:${local.account}:schedule-group/${var.name}-${each.key}",
      "${local.arn}:scheduler:${local.region}:${local.account}:schedule/${var.name}-${each.key}/*",
      "${local.arn}:secretsmanager:${local.region}:${local.account}:secret:${var.name}-${each.key}/*",
      "${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/lambda/${var.name}-${each.key}*",
      "${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/apigateway/${var.name}-${each.key}*",
      "${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/rds/instance/${var.name}-${each.key}/*",
      "${local.arn}:logs:${local.region}:${local.account}:log-group:/aws/rds/proxy/${var.name}-${each.key}*",
    ]
  }
  # manage_master_user_password: RDS creates and rotates the master secret (rds!…) with the caller's rights.
  statement {
    sid       = "RdsManagedMasterSecret"
    actions   = ["secretsmanager:CreateSecret", "secretsmanager:TagResource", "secretsmanager:RotateSecret", "secretsmanager:DescribeSecret", "secretsmanager:DeleteSecret"]
    resources = ["${local.arn}:secretsmanager:${local.region}:${local.account}:secret:rds!*"]
  }
  statement {
    sid       = "KeysThroughSecretsManager"
    actions   = ["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.${data.aws_partition.current.dns_suffix}", "rds.${local.region}.${data.aws_partition.current.dns_suffix}"]
    }
  }
  statement {
    sid = "Services"
    actions = ["ec2:*", "rds:*", "apigateway:*", "cognito-idp:*", "ses:*", "cloudwatch:*", "lambda:GetAccountSettings",
      "lambda:CreateEventSourceMapping", "logs:DescribeLogGroups", "logs:CreateLogDelivery", "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "sqs:ListQueues", "sns:ListTopics", "scheduler:ListScheduleGroups", "secretsmanager:ListSecrets", "secretsmanager:GetRandomPassword", "s3:ListAllMyBuckets", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListOpenIDConnectProviders", "sts:GetCallerIdentity"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  for_each = local.envs
  name     = "deploy-${each.key}"
  role     = aws_iam_role.deploy[each.key].id
  policy   = data.aws_iam_policy_document.deploy[each.key].json
}

# Plan: the environment's state, nothing else. Pull-request plans run with -refresh=false
# (.github/scripts/plan-env.sh): they show what the branch's code changes against the last applied state, so they read
# no resource of the account (no attachment, log line or secret is reachable from a pull request's code), and the
# stack's data sources (partition, region, service principals, policy documents) are computed without a call.
data "aws_iam_policy_document" "plan" {
  for_each = local.envs
  statement {
    sid       = "State"
    actions   = ["s3:GetObject"]
    resources = ["${module.state.arn}/${each.key}/*"]
  }
  statement {
    sid       = "StateList"
    actions   = ["s3:ListBucket"]
    resources = [module.state.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${each.key}/*"]
    }
  }
}

resource "aws_iam_role_policy" "plan" {
  for_each = local.envs
  name     = "plan-${each.key}"
  role     = aws_iam_role.plan[each.key].id
  policy   = data.aws_iam_policy_document.plan[each.key].json
}
