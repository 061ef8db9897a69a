# Offline plan tests: `terraform test` with a mocked AWS provider (no credentials, no network).
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name          = "aftersales-test"
  package_path  = "tests/fixture.zip"
  jwt_issuer    = "https://cognito-idp.cn-north-1.amazonaws.com/pool"
  jwt_audiences = ["client"]
  cors_origins  = ["https://aftersales.example.cn"]
}

run "native_function_behind_a_jwt_protected_api" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023"
    error_message = "The native build runs on provided.al2023."
  }
  assert {
    condition     = aws_apigatewayv2_route.api.authorization_type == "JWT"
    error_message = "The business API must require a JWT at the gateway."
  }
  assert {
    condition     = aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].issuer == var.jwt_issuer
    error_message = "The authorizer must trust the Cognito issuer."
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["AFTERSALES_SECURITY_CUSTOMER_CLAIM"] == "custom:customer_id"
    error_message = "Customer accounts are scoped by Cognito's custom:customer_id."
  }
  assert {
    condition     = aws_apigatewayv2_integration.function.payload_format_version == "2.0"
    error_message = "quarkus-amazon-lambda-http expects payload format 2.0."
  }
  assert {
    condition     = aws_s3_bucket_public_access_block.attachments.block_public_acls && aws_s3_bucket_public_access_block.attachments.restrict_public_buckets
    error_message = "Attachments are private: only pre-signed URLs reach them."
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
    condition = alltrue(flatten([for d in [data.aws_iam_policy_document.logs, data.aws_iam_policy_document.attachments] :
    [for s in d.statement : [for a in s.actions : !strcontains(a, "*")]]]))
    error_message = "No wildcard actions in the function's policies."
  }
}

run "migrations_run_only_in_the_migration_function" {
  command = plan

  assert {
    condition     = aws_lambda_function.migrate.environment[0].variables["AFTERSALES_MIGRATE_AT_START"] == "true"
    error_message = "The migration function runs Flyway at start."
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "AFTERSALES_MIGRATE_AT_START")
    error_message = "The API function never migrates on a cold start."
  }
  assert {
    condition     = aws_lambda_function.migrate.reserved_concurrent_executions == 1
    error_message = "One migration at a time."
  }
}
