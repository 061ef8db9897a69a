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

output "master_secret_arn" {
  description = "Secrets Manager secret with the database user and password (managed by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "instance_identifier" {
  value = aws_db_instance.this.identifier
}

output "proxy_name" {
  value = aws_db_proxy.this.name
}
