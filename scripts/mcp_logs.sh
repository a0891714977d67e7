#!/usr/bin/env bash
# mcp_logs.sh: show the autotask-mcp server log.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_logs.sh [-f] [--tail N]

Prints the last 200 lines of the server's log (it logs to stderr; credentials and tokens are
never logged).

  -f, --follow   keep printing new lines until Ctrl-C
  --tail N       print the last N lines instead of 200
  -h, --help     show this help

Exit codes:
  0  done
  1  docker compose logs failed
  2  bad option
  4  docker or compose missing, or the Docker engine is not answering
USAGE
}

tail_lines=200
follow=0
while [ $# -gt 0 ]; do
  case $1 in
    -f | --follow) follow=1 ;;
    --tail)
      need_value "$1" "${2:-}"
      is_uint "$2" || die "$EX_USAGE" "--tail needs a whole number, got: $2"
      tail_lines=$2
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
require_docker
use_existing_mode
if [ "$follow" = 1 ]; then
  compose logs --tail "$tail_lines" --follow "$MCP_SERVICE" || die "$EX_FAIL" "docker compose logs failed"
else
  compose logs --no-color --tail "$tail_lines" "$MCP_SERVICE" || die "$EX_FAIL" "docker compose logs failed"
fi
