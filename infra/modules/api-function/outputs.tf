output "api_url" {
  description = "Base URL of the HTTP API."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "function_role_name" {
  description = "IAM role of the function, for policies granted elsewhere (database, mail)."
  value       = aws_iam_role.function.name
}

output "function_arn" {
  value = aws_lambda_function.this.arn
}

output "api_id" {
  value = aws_apigatewayv2_api.http.id
}

output "migrate_function_name" {
  description = "Invoke after updating it (deploy step): its cold start runs the schema migrations."
  value       = aws_lambda_function.migrate.function_name
}

output "log_group_name" {
  description = "The function's CloudWatch log group (metric filters read it)."
  value       = aws_cloudwatch_log_group.function.name
}
