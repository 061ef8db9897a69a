# Remote state in S3 with native lock files. Values come from `terraform init -backend-config=backend.hcl`
# (see backend.hcl.example); CI validates with -backend=false.
terraform {
  backend "s3" {}
}
