#!/usr/bin/env bash
# Fails when an ELF file needs a glibc symbol version newer than Lambda's provided.al2023 has (GLIBC_2.34).
# Usage: check-glibc.sh FILE...   (non-ELF files are skipped; at least one ELF file must be among them)
# MAX_GLIBC overrides the ceiling (default 2.34).
set -euo pipefail
max=${MAX_GLIBC:-2.34}
[ $# -gt 0 ] || { echo "usage: check-glibc.sh FILE..." >&2; exit 2; }

is_elf() { [ -f "$1" ] && [ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; }

# Newer than $max: the larger of the two under version sort is not $max.
newer() { [ "$1" != "$max" ] && [ "$(printf '%s\n%s\n' "$1" "$max" | sort -V | tail -1)" = "$1" ]; }

checked=0
failed=0
for f in "$@"; do
  if ! is_elf "$f"; then
    echo "skip (not ELF): $f"
    continue
  fi
  checked=$((checked + 1))
  # Dynamic symbol table: "... (GLIBC_2.34) __libc_start_main". A static binary has none (and needs nothing).
  versions=$(objdump -T "$f" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV || true)
  highest=$(printf '%s\n' "$versions" | tail -1)
  too_new=()
  while IFS= read -r v; do
    [ -n "$v" ] && newer "$v" && too_new+=("$v")
  done <<<"$versions"
  if [ ${#too_new[@]} -gt 0 ]; then
    failed=$((failed + 1))
    echo "::error::$f needs glibc ${too_new[*]} (Lambda provided.al2023 has $max); symbols:" >&2
    for v in "${too_new[@]}"; do
      objdump -T "$f" | grep -F "(GLIBC_$v)" | awk '{print "  " $NF "@GLIBC_'"$v"'"}' >&2
    done
  else
    echo "ok: $f needs at most GLIBC_${highest:-none} (ceiling $max)"
  fi
done
if [ "$checked" -eq 0 ]; then
  echo "::error::no ELF file among: $*" >&2
  exit 1
fi
[ "$failed" -eq 0 ]
