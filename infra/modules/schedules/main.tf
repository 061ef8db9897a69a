# EventBridge Scheduler fires every job of the service (cron in Asia/Shanghai) by invoking the function directly
# with an API Gateway v2-shaped event for POST /internal/jobs/{name} and the job token. Only the scheduler's role
# may invoke the function this way (the HTTP API has no route to /internal). Jobs are idempotent, so at-least-once
# is safe.
#
# Two kinds of failure, one dead-letter queue (alarmed in the alarms module):
# - the scheduler cannot deliver (throttled, function missing, no permission): the schedule's retry policy, then
#   the schedule's dead-letter config;
# - the function fails the invocation (timeout, crash, out of memory, failed start): the scheduler invokes Lambda
#   asynchronously, so these are Lambda's retries (aws_lambda_function_event_invoke_config below), then its
#   on-failure destination.
# A job run that fails inside a working function (a database error after JobRunner's own retries) answers the
# invocation with outcome FAILED; the job-failures alarm counts those from the log.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "name" {
  type = string
}

variable "function_arn" {
  type = string
}

variable "function_name" {
  type = string
}

variable "function_role_name" {
  description = "The function's execution role: Lambda sends failed asynchronous invocations to the queue with it."
  type        = string
}

variable "job_token" {
  description = "The function's AFTERSALES_JOBS_TRIGGER_TOKEN."
  type        = string
  sensitive   = true
}

variable "timezone" {
  type    = string
  default = "Asia/Shanghai"
}

variable "jobs" {
  description = "Job name → EventBridge cron expression (the same times as aftersales.jobs.<name>.cron)."
  type        = map(string)
  default = {
    "warranty-expiry" = "cron(0 7 * * ? *)"
    "sla-breach"      = "cron(0/15 * * * ? *)"
    "safety-stock"    = "cron(30 7 * * ? *)"
    "recall-reminder" = "cron(0 8 * * ? *)"
    "follow-up"       = "cron(0 9 * * ? *)"
    "eight-d-overdue" = "cron(0 8 * * ? *)"
    "problem-digest"  = "cron(0 8 ? * MON *)"
    "notice-sender"   = "cron(0/5 * * * ? *)"
    "retention"       = "cron(0 3 1 * ? *)"
  }
}

resource "aws_sqs_queue" "dead_letters" {
  name                      = "${var.name}-job-dead-letters"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "invoke" {
  statement {
    actions   = ["lambda:InvokeFunction"]
    resources = [var.function_arn]
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }
}

resource "aws_iam_role_policy" "invoke" {
  name   = "invoke-function"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.invoke.json
}

resource "aws_scheduler_schedule_group" "this" {
  name = var.name
}

resource "aws_scheduler_schedule" "job" {
  for_each                     = var.jobs
  name                         = each.key
  group_name                   = aws_scheduler_schedule_group.this.name
  schedule_expression          = each.value
  schedule_expression_timezone = var.timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.function_arn
    role_arn = aws_iam_role.scheduler.arn
    input = jsonencode({
      version        = "2.0"
      routeKey       = "$default"
      rawPath        = "/internal/jobs/${each.key}"
      rawQueryString = ""
      headers = {
        "content-type"           = "application/json"
        "x-aftersales-job-token" = var.job_token
      }
      requestContext = {
        http      = { method = "POST", path = "/internal/jobs/${each.key}", protocol = "HTTP/1.1", sourceIp = "127.0.0.1", userAgent = "eventbridge-scheduler" }
        requestId = "schedule-${each.key}"
        routeKey  = "$default"
        stage     = "$default"
      }
      body            = "{}"
      isBase64Encoded = false
    })

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letters.arn
    }
  }
}

# Asynchronous invocations are only the schedules' (API Gateway invokes synchronously), so this applies to jobs only.
resource "aws_lambda_function_event_invoke_config" "jobs" {
  function_name                = var.function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters.arn
    }
  }
}

data "aws_iam_policy_document" "function_dead_letters" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }
}

resource "aws_iam_role_policy" "function_dead_letters" {
  name   = "job-dead-letters"
  role   = var.function_role_name
  policy = data.aws_iam_policy_document.function_dead_letters.json
}

output "dead_letter_queue_name" {
  value = aws_sqs_queue.dead_letters.name
}

output "schedule_names" {
  value = [for s in aws_scheduler_schedule.job : s.name]
}
