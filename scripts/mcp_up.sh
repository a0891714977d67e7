#!/usr/bin/env bash
# mcp_up.sh: start the autotask-mcp service and wait until it answers /health.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/mcp_up.sh [--demo] [--build] [--timeout SECONDS]

Starts the autotask-mcp container in the background (docker compose up -d), waits until
GET /health answers, and prints the MCP endpoint.

  --demo            use the built-in demo tenant (demo.env): no .env and no credentials needed
  --build           build the image from the bundled Dockerfile instead of pulling it
  --timeout SECONDS how long to wait for /health (default 60, or MCP_HEALTH_TIMEOUT)
  -h, --help        show this help

Without --build the image is used when it is already present, pulled when it is not, and built
from the bundled Dockerfile when the pull fails. With a .pinned-digest, exactly the pinned image
is started. Without --demo, .env must exist and be private (chmod 600).

Environment: AUTOTASK_MCP_IMAGE (image, default autotask-mcp:latest), MCP_PORT (host port on
127.0.0.1, default 8080), MCP_HEALTH_TIMEOUT, MCP_POLL_INTERVAL, MCP_COMPOSE.

Exit codes:
  0  running and healthy
  1  pull, build or start failed
  2  bad option, or --build together with a .pinned-digest
  3  .env missing or readable by others (the fix is printed), or .pinned-digest invalid
  4  docker or compose missing, or the Docker engine is not answering
  5  the service did not become healthy in time (its last log lines are printed)
EOF
}

mode=live
build=0
while [ $# -gt 0 ]; do
  case $1 in
    --demo) mode=demo ;;
    --build) build=1 ;;
    --timeout)
      need_value "$1" "${2:-}"
      MCP_HEALTH_TIMEOUT=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "$EX_USAGE" "unknown option: $1 (see --help)" ;;
  esac
  shift
done

mcp_init "$SCRIPT_DIR"
[ "$mode" = live ] && require_env_file
require_docker
use_mode "$mode"
read_pin
mkdir -p "$LOG_DIR"

if [ -n "$PINNED_REF" ]; then
  [ "$build" = 0 ] || die "$EX_USAGE" "--build cannot satisfy $PIN_FILE (a local build has no registry digest). Delete the pin to run a local build."
  ensure_pinned_image
elif [ "$build" = 1 ]; then
  info "Building $MCP_IMAGE from the bundled Dockerfile"
  compose build "$MCP_SERVICE" || die "$EX_FAIL" "the image build failed (see the output above)"
elif image_id "$MCP_IMAGE" >/dev/null; then
  info "Using the local image $MCP_IMAGE (scripts/mcp_update.sh checks for a newer one)"
else
  info "Pulling $MCP_IMAGE"
  # Compose v2 may only warn when a buildable service cannot be pulled, so check the result.
  if ! compose pull "$MCP_SERVICE" || ! image_id "$MCP_IMAGE" >/dev/null; then
    warn "could not pull $MCP_IMAGE; building it from the bundled Dockerfile instead"
    compose build "$MCP_SERVICE" || die "$EX_FAIL" "the image build failed (see the output above)"
  fi
fi

info "Starting $MCP_SERVICE ($mode mode)"
compose up -d --no-build "$MCP_SERVICE" || die "$EX_FAIL" "docker compose up failed (see the output above)"

if wait_healthy 0; then
  info "autotask-mcp is up ($mode mode)."
  info "MCP endpoint: $MCP_ENDPOINT"
  info "Health:       $MCP_HEALTH_URL"
  [ "$mode" = demo ] && info "Demo tenant: made-up data, no Autotask account is contacted."
  exit "$EX_OK"
fi

err "autotask-mcp did not become healthy: $HEALTH_REASON"
show_recent_logs 50
exit "$EX_UNHEALTHY"
