#!/usr/bin/env bash
# Smoke test of a deployed environment: GET <api_url>/q/health/ready until it answers 2xx.
# Usage: smoke-test.sh <api_url>   (SMOKE_ATTEMPTS, default 12; SMOKE_DELAY_SECONDS between them, default 10)
set -euo pipefail
url=${1:?usage: smoke-test.sh <api_url>}
case $url in
  https://* | http://*) ;;
  *)
    echo "::error::not an http(s) URL: '$url'" >&2
    exit 1
    ;;
esac
health="${url%/}/q/health/ready"
attempts=${SMOKE_ATTEMPTS:-12}
delay=${SMOKE_DELAY_SECONDS:-10}
for ((i = 1; i <= attempts; i++)); do
  if body=$(curl -fsS --max-time 15 "$health"); then
    printf '%s\n' "$body"
    echo "ready: $health (attempt $i)"
    exit 0
  fi
  echo "not ready yet: $health (attempt $i of $attempts)" >&2
  if ((i < attempts)); then sleep "$delay"; fi
done
echo "::error::$health did not answer ready after $attempts attempts" >&2
exit 1
