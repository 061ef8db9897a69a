# EventBridge Scheduler fires every job of the service (cron in the business zone) by invoking the jobs function with
# {"job":"<name>"}. Only the scheduler's role may invoke it this way, and it may invoke nothing else. Jobs are
# idempotent (a retry runs each due item once), so at-least-once is safe.
#
# Two kinds of failure, one dead-letter queue (alarmed in the alarms module):
# - the scheduler cannot deliver (throttled, function missing, no permission): the schedule's retry policy, then
#   the schedule's dead-letter config;
# - the function fails the invocation (a run with outcome FAILED, an unknown job, timeout, crash, failed start): the
#   scheduler invokes Lambda asynchronously, so these are Lambda's retries (aws_lambda_function_event_invoke_config
#   below), then its on-failure destination.

terraform {
  required_version = ">= 1.11"
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
  description = "The ARN the schedules invoke: the jobs function, or its alias (SnapStart)."
  type        = string
}

variable "function_qualifier" {
  description = "The alias in function_arn, if any: the asynchronous-invocation settings are the alias's then."
  type        = string
  default     = null
}

variable "function_name" {
  description = "The jobs function."
  type        = string
}

variable "function_role_name" {
  description = "The jobs function's execution role: Lambda sends failed asynchronous invocations to the queue with it."
  type        = string
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
    "kpi-aggregates"  = "cron(10 * * * ? *)"
  }
}

resource "aws_sqs_queue" "dead_letters" {
  name                      = "${var.name}-job-dead-letters"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_service_principal" "scheduler" {
  service_name = "scheduler"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [data.aws_service_principal.scheduler.name]
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
    input    = jsonencode({ job = each.key })

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letters.arn
    }
  }

  # A schedule may fire right after it is created: its role may already invoke and dead-letter.
  depends_on = [aws_iam_role_policy.invoke]
}

# The jobs function is invoked asynchronously by the schedules only.
resource "aws_lambda_function_event_invoke_config" "jobs" {
  function_name                = var.function_name
  qualifier                    = var.function_qualifier
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters.arn
    }
  }

  # Lambda checks that the function's role may send to the destination when the configuration is written.
  depends_on = [aws_iam_role_policy.function_dead_letters]
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

output "function_arn_target" {
  description = "The function every schedule invokes."
  value       = one(distinct([for s in aws_scheduler_schedule.job : s.target[0].arn]))
}
