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
