# The account set-up planned from empty state (mocked provider): a deploy and a read-only plan role per environment,
# each trusting one GitHub environment of one repository, and a TLS-only state bucket.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws", dns_suffix = "amazonaws.com", reverse_dns_prefix = "com.amazonaws"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      name = "ap-southeast-1"
    }
  }
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = {
      arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn    = "arn:aws:s3:::aftersales-terraform-state-1"
      bucket = "aftersales-terraform-state-1"
    }
  }
}

variables {
  github_repository = "example-org/aftersales"
}

run "a_deploy_and_a_plan_role_per_environment" {
  command = apply

  assert {
    condition     = keys(aws_iam_role.deploy) == ["dev", "prod"] && aws_iam_role.deploy["prod"].name == "aftersales-deploy-prod" && aws_iam_role.deploy["dev"].name == "aftersales-deploy-dev"
    error_message = "One deploy role per environment: aftersales-deploy-dev, aftersales-deploy-prod."
  }
  assert {
    condition     = keys(aws_iam_role.plan) == ["dev", "prod"] && aws_iam_role.plan["prod"].name == "aftersales-plan-prod"
    error_message = "One plan role per environment."
  }
  assert {
    condition = output.trusted_subjects == {
      "deploy-dev"  = "repo:example-org/aftersales:environment:dev"
      "deploy-prod" = "repo:example-org/aftersales:environment:prod"
      "plan-dev"    = "repo:example-org/aftersales:environment:dev-plan"
      "plan-prod"   = "repo:example-org/aftersales:environment:prod-plan"
    }
    error_message = "Each role trusts exactly one GitHub environment of this repository."
  }
  assert {
    condition = alltrue([for k, d in data.aws_iam_policy_document.trust : alltrue([for s in d.statement :
      s.actions == toset(["sts:AssumeRoleWithWebIdentity"])
      && anytrue([for c in s.condition : c.variable == "token.actions.githubusercontent.com:sub" && c.test == "StringEquals" && c.values == tolist([output.trusted_subjects[k]])])
    && anytrue([for c in s.condition : c.variable == "token.actions.githubusercontent.com:aud" && c.values == tolist(["sts.amazonaws.com"])])])])
    error_message = "Trust: exact subject (StringEquals, no wildcard) and audience."
  }
  assert {
    condition = alltrue([for e in ["dev", "prod"] : alltrue([for s in data.aws_iam_policy_document.deploy[e].statement :
    alltrue([for r in s.resources : !strcontains(r, e == "dev" ? "aftersales-prod" : "aftersales-dev")])])])
    error_message = "A deploy role names only its own environment's resources."
  }
  assert {
    condition = alltrue([for e in ["dev", "prod"] : alltrue([for s in data.aws_iam_policy_document.deploy[e].statement :
    alltrue([for r in s.resources : r == "*" || strcontains(r, "aftersales-${e}") || strcontains(r, "rds!") || strcontains(r, "aws-service-role") || r == module.state.arn || r == "${module.state.arn}/${e}/*"])])])
    error_message = "Named resources of a deploy role are its environment's (or its state key)."
  }
  assert {
    condition = alltrue([for e in ["dev", "prod"] : alltrue([for s in data.aws_iam_policy_document.plan[e].statement :
    alltrue([for a in s.actions : contains(["s3:GetObject", "s3:ListBucket"], a)])])])
    error_message = "A plan role reads its state, nothing more: no secret, object or log (pull-request plans do not refresh)."
  }
  assert {
    condition     = module.state.private && module.state.tls_only && module.state.encryption == "AES256"
    error_message = "The state bucket is private, encrypted and TLS-only."
  }
  assert {
    condition     = output.tf_backend_config["prod"] == "bucket       = \"aftersales-terraform-state-1\"\nkey          = \"prod/terraform.tfstate\"\nregion       = \"ap-southeast-1\"\nencrypt      = true\nuse_lockfile = true"
    error_message = "The backend config of each environment is printed for its GitHub variable."
  }
}

run "main_only_subjects_when_the_repository_sends_the_ref" {
  command = plan
  variables {
    require_main_ref = true
  }
  assert {
    condition     = output.trusted_subjects["deploy-prod"] == "repo:example-org/aftersales:environment:prod:ref:refs/heads/main"
    error_message = "With the customised subject the deploy role also requires refs/heads/main."
  }
}

run "china_partition_audience" {
  command = plan
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn", reverse_dns_prefix = "cn.com.amazonaws" }
  }
  assert {
    condition     = output.audience == "sts.amazonaws.com.cn"
    error_message = "The audience follows the partition."
  }
}
