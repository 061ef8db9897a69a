output "proxy_endpoint" {
  description = "Host the function connects to (TLS required)."
  value       = aws_db_proxy.this.endpoint
}

output "jdbc_url" {
  # verify-full: the proxy's certificate (Amazon Trust Services, Amazon Root CA 1) is checked against the JVM's or the
  # native image's default trust store, and its name against the proxy endpoint. No bundle to ship.
  description = "JDBC URL of the proxy with TLS and full certificate verification."
  value       = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:5432/aftersales?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"
}

output "function_security_group_id" {
  value = aws_security_group.function.id
}

output "user" {
  description = "The database user the function connects as (IAM authentication through the proxy, no password)."
  value       = aws_db_instance.this.username
}

output "connect_arn" {
  description = "The rds-db:connect resource the function's role is granted."
  value       = local.connect_arn
}

output "instance_identifier" {
  value = aws_db_instance.this.identifier
}

output "proxy_name" {
  value = aws_db_proxy.this.name
}
