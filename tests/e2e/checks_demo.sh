# shellcheck shell=bash
# Demo mode through the real scripts and two independent MCP clients. Sourced by run_e2e.sh;
# leaves the demo container running for checks_hardening.sh.

section "demo: scripts/mcp_up.sh --demo, /health, SDK client, MCP Inspector CLI"
block "$BUILD_BLOCK"

port_free() {
  if port_in_use "$E2E_PORT"; then echo "127.0.0.1:$E2E_PORT is taken by another process: stop it first"; return 1; fi
}
check "port $E2E_PORT is free before the service starts" port_free || block "port $E2E_PORT in use"

demo_up() {
  local out
  out=$(in_bundle ./scripts/mcp_up.sh --demo 2>&1) || { echo "$out"; return 1; }
  echo "$out"
  expect_match "$out" "127\.0\.0\.1:$E2E_PORT/mcp|localhost:$E2E_PORT/mcp" "mcp_up.sh output names the MCP endpoint"
  [ -n "$(container_id)" ] || { echo "no running container for service $SERVICE"; return 1; }
}
check "scripts/mcp_up.sh --demo starts the service and prints the MCP endpoint" demo_up || block "demo service did not start"

demo_health() {
  local body
  body=$(curl -sS http://localhost:8080/health)
  echo "$body"
  expect_match "$body" '"mode" *: *"demo"' "/health body"
}
check "curl -sS http://localhost:8080/health answers with \"mode\":\"demo\"" demo_health
check "Docker reports the container healthy (Compose healthcheck)" wait_healthy 60

sdk() { MCP_URL="$E2E_MCP_URL" node "$E2E_DIR/mcp_client.mjs" "$@"; }
check "SDK client lists the tools over Streamable HTTP" \
  sdk tools list_toolsets enable_toolset test_connection get_api_usage search_tickets create_note
check "SDK client calls search_tickets" sdk call search_tickets '{"limit":3}'
check "SDK client confirmed write: preview, token, execute once, replay refused" sdk confirmed-write

# inspector ARGS...: the Inspector CLI (v2) against the endpoint, JSON output on stdout.
inspector() {
  "$INSPECTOR" --cli "$E2E_MCP_URL" --transport http --format json "$@"
}
inspector_lists_tools() {
  local out
  out=$(inspector --method tools/list)
  printf '%s\n' "${out:0:2000}"
  jq -e '[.result.tools[].name] | index("search_tickets") and index("create_note")' <<<"$out" >/dev/null \
    || { echo "search_tickets / create_note not listed"; return 1; }
}
check "MCP Inspector CLI lists the tools (second, independent client)" inspector_lists_tools

inspector_calls_search() {
  local out
  out=$(inspector --method tools/call --tool-name search_tickets --tool-args-json '{"limit":2}')
  printf '%s\n' "${out:0:2000}"
  jq -e '.result.isError != true and (.result.structuredContent.rows | length) > 0 and (.result.structuredContent.columns | index("id")) != null' <<<"$out" >/dev/null
}
check "MCP Inspector CLI calls search_tickets and gets tickets" inspector_calls_search

inspector_confirmed_write() {
  local ticket args preview token executed
  ticket=$(inspector --method tools/call --tool-name search_tickets --tool-args-json '{"limit":1}' \
    | jq -r '.result.structuredContent as $s | $s.rows[0][$s.columns | index("id")]')
  args=$(jq -cn --argjson id "$ticket" '{parentType: "ticket", parentId: $id, title: "inspector e2e", text: "Written by the Inspector CLI"}')
  preview=$(inspector --method tools/call --tool-name create_note --tool-args-json "$args")
  expect_eq "$(jq -r '.result.structuredContent.status' <<<"$preview")" confirmation_required "first call status"
  token=$(jq -r '.result.structuredContent.confirmationToken' <<<"$preview")
  executed=$(inspector --method tools/call --tool-name create_note \
    --tool-args-json "$(jq -c --arg t "$token" '. + {confirmationToken: $t}' <<<"$args")")
  printf '%s\n' "${executed:0:1000}"
  expect_eq "$(jq -r '.result.structuredContent.status' <<<"$executed")" "done" "confirmed call status"
}
check "MCP Inspector CLI confirmed write across two sessions (preview, then token)" inspector_confirmed_write
