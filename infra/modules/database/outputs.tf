output "proxy_endpoint" {
  description = "Host the API and jobs functions connect to (TLS required)."
  value       = aws_db_proxy.this.endpoint
}

output "jdbc_url" {
  # verify-full: the proxy's certificate (Amazon Trust Services, Amazon Root CA 1) is checked against the JVM's or the
  # native image's default trust store, and its name against the proxy endpoint. No bundle to ship.
  description = "JDBC URL of the proxy with TLS and full certificate verification."
  value       = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:${local.port}/aftersales?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"
}

output "instance_jdbc_url" {
  # The instance's certificate is issued by the RDS CA (rds-ca-rsa2048-g1), not a public root: the migration function
  # trusts the RDS CA bundle it ships with.
  description = "JDBC URL of the instance itself (the migration function only), TLS with full certificate verification."
  value       = "jdbc:postgresql://${aws_db_instance.this.address}:${local.port}/aftersales?sslmode=verify-full"
}

output "function_security_group_id" {
  description = "For the API and jobs functions: reaches the proxy."
  value       = aws_security_group.function.id
}

output "migrate_security_group_id" {
  description = "For the migration function: reaches the instance."
  value       = aws_security_group.migrate.id
}

output "user" {
  description = "The database role the API and jobs functions connect as (IAM authentication through the proxy)."
  value       = local.app_user
}

output "connect_arn" {
  description = "The rds-db:connect resource for the application role through the proxy."
  value       = local.connect_arn
}

output "master_secret_arn" {
  description = "The RDS-managed master secret (JSON username, password)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "app_secret_arn" {
  description = "The application role's secret (JSON username, password), also the proxy's auth entry."
  value       = aws_secretsmanager_secret.app.arn
}

output "instance_identifier" {
  value = aws_db_instance.this.identifier
}

output "proxy_name" {
  value = aws_db_proxy.this.name
}

output "postgresql_log_group_name" {
  value = aws_cloudwatch_log_group.postgresql.name
}

output "ready" {
  description = "What a function using the database needs before it is created: proxy target, secret value, network rules."
  value = concat([
    aws_db_proxy_target.this.id,
    aws_secretsmanager_secret_version.app.id,
    aws_vpc_security_group_ingress_rule.proxy_from_function.id,
    aws_vpc_security_group_ingress_rule.database_from_proxy.id,
    aws_vpc_security_group_ingress_rule.database_from_migrate.id,
    aws_vpc_security_group_egress_rule.function_to_proxy.id,
    aws_vpc_security_group_egress_rule.migrate_to_database.id,
    aws_vpc_security_group_egress_rule.function_https.id,
    aws_vpc_security_group_egress_rule.migrate_https.id,
    aws_vpc_security_group_egress_rule.proxy_to_database.id,
  ], aws_vpc_security_group_egress_rule.function_smtp[*].id)
}

output "function_smtp_ports" {
  description = "Ports of the SMTP relay the API and jobs functions may reach (empty with SES)."
  value       = aws_vpc_security_group_egress_rule.function_smtp[*].from_port
}
