# shellcheck shell=bash
# Live mode with sentinel credentials in a temp .env (mode 600) and AUTOTASK_API_URL pointing at a
# loopback port where nothing listens: the server must start, refuse clients without the bearer
# token, fail the Autotask call cleanly, and never show a sentinel in its logs or results. The
# secret holds everything Compose's .env parsing mangles ($, ", ', " #", spaces), written the way
# .env.example.txt says: it must reach the server unchanged, proven by the SHA-256 prefixes of the
# server's start-up debug line (the value itself is never printed). Sourced by run_e2e.sh.

section "secrets: live mode with sentinel credentials never leaks them"
block "$BUILD_BLOCK"

SENTINEL_SUFFIX=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
SENTINEL_SECRET="Sentinel\$ecret \"dq\" it's #$SENTINEL_SUFFIX  end"
SENTINEL_CODE="SENTINELCODE$SENTINEL_SUFFIX"
SENTINEL_TOKEN="sentinel-bearer-token-$SENTINEL_SUFFIX"
SENTINEL_USER="sentinel-user-$SENTINEL_SUFFIX@example.invalid"
SECRETS_OUT="$WORK/secrets-output.txt"
: >"$SECRETS_OUT"

# The documented .env form: single quotes, a ' inside written as \'.
env_quoted() { printf "'%s'" "${1//"'"/"\\'"}"; }

write_live_env() {
  (umask 077 && cat >"$BUNDLE/.env" <<EOF
AUTOTASK_USERNAME=$SENTINEL_USER
AUTOTASK_SECRET=$(env_quoted "$SENTINEL_SECRET")
AUTOTASK_INTEGRATION_CODE=$SENTINEL_CODE
AUTOTASK_API_URL=http://127.0.0.1:9/ATServicesRest/
MCP_AUTH_TOKEN=$SENTINEL_TOKEN
AUTOTASK_TIMEOUT_SECONDS=3
AUTOTASK_MAX_RETRIES=0
LOG_LEVEL=debug
EOF
  )
  chmod 600 "$BUNDLE/.env"
}

live_up() {
  write_live_env
  in_bundle ./scripts/mcp_up.sh 2>&1 | tee -a "$SECRETS_OUT"
  local body
  body=$(health_body)
  echo "$body" | tee -a "$SECRETS_OUT"
  expect_match "$body" '"mode" *: *"live"' "/health body in live mode"
}
check "scripts/mcp_up.sh starts live mode from a .env (mode 600) with sentinel credentials" live_up \
  || block "live-mode service did not start"

fingerprint() { printf '%s' "$1" | sha256sum | cut -c1-8; }
secret_arrives_unchanged() {
  local logs line name value got want
  # The whole log first: 'docker logs | grep -m 1' under pipefail fails whenever grep stops
  # reading before docker has written everything (docker then dies of SIGPIPE).
  logs=$("$DOCKER" logs "$(container_id)" 2>&1) || { echo "docker logs failed: $logs"; return 1; }
  line=$(grep -m 1 'credential fingerprints' <<<"$logs") \
    || { echo "no 'credential fingerprints' line in the server log (LOG_LEVEL=debug)"; return 1; }
  for name in AUTOTASK_SECRET AUTOTASK_INTEGRATION_CODE AUTOTASK_USERNAME MCP_AUTH_TOKEN; do
    case $name in
      AUTOTASK_SECRET) value=$SENTINEL_SECRET ;;
      AUTOTASK_INTEGRATION_CODE) value=$SENTINEL_CODE ;;
      AUTOTASK_USERNAME) value=$SENTINEL_USER ;;
      MCP_AUTH_TOKEN) value=$SENTINEL_TOKEN ;;
    esac
    got=$(printf '%s\n' "$line" | grep -oE "$name=[0-9a-f]{8}" | cut -d= -f2)
    want=$(fingerprint "$value")
    echo "$name: server $got, expected $want"
    expect_eq "$got" "$want" "SHA-256 prefix of $name as the server received it"
  done
  # A control: the same secret unquoted would have been cut at " #".
  [ "$(fingerprint "${SENTINEL_SECRET%% #*}")" != "$want" ]
}
check "a secret with \$, \", ', ' #' and spaces, single-quoted as .env.example.txt says, reaches the server unchanged (SHA-256 prefixes)" \
  secret_arrives_unchanged

live_needs_token() {
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$E2E_MCP_URL" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    --data '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}')
  expect_eq "$code" 401 "HTTP status of /mcp without the bearer token"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$E2E_MCP_URL" -H 'Authorization: Bearer wrong-token-0123456789' \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    --data '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}')
  expect_eq "$code" 401 "HTTP status of /mcp with a wrong bearer token"
}
check "/mcp refuses clients without the right bearer token (401)" live_needs_token

live_autotask_down() {
  local out rc=0
  out=$(MCP_URL="$E2E_MCP_URL" MCP_TOKEN="$SENTINEL_TOKEN" node "$E2E_DIR/mcp_client.mjs" call test_connection '{}' 2>&1) || rc=$?
  printf '%s\n' "$out" | tee -a "$SECRETS_OUT"
  out=$(MCP_URL="$E2E_MCP_URL" MCP_TOKEN="$SENTINEL_TOKEN" node "$E2E_DIR/mcp_client.mjs" call search_tickets '{"limit":1}' 2>&1) && {
    echo "search_tickets succeeded although Autotask is unreachable: $out"; return 1; }
  printf '%s\n' "$out" | tee -a "$SECRETS_OUT"
  expect_match "$out" 'isError' "search_tickets must report a tool error"
  echo "(test_connection exit $rc)"
}
check "with the bearer token, tools answer with a clean error while Autotask is unreachable" live_autotask_down

live_no_leak() {
  in_bundle ./scripts/mcp_logs.sh >>"$SECRETS_OUT" 2>&1
  "$DOCKER" logs "$(container_id)" >>"$SECRETS_OUT" 2>&1
  cat "$BUNDLE"/logs/* >>"$SECRETS_OUT" 2>/dev/null || true
  echo "scanned $(wc -l <"$SECRETS_OUT") lines of script output, container logs, tool results and logs/"
  expect_match "$(cat "$SECRETS_OUT")" 'MCP server listening' "the scanned output includes the server log"
  local s
  for s in "$SENTINEL_SECRET" "$SENTINEL_CODE" "$SENTINEL_TOKEN"; do
    if grep -qF -- "$s" "$SECRETS_OUT"; then echo "a sentinel leaked ($(grep -cF -- "$s" "$SECRETS_OUT") lines)"; return 1; fi
  done
}
check "no sentinel secret in mcp_logs.sh, docker logs, script output or tool results" live_no_leak

live_down() {
  in_bundle ./scripts/mcp_down.sh
  [ -z "$(container_any_id)" ]
  rm -f "$BUNDLE/.env"
}
check "scripts/mcp_down.sh stops the live-mode service" live_down
