#!/usr/bin/env bash
# mcp_pin_digest.sh: pin the exact registry digest the service may run, for the scripts and for
# Compose itself (.pinned-digest and docker-compose.override.yml).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/mcp_pin_digest.sh [--yes] [--pull | --remove | REPO@sha256:DIGEST]

Writes "repo@sha256:<digest>" to .pinned-digest and the same digest, literally, to
docker-compose.override.yml, which Compose reads by default next to docker-compose.yml. From then
on every start of the service -- scripts/mcp_up.sh, scripts/mcp_update.sh, a plain
`docker compose up -d` or `docker-compose up -d` -- runs exactly that image, and mcp_update.sh
moves to nothing else: a pin change is the only way to a new image.

Which image is pinned:
  (default)            the image the running container uses; when nothing runs, the image the
                       configured tag names locally
  --pull               pull the tag first and pin what the registry names now (use this to
                       accept an update that mcp_update.sh refused)
  REPO@sha256:DIGEST   exactly this reference (REPO must be the configured image's repository)
  --remove             remove the pin (both files); Compose follows the tag again

A pin is what the registry serves for the tag: for a multi-platform image (the published one is
linux/amd64 + linux/arm64) that is the index digest, which Docker records when it pulls the tag.
A single-platform manifest digest of such an image is refused (exit 13) -- it would never match
an update. The kind is asked from the registry with `docker buildx imagetools inspect` (when the
plugin exists) or `docker manifest inspect`; an explicit digest neither can inspect is refused.

  -y, --yes    do not ask for confirmation (needed when not on a terminal)
  -h, --help   show this help

Exit codes:
  0  pinned (or the same pin was already in place), or the pin was removed
  1  no image found, a pull failed, the registry could not be asked about an explicit digest,
     or the answer was not "yes"
  2  bad option or malformed reference, or not on a terminal without --yes
  3  .pinned-digest invalid, or another Compose file (docker-compose.override.yml not written
     here, compose.yaml, compose.override.yml ...) would keep Compose from running the pin
  4  docker or compose missing, or the Docker engine is not answering
  10 the image is a local build: it has no registry digest; nothing to pin
  13 the digest is a single-platform manifest of a multi-platform image: pin its index digest
USAGE
}

assume_yes=0
pull=0
remove=0
explicit=
while [ $# -gt 0 ]; do
  case $1 in
    -y | --yes) assume_yes=1 ;;
    --pull) pull=1 ;;
    --remove) remove=1 ;;
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
if [ $((pull + remove)) -gt 1 ] || { [ $((pull + remove)) = 1 ] && [ -n "$explicit" ]; }; then
  die "$EX_USAGE" "--pull, --remove and an explicit reference exclude each other"
fi

mcp_init "$SCRIPT_DIR"
repo=$MCP_REPO

# confirm QUESTION: yes on a terminal or with --yes; otherwise refuse.
confirm() {
  local answer=
  [ "$assume_yes" != 1 ] || return 0
  [ -t 0 ] || die "$EX_USAGE" "not on a terminal: re-run with --yes to confirm"
  printf '%s [y/N] ' "$1"
  IFS= read -r answer || true
  case $answer in
    y | Y | yes | YES | Yes) return 0 ;;
  esac
  die "$EX_FAIL" "not pinned (answer was not yes)"
}

current=
if [ -e "$PIN_FILE" ]; then
  IFS= read -r current <"$PIN_FILE" || true
  current=$(printf '%s' "$current" | tr -d '[:space:]')
fi

if [ "$remove" = 1 ]; then
  if [ -z "$current" ] && { [ ! -e "$OVERRIDE_FILE" ] || ! override_is_ours; }; then
    info "There is no pin to remove."
    exit "$EX_OK"
  fi
  info "Remove the pin ${current:-(docker-compose.override.yml only)}: Compose and the scripts follow $MCP_IMAGE again."
  confirm "Remove the pin in $PIN_FILE and docker-compose.override.yml?"
  rm -f "$PIN_FILE"
  if [ -e "$OVERRIDE_FILE" ] && override_is_ours; then rm -f "$OVERRIDE_FILE"; fi
  info "Removed the pin. mcp_update.sh follows $MCP_TRACK_REF again."
  exit "$EX_OK"
