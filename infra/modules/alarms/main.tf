# CloudWatch alarms to an SNS topic (subscribe the on-call e-mail): function errors and throttles, API 5xx, job
# invocations that ended in the dead-letter queue, and RDS Proxy connections near the database's limit.

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

variable "function_name" {
  type = string
}

variable "api_id" {
  type = string
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
    api-5xx = {
      namespace  = "AWS/ApiGateway", metric = "5xx", stat = "Sum", threshold = 5, period = 300,
      dimensions = { ApiId = var.api_id }
    }
    job-dead-letters = {
      namespace  = "AWS/SQS", metric = "ApproximateNumberOfMessagesVisible", stat = "Maximum", threshold = 1, period = 300,
      dimensions = { QueueName = var.dead_letter_queue_name }
    }
    proxy-connections = {
      namespace = "AWS/RDS", metric = "DatabaseConnections", stat = "Maximum", threshold = var.max_database_connections,
      period    = 300, dimensions = { ProxyName = var.proxy_name }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each            = local.alarms
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
