# A private S3 bucket: all public access blocked, encrypted at rest (SSE-S3), versioned, reachable over TLS only (a
# bucket policy denies every request without it), and, when asked, replaced or deleted object versions expire after
# some days. Used for case attachments and for the functions' package (and by infra/bootstrap for the state).

terraform {
  required_version = ">= 1.11"
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

# Replaced and deleted versions expire (what the application deletes is gone for good after these days; the
# retention job decides the deletes), expired delete markers and abandoned multipart uploads are cleaned up.
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
    expiration {
      expired_object_delete_marker = true
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
  depends_on = [aws_s3_bucket_versioning.this]
}

# TLS only: any request over plain HTTP is denied, whoever makes it.
data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls_only.json
  # S3 refuses a bucket policy while the public access block is being written.
  depends_on = [aws_s3_bucket_public_access_block.this]
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

output "tls_only" {
  description = "The bucket policy denies every request made without TLS."
  value = one([for st in data.aws_iam_policy_document.tls_only.statement : st.effect == "Deny" && contains(st.actions, "s3:*")
  && anytrue([for c in st.condition : c.variable == "aws:SecureTransport" && contains(c.values, "false")])])
}

output "noncurrent_days" {
  description = "Days after which replaced or deleted versions expire (null: kept)."
  value = one(flatten([for c in aws_s3_bucket_lifecycle_configuration.this : [for r in c.rule :
  [for e in r.noncurrent_version_expiration : e.noncurrent_days]]]))
}

output "encryption" {
  description = "The default encryption at rest."
  value = one(flatten([for r in aws_s3_bucket_server_side_encryption_configuration.this.rule :
  [for d in r.apply_server_side_encryption_by_default : d.sse_algorithm]]))
}
