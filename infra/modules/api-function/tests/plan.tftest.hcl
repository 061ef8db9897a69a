# Offline plan tests: `terraform test` with a mocked AWS provider (no credentials, no network).
mock_provider "aws" {
  # Valid ARNs for the runs that apply (the provider checks them).
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/aftersales-test-function"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/apigateway/aftersales-test"
    }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      execution_arn = "arn:aws:execute-api:ap-southeast-1:123456789012:abcdef1234"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws", dns_suffix = "amazonaws.com", reverse_dns_prefix = "com.amazonaws"
    }
  }
}

variables {
  name              = "aftersales-test"
  package_path      = "tests/fixture.zip"
  jwt_issuer        = "https://issuer.example.com/pool"
  jwt_jwks_url      = "https://issuer.example.com/pool/.well-known/jwks.json"
  jwt_audiences     = ["client"]
  cors_origins      = ["https://aftersales.example.com"]
  subnet_ids        = ["subnet-a", "subnet-b"]
  connect_arn       = "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123/aftersales_app"
  master_secret_arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:master"
  app_secret_arn    = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:app"
}

run "native_function_behind_a_jwt_protected_api" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023"
    error_message = "The native build runs on provided.al2023."
  }
  assert {
    condition     = aws_apigatewayv2_route.this["ANY /api/{proxy+}"].authorization_type == "JWT"
    error_message = "The business API must require a JWT at the gateway."
  }
  assert {
    condition     = toset(keys(aws_apigatewayv2_route.this)) == toset(["ANY /api/{proxy+}", "GET /q/health/{proxy+}"])
    error_message = "By default only the business API and health are routed (no Swagger UI, no OpenAPI document)."
  }
  assert {
    condition     = aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].issuer == var.jwt_issuer
    error_message = "The authorizer must trust the issuer."
  }
  assert {
    condition     = aws_apigatewayv2_integration.function.payload_format_version == "2.0"
    error_message = "quarkus-amazon-lambda-http expects payload format 2.0."
  }
  assert {
    condition     = module.attachments.private && module.attachments.encryption == "AES256" && module.attachments.tls_only
    error_message = "Attachments are private and TLS-only: only pre-signed URLs reach them."
  }
  assert {
    condition     = module.attachments.noncurrent_days == 30
    error_message = "Replaced and deleted attachment versions expire."
  }
  assert {
    condition     = module.packages.tls_only && module.packages.noncurrent_days == 30
    error_message = "The package bucket is TLS-only and drops old packages."
  }
}

run "three_functions_from_one_package_with_their_own_roles" {
  command = apply

  assert {
    condition = alltrue([for f in [aws_lambda_function.this, aws_lambda_function.jobs, aws_lambda_function.migrate] :
    f.s3_bucket == module.packages.id && f.s3_key == aws_s3_object.package.key && f.filename == null])
    error_message = "The package goes through S3 (the JVM build is over Lambda's 50 MB direct-upload limit)."
  }
  assert {
    condition = ([aws_lambda_function.this.function_name, aws_lambda_function.jobs.function_name, aws_lambda_function.migrate.function_name]
    == ["aftersales-test", "aftersales-test-jobs", "aftersales-test-migrate"])
    error_message = "Function names of the contract."
  }
  assert {
    condition     = length(distinct([for r in aws_iam_role.this : r.name])) == 3
    error_message = "Each function has its own execution role."
  }
  assert {
    condition     = aws_s3_object.package.source == var.package_path && aws_s3_object.package.source_hash == filemd5(var.package_path)
    error_message = "A new build uploads a new package."
  }
  assert {
    condition     = module.packages.private && module.packages.encryption == "AES256"
    error_message = "The package bucket is private."
  }
  assert {
    condition     = alltrue([for k, a in aws_iam_role_policy_attachment.vpc : a.policy_arn == "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"])
    error_message = "Each function in the VPC gets its network interfaces (partition from the data source)."
  }
}

run "jvm_build_option" {
  command = plan
  variables {
    native = false
  }
  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    error_message = "The JVM build runs Quarkus' stream handler on java21."
  }
  assert {
    condition = alltrue([for f in [aws_lambda_function.this, aws_lambda_function.jobs, aws_lambda_function.migrate] :
    f.environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"])
    error_message = "The JVM functions compile with C1 only (shorter starts, bench/startup.sh)."
  }
  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0 && aws_lambda_function.this.publish != true && length(aws_lambda_alias.live) == 0
    error_message = "SnapStart is off unless asked for: no published versions, no alias."
  }
}

run "native_build_gets_no_jvm_options" {
  command = plan
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "JAVA_TOOL_OPTIONS")
    error_message = "The native binary reads no JAVA_TOOL_OPTIONS."
  }
}

run "jvm_with_snap_start_invoked_through_the_live_alias" {
  command = apply
  variables {
    native     = false
    snap_start = true
  }
  assert {
    condition = alltrue([for f in [aws_lambda_function.this, aws_lambda_function.jobs] :
    f.publish && f.snap_start[0].apply_on == "PublishedVersions"])
    error_message = "API and jobs publish a version on each change, and Lambda snapshots it."
  }
  assert {
    condition     = length(aws_lambda_function.migrate.snap_start) == 0 && aws_lambda_function.migrate.publish != true
    error_message = "The migration function (once per deploy) runs unpublished, without a snapshot."
  }
  assert {
    condition = (aws_lambda_alias.live["api"].function_version == aws_lambda_function.this.version &&
    aws_lambda_alias.live["jobs"].function_version == aws_lambda_function.jobs.version)
    error_message = "The alias live points at the version just published."
  }
  assert {
    condition     = aws_apigatewayv2_integration.function.integration_uri == aws_lambda_alias.live["api"].invoke_arn
    error_message = "API Gateway invokes the alias (the snapshotted version), not $LATEST."
  }
  assert {
    condition     = aws_lambda_permission.api.qualifier == "live"
    error_message = "API Gateway may invoke the alias."
  }
  assert {
    condition     = output.jobs_function_arn == aws_lambda_alias.live["jobs"].arn && output.jobs_function_qualifier == "live"
    error_message = "The schedules invoke the jobs function's alias."
  }
}

