#!/usr/bin/env bash
# mcp_pin_digest.sh: record the exact registry digest the service may run in .pinned-digest.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_pin_digest.sh [--yes] [--pull | REPO@sha256:DIGEST]

Writes "repo@sha256:<digest>" to .pinned-digest and prints it. From then on mcp_up.sh and
mcp_pull.sh run exactly that image, and mcp_update.sh refuses any other.

Which image is pinned:
  (default)            the image the running container uses; when nothing runs, the image the
                       configured tag names locally
  --pull               pull the tag first and pin what the registry names now (use this to
                       accept an update that mcp_update.sh refused)
  REPO@sha256:DIGEST   exactly this reference (REPO must be the configured image's repository)

  -y, --yes    do not ask for confirmation (needed when not on a terminal)
  -h, --help   show this help

Remove the pin with: rm .pinned-digest

Exit codes:
  0  pinned (or the same pin was already in place)
  1  no image found, a pull failed, or the answer was not "yes"
  2  bad option or malformed reference, or not on a terminal without --yes
  3  .pinned-digest invalid
  4  docker or compose missing, or the Docker engine is not answering
  10 the image has no registry digest (built locally): there is nothing a registry can vouch for
USAGE
}

assume_yes=0
pull=0
explicit=
while [ $# -gt 0 ]; do
  case $1 in
    -y | --yes) assume_yes=1 ;;
    --pull) pull=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "$EX_USAGE" "unknown option: $1 (see --help)" ;;
    *)
      [ -z "$explicit" ] || die "$EX_USAGE" "only one reference may be given"
      explicit=$1
      ;;
  esac
  shift
done
[ "$pull" = 0 ] || [ -z "$explicit" ] || die "$EX_USAGE" "--pull and an explicit reference exclude each other"

mcp_init "$SCRIPT_DIR"
repo=$(image_repo "$MCP_IMAGE")

if [ -n "$explicit" ]; then
  valid_pin_ref "$explicit" || die "$EX_USAGE" "not a 'repo@sha256:<64 hex>' reference: $explicit"
  same_repo "$(image_repo "$explicit")" "$repo" \
    || die "$EX_USAGE" "$explicit is not from the configured image repository $repo (set AUTOTASK_MCP_IMAGE first)"
  new_pin=$explicit
  source_desc="the reference you gave"
else
  require_docker
  use_existing_mode
  if [ "$pull" = 1 ]; then
    info "Pulling $MCP_IMAGE"
    compose pull "$MCP_SERVICE" || die "$EX_FAIL" "could not pull $MCP_IMAGE"
    id=$(image_id "$MCP_IMAGE") || id=
    source_desc="the image $MCP_IMAGE names after the pull"
  else
    cid=$(container_id)
    id=
    if [ -n "$cid" ] && container_running "$cid"; then
      id=$(container_image_id "$cid") || id=
      source_desc="the image the running container uses"
    else
      id=$(image_id "$MCP_IMAGE") || id=
      source_desc="the local image $MCP_IMAGE (the service is not running)"
    fi
  fi
  [ -n "$id" ] || die "$EX_FAIL" "no local image $MCP_IMAGE; run scripts/mcp_pull.sh first"
  new_pin=$(repo_digest "$id" "$repo")
  [ -n "$new_pin" ] || die "$EX_NO_DIGEST" "refusing to pin $(short_id "$id"): it has no registry digest for $repo, so it was built locally (or tagged by hand) and no registry can vouch for it. Pin a published image instead: set AUTOTASK_MCP_IMAGE, run scripts/mcp_pull.sh, then pin."
fi

current=
if [ -e "$PIN_FILE" ]; then
  IFS= read -r current <"$PIN_FILE" || true
fi
if [ "$current" = "$new_pin" ]; then
  info "Already pinned: $new_pin"
  printf '%s\n' "$new_pin"
  exit "$EX_OK"
fi

info "Pin ($source_desc): $new_pin"
[ -n "$current" ] && info "Replaces:          $current"
if [ "$assume_yes" != 1 ]; then
  [ -t 0 ] || die "$EX_USAGE" "not on a terminal: re-run with --yes to write the pin"
  printf 'Write this pin to %s? [y/N] ' "$PIN_FILE"
  answer=
  IFS= read -r answer || true
  case $answer in
    y | Y | yes | YES | Yes) ;;
    *) die "$EX_FAIL" "not pinned (answer was not yes)" ;;
  esac
fi
printf '%s\n' "$new_pin" >"$PIN_FILE.tmp"
mv "$PIN_FILE.tmp" "$PIN_FILE"
info "Pinned. mcp_update.sh will refuse any other image until you re-pin or delete $PIN_FILE."
printf '%s\n' "$new_pin"
