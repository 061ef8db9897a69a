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
      master_user_secret = [{ secret_arn = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:rds-db", kms_key_id = "k", secret_status = "active" }]
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:aftersales-test/db-app"
    }
  }
}

variables {
  name       = "aftersales-test"
  vpc_id     = "vpc-1"
  subnet_ids = ["subnet-a", "subnet-b"]
}

run "private_database_behind_a_tls_proxy" {
  command = apply

  assert {
    condition     = one(aws_db_proxy.this.auth).iam_auth == "REQUIRED"
    error_message = "Clients authenticate to the proxy with IAM: no database password in the API or jobs function."
  }
  assert {
    condition     = one(aws_db_proxy.this.auth).secret_arn == aws_secretsmanager_secret.app.arn
    error_message = "The proxy logs in as the application role (its secret), never as the master user."
  }
  assert {
    condition     = output.connect_arn == "arn:aws-cn:rds-db:cn-north-1:123456789012:dbuser:prx-0123456789abcdef0/aftersales_app"
    error_message = "rds-db:connect is for the application role through this proxy (rds-db ARN, partition kept)."
  }
  assert {
    condition     = aws_secretsmanager_secret_version.app.secret_string == null && aws_secretsmanager_secret_version.app.secret_string_wo_version == 1
    error_message = "The application password is written write-only: not in the state."
  }
  assert {
    condition     = aws_cloudwatch_log_group.postgresql.name == "/aws/rds/instance/aftersales-test/postgresql" && aws_cloudwatch_log_group.postgresql.retention_in_days == 30
    error_message = "The exported PostgreSQL log group is declared (before the instance) with a retention."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_migrate.referenced_security_group_id == aws_security_group.migrate.id
    error_message = "The migration function reaches the instance directly."
  }
  assert {
    condition     = startswith(output.instance_jdbc_url, "jdbc:postgresql://") && strcontains(output.instance_jdbc_url, "sslmode=verify-full")
    error_message = "The migration function verifies the instance's certificate and name."
  }
  assert {
    condition     = length(aws_vpc_security_group_egress_rule.function_smtp) == 0
    error_message = "Without an SMTP relay no SMTP port is open."
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
    condition = alltrue([for name, value in {
      log_error_verbosity = "terse", log_min_error_statement = "panic", log_min_messages = "log",
      log_parameter_max_length = "0", log_parameter_max_length_on_error = "0" } :
    one([for p in aws_db_parameter_group.this.parameter : p.value if p.name == name]) == value])
    error_message = "The exported PostgreSQL log carries no row contents: no DETAIL, statements, bind values or ERROR lines."
  }
  assert {
    condition     = aws_db_instance.this.storage_encrypted && aws_db_instance.this.manage_master_user_password
    error_message = "Storage is encrypted and the master password lives in Secrets Manager only."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_proxy.referenced_security_group_id == aws_security_group.proxy.id
    error_message = "The proxy may reach the database."
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

run "the_proxy_reads_only_the_application_secret" {
  command = apply

  assert {
    condition = alltrue([for s in data.aws_iam_policy_document.proxy_secret.statement :
    s.actions == toset(["secretsmanager:GetSecretValue"]) && s.resources == toset([aws_secretsmanager_secret.app.arn])])
    error_message = "The proxy role may only read the application role's secret."
  }
}

run "the_smallest_class_has_no_performance_insights" {
  command = plan
  variables {
    instance_class = "db.t4g.micro"
    smtp_port      = 587
  }
  assert {
    condition     = aws_db_instance.this.performance_insights_enabled == false
    error_message = "Performance Insights does not run on db.t4g.micro."
  }
  assert {
    condition     = one(aws_vpc_security_group_egress_rule.function_smtp[*].to_port) == 587
    error_message = "With an SMTP relay the functions may reach its port."
  }
}
