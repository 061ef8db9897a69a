# PostgreSQL on RDS in private subnets. The API and jobs functions reach it only through RDS Proxy (TLS required,
# IAM authentication as the application role aftersales_app: no password in any function); the migration function
# reaches the instance directly (TLS verify-full) with the RDS-managed master secret, creates the database roles and
# runs Flyway. Security groups allow nothing else.
#
# Secrets (values never in the Terraform state):
# - the master secret, managed by RDS; readable by the migration function only;
# - the application role's secret {"username":"aftersales_app","password":...}: its password is drawn at apply time
#   and written write-only, read by RDS Proxy (its auth entry) and by the
#   migration function (which sets it on the role every run). Bump app_password_version to rotate it: apply, then
#   invoke the migration function (the proxy's logins fail in between).

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

data "aws_partition" "current" {}

data "aws_service_principal" "rds" {
  service_name = "rds"
}

locals {
  app_user = "aftersales_app"
  port     = 5432
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "function" {
  name        = "${var.name}-function"
  description = "The aftersales API and jobs functions: may reach the database proxy"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "migrate" {
  name        = "${var.name}-migrate"
  description = "The aftersales migration function: may reach the database instance"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "proxy" {
  name        = "${var.name}-proxy"
  description = "RDS Proxy: reached by the API and jobs functions only"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PostgreSQL: reached by the proxy and the migration function only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_function" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.function.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  security_group_id            = aws_security_group.database.id
  referenced_security_group_id = aws_security_group.proxy.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_vpc_security_group_ingress_rule" "database_from_migrate" {
  security_group_id            = aws_security_group.database.id
  referenced_security_group_id = aws_security_group.migrate.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_vpc_security_group_egress_rule" "function_to_proxy" {
  security_group_id            = aws_security_group.function.id
  referenced_security_group_id = aws_security_group.proxy.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_vpc_security_group_egress_rule" "migrate_to_database" {
  security_group_id            = aws_security_group.migrate.id
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

# The functions call HTTPS services: the identity provider's JWKS, SES, S3, Secrets Manager, RDS (IAM tokens are
# signed locally, no call).
resource "aws_vpc_security_group_egress_rule" "function_https" {
  security_group_id = aws_security_group.function.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "migrate_https" {
  security_group_id = aws_security_group.migrate.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Only with an external SMTP relay (China target); SES is reached over HTTPS.
resource "aws_vpc_security_group_egress_rule" "function_smtp" {
  count             = var.smtp_port == null ? 0 : 1
  security_group_id = aws_security_group.function.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = var.smtp_port
  to_port           = var.smtp_port
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "postgres17"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  parameter {
    name  = "timezone"
    value = "UTC"
  }
  # gp3 SSD storage: random reads cost little more than sequential ones (the default 4 assumes spinning disks). With 4
  # the warranty-expiry job over 1M units ran 41 s instead of 4 s (bench/run.sh, docs/performance.md).
  parameter {
    name  = "random_page_cost"
    value = "1.1"
  }
  # The exported PostgreSQL log must not carry row contents (issue 22): no DETAIL ("Failing row contains (…)",
  # "Key (…)=(…)"), no failing statement, no bind values, and no ERROR lines, whose message can name a refused value
  # ("invalid input syntax for type uuid: "…""). The functions log each database error by SQLState and constraint.
  parameter {
    name  = "log_error_verbosity"
    value = "terse"
  }
  parameter {
    name  = "log_min_error_statement"
    value = "panic"
  }
  parameter {
    name  = "log_min_messages"
    value = "log"
  }
  parameter {
    name  = "log_parameter_max_length"
    value = "0"
  }
  parameter {
    name  = "log_parameter_max_length_on_error"
    value = "0"
  }
}

# RDS writes the exported PostgreSQL log here; declared before the instance so that RDS does not create it without
# a retention (it would then be kept forever).
resource "aws_cloudwatch_log_group" "postgresql" {
  name              = "/aws/rds/instance/${var.name}/postgresql"
  retention_in_days = var.log_retention_days
}

# The proxy's own log group, with the same retention.
resource "aws_cloudwatch_log_group" "proxy" {
  name              = "/aws/rds/proxy/${var.name}"
  retention_in_days = var.log_retention_days
}

locals {
  # Performance Insights does not run on the smallest burstable classes (the dev minimum).
  performance_insights = !can(regex("^db\\.t[234]g?\\.(micro|small)$", var.instance_class))
}

resource "aws_db_instance" "this" {
  identifier                      = var.name
  engine                          = "postgres"
  engine_version                  = "17"
  instance_class                  = var.instance_class
  allocated_storage               = var.storage_gb
  max_allocated_storage           = var.storage_gb * 5
  storage_type                    = "gp3"
  storage_encrypted               = true
  db_name                         = "aftersales"
  username                        = "aftersales"
  manage_master_user_password     = true
  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.database.id]
  parameter_group_name            = aws_db_parameter_group.this.name
  publicly_accessible             = false
  multi_az                        = var.multi_az
  backup_retention_period         = var.backup_retention_days
  backup_window                   = "18:00-19:00" # 02:00–03:00 Asia/Shanghai
  maintenance_window              = "sun:19:30-sun:20:30"
  copy_tags_to_snapshot           = true
  deletion_protection             = var.deletion_protection
  skip_final_snapshot             = !var.deletion_protection
  final_snapshot_identifier       = var.deletion_protection ? "${var.name}-final" : null
  performance_insights_enabled    = local.performance_insights
  enabled_cloudwatch_logs_exports = ["postgresql"]
  auto_minor_version_upgrade      = true

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

# The application role's credentials. The password is drawn at apply time from Terraform's uuid() (crypto/rand:
# two UUIDs, 244 random bits, 64 hex characters) and written write-only: it is in no plan and no state, and it is only
# written when app_password_version changes. The proxy logs in with it; clients of the proxy use IAM.
# (Not the random provider: not in the offline mirror. Not the ephemeral aws_secretsmanager_random_password: terraform
# test cannot mock ephemeral resources, so the plan tests could not run. Not the data source: its value is stored.)

resource "aws_secretsmanager_secret" "app" {
  name                    = "${var.name}/db-app"
  description             = "PostgreSQL role ${local.app_user}: RDS Proxy's login to the database; set on the role by the migration function"
  recovery_window_in_days = var.secret_recovery_days
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string_wo = jsonencode({
    username = local.app_user
    password = replace("${uuid()}${uuid()}", "-", "")
  })
  secret_string_wo_version = var.app_password_version
}

data "aws_iam_policy_document" "proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [data.aws_service_principal.rds.name]
    }
  }
}

resource "aws_iam_role" "proxy" {
  name               = "${var.name}-proxy"
  assume_role_policy = data.aws_iam_policy_document.proxy_assume.json
}

# The proxy reads the application role's secret only; it never holds the master credentials.
data "aws_iam_policy_document" "proxy_secret" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.app.arn]
  }
}

