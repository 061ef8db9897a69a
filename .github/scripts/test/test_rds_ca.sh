# shellcheck shell=bash
# fetch-rds-ca.sh puts a PEM bundle where Quarkus packs it into function.zip, and refuses anything else.

pem_body() {
  printf -- '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----'
}

test_rds_ca_bundle_lands_in_the_native_package_directory() {
  STUB_CURL_BODY=$(pem_body) bash "$SCRIPTS/fetch-rds-ca.sh" "$STUB_DIR/zip.native" >"$STUB_DIR/out"
  assert_file_has "$STUB_DIR/zip.native/rds-ca-bundle.pem" '^-----BEGIN CERTIFICATE-----$'
  assert_eq "$(grep -c BEGIN "$STUB_DIR/zip.native/rds-ca-bundle.pem")" 2 "certificates"
  assert_file_has "$STUB_DIR/calls.log" 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem$'
  assert_file_has "$STUB_DIR/out" '2 certificates'
}

test_rds_ca_bundle_url_can_be_the_china_one() {
  STUB_CURL_BODY=$(pem_body) RDS_CA_BUNDLE_URL=https://example.cn/cn-bundle.pem \
    bash "$SCRIPTS/fetch-rds-ca.sh" "$STUB_DIR/zip.native" >/dev/null
  assert_file_has "$STUB_DIR/calls.log" 'https://example.cn/cn-bundle.pem$'
}

test_rds_ca_bundle_that_is_no_pem_is_refused_and_not_packed() {
  if STUB_CURL_BODY='<html>not found</html>' bash "$SCRIPTS/fetch-rds-ca.sh" "$STUB_DIR/zip.native" 2>"$STUB_DIR/err"; then
    fail "a page without certificates was accepted"
  fi
  [ ! -e "$STUB_DIR/zip.native/rds-ca-bundle.pem" ] || fail "a bad bundle was packed"
  assert_file_has "$STUB_DIR/err" 'holds no PEM certificate'
}

test_rds_ca_bundle_url_must_be_https() {
  if RDS_CA_BUNDLE_URL=http://example.com/b.pem bash "$SCRIPTS/fetch-rds-ca.sh" "$STUB_DIR/zip.native" 2>"$STUB_DIR/err"; then
    fail "an http URL was accepted"
  fi
  assert_file_lacks "$STUB_DIR/calls.log" 'curl'
}
