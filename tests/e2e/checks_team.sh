# shellcheck shell=bash
# The team profile: docker-compose.team.yml from the bundle copy — two replicas of the built image,
# Redis and the nginx TLS proxy — in demo mode, called through the proxy over TLS with the
# certificate scripts/team_certs.sh made. No registry is reachable here, so Redis and nginx are
# the stand-ins of tests/lib/team_images.sh (Debian's packages), passed through the file's own
# REDIS_IMAGE / PROXY_IMAGE variables. Sourced by run_e2e.sh.
# shellcheck source=tests/lib/team_images.sh
. "$E2E_DIR/../lib/team_images.sh"

section "team: docker-compose.team.yml (two replicas, Redis, nginx TLS proxy)"
block "$BUILD_BLOCK"

TEAM_CERT="$BUNDLE/deploy/team/secrets/tls.crt"
TEAM_URL="https://localhost:$E2E_TEAM_PORT/mcp"

# compose_team ARGS...: Compose v2 when the client has it, else docker-compose 1.29; the replicas run
# the image built above (the supply-chain checks leave E2E_IMAGE on a registry tag).
compose_team() {
  local cmd=(docker-compose)
  if "$DOCKER" compose version >/dev/null 2>&1; then cmd=("$DOCKER" compose); fi
  (cd "$BUNDLE" && env PATH="$E2E_PATH" AUTOTASK_MCP_IMAGE="$E2E_BUILT" REDIS_IMAGE="$TEAM_REDIS_IMAGE" \
    PROXY_IMAGE="$TEAM_PROXY_IMAGE" AUTOTASK_ENV_FILE=demo.env MCP_TEAM_BIND=127.0.0.1 \
    MCP_TEAM_PORT="$E2E_TEAM_PORT" "${cmd[@]}" -f docker-compose.team.yml -p "$E2E_TEAM_PROJECT" "$@")
}
team_cid() {
  "$DOCKER" ps -q --filter "label=com.docker.compose.project=$E2E_TEAM_PROJECT" --filter "label=com.docker.compose.service=$1"
}
team_sdk() { NODE_EXTRA_CA_CERTS="$TEAM_CERT" MCP_URL="$TEAM_URL" node "$E2E_DIR/mcp_client.mjs" "$@"; }
team_probe() { "$DOCKER" exec -i "$(team_cid "$1")" node - "$2" "$3" <"$E2E_DIR/team_probe.cjs"; }
# note_args TEXT: create_note arguments on the first ticket search_tickets finds (through the proxy).
note_args() {
  local ticket
  ticket=$(team_sdk call search_tickets '{"limit":1}' | jq -r '. as $s | $s.rows[0][$s.columns | index("id")]')
  jq -cn --argjson id "$ticket" --arg text "$1" '{parentType: "ticket", parentId: $id, title: "team e2e", text: $text}'
}

check "stand-in Redis and nginx images from Debian packages (no registry reachable)" ensure_team_images \
  || block "no Redis / nginx image"

team_up() {
  port_in_use "$E2E_TEAM_PORT" && { echo "127.0.0.1:$E2E_TEAM_PORT is taken"; return 1; }
  (cd "$BUNDLE" && ./scripts/team_certs.sh localhost)
  compose_team up -d
  local deadline=$(( $(now_s) + 120 )) s1="" s2=""
  while [ "$(now_s)" -lt "$deadline" ]; do
    s1=$("$DOCKER" inspect --format '{{.State.Health.Status}}' "$(team_cid autotask-mcp-1)" 2>/dev/null || true)
    s2=$("$DOCKER" inspect --format '{{.State.Health.Status}}' "$(team_cid autotask-mcp-2)" 2>/dev/null || true)
    [ "$s1" = healthy ] && [ "$s2" = healthy ] && [ -n "$(team_cid proxy)" ] && [ -n "$(team_cid redis)" ] && return 0
    sleep 2
  done
  echo "replicas: [$s1] [$s2]; proxy [$(team_cid proxy)] redis [$(team_cid redis)]"
  compose_team ps
  compose_team logs --tail 30
  return 1
}
check "team_certs.sh, then compose up: both replicas healthy, Redis and the proxy running" team_up \
  || block "team profile did not start"

team_redis_connected() {
  local s logs
  for s in autotask-mcp-1 autotask-mcp-2; do
    # The whole log, then grep: a 'docker logs | grep -q' pipeline fails under pipefail when grep
    # stops reading before docker is done writing.
    logs=$("$DOCKER" logs "$(team_cid "$s")" 2>&1) || { echo "docker logs $s failed: $logs"; return 1; }
    grep -q 'shared state: Redis connected' <<<"$logs" \
      || { echo "$s did not log its Redis connection"; printf '%s\n' "$logs" | tail -n 20; return 1; }
  done
}
check "both replicas connected to Redis (REDIS_URL from team.env, password from team_certs.sh)" team_redis_connected

