# CloudWatch alarms to an SNS topic (the on-call e-mails subscribe): errors and throttles of the API and jobs
# functions, API 5xx (count and rate), API p99 latency, job invocations that ended in the dead-letter queue, failed job runs (also those a retry later
# repaired), and RDS Proxy connections near the database's limit.

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

variable "function_name" {
  description = "The API function."
  type        = string
}

variable "jobs_function_name" {
  type = string
}

variable "api_id" {
  type = string
}

variable "jobs_log_group_name" {
  description = "The jobs function's log group: failed job runs are counted from its lines."
  type        = string
}

variable "dead_letter_queue_name" {
  type = string
}

variable "proxy_name" {
  type = string
}

variable "max_database_connections" {
  description = "Alarm when the proxy holds more database connections than this."
  type        = number
  nullable    = false
  default     = 80
}

variable "api_latency_metric" {
  description = "API Gateway's latency metric for the p99 alarm: Latency (what clients see) or IntegrationLatency (the function's part)."
  type        = string
  nullable    = false
  default     = "Latency"
  validation {
    condition     = contains(["Latency", "IntegrationLatency"], var.api_latency_metric)
    error_message = "api_latency_metric is Latency or IntegrationLatency."
  }
}

variable "api_p99_latency_ms" {
  description = "Alarm when the API's p99 latency stays above this (ms) in 2 of 3 five-minute periods."
  type        = number
  nullable    = false
  default     = 2000
}

variable "api_error_rate_percent" {
  description = "Alarm when more than this share (%) of the API's requests in five minutes are answered 5xx..."
  type        = number
  nullable    = false
  default     = 5
}

variable "api_error_rate_min_requests" {
  description = "...among at least this many requests (a single failure among a handful is left to the api-5xx count alarm)."
  type        = number
  nullable    = false
  default     = 20
}

variable "alarm_emails" {
  type    = list(string)
  default = []
}

resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

# A failed run fails its invocation (jobs-errors); Lambda's retry may then succeed, and the dead-letter queue sees
# only what failed every time. Each failed run still counts here: JobRunner logs every failed run, and nothing else, at
# ERROR ("Job <name> failed (run <id>, attempt <n>)", "... failed (run not recorded)", "... failed (run <id> abandoned
# ...)"). Prod logs are JSON (quarkus-logging-json: level, loggerName, message, mdc, ...), so the filter matches those
# members.
resource "aws_cloudwatch_log_metric_filter" "job_failures" {
  name           = "${var.name}-job-failures"
  log_group_name = var.jobs_log_group_name
  pattern        = "{ ($.level = \"ERROR\") && ($.loggerName = \"com.aftersales.jobs.JobRunner\") }"

  metric_transformation {
    name          = "JobFailures"
    namespace     = var.name
    value         = "1"
    default_value = "0"
  }
}

locals {
  alarms = {
    function-errors = {
      namespace  = "AWS/Lambda", metric = "Errors", stat = "Sum", threshold = 1, period = 300,
      dimensions = { FunctionName = var.function_name }
    }
    function-throttles = {
      namespace  = "AWS/Lambda", metric = "Throttles", stat = "Sum", threshold = 1, period = 300,
      dimensions = { FunctionName = var.function_name }
    }
    jobs-errors = {
      namespace  = "AWS/Lambda", metric = "Errors", stat = "Sum", threshold = 1, period = 300,
      dimensions = { FunctionName = var.jobs_function_name }
    }
    jobs-throttles = {
      namespace  = "AWS/Lambda", metric = "Throttles", stat = "Sum", threshold = 1, period = 300,
      dimensions = { FunctionName = var.jobs_function_name }
    }
    api-5xx = {
      namespace  = "AWS/ApiGateway", metric = "5xx", stat = "Sum", threshold = 5, period = 300,
      dimensions = { ApiId = var.api_id }
    }
    job-dead-letters = {
      namespace  = "AWS/SQS", metric = "ApproximateNumberOfMessagesVisible", stat = "Maximum", threshold = 1, period = 300,
      dimensions = { QueueName = var.dead_letter_queue_name }
    }
    job-failures = {
      namespace = var.name, metric = "JobFailures", stat = "Sum", threshold = 1, period = 300, dimensions = {}
    }
    proxy-connections = {
      namespace = "AWS/RDS", metric = "DatabaseConnections", stat = "Maximum", threshold = var.max_database_connections,
      period    = 300, dimensions = { ProxyName = var.proxy_name }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each            = local.alarms
  depends_on          = [aws_cloudwatch_log_metric_filter.job_failures]
  alarm_name          = "${var.name}-${each.key}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.stat
  period              = each.value.period
  evaluation_periods  = 1
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = each.value.dimensions
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# The API's p99 latency (API Gateway's own metric over all routes; the function's EMF metric Latency has it per route).
resource "aws_cloudwatch_metric_alarm" "api_p99_latency" {
  alarm_name          = "${var.name}-api-p99-latency"
  alarm_description   = "p99 of API Gateway ${var.api_latency_metric} above ${var.api_p99_latency_ms} ms"
  namespace           = "AWS/ApiGateway"
  metric_name         = var.api_latency_metric
  extended_statistic  = "p99"
  dimensions          = { ApiId = var.api_id }
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = var.api_p99_latency_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# The share of 5xx answers, so that a busy hour with a few failures and a quiet one failing throughout read alike.
resource "aws_cloudwatch_metric_alarm" "api_5xx_rate" {
  alarm_name          = "${var.name}-api-5xx-rate"
  alarm_description   = "more than ${var.api_error_rate_percent}% of at least ${var.api_error_rate_min_requests} API requests answered 5xx in five minutes"
  evaluation_periods  = 1
  threshold           = var.api_error_rate_percent
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "rate"
    expression  = "IF(requests >= ${var.api_error_rate_min_requests}, 100 * errors / requests, 0)"
    label       = "5xx share (%)"
    return_data = true
  }
  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "5xx"
      dimensions  = { ApiId = var.api_id }
      period      = 300
      stat        = "Sum"
    }
  }
  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "Count"
      dimensions  = { ApiId = var.api_id }
      period      = 300
      stat        = "Sum"
    }
  }
}

output "topic_arn" {
  value = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  value = concat([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name],
  [aws_cloudwatch_metric_alarm.api_p99_latency.alarm_name, aws_cloudwatch_metric_alarm.api_5xx_rate.alarm_name])
}

output "thresholds" {
  description = "The thresholds in force (the variables' values, or their defaults)."
  value = {
    api_latency_metric          = aws_cloudwatch_metric_alarm.api_p99_latency.metric_name
    api_p99_latency_ms          = aws_cloudwatch_metric_alarm.api_p99_latency.threshold
    api_error_rate_percent      = aws_cloudwatch_metric_alarm.api_5xx_rate.threshold
    api_error_rate_min_requests = var.api_error_rate_min_requests
    max_database_connections    = aws_cloudwatch_metric_alarm.this["proxy-connections"].threshold
  }
}
