# The three aftersales Lambda functions, all from the one package (target/function.zip, native or JVM), each with its
# own execution role and log group:
# - API      aftersales-<env>          the HTTP handler behind an API Gateway HTTP API (JWT authorizer), 25 s;
# - jobs     aftersales-<env>-jobs     QUARKUS_LAMBDA_HANDLER=jobs, invoked by EventBridge Scheduler with {"job":"<name>"},
#                                      900 s; a failed run fails the invocation (retries, then the dead-letter queue);
# - migrate  aftersales-<env>-migrate  QUARKUS_LAMBDA_HANDLER=migrate, invoked by the deploy workflow with {}, 900 s:
#                                      with the master secret it creates the database roles and runs Flyway.
# The function verifies each token again (smallrye-jwt) and authorises by role: the gateway is a first gate only.

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

data "aws_service_principal" "lambda" {
  service_name = "lambda"
}

data "aws_service_principal" "apigateway" {
  service_name = "apigateway"
}

data "aws_region" "current" {}

locals {
  # JVM: Quarkus' stream handler on Java 21; native: the bootstrap binary on the OS-only runtime.
  runtime = var.native ? "provided.al2023" : "java21"
  handler = var.native ? "not.used.in.provided.runtime" : "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  in_vpc  = length(var.subnet_ids) > 0

  # SnapStart (JVM build only): API and jobs publish a version on each code or configuration change, Lambda snapshots
  # it after the function's init (SnapStartPriming's hooks run around the snapshot), and API Gateway and the schedules
  # invoke the alias "live" on that version. Not offered in these regions (AWS Lambda docs, "Supported Regions").
  snap_start_unavailable_regions = ["ap-southeast-6", "ap-east-2"]
  snap_start                     = var.snap_start && !var.native
  # JVM build: C1 only (no C2 compilations competing with the start on the function's fractional vCPU).
  jvm_environment = var.native || var.jvm_options == "" ? {} : { JAVA_TOOL_OPTIONS = var.jvm_options }

  functions = {
    api     = { name = var.name, timeout = var.timeout_seconds }
    jobs    = { name = "${var.name}-jobs", timeout = var.jobs_timeout_seconds }
    migrate = { name = "${var.name}-migrate", timeout = var.migrate_timeout_seconds }
  }

  jwt_environment = merge({
    AFTERSALES_JWT_ISSUER   = var.jwt_issuer
    AFTERSALES_JWT_JWKS_URL = var.jwt_jwks_url
    DISABLE_SIGNAL_HANDLERS = "true"
  }, local.jvm_environment)

  # The EMF metrics of requests and job runs (shared.observe.Emf) go to a namespace of their own per stack, beside the
  # alarms module's JobFailures.
  api_environment = merge(local.jwt_environment, {
    AFTERSALES_ATTACHMENTS_BUCKET = module.attachments.bucket
    AFTERSALES_METRICS_NAMESPACE  = var.name
  }, local.tracing_environment, var.environment)

  # Traces: with the ADOT collector layer attached, the functions send their spans by OTLP/HTTP to the collector it
  # runs beside them (localhost:4318), which hands them to X-Ray; without it tracing stays off in the function
  # (shared.observe.TracingDefault) and X-Ray shows Lambda's own segments only.
  tracing_environment = var.otel_collector_layer_arn == null ? {} : {
    QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = "http://localhost:4318"
    QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = "http/protobuf"
  }
  layers = var.otel_collector_layer_arn == null ? [] : [var.otel_collector_layer_arn]

  jobs_environment = merge(local.api_environment, {
    QUARKUS_LAMBDA_HANDLER = "jobs"
  })

  # No QUARKUS_DATASOURCE_*: the migration function reads its credentials from the secrets at run time.
  migrate_environment = merge(local.jwt_environment, local.tracing_environment, var.migrate_environment, {
    QUARKUS_LAMBDA_HANDLER = "migrate"
  })

  # The ENI actions of AWS's managed policy cannot be scoped to resources.
  vpc_policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [data.aws_service_principal.lambda.name]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each           = local.functions
  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = local.functions
  name              = "/aws/lambda/${each.value.name}"
  retention_in_days = var.log_retention_days
}

# Each function writes its own logs, nothing else here.
data "aws_iam_policy_document" "logs" {
  for_each = local.functions
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  for_each = local.functions
  name     = "logs"
  role     = aws_iam_role.this[each.key].id
  policy   = data.aws_iam_policy_document.logs[each.key].json
}

