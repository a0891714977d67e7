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
  --build           rebuild the local image (NAME:local) from the bundled Dockerfile
  --timeout SECONDS how long to wait for /health (default 60, or MCP_HEALTH_TIMEOUT)
  -h, --help        show this help

Which image runs (AUTOTASK_MCP_IMAGE, default: docker-compose.yml's; autotask-mcp:local in a
source checkout):
  NAME:local        a local build of the bundled Dockerfile: built when it is missing (or with
                    --build), never pulled; it cannot be pinned and mcp_update.sh cannot update it
  any other name    a registry image: used when present, pulled when not. A failed pull is an
                    error: a registry image is never replaced by a local build
  with a pin        exactly the pinned digest (.pinned-digest, see mcp_pin_digest.sh), pulled by
                    digest when missing
Without --demo, .env must exist and be private (chmod 600).

Environment: AUTOTASK_MCP_IMAGE, MCP_PORT (host port on 127.0.0.1, default 8080),
MCP_HEALTH_TIMEOUT, MCP_POLL_INTERVAL, MCP_COMPOSE.

Exit codes:
  0  running and healthy
  1  pull, build or start failed
  2  bad option, or --build with a registry image or a pin
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
if [ "$build" = 1 ] && ! is_local_image "$MCP_IMAGE"; then
  die "$EX_USAGE" "--build builds only a local image (NAME:local; the source checkout's default is autotask-mcp:local). $MCP_IMAGE is a registry image and is never replaced by a local build. Unset AUTOTASK_MCP_IMAGE (or set it to autotask-mcp:local) to build, and remove any pin first."
fi
require_docker
use_mode "$mode"
read_pin
mkdir -p "$LOG_DIR"

# build_local: docker build of the bundled Dockerfile under the local name.
build_local() {
  [ -f "$BUNDLE_DIR/Dockerfile" ] \
    || die "$EX_CONFIG" "this bundle has no Dockerfile to build $MCP_IMAGE from (a release bundle runs the published image): set AUTOTASK_MCP_IMAGE=$PUBLISHED_IMAGE_HINT"
  info "Building $MCP_IMAGE from the bundled Dockerfile"
  docker build -t "$MCP_IMAGE" "$BUNDLE_DIR" || die "$EX_FAIL" "the image build failed (see the output above)"
}

if is_local_image "$MCP_IMAGE"; then
  if [ "$build" = 1 ] || ! image_id "$MCP_IMAGE" >/dev/null; then
    build_local
  else
    info "Using the local build $MCP_IMAGE (rebuild it with scripts/mcp_up.sh --build)"
  fi
  info "$(local_build_note)"
elif [ -n "$PINNED_REF" ]; then
  ensure_pinned_image
  info "Using the pinned image $PINNED_REF"
elif image_id "$MCP_IMAGE" >/dev/null; then
  info "Using the local copy of $MCP_IMAGE (scripts/mcp_update.sh checks for a newer one)"
else
  info "Pulling $MCP_IMAGE"
  if ! docker pull "$MCP_IMAGE" || ! image_id "$MCP_IMAGE" >/dev/null; then
    die "$EX_FAIL" "could not pull $MCP_IMAGE (see the output above). A registry image is never replaced by a local build: check the name, your registry login (docker login) and the network, then retry. To run a build of this bundle's Dockerfile instead, unset AUTOTASK_MCP_IMAGE (it builds autotask-mcp:local)."
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
