# CloudWatch alarms to an SNS topic (the on-call e-mails subscribe): errors and throttles of the API and jobs
# functions, API 5xx, job invocations that ended in the dead-letter queue, failed job runs (also those a retry later
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
  default     = 80
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
# only what failed every time. Each failed run still counts here: JobRunner logs every failed run as
# "ERROR [co.af.jo.JobRunner] (...) Job <name> failed (run <id>, attempt <n>)", or "... failed (run not recorded)"
# when the database stayed out of reach; this filter counts those lines.
resource "aws_cloudwatch_log_metric_filter" "job_failures" {
  name           = "${var.name}-job-failures"
  log_group_name = var.jobs_log_group_name
  pattern        = "\"ERROR\" \"co.af.jo.JobRunner\" \"failed (run\""

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

output "topic_arn" {
  value = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  value = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
