output "proxy_endpoint" {
  description = "Host the function connects to (TLS required)."
  value       = aws_db_proxy.this.endpoint
}

output "jdbc_url" {
  value = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:5432/aftersales?sslmode=require"
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
