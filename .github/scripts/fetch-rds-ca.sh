#!/usr/bin/env bash
# Puts the RDS certificate bundle into the native function's package (src/main/zip.native/rds-ca-bundle.pem, which
# Quarkus adds to function.zip beside `bootstrap`): the migration function connects to the RDS instance itself with
# sslmode=verify-full, and the instance's certificate is signed by an RDS CA that no default trust store holds (the API
# and jobs functions reach RDS Proxy, whose certificate chains to a public root). Without the file the migration
# function refuses to start (SecretsConfigSourceFactory), so a package without it never reaches a deploy.
# Usage: fetch-rds-ca.sh [target dir]   Env: RDS_CA_BUNDLE_URL (default: the bundle of every commercial region; the
# China regions publish theirs in the RDS China user guide: set the repository variable RDS_CA_BUNDLE_URL to it).
set -euo pipefail
url=${RDS_CA_BUNDLE_URL:-https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem}
dir=${1:-src/main/zip.native}
case "$url" in
  https://*) ;;
  *) echo "::error::RDS_CA_BUNDLE_URL must be an https URL, not: $url" >&2; exit 1 ;;
esac
mkdir -p "$dir"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
curl -fsSL --retry 3 --proto '=https' -o "$tmp" "$url"
certificates=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$tmp" || true)
if [ "${certificates:-0}" -lt 1 ]; then
  echo "::error::$url holds no PEM certificate" >&2
  exit 1
fi
mv "$tmp" "$dir/rds-ca-bundle.pem"
trap - EXIT
echo "RDS CA bundle: $certificates certificates from $url in $dir/rds-ca-bundle.pem"
