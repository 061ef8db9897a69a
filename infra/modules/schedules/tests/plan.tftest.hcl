# Every job has a schedule in Asia/Shanghai with retries and a dead-letter queue, for undelivered invocations and for
# invocations the jobs function failed; only the jobs function may be invoked, with {"job":"<name>"}.
mock_provider "aws" {
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:cn-north-1:123456789012:aftersales-test-job-dead-letters"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/aftersales-test-scheduler"
    }
  }
  mock_data "aws_service_principal" {
    defaults = {
      name = "scheduler.amazonaws.com"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name               = "aftersales-test"
  function_arn       = "arn:aws:lambda:cn-north-1:123456789012:function:aftersales-test-jobs"
  function_name      = "aftersales-test-jobs"
  function_role_name = "aftersales-test-jobs"
}

run "every_job_is_scheduled_with_retries_and_a_dead_letter_queue" {
  command = plan

  assert {
    condition = toset(keys(aws_scheduler_schedule.job)) == toset(["warranty-expiry", "sla-breach", "safety-stock",
      "recall-reminder", "follow-up", "eight-d-overdue", "problem-digest", "notice-sender", "retention",
    "kpi-aggregates"])
    error_message = "Each job of the service needs a schedule."
  }
  assert {
    condition     = alltrue([for s in aws_scheduler_schedule.job : s.schedule_expression_timezone == "Asia/Shanghai"])
    error_message = "Schedules run in Asia/Shanghai."
  }
  assert {
    condition     = alltrue([for s in aws_scheduler_schedule.job : s.target[0].retry_policy[0].maximum_retry_attempts >= 1])
    error_message = "Failed invocations are retried."
  }
  assert {
    condition     = alltrue([for s in aws_scheduler_schedule.job : length(s.target[0].dead_letter_config) == 1])
    error_message = "Every schedule has a dead-letter queue."
  }
  assert {
    condition = alltrue([for k, s in aws_scheduler_schedule.job :
    jsondecode(s.target[0].input) == { job = k } && s.target[0].arn == var.function_arn])
    error_message = "Each schedule invokes the jobs function with {\"job\":\"<name>\"} and nothing else (no token)."
  }
}

run "invocations_the_function_fails_are_retried_then_dead_lettered" {
  command = apply

  assert {
    condition     = aws_lambda_function_event_invoke_config.jobs.function_name == var.function_name
    error_message = "The asynchronous invocation settings belong to the scheduled function."
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.jobs.maximum_retry_attempts >= 1
    error_message = "An invocation the function failed (timeout, crash) is retried."
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.jobs.destination_config[0].on_failure[0].destination == aws_sqs_queue.dead_letters.arn
    error_message = "After its retries, a failed invocation lands in the jobs' dead-letter queue, which is alarmed."
  }
  assert {
    condition     = aws_iam_role_policy.function_dead_letters.role == var.function_role_name
    error_message = "The function's role may send to the dead-letter queue (Lambda uses it for the destination)."
  }
  assert {
    condition = alltrue([for s in data.aws_iam_policy_document.function_dead_letters.statement :
    s.actions == toset(["sqs:SendMessage"]) && s.resources == toset([aws_sqs_queue.dead_letters.arn])])
    error_message = "The function may only send to its dead-letter queue."
  }
}

run "the_scheduler_may_invoke_the_function_and_nothing_else" {
  command = apply

  assert {
    condition = alltrue([for s in data.aws_iam_policy_document.invoke.statement :
    alltrue([for a in s.actions : !strcontains(a, "*")]) && alltrue([for r in s.resources : !strcontains(r, "*")])])
    error_message = "No wildcard actions or resources in the scheduler's policy."
  }
}