# Active tracing: Lambda sends its own segments, and the ADOT collector layer the application's spans, under the
# function's role (the actions of AWS's AWSXRayDaemonWriteAccess; X-Ray's write actions take no resource scoping).
data "aws_iam_policy_document" "xray" {
  statement {
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "xray" {
  for_each = var.tracing_mode == "Active" || var.otel_collector_layer_arn != null ? local.functions : {}
  name     = "xray"
  role     = aws_iam_role.this[each.key].id
  policy   = data.aws_iam_policy_document.xray.json
}

# In a VPC a function needs its network interfaces; attached before the function is created (CreateFunction checks).
resource "aws_iam_role_policy_attachment" "vpc" {
  for_each   = local.in_vpc ? local.functions : {}
  role       = aws_iam_role.this[each.key].name
  policy_arn = local.vpc_policy_arn
}

# API and jobs connect through RDS Proxy as the application role with IAM authentication, and nothing else.
data "aws_iam_policy_document" "connect" {
  statement {
    actions   = ["rds-db:connect"]
    resources = [var.connect_arn]
  }
}

resource "aws_iam_role_policy" "connect" {
  for_each = toset(["api", "jobs"])
  name     = "connect-to-database"
  role     = aws_iam_role.this[each.key].id
  policy   = data.aws_iam_policy_document.connect.json
}

# Mail (SES send, or read the SMTP relay's password secret), granted by the stack to API and jobs.
resource "aws_iam_role_policy" "app" {
  for_each = { for pair in setproduct(["api", "jobs"], keys(var.app_policies)) : "${pair[0]}-${pair[1]}" => { role = pair[0], policy = pair[1] } }
  name     = each.value.policy
  role     = aws_iam_role.this[each.value.role].id
  policy   = var.app_policies[each.value.policy]
}

# The migration function may read the master secret and the application role's secret, and nothing else.
data "aws_iam_policy_document" "migrate_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.master_secret_arn, var.app_secret_arn]
  }
}

resource "aws_iam_role_policy" "migrate_secrets" {
  name   = "read-database-secrets"
  role   = aws_iam_role.this["migrate"].id
  policy = data.aws_iam_policy_document.migrate_secrets.json
}

# What the functions need from other modules before they are created (database proxy target, secret value, security
# group rules): a function created earlier would start without a way to its database.
resource "terraform_data" "dependencies" {
  input = var.dependencies
}

