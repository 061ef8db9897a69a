# shellcheck shell=bash
# check-glibc.sh on real binaries built here with gcc (glibc 2.36 on Debian 12): a program that calls
# arc4random (GLIBC_2.36) must fail the 2.34 ceiling, a plain one (GLIBC_2.34 at most) must pass.

glibc_fixtures() {
  command -v gcc >/dev/null || fail "gcc is needed to build the test binaries"
  printf '#include <stdlib.h>\nint main(void) { return (int) (arc4random() & 1); }\n' >"$STUB_DIR/new.c"
  printf 'int main(void) { return 0; }\n' >"$STUB_DIR/plain.c"
  gcc -o "$STUB_DIR/new" "$STUB_DIR/new.c"
  gcc -o "$STUB_DIR/plain" "$STUB_DIR/plain.c"
}

test_glibc_check_fails_on_a_symbol_newer_than_2_34() {
  glibc_fixtures
  if bash "$SCRIPTS/check-glibc.sh" "$STUB_DIR/new" >/dev/null 2>"$STUB_DIR/err"; then
    fail "a binary needing GLIBC_2.36 passed"
  fi
  assert_file_has "$STUB_DIR/err" 'arc4random@GLIBC_2.36'
}

test_glibc_check_passes_a_binary_within_2_34() {
  glibc_fixtures
  bash "$SCRIPTS/check-glibc.sh" "$STUB_DIR/plain" "$STUB_DIR/plain.c" >"$STUB_DIR/out"
  assert_file_has "$STUB_DIR/out" 'needs at most GLIBC_2\.[0-9]+ \(ceiling 2.34\)'
  assert_file_has "$STUB_DIR/out" 'skip \(not ELF\)'
}

test_glibc_check_fails_when_one_of_several_is_too_new() {
  glibc_fixtures
  if bash "$SCRIPTS/check-glibc.sh" "$STUB_DIR/plain" "$STUB_DIR/new" >/dev/null 2>&1; then
    fail "one binary too new, yet passed"
  fi
}

test_glibc_check_fails_without_any_binary() {
  printf 'not a binary\n' >"$STUB_DIR/bootstrap"
  if bash "$SCRIPTS/check-glibc.sh" "$STUB_DIR/bootstrap" >/dev/null 2>&1; then fail "no ELF file, yet passed"; fi
}
