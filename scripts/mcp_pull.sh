#!/usr/bin/env bash
# mcp_pull.sh: pull the autotask-mcp image (the pinned digest when .pinned-digest exists).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_pull.sh

Pulls the image the service runs (AUTOTASK_MCP_IMAGE, default autotask-mcp:latest). With a
.pinned-digest, pulls exactly the pinned digest and tags it locally instead of following the tag.
Nothing is restarted: scripts/mcp_up.sh or scripts/mcp_update.sh put a new image into service.

  -h, --help   show this help

Exit codes:
  0  pulled
  1  the pull failed (registry unreachable, unknown image, no access)
  2  bad option
  3  .pinned-digest invalid
  4  docker or compose missing, or the Docker engine is not answering
USAGE
}

only_help_option "$@"

mcp_init "$SCRIPT_DIR"
require_docker
use_existing_mode
read_pin

if [ -n "$PINNED_REF" ]; then
  ensure_pinned_image
else
  info "Pulling $MCP_IMAGE"
  compose pull "$MCP_SERVICE" || die "$EX_FAIL" "could not pull $MCP_IMAGE (see the output above)"
fi
id=$(image_id "$MCP_IMAGE") || die "$EX_FAIL" "$MCP_IMAGE is not present after the pull"
info "$MCP_IMAGE is $(describe_image "$id" "$(image_repo "$MCP_IMAGE")")"