team_ports() {
  local s ports
  for s in autotask-mcp-1 autotask-mcp-2 redis; do
    ports=$("$DOCKER" port "$(team_cid "$s")")
    [ -z "$ports" ] || { echo "$s publishes: $ports"; return 1; }
  done
  ports=$("$DOCKER" port "$(team_cid proxy)")
  echo "proxy: $ports"
  expect_eq "$ports" "8443/tcp -> 127.0.0.1:$E2E_TEAM_PORT" "the proxy's one published port"
  expect_eq "$("$DOCKER" inspect --format '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.Config.User}}' "$(team_cid proxy)")" \
    "true [ALL] 101:101" "proxy hardening"
  expect_eq "$("$DOCKER" inspect --format '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.Config.User}}' "$(team_cid redis)")" \
    "true [ALL] 999:1000" "redis hardening"
}
check "only the proxy publishes a port (on loopback here); Redis and nginx run read-only, non-root, no capabilities" team_ports

team_tls() {
  local body code
  body=$(curl -sS --cacert "$TEAM_CERT" "https://localhost:$E2E_TEAM_PORT/health")
  echo "$body"
  expect_match "$body" '"mode" *: *"demo"' "/health through the proxy"
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$E2E_TEAM_PORT/health" || true)
  expect_eq "$code" 400 "plain HTTP on the TLS port"
  if curl -sS -o /dev/null "https://localhost:$E2E_TEAM_PORT/health" 2>/dev/null; then
    echo "an unknown certificate was accepted"; return 1
  fi
}
check "TLS with the local certificate: /health through nginx; plain HTTP and untrusted clients refused" team_tls

check "SDK client through the proxy (TLS): tools listed" team_sdk tools search_tickets create_note get_api_usage
check "SDK client through the proxy: confirmed write executes once, replay refused" team_sdk confirmed-write

team_cross_replica() {
  local args preview token executed again
  args=$(note_args "Previewed on replica 1, confirmed on replica 2")
  preview=$(team_probe autotask-mcp-1 create_note "$args")
  expect_eq "$(jq -r '.structured.status' <<<"$preview")" confirmation_required "preview on replica 1"
  token=$(jq -r '.structured.confirmationToken' <<<"$preview")
  executed=$(team_probe autotask-mcp-2 create_note "$(jq -c --arg t "$token" '. + {confirmationToken: $t}' <<<"$args")")
  echo "${executed:0:600}"
  expect_eq "$(jq -r '.structured.status' <<<"$executed")" "done" "confirm on replica 2"
  again=$(team_probe autotask-mcp-1 create_note "$(jq -c --arg t "$token" '. + {confirmationToken: $t}' <<<"$args")")
  echo "${again:0:600}"
  expect_eq "$(jq -r '.isError' <<<"$again")" true "replay on replica 1"
  expect_match "$(jq -r '.text' <<<"$again")" 'already used' "replay refusal"
}
check "a token previewed on replica 1 confirms on replica 2; its replay on replica 1 is refused" team_cross_replica

team_redis_outage() {
  local out rc=0 deadline during after
  during=$(note_args "During the outage")
  after=$(note_args "After the outage")
  compose_team stop redis
  team_sdk call search_tickets '{"limit":2}' >/dev/null
  out=$(team_sdk call create_note "$during" 2>&1) || rc=$?
  echo "${out:0:600}"
  [ "$rc" -ne 0 ] || { echo "a write was accepted while Redis was down"; compose_team start redis; return 1; }
  expect_match "$out" 'Redis is unreachable right now, so writes are refused' "write refusal"
  compose_team start redis
  deadline=$(( $(now_s) + 60 ))
  until team_sdk call create_note "$after" >/dev/null 2>&1; do
    [ "$(now_s)" -lt "$deadline" ] || { echo "writes did not recover after Redis came back"; return 1; }
    sleep 2
  done
  local logs
  logs=$("$DOCKER" logs "$(team_cid autotask-mcp-1)" 2>&1) || { echo "docker logs failed: $logs"; return 1; }
  [ "$(grep -c 'Redis unreachable' <<<"$logs")" = 1 ] \
    || { echo "expected exactly one 'Redis unreachable' line on replica 1, got $(grep -c 'Redis unreachable' <<<"$logs")"; return 1; }
}
check "Redis stopped: reads through the proxy go on, writes refused clearly; writes recover when it is back" team_redis_outage

team_down() { compose_team down --remove-orphans --volumes; }
check "compose down removes the team profile" team_down
