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
    condition     = aws_cloudwatch_log_metric_filter.job_failures.pattern == "{ ($.level = \"ERROR\") && ($.loggerName = \"com.aftersales.jobs.JobRunner\") }"
    error_message = "The filter matches JobRunner's JSON log line for a failed run (ObservabilityTest holds the member names)."
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

run "api_latency_and_error_rate_raise_alarms" {
  command = apply

  assert {
    condition = (aws_cloudwatch_metric_alarm.api_p99_latency.namespace == "AWS/ApiGateway"
      && aws_cloudwatch_metric_alarm.api_p99_latency.metric_name == "Latency"
      && aws_cloudwatch_metric_alarm.api_p99_latency.extended_statistic == "p99"
      && aws_cloudwatch_metric_alarm.api_p99_latency.statistic == null
    && aws_cloudwatch_metric_alarm.api_p99_latency.dimensions["ApiId"] == "abc123")
    error_message = "The API's p99 latency (API Gateway's Latency, p99) has an alarm."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.api_p99_latency.threshold == 2000 && aws_cloudwatch_metric_alarm.api_p99_latency.datapoints_to_alarm == 2
    error_message = "p99 above 2 s in 2 of 3 five-minute periods raises it."
  }
  assert {
    condition = (length(aws_cloudwatch_metric_alarm.api_5xx_rate.metric_query) == 3
      && one([for q in aws_cloudwatch_metric_alarm.api_5xx_rate.metric_query : q.expression if q.return_data == true])
    == "IF(requests >= 20, 100 * errors / requests, 0)")
    error_message = "The 5xx alarm is on the share of 5xx answers among at least 20 requests."
  }
  assert {
    condition = toset(flatten([for q in aws_cloudwatch_metric_alarm.api_5xx_rate.metric_query :
    [for m in q.metric : "${m.namespace} ${m.metric_name} ${m.stat} ${m.dimensions["ApiId"]}"]])) == toset(["AWS/ApiGateway 5xx Sum abc123", "AWS/ApiGateway Count Sum abc123"])
    error_message = "The share is API Gateway's 5xx over its Count for this API."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.api_5xx_rate.threshold == 5
    error_message = "More than 5 % 5xx raises it."
  }
  assert {
    condition = (contains(aws_cloudwatch_metric_alarm.api_p99_latency.alarm_actions, "arn:aws:sns:cn-north-1:123456789012:aftersales-test-alarms")
    && contains(aws_cloudwatch_metric_alarm.api_5xx_rate.alarm_actions, "arn:aws:sns:cn-north-1:123456789012:aftersales-test-alarms"))
    error_message = "Both notify the on-call topic."
  }
  assert {
    condition     = contains(output.alarm_names, "aftersales-test-api-p99-latency") && contains(output.alarm_names, "aftersales-test-api-5xx-rate")
    error_message = "The alarm list names them."
  }
}

run "latency_alarm_may_watch_the_integration" {
  command = plan

  variables {
    api_latency_metric = "IntegrationLatency"
    api_p99_latency_ms = 1500
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.api_p99_latency.metric_name == "IntegrationLatency" && aws_cloudwatch_metric_alarm.api_p99_latency.threshold == 1500
    error_message = "The p99 alarm can watch the function's part (IntegrationLatency)."
  }
}

run "only_the_two_latency_metrics" {
  command = plan

  variables {
    api_latency_metric = "Count"
  }

  expect_failures = [var.api_latency_metric]
}
