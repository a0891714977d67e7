#!/usr/bin/env bash
# mcp_pull.sh: pull the autotask-mcp image (the pinned digest when there is a pin).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_pull.sh

Pulls the image the service runs (AUTOTASK_MCP_IMAGE, default: docker-compose.yml's) with
docker pull. With a pin (.pinned-digest), pulls exactly the pinned digest instead of following
the tag. A local build (NAME:local, the source checkout's default) is never pulled: there is
nothing to pull (exit 10). Nothing is restarted: scripts/mcp_up.sh or scripts/mcp_update.sh put a
new image into service.

  -h, --help   show this help

Exit codes:
  0  pulled (or the pinned digest is already present: a digest never changes)
  1  the pull failed (registry unreachable, unknown image, no access)
  2  bad option
  3  .pinned-digest invalid
  4  docker missing, or the Docker engine is not answering
  10 the configured image is a local build: nothing to pull
USAGE
}

only_help_option "$@"

mcp_init "$SCRIPT_DIR"
if is_local_image "$MCP_IMAGE"; then
  die "$EX_NO_DIGEST" "$MCP_IMAGE is a local build: there is nothing to pull (scripts/mcp_up.sh --build rebuilds it). $(local_build_note)"
fi
require_docker
read_pin

if [ -n "$PINNED_REF" ]; then
  ensure_pinned_image
  id=$(image_id "$PINNED_REF") || die "$EX_FAIL" "$PINNED_REF is not present after the pull"
  info "The pin $PINNED_REF is $(describe_image "$id" "$MCP_REPO") (the tag $MCP_TRACK_REF is not followed while pinned)"
  exit "$EX_OK"
fi
info "Pulling $MCP_IMAGE"
docker pull "$MCP_IMAGE" || die "$EX_FAIL" "could not pull $MCP_IMAGE (see the output above)"
id=$(image_id "$MCP_IMAGE") || die "$EX_FAIL" "$MCP_IMAGE is not present after the pull"
info "$MCP_IMAGE is $(describe_image "$id" "$MCP_REPO")"
