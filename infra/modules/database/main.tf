# PostgreSQL on RDS in private subnets, reachable only through RDS Proxy with TLS required. Security groups allow
# nothing else: the function's group may reach the proxy on 5432, the proxy's group may reach the database on 5432.
# The master password is managed by RDS in Secrets Manager (never in state); only the proxy reads it. The function
# authenticates to the proxy with IAM (a token signed by its execution role per connection): no password reaches it.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "function" {
  name        = "${var.name}-function"
  description = "The aftersales function: may reach the database proxy"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "proxy" {
  name        = "${var.name}-proxy"
  description = "RDS Proxy: reached by the function only"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PostgreSQL: reached by the proxy only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_function" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.function.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  security_group_id            = aws_security_group.database.id
  referenced_security_group_id = aws_security_group.proxy.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "function_to_proxy" {
  security_group_id            = aws_security_group.function.id
  referenced_security_group_id = aws_security_group.proxy.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# The function also calls HTTPS services (Cognito JWKS, SES, S3, Secrets Manager) and SES SMTP (587).
resource "aws_vpc_security_group_egress_rule" "function_https" {
  security_group_id = aws_security_group.function.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "function_smtp" {
  security_group_id = aws_security_group.function.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 587
  to_port           = 587
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
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
  performance_insights_enabled    = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
  auto_minor_version_upgrade      = true
}

data "aws_iam_policy_document" "proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "proxy" {
  name               = "${var.name}-proxy"
  assume_role_policy = data.aws_iam_policy_document.proxy_assume.json
}

data "aws_iam_policy_document" "proxy_secret" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_db_instance.this.master_user_secret[0].secret_arn]
  }
}

resource "aws_iam_role_policy" "proxy_secret" {
  name   = "read-master-secret"
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
    secret_arn  = aws_db_instance.this.master_user_secret[0].secret_arn
  }
}

# The function's role may connect through the proxy as the database user, and nothing else here.
data "aws_iam_policy_document" "connect" {
  statement {
    actions   = ["rds-db:connect"]
    resources = [local.connect_arn]
  }
}

locals {
  # arn:<partition>:rds-db:<region>:<account>:dbuser:<proxy resource id>/<user>, from the proxy's
  # arn:<partition>:rds:<region>:<account>:db-proxy:<proxy resource id>.
  connect_arn = "${replace(replace(aws_db_proxy.this.arn, ":rds:", ":rds-db:"), ":db-proxy:", ":dbuser:")}/${aws_db_instance.this.username}"
}

resource "aws_iam_role_policy" "function_connect" {
  name   = "connect-to-database"
  role   = var.function_role_name
  policy = data.aws_iam_policy_document.connect.json
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

resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = "default" # the proxy's default target group is always called so
  db_instance_identifier = aws_db_instance.this.identifier
  depends_on             = [aws_db_proxy_default_target_group.this]
}
