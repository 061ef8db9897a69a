#!/usr/bin/env bash
# Runs the tests of the workflow scripts: every test_* function of test_*.sh beside this file, each in a subshell
# with stubbed terraform, aws, curl and docker (see lib.sh). Plain bash, a few seconds.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=.github/scripts/test/lib.sh
. "$here/lib.sh"
for f in "$here"/test_*.sh; do
  # shellcheck disable=SC1090
  . "$f"
done
passed=0
failed=0
while IFS= read -r t; do
  out=$(
    set -euo pipefail
    setup
    trap teardown EXIT
    "$t" 2>&1
  )
  rc=$?
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok   $t"
  else
    failed=$((failed + 1))
    echo "FAIL $t"
    printf '%s\n' "$out" | sed 's/^/     /' | tail -n 40
  fi
done < <(declare -F | awk '{print $3}' | grep '^test_' | sort)
echo "workflow-scripts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
