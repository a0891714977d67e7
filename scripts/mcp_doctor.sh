#!/usr/bin/env bash
# mcp_doctor.sh: check the configured Autotask tenant, read-only, from inside the running service.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_doctor.sh [--json]

Runs `autotask-mcp doctor` inside the running autotask-mcp container, with the credentials the
server already has (this script never reads .env). It checks the tenant the way the tools use it:
zone and credentials, API usage, every entity and field the tools request, the picklists and
roles writes rely on, closed ticket statuses, result order and one attachment read. Read-only:
at most 60 Autotask requests, none of them a write. Run it once after setup, and whenever a tool
behaves oddly. One line per check: pass, WARN or FAIL, each warning or failure with its fix.

  --json       print the report as one JSON object
  -h, --help   show this help

Exit codes:
  0   every check passed or warned
  1   a check failed (see the FAIL lines), or docker compose exec failed
  2   bad option
  3   the server's configuration in .env is invalid (the message names the variable)
  4   docker or compose missing, or the Docker engine is not answering
  12  the service is not running: start it with scripts/mcp_up.sh (or --demo)
USAGE
}

doctor_args=()
while [ $# -gt 0 ]; do
  case $1 in
    --json) doctor_args=(--json) ;;
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
cid=$(container_id)
if [ -z "$cid" ] || ! container_running "$cid"; then
  die "$EX_NOT_RUNNING" "$MCP_SERVICE is not running. Start it with $BUNDLE_DIR/scripts/mcp_up.sh (or --demo), then run the doctor again."
fi
use_existing_mode

# -T: no TTY, so the report can be piped (and --json parsed). The doctor prints no secret.
rc=0
compose exec -T "$MCP_SERVICE" node dist/index.js doctor ${doctor_args[@]+"${doctor_args[@]}"} || rc=$?
case $rc in
  0 | 1) exit "$rc" ;;
  2) die "$EX_CONFIG" "the server's configuration is invalid (see the message above): the user fixes that variable in .env with an editor, restarts with scripts/mcp_up.sh and runs the doctor again." ;;
  *) die "$EX_FAIL" "docker compose exec failed (exit $rc); see the output above." ;;
esac
