variable "region" {
  description = "AWS region."
  type        = string
  default     = "cn-north-1"
}

variable "package_path" {
  description = "target/function.zip of the build to deploy."
  type        = string
  default     = "../../../target/function.zip"
}

variable "native" {
  description = "Deploy the native build (true) or the JVM build (false)."
  type        = bool
  default     = true
}

variable "frontend_urls" {
  description = "Origins of the web front end (CORS and Cognito callbacks)."
  type        = list(string)
}

variable "function_environment" {
  description = "Extra environment for the function, e.g. QUARKUS_DATASOURCE_JDBC_URL."
  type        = map(string)
  default     = {}
}