fi

if is_local_image "$MCP_IMAGE"; then
  die "$EX_NO_DIGEST" "$MCP_IMAGE is a local build: it has no registry digest; nothing to pin. Pin a published image instead: set AUTOTASK_MCP_IMAGE=$PUBLISHED_IMAGE_HINT, run scripts/mcp_pull.sh, then pin."
fi
if why=$(pin_override_obstacle); then die "$EX_CONFIG" "$why"; fi

if [ -n "$explicit" ]; then
  valid_pin_ref "$explicit" || die "$EX_USAGE" "not a 'repo@sha256:<64 hex>' reference: $explicit"
  same_repo "$(image_repo "$explicit")" "$repo" \
    || die "$EX_USAGE" "$explicit is not from the configured image repository $repo (set AUTOTASK_MCP_IMAGE first)"
  check_pin_kind "$explicit" explicit
  new_pin=$explicit
  source_desc="the reference you gave"
else
  require_docker
  PULLED_DIGEST=
  if [ "$pull" = 1 ]; then
    info "Pulling $MCP_TRACK_REF"
    docker_pull "$MCP_TRACK_REF" || die "$EX_FAIL" "could not pull $MCP_TRACK_REF (see the output above)"
    id=$(image_id "$MCP_TRACK_REF") || id=
    source_desc="what $MCP_TRACK_REF names after the pull"
  else
    cid=$(container_id)
    id=
    if [ -n "$cid" ] && container_running "$cid"; then
      id=$(container_image_id "$cid") || id=
      source_desc="the image the running container uses"
    else
      id=$(image_id "$MCP_TRACK_REF") || id=
      source_desc="the local image $MCP_TRACK_REF (the service is not running)"
    fi
  fi
  [ -n "$id" ] || die "$EX_FAIL" "no local image $MCP_TRACK_REF; run scripts/mcp_pull.sh first"
  if [ -n "$PULLED_DIGEST" ]; then
    new_pin=$repo@$PULLED_DIGEST
  else
    # An image can carry several digests of the repository (pulled by its tag's index and by a
    # platform digest): an index is the right pin when there is one.
    candidates=$(repo_digests "$id" "$repo")
    new_pin=${candidates%%
*}
    if [ "$(printf '%s\n' "$candidates" | grep -c .)" -gt 1 ]; then
      for candidate in $candidates; do
        manifest_kind "$candidate"
        if [ "$MANIFEST_KIND" = index ]; then
          new_pin=$candidate
          break
        fi
      done
    fi
  fi
  [ -n "$new_pin" ] || die "$EX_NO_DIGEST" "refusing to pin $(short_id "$id"): it has no registry digest for $repo, so it was built locally (or tagged by hand) and no registry can vouch for it. Pin a published image instead: set AUTOTASK_MCP_IMAGE, run scripts/mcp_pull.sh, then pin."
  check_pin_kind "$new_pin" pulled
fi

if [ "$current" = "$new_pin" ]; then
  write_pin_override "$new_pin" || true
  info "Already pinned: $new_pin"
  printf '%s\n' "$new_pin"
  exit "$EX_OK"
fi

info "Pin ($source_desc): $new_pin"
info "Kind:              $PIN_KIND_NOTE"
[ -n "$current" ] && info "Replaces:          $current"
confirm "Write this pin to $PIN_FILE and docker-compose.override.yml?"
{ printf '%s\n' "$new_pin" >"$PIN_FILE.tmp" && mv "$PIN_FILE.tmp" "$PIN_FILE"; } 2>/dev/null \
  || die "$EX_CONFIG" "cannot write $PIN_FILE (is $BUNDLE_DIR writable?)"
write_pin_override "$new_pin" || true
info "Pinned in .pinned-digest and docker-compose.override.yml: every start of the service (the scripts, docker compose up -d, docker-compose up -d) runs exactly this digest, and mcp_update.sh moves to nothing else until you re-pin or run --remove."
printf '%s\n' "$new_pin"
