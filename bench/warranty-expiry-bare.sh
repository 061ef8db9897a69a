#!/usr/bin/env bash
# The warranty-expiry job's statement run bare in psql (rolled back), for comparison with the job's run over HTTP
# (POST /api/v1/admin/jobs/warranty-expiry/runs). Usage: bench/warranty-expiry-bare.sh PORT [DATE]
# Needs data: psql -f bench/sql/generate-cases.sql, plus warranty terms for the BENCH-* customers.
set -euo pipefail
port=$1
day=${2:-$(TZ=Asia/Shanghai date +%F)}
cd "$(dirname "$0")/.."
python3 - "$day" <<'PY' > /tmp/bare_warranty.sql
import sys
src = open('src/main/java/com/aftersales/jobs/WarrantyExpiryJob.java').read()
block = src.split('"""')[1].replace('cast(?1 as int[])', 'array[60,30]').replace('cast(?2 as date)', f"date '{sys.argv[1]}'")
print("\\timing on\nbegin;\n" + block.strip() + ";\nrollback;")
PY
PGPASSWORD=${PGPASSWORD:-postgres} psql -h localhost -p "$port" -U postgres -d postgres -f /tmp/bare_warranty.sql
