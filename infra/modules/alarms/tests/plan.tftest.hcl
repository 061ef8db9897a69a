# Every failure has an alarm, including job runs that fail inside the function, which the scheduler cannot see.
mock_provider "aws" {
  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:cn-north-1:123456789012:aftersales-test-alarms"
    }
  }
}

variables {
  name                   = "aftersales-test"
  function_name          = "aftersales-test"
  jobs_function_name     = "aftersales-test-jobs"
  jobs_log_group_name    = "/aws/lambda/aftersales-test-jobs"
  api_id                 = "abc123"
  dead_letter_queue_name = "aftersales-test-job-dead-letters"
  proxy_name             = "aftersales-test"
}

run "failed_job_runs_raise_an_alarm" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_metric_filter.job_failures.log_group_name == "/aws/lambda/aftersales-test-jobs"
    error_message = "Failed job runs are counted from the jobs function's log group."
  }
  assert {
    condition     = strcontains(aws_cloudwatch_log_metric_filter.job_failures.pattern, "failed (run")
    error_message = "The filter matches JobRunner's line for a failed run."
  }
  assert {
    condition = (aws_cloudwatch_metric_alarm.this["job-failures"].metric_name == "JobFailures"
      && aws_cloudwatch_metric_alarm.this["job-failures"].namespace == "aftersales-test"
    && aws_cloudwatch_metric_alarm.this["job-failures"].threshold == 1)
    error_message = "One failed run raises the alarm."
  }
  assert {
    condition = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["function-errors", "function-throttles", "jobs-errors",
    "jobs-throttles", "api-5xx", "job-dead-letters", "job-failures", "proxy-connections"])
    error_message = "Each failure kind has its alarm."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["jobs-errors"].dimensions["FunctionName"] == "aftersales-test-jobs"
    error_message = "A failed job invocation (a run with outcome FAILED throws) raises the jobs-errors alarm."
  }
  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : contains(a.alarm_actions, "arn:aws:sns:cn-north-1:123456789012:aftersales-test-alarms")])
    error_message = "Every alarm notifies the on-call topic."
  }
}
