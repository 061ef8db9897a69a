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
      arn = "arn:aws:logs:cn-north-1:123456789012:log-group:/aws/apigateway/aftersales-test"
    }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      execution_arn = "arn:aws:execute-api:cn-north-1:123456789012:abcdef1234"
    }
  }
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
    condition     = module.attachments.private && module.attachments.encryption == "AES256"
    error_message = "Attachments are private: only pre-signed URLs reach them."
  }
}

run "both_functions_load_the_package_from_a_private_bucket" {
  command = apply

  assert {
    condition = alltrue([for f in [aws_lambda_function.this, aws_lambda_function.migrate] :
    f.s3_bucket == module.packages.id && f.s3_key == aws_s3_object.package.key && f.filename == null])
    error_message = "The package goes through S3 (the JVM build is over Lambda's 50 MB direct-upload limit)."
  }
  assert {
    condition     = aws_s3_object.package.source == var.package_path && aws_s3_object.package.source_hash == filemd5(var.package_path)
    error_message = "A new build uploads a new package."
  }
  assert {
    condition     = module.packages.private && module.packages.encryption == "AES256"
    error_message = "The package bucket is private."
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
