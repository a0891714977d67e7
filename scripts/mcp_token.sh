#!/usr/bin/env bash
# mcp_token.sh: give each technician a bearer token of their own (MCP_TOKENS_FILE).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_token.sh add --name NAME [--resource ID] [--toolsets LIST] [--read-only]
       scripts/mcp_token.sh list
       scripts/mcp_token.sh remove --name NAME

Manages tokens.jsonl in the bundle folder (one line per technician: the SHA-256 of the token,
never the token itself) by running `autotask-mcp token` in a throw-away container of the
configured image. `add` prints the new token once on stdout: hand it to the
technician for their MCP client's "Authorization: Bearer" header. A running server picks up
changes within seconds once .env sets MCP_TOKENS_FILE and the file is mounted (README, "Team
deployment").

  --name NAME      the technician (letters, digits, . _ @ -); shown in the audit log
  --resource ID    their Autotask resource id: their writes are made on their behalf
  --toolsets LIST  e.g. core,tickets,notes,time (default: every toolset)
  --read-only      no write tools for this token
  -h, --help       show this help

Exit codes:
  0  done
  1  the container failed, or the tokens file has problems (nothing was changed)
  2  bad option
  3  tokens.jsonl cannot be created or is not private
  4  docker or compose missing, or the Docker engine is not answering
USAGE
}

[ $# -gt 0 ] || die "$EX_USAGE" "name a command: add, list or remove (see --help)"
case $1 in
  -h | --help)
    usage
    exit 0
    ;;
  add | list | remove) ;;
  *) die "$EX_USAGE" "unknown command: $1 (see --help)" ;;
esac
# Arguments go to the CLI as they are; it validates them. Only their shape is checked here.
for arg in "$@"; do
  case $arg in
    *[[:cntrl:]]*) die "$EX_USAGE" "arguments must not contain control characters" ;;
  esac
done

mcp_init "$SCRIPT_DIR"
TOKENS_FILE=$BUNDLE_DIR/tokens.jsonl
if [ ! -e "$TOKENS_FILE" ]; then
  (umask 077 && : >"$TOKENS_FILE") || die "$EX_CONFIG" "cannot create $TOKENS_FILE"
fi
chmod 600 "$TOKENS_FILE" || die "$EX_CONFIG" "cannot make $TOKENS_FILE private (chmod 600)"
require_docker
use_existing_mode
# The file is writable by its owner only: the container runs as that owner (no ports published).
compose run --rm --no-deps -T --user "$(id -u):$(id -g)" \
  -v "$TOKENS_FILE:/run/autotask-mcp/tokens.jsonl" -e MCP_TOKENS_FILE=/run/autotask-mcp/tokens.jsonl \
  "$MCP_SERVICE" node dist/index.js token "$@" || die "$EX_FAIL" "autotask-mcp token $1 failed (see above); nothing else was changed"