# Case attachments (photos of failed parts, reports): private bucket; clients move the bytes through URLs the
# API function pre-signs, so it needs only Put/Get on objects (HeadObject is GetObject), nothing on the bucket.
module "attachments" {
  source          = "../private-bucket"
  name_prefix     = "${var.name}-attachments-"
  noncurrent_days = var.attachment_noncurrent_days
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
  # A confirmation copies the upload object to the attachment's key and removes the upload object (expire_uploads).
  source_policy_documents = [data.aws_iam_policy_document.expire_uploads.json]
  statement {
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${module.attachments.arn}/cases/*"]
  }
}

resource "aws_iam_role_policy" "attachments" {
  name   = "attachments"
  role   = aws_iam_role.this["api"].id
  policy = data.aws_iam_policy_document.attachments.json
}

# The jobs function removes uploads announced and never confirmed (cases.CaseAttachments#expireUnconfirmed): the
# upload objects only; an announcement made before uploads had their own key is not removed from S3 by it.
data "aws_iam_policy_document" "expire_uploads" {
  statement {
    actions   = ["s3:DeleteObject"]
    resources = ["${module.attachments.arn}/cases/*.upload"]
  }
}

resource "aws_iam_role_policy" "expire_uploads" {
  name   = "expire-uploads"
  role   = aws_iam_role.this["jobs"].id
  policy = data.aws_iam_policy_document.expire_uploads.json
}

# The retention purge (retention.Retention, run by the jobs function's retention job and by an admin's erasure through
# the API) removes every object of an expired case with all its versions and delete markers.
data "aws_iam_policy_document" "purge_attachments" {
  statement {
    actions   = ["s3:ListBucketVersions"]
    resources = [module.attachments.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["cases/*"]
    }
  }
  statement {
    actions   = ["s3:DeleteObjectVersion", "s3:DeleteObject"]
    resources = ["${module.attachments.arn}/cases/*"]
  }
}

resource "aws_iam_role_policy" "purge_attachments" {
  for_each = toset(["api", "jobs"])
  name     = "purge-attachments"
  role     = aws_iam_role.this[each.key].id
  policy   = data.aws_iam_policy_document.purge_attachments.json
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

resource "aws_lambda_function" "this" {
  function_name                  = local.functions.api.name
  role                           = aws_iam_role.this["api"].arn
  s3_bucket                      = aws_s3_object.package.bucket
  s3_key                         = aws_s3_object.package.key
  source_code_hash               = filebase64sha256(var.package_path)
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = ["x86_64"]
  memory_size                    = var.memory_mb
  timeout                        = local.functions.api.timeout
  reserved_concurrent_executions = var.api_reserved_concurrency
  publish                        = local.snap_start

  dynamic "snap_start" {
    for_each = local.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  layers = local.layers

  tracing_config {
    mode = var.tracing_mode
  }

  environment {
    variables = local.api_environment
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  lifecycle {
    precondition {
      condition     = !var.snap_start || !var.native
      error_message = "SnapStart is for the JVM build (java21); the native build starts without it."
    }
    precondition {
      condition     = !local.snap_start || !contains(local.snap_start_unavailable_regions, data.aws_region.current.name)
      error_message = "Lambda SnapStart is not offered in this region: set snap_start = false."
    }
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.logs, aws_iam_role_policy.xray, aws_iam_role_policy_attachment.vpc,
  aws_iam_role_policy.connect, aws_iam_role_policy.app, aws_iam_role_policy.attachments, terraform_data.dependencies]
}

# With SnapStart, callers invoke the published version through this alias: $LATEST has no snapshot.
resource "aws_lambda_alias" "live" {
  for_each         = local.snap_start ? { api = aws_lambda_function.this, jobs = aws_lambda_function.jobs } : {}
  name             = "live"
  function_name    = each.value.function_name
  function_version = each.value.version
}

resource "aws_lambda_function" "jobs" {
  function_name                  = local.functions.jobs.name
  role                           = aws_iam_role.this["jobs"].arn
  s3_bucket                      = aws_s3_object.package.bucket
  s3_key                         = aws_s3_object.package.key
  source_code_hash               = filebase64sha256(var.package_path)
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = ["x86_64"]
  memory_size                    = var.memory_mb
  timeout                        = local.functions.jobs.timeout
  reserved_concurrent_executions = var.jobs_reserved_concurrency
  publish                        = local.snap_start

  dynamic "snap_start" {
    for_each = local.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  layers = local.layers

  tracing_config {
    mode = var.tracing_mode
  }

  environment {
    variables = local.jobs_environment
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.logs, aws_iam_role_policy.xray, aws_iam_role_policy_attachment.vpc,
  aws_iam_role_policy.connect, aws_iam_role_policy.app, terraform_data.dependencies]
}

# The schema migration step. The deploy workflow invokes it (aws lambda invoke --cli-read-timeout 960) before the
# API function moves to new code; Flyway runs in its handler, never at start. No route, no schedule: only the deploy
# role invokes it, one deploy at a time (the workflow's concurrency group), so no reserved concurrency is needed.
resource "aws_lambda_function" "migrate" {
  function_name    = local.functions.migrate.name
  role             = aws_iam_role.this["migrate"].arn
  s3_bucket        = aws_s3_object.package.bucket
  s3_key           = aws_s3_object.package.key
  source_code_hash = filebase64sha256(var.package_path)
  runtime          = local.runtime
  handler          = local.handler
  architectures    = ["x86_64"]
  memory_size      = var.memory_mb
  timeout          = local.functions.migrate.timeout

  layers = local.layers

  tracing_config {
    mode = var.tracing_mode
  }

  environment {
    variables = local.migrate_environment
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.migrate_security_group_ids
    }
  }

  lifecycle {
    precondition {
      condition     = length([for k in keys(local.migrate_environment) : k if startswith(k, "QUARKUS_DATASOURCE_")]) == 0
      error_message = "The migration function gets its database credentials from the secrets, not QUARKUS_DATASOURCE_*."
    }
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.logs, aws_iam_role_policy.xray, aws_iam_role_policy_attachment.vpc,
  aws_iam_role_policy.migrate_secrets, terraform_data.dependencies]
}

resource "aws_apigatewayv2_api" "http" {
  name          = var.name
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins  = var.cors_origins
    allow_methods  = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]
    allow_headers  = ["authorization", "content-type", "accept", "accept-language", "idempotency-key", "if-match", "if-none-match", "x-correlation-id", "traceparent"]
    expose_headers = ["etag", "location", "x-correlation-id", "idempotent-replayed", "retry-after", "content-disposition"]
    max_age        = 600
  }
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = var.authorizer_name
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
  integration_uri        = local.snap_start ? aws_lambda_alias.live["api"].invoke_arn : aws_lambda_function.this.invoke_arn
  payload_format_version = "2.0"
}

# Only the routes listed: the business API needs a valid token at the gateway already; health is public.
resource "aws_apigatewayv2_route" "this" {
  for_each           = var.routes
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.function.id}"
  authorization_type = each.value.jwt ? "JWT" : "NONE"
  authorizer_id      = each.value.jwt ? aws_apigatewayv2_authorizer.jwt.id : null
}

moved {
  from = aws_apigatewayv2_route.api
  to   = aws_apigatewayv2_route.this["ANY /api/{proxy+}"]
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
  qualifier     = local.snap_start ? aws_lambda_alias.live["api"].name : null
  principal     = data.aws_service_principal.apigateway.name
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}

# Before the three functions had a log group each from one map.
moved {
  from = aws_cloudwatch_log_group.function
  to   = aws_cloudwatch_log_group.this["api"]
}
moved {
  from = aws_cloudwatch_log_group.migrate
  to   = aws_cloudwatch_log_group.this["migrate"]
}
