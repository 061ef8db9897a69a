# Sourced by bench/run.sh and bench/ablation.sh: bearer tokens signed with the bench key ($work/keys/private.pem),
# which the service trusts through AFTERSALES_JWT_JWKS_URL=file:$work/keys/public.pem; access tokens of the app client
# "bench" (AFTERSALES_SECURITY_CLIENT_IDS=bench).
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() { # ROLE → a bearer token signed with the bench key (RS256), valid for 2 hours
  local now header claims
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  claims=$(printf '{"iss":"https://aftersales.local/bench","sub":"bench-%s","upn":"bench-%s","groups":["%s"],"client_id":"bench","token_use":"access","iat":%d,"exp":%d}' \
    "${1,,}" "${1,,}" "$1" "$now" $((now + 7200)) | b64url)
  printf '%s.%s.%s' "$header" "$claims" \
    "$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/keys/private.pem" -binary | b64url)"
}