run "snap_start_is_for_the_jvm_build" {
  command = plan
  variables {
    snap_start = true
  }
  expect_failures = [aws_lambda_function.this]
}

run "snap_start_only_where_the_region_offers_it" {
  command = plan
  variables {
    native     = false
    snap_start = true
  }
  override_data {
    target = data.aws_region.current
    values = { name = "ap-southeast-6" }
  }
  expect_failures = [aws_lambda_function.this]
}

run "timeout_must_fit_the_gateway" {
  command = plan
  variables {
    timeout_seconds = 60
  }
  expect_failures = [var.timeout_seconds]
}

run "the_function_policies_have_no_wildcard_actions" {
  command = plan

  assert {
    condition = alltrue(flatten([for d in concat(values(data.aws_iam_policy_document.logs), [data.aws_iam_policy_document.attachments,
      data.aws_iam_policy_document.expire_uploads, data.aws_iam_policy_document.purge_attachments,
      data.aws_iam_policy_document.connect, data.aws_iam_policy_document.migrate_secrets]) :
    [for s in d.statement : [for a in s.actions : !strcontains(a, "*")]]]))
    error_message = "No wildcard actions in the functions' policies."
  }
  assert {
    condition = alltrue(flatten([for s in data.aws_iam_policy_document.migrate_secrets.statement :
    [s.actions == toset(["secretsmanager:GetSecretValue"]), s.resources == toset([var.master_secret_arn, var.app_secret_arn])]]))
    error_message = "The migration function reads its two secrets and nothing else."
  }
}

run "migrations_run_only_in_the_migration_function_handler" {
  command = plan

  assert {
    condition     = aws_lambda_function.migrate.environment[0].variables["QUARKUS_LAMBDA_HANDLER"] == "migrate"
    error_message = "The migration function runs the migrate handler (Flyway in the handler, not at start)."
  }
  assert {
    condition = alltrue([for f in [aws_lambda_function.this, aws_lambda_function.jobs, aws_lambda_function.migrate] :
    !contains(keys(f.environment[0].variables), "AFTERSALES_MIGRATE_AT_START")])
    error_message = "No function migrates at start."
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "QUARKUS_LAMBDA_HANDLER")
    error_message = "The API function keeps the HTTP handler."
  }
  assert {
    condition = (aws_lambda_function.this.environment[0].variables["AFTERSALES_METRICS_NAMESPACE"] == "aftersales-test"
    && aws_lambda_function.jobs.environment[0].variables["AFTERSALES_METRICS_NAMESPACE"] == "aftersales-test")
    error_message = "The API and jobs functions write their EMF metrics to the stack's namespace."
  }
  assert {
    condition = alltrue([for f in [aws_lambda_function.this, aws_lambda_function.jobs, aws_lambda_function.migrate] :
    f.reserved_concurrent_executions == null])
    error_message = "No reserved concurrency by default."
  }
}

run "the_migration_function_never_gets_a_datasource_from_terraform" {
  command = plan
  variables {
    migrate_environment = { QUARKUS_DATASOURCE_JDBC_URL = "jdbc:postgresql://proxy/aftersales" }
  }
  expect_failures = [aws_lambda_function.migrate]
}

run "xray_active_tracing_and_no_collector_by_default" {
  command = plan

  assert {
    condition = (aws_lambda_function.this.tracing_config[0].mode == "Active" && aws_lambda_function.jobs.tracing_config[0].mode == "Active"
    && aws_lambda_function.migrate.tracing_config[0].mode == "Active")
    error_message = "The three functions trace actively in X-Ray."
  }
  assert {
    condition     = alltrue([for k in ["api", "jobs", "migrate"] : contains(output.role_policies[k], "xray")])
    error_message = "Each function's role may write X-Ray segments."
  }
  assert {
    condition = alltrue([for f in values(output.settings) : length(f.layers) == 0
    && !contains(keys(f.environment), "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")])
    error_message = "Without a collector layer no OTLP endpoint is set: the application's tracing stays off."
  }
}

run "the_collector_layer_receives_the_spans_by_otlp" {
  command = plan

  variables {
    otel_collector_layer_arn = "arn:aws:lambda:ap-southeast-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1"
  }

  assert {
    condition = alltrue([for f in values(output.settings) : length(f.layers) == 1 && f.layers[0] == var.otel_collector_layer_arn
      && f.environment["QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] == "http://localhost:4318"
    && f.environment["QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] == "http/protobuf"])
    error_message = "With the layer, each function sends its spans to the collector beside it (OTLP/HTTP, localhost:4318)."
  }
}

run "tracing_can_pass_through" {
  command = plan

  variables {
    tracing_mode = "PassThrough"
  }

  assert {
    condition     = aws_lambda_function.this.tracing_config[0].mode == "PassThrough" && length(aws_iam_role_policy.xray) == 0
    error_message = "PassThrough without a collector needs no X-Ray permissions."
  }
}
