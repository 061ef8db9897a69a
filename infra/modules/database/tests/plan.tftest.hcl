# Offline plan tests with a mocked AWS provider: the database is private and reachable only through the TLS proxy.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/aftersales-test-proxy"
    }
  }
  mock_resource "aws_db_proxy" {
    defaults = {
      arn = "arn:aws-cn:rds:cn-north-1:123456789012:db-proxy:prx-0123456789abcdef0"
    }
  }
  mock_resource "aws_db_instance" {
    defaults = {
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:cn-north-1:123456789012:secret:rds-db", kms_key_id = "k", secret_status = "active" }]
    }
  }
}

variables {
  name       = "aftersales-test"
  vpc_id     = "vpc-1"
  subnet_ids = ["subnet-a", "subnet-b"]

  function_role_name = "aftersales-test-function"
}

run "private_database_behind_a_tls_proxy" {
  command = apply

  assert {
    condition     = one(aws_db_proxy.this.auth).iam_auth == "REQUIRED"
    error_message = "Clients authenticate to the proxy with IAM: no database password in the function."
  }
  assert {
    condition     = output.connect_arn == "arn:aws-cn:rds-db:cn-north-1:123456789012:dbuser:prx-0123456789abcdef0/aftersales"
    error_message = "The function may connect as the database user through this proxy (rds-db ARN, partition kept)."
  }
  assert {
    condition = aws_iam_role_policy.function_connect.role == var.function_role_name && alltrue([
      for st in data.aws_iam_policy_document.connect.statement :
    st.actions == toset(["rds-db:connect"]) && st.resources == toset([output.connect_arn])])
    error_message = "The function's role gets rds-db:connect on that user only."
  }

  assert {
    condition     = aws_db_instance.this.publicly_accessible == false
    error_message = "The database must not be publicly accessible."
  }
  assert {
    condition     = aws_db_proxy.this.require_tls == true
    error_message = "The proxy must require TLS."
  }
  assert {
    condition     = strcontains(output.jdbc_url, "sslmode=verify-full")
    error_message = "The function verifies the proxy's certificate and name."
  }
  assert {
    condition     = one([for p in aws_db_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"]) == "1"
    error_message = "The database must refuse connections without TLS."
  }
  assert {
    condition     = aws_db_instance.this.storage_encrypted && aws_db_instance.this.manage_master_user_password
    error_message = "Storage is encrypted and the master password lives in Secrets Manager only."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_proxy.referenced_security_group_id == aws_security_group.proxy.id
    error_message = "Only the proxy may reach the database."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.proxy_from_function.referenced_security_group_id == aws_security_group.function.id
    error_message = "Only the function may reach the proxy."
  }
  assert {
    condition     = aws_db_instance.this.deletion_protection && aws_db_instance.this.backup_retention_period >= 7
    error_message = "By default the database is protected from deletion and backed up."
  }
}

run "a_dev_database_can_be_thrown_away" {
  command = plan
  variables {
    deletion_protection = false
  }
  assert {
    condition     = aws_db_instance.this.skip_final_snapshot == true && aws_db_instance.this.deletion_protection == false
    error_message = "Without protection no final snapshot blocks a teardown."
  }
}

run "the_proxy_reads_only_the_database_secret" {
  command = apply

  assert {
    condition = alltrue([for s in data.aws_iam_policy_document.proxy_secret.statement :
    s.actions == toset(["secretsmanager:GetSecretValue"]) && !anytrue([for r in s.resources : strcontains(r, "*")])])
    error_message = "The proxy role may only read its own secret."
  }
}
