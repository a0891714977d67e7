#!/usr/bin/env bash
# mcp_down.sh: stop and remove the autotask-mcp container and its network.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_down.sh

Stops and removes the autotask-mcp container and its network (docker compose down). Images,
.env, the pin and logs/ stay. Running it when nothing is running is fine.

During a scripts/mcp_update.sh run it records a stop request (logs/stop.requested), so the
update leaves the service down instead of judging or rolling back a new image, and it waits for
that run to end (up to MCP_DOWN_WAIT seconds, default 300) before it stops the service once more
if it came back.

  -h, --help   show this help

Exit codes:
  0  stopped (or was not running)
  1  docker compose down failed
  2  bad option
  4  docker or compose missing, or the Docker engine is not answering
USAGE
}

only_help_option "$@"

mcp_init "$SCRIPT_DIR"
require_docker
use_existing_mode
LOCK=$LOG_DIR/update.lock
request_stop || warn "could not record the stop request in $STOP_FILE; an update running now may start the service again. $(log_fix_hint)"
compose down --remove-orphans || die "$EX_FAIL" "docker compose down failed (see the output above)"
if holder=$(lock_holder "$LOCK"); then
  wait_max=${MCP_DOWN_WAIT:-300}
  is_uint "$wait_max" || die "$EX_USAGE" "MCP_DOWN_WAIT must be whole seconds, got: $wait_max"
  info "An update (pid $holder) is in progress: waiting for it to end so the service stays down ..."
  start=$SECONDS
  while lock_holder "$LOCK" >/dev/null && [ $((SECONDS - start)) -lt "$wait_max" ]; do
    sleep "$MCP_POLL_INTERVAL"
  done
  if lock_holder "$LOCK" >/dev/null; then
    warn "the update (pid $holder) is still running after ${wait_max}s; it saw the stop request and will leave the service down"
  elif [ -n "$(container_id)" ]; then
    compose down --remove-orphans || die "$EX_FAIL" "docker compose down failed (see the output above)"
  fi
fi
info "autotask-mcp is stopped."
