# The aftersales Lambda function (JVM or native build of target/function.zip) behind an API Gateway
# HTTP API whose JWT authorizer accepts the Cognito user pool's tokens. The function verifies the
# token again (smallrye-jwt) and authorises by role: the gateway is a first gate, not the only one.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

locals {
  # JVM: Quarkus' stream handler on Java 21; native: the bootstrap binary on the OS-only runtime.
  runtime = var.native ? "provided.al2023" : "java21"
  handler = var.native ? "not.used.in.provided.runtime" : "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.name}-function"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# Least privilege: write its own logs, nothing else here (database and mail access are granted where they are made).
data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.logs.json
}

# Case attachments (photos of failed parts, reports): private bucket; clients move the bytes through URLs the
# function pre-signs, so the function needs only Put/Get/Head on objects, nothing on the bucket itself.
module "attachments" {
  source      = "../private-bucket"
  name_prefix = "${var.name}-attachments-"
}

# Before the bucket moved into the private-bucket module.
moved {
  from = aws_s3_bucket.attachments
  to   = module.attachments.aws_s3_bucket.this
}
moved {
  from = aws_s3_bucket_public_access_block.attachments
  to   = module.attachments.aws_s3_bucket_public_access_block.this
}
moved {
  from = aws_s3_bucket_server_side_encryption_configuration.attachments
  to   = module.attachments.aws_s3_bucket_server_side_encryption_configuration.this
}
moved {
  from = aws_s3_bucket_versioning.attachments
  to   = module.attachments.aws_s3_bucket_versioning.this
}

# Browsers PUT and GET through pre-signed URLs from the front end's origins.
resource "aws_s3_bucket_cors_configuration" "attachments" {
  bucket = module.attachments.id
  cors_rule {
    allowed_methods = ["PUT", "GET"]
    allowed_origins = var.cors_origins
    allowed_headers = ["content-type"]
    max_age_seconds = 600
  }
}

data "aws_iam_policy_document" "attachments" {
  statement {
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${module.attachments.arn}/cases/*"]
  }
}

resource "aws_iam_role_policy" "attachments" {
  name   = "attachments"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.attachments.json
}

# The package goes to Lambda through S3: the JVM build's function.zip (over 60 MB) is over the 50 MB that Lambda takes
# in a direct upload, and S3 works for both builds. Lambda copies the code when a function is created or updated,
# so older package versions can expire.
module "packages" {
  source          = "../private-bucket"
  name_prefix     = "${var.name}-packages-"
  noncurrent_days = 30
}

resource "aws_s3_object" "package" {
  bucket      = module.packages.id
  key         = "function.zip"
  source      = var.package_path
  source_hash = filemd5(var.package_path)
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "this" {
  function_name    = var.name
  role             = aws_iam_role.function.arn
  s3_bucket        = aws_s3_object.package.bucket
  s3_key           = aws_s3_object.package.key
  source_code_hash = filebase64sha256(var.package_path)
  runtime          = local.runtime
  handler          = local.handler
  architectures    = ["x86_64"]
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds

  environment {
    variables = merge({
      AFTERSALES_JWT_ISSUER   = var.jwt_issuer
      AFTERSALES_JWT_JWKS_URL = "${var.jwt_issuer}/.well-known/jwks.json"
      # Cognito puts the customer id of a CUSTOMER account in a custom attribute.
      AFTERSALES_SECURITY_CUSTOMER_CLAIM = "custom:customer_id"
      AFTERSALES_ATTACHMENTS_BUCKET      = module.attachments.bucket
      DISABLE_SIGNAL_HANDLERS            = "true"
    }, var.environment)
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.logs]
}

# In a VPC the function needs its network interfaces (AWS's managed policy: ENI actions cannot be scoped further).
resource "aws_iam_role_policy_attachment" "vpc" {
  count      = length(var.subnet_ids) > 0 ? 1 : 0
  role       = aws_iam_role.function.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_apigatewayv2_api" "http" {
  name          = var.name
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins  = var.cors_origins
    allow_methods  = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]
    allow_headers  = ["authorization", "content-type", "idempotency-key", "if-match", "accept-language", "x-correlation-id"]
    expose_headers = ["etag", "location", "x-correlation-id", "idempotent-replayed", "retry-after"]
    max_age        = 600
  }
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = var.jwt_audiences
  }
}

resource "aws_apigatewayv2_integration" "function" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.this.invoke_arn
  payload_format_version = "2.0"
}

# The business API needs a valid token at the gateway already.
resource "aws_apigatewayv2_route" "api" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "ANY /api/{proxy+}"
  target             = "integrations/${aws_apigatewayv2_integration.function.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
}

# Health and the OpenAPI document are public.
resource "aws_apigatewayv2_route" "platform" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /q/{proxy+}"
  target    = "integrations/${aws_apigatewayv2_integration.function.id}"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = var.throttle_burst
    throttling_rate_limit  = var.throttle_rate
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId", ip = "$context.identity.sourceIp", time = "$context.requestTime",
      method    = "$context.httpMethod", route = "$context.routeKey", status = "$context.status",
      latencyMs = "$context.responseLatency", error = "$context.error.message", authError = "$context.authorizer.error"
    })
  }
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}

# The schema migration step: the same package with Flyway at start. The deploy workflow updates and invokes this
# function first (its cold start migrates; a failure stops the deploy), then moves the API function to the new code.
# No route, no schedule: only the deploy role invokes it.
resource "aws_cloudwatch_log_group" "migrate" {
  name              = "/aws/lambda/${var.name}-migrate"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "migrate_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.migrate.arn}:*"]
  }
}

resource "aws_iam_role_policy" "migrate_logs" {
  name   = "migrate-logs"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.migrate_logs.json
}

resource "aws_lambda_function" "migrate" {
  function_name                  = "${var.name}-migrate"
  role                           = aws_iam_role.function.arn
  s3_bucket                      = aws_s3_object.package.bucket
  s3_key                         = aws_s3_object.package.key
  source_code_hash               = filebase64sha256(var.package_path)
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = ["x86_64"]
  memory_size                    = var.memory_mb
  timeout                        = 900
  reserved_concurrent_executions = 1

  environment {
    variables = merge({
      AFTERSALES_JWT_ISSUER       = var.jwt_issuer
      AFTERSALES_JWT_JWKS_URL     = "${var.jwt_issuer}/.well-known/jwks.json"
      AFTERSALES_MIGRATE_AT_START = "true"
      DISABLE_SIGNAL_HANDLERS     = "true"
    }, var.environment)
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  depends_on = [aws_cloudwatch_log_group.migrate, aws_iam_role_policy.migrate_logs]
}