resource "aws_iam_role_policy" "proxy_secret" {
  name   = "read-app-secret"
  role   = aws_iam_role.proxy.id
  policy = data.aws_iam_policy_document.proxy_secret.json
}

resource "aws_db_proxy" "this" {
  name                   = var.name
  engine_family          = "POSTGRESQL"
  require_tls            = true
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy.id]
  idle_client_timeout    = 1800

  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = aws_secretsmanager_secret.app.arn
  }

  depends_on = [aws_cloudwatch_log_group.proxy, aws_iam_role_policy.proxy_secret, aws_secretsmanager_secret_version.app]
}

locals {
  # arn:<partition>:rds-db:<region>:<account>:dbuser:<proxy resource id>/<user>, from the proxy's
  # arn:<partition>:rds:<region>:<account>:db-proxy:<proxy resource id>.
  connect_arn = "${replace(replace(aws_db_proxy.this.arn, ":rds:", ":rds-db:"), ":db-proxy:", ":dbuser:")}/${local.app_user}"
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name
  connection_pool_config {
    # Many short-lived Lambda environments share the database's connections through the proxy.
    max_connections_percent      = 90
    max_idle_connections_percent = 30
    connection_borrow_timeout    = 10
  }
}

# The target reports AUTH_FAILURE until the first migration has created aftersales_app; the proxy then logs in.
resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = "default" # the proxy's default target group is always called so
  db_instance_identifier = aws_db_instance.this.identifier
  depends_on             = [aws_db_proxy_default_target_group.this]
}
