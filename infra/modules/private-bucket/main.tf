# A private S3 bucket: all public access blocked, encrypted at rest (SSE-S3), versioned, and, when asked, replaced
# object versions deleted after some days. Used for case attachments and for the function's package.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "name_prefix" {
  description = "Bucket name prefix; S3 appends a unique suffix."
  type        = string
}

variable "noncurrent_days" {
  description = "Delete replaced object versions after this many days (null: keep them)."
  type        = number
  default     = null
}

resource "aws_s3_bucket" "this" {
  bucket_prefix = var.name_prefix
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = var.noncurrent_days == null ? 0 : 1
  bucket = aws_s3_bucket.this.id
  rule {
    id     = "expire-replaced-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_days
    }
  }
  depends_on = [aws_s3_bucket_versioning.this]
}

output "id" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}

output "private" {
  description = "Every kind of public access is blocked."
  value = alltrue([aws_s3_bucket_public_access_block.this.block_public_acls, aws_s3_bucket_public_access_block.this.block_public_policy,
  aws_s3_bucket_public_access_block.this.ignore_public_acls, aws_s3_bucket_public_access_block.this.restrict_public_buckets])
}

output "encryption" {
  description = "The default encryption at rest."
  value = one(flatten([for r in aws_s3_bucket_server_side_encryption_configuration.this.rule :
  [for d in r.apply_server_side_encryption_by_default : d.sse_algorithm]]))
}
