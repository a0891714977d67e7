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
.env, .pinned-digest and logs/ stay. Running it when nothing is running is fine.

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
compose down --remove-orphans || die "$EX_FAIL" "docker compose down failed (see the output above)"
info "autotask-mcp is stopped."
