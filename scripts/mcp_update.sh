#!/usr/bin/env bash
# mcp_update.sh: pull the image, and move the running service to it only when it is new, allowed
# by the pin, signed (when that can be checked) and healthy; otherwise keep (or restore) the
# previous image.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/mcp_update.sh [--timeout SECONDS]

Checks for a new autotask-mcp image and applies it safely. One run at a time (a lock in logs/).
  1. pull the tag (AUTOTASK_MCP_IMAGE; for a digest reference, REPO:latest). With a pin
     (.pinned-digest, or AUTOTASK_MCP_IMAGE=REPO@sha256:...) the pinned digest is pulled too;
  2. the image to run is the pin when there is one, else the image the tag now names;
  3. the running container already uses it -> "up to date", nothing is restarted. With a pin, a
     tag that names another image is reported and refused (exit 6): a pin change is the only way
     to a new image (scripts/mcp_pin_digest.sh --pull, then run this again);
  4. the running container uses another image (a new tag, or not the pin) -> for the published
     image ghcr.io/<owner>/autotask-mcp its signature is verified with cosign when cosign is
     installed (a failed verification refuses, exit 14); then the container is recreated and
     must become healthy; unhealthy -> roll back to the previous image and say so. An image that
     failed once is not tried again (delete logs/update.rejected to retry it). The image two
     updates back is removed once the new one is healthy (the previous one stays as :rollback);
  5. scripts/mcp_down.sh while this runs: the service stays down, nothing is judged.
A local build (NAME:local, the source checkout's default) has no registry to update from (exit 10).
Every step is appended, timestamped, to logs/update.log. The weekly timer (cron_install.sh)
runs this script.

  --timeout SECONDS  how long to wait for the new container to be healthy (default 60,
                     or MCP_HEALTH_TIMEOUT)
  -h, --help         show this help

Exit codes:
  0  up to date, updated and healthy, stopped by mcp_down.sh meanwhile, or the service is not
     running (images pulled only)
  1  a pull or a docker command failed; the running container was not touched
  2  bad option
  3  .env missing or readable by others, .pinned-digest invalid, or logs/ not writable
  4  docker or compose missing, or the Docker engine is not answering
  6  refused: the tag names an image that is not the pin (the pinned image keeps serving)
  7  the new image was unhealthy (now or in an earlier run); the previous image is serving
  8  the new image was unhealthy and the previous image did not recover either
  9  another mcp_update.sh run is in progress
  10 the configured image is a local build: there is no registry to update from
  14 refused: cosign could not verify the published image's signature (the old one keeps serving)
EOF
}

while [ $# -gt 0 ]; do
  case $1 in
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
UPDATE_LOG=$LOG_DIR/update.log
REJECTED_FILE=$LOG_DIR/update.rejected

# ulog MESSAGE: one timestamped line on stdout and in logs/update.log.
ulog() {
  local line
  line="$(timestamp) $*"
  printf '%s\n' "$line"
  { printf '%s\n' "$line" >>"$UPDATE_LOG"; } 2>/dev/null || true
}
# shellcheck disable=SC2317 # called through DIE_HOOK
log_refusal() { { printf '%s ERROR (exit %s): %s\n' "$(timestamp)" "$1" "$2" >>"$UPDATE_LOG"; } 2>/dev/null || true; }

if why=$(log_write_problem "$UPDATE_LOG"); then
  die "$EX_CONFIG" "$why: $(log_fix_hint)"
fi
DIE_HOOK=log_refusal

if ! acquire_lock "$LOG_DIR/update.lock"; then
  [ -z "$LOCK_ERROR" ] || die "$EX_CONFIG" "cannot create the update lock $LOG_DIR/update.lock (${LOCK_ERROR##*: }): $(log_fix_hint)"
  die "$EX_LOCKED" "another mcp_update.sh run is in progress (pid $LOCK_OWNER); nothing was done"
fi
trap release_lock EXIT
trap 'release_lock; exit 130' INT
trap 'release_lock; exit 143' TERM
[ -n "$LOCK_STALE_PID" ] && ulog "removed a stale lock left by pid $LOCK_STALE_PID"
# What mcp_down.sh has asked for so far; a change while this runs means "stay down".
STOP_MARK=$(stop_marker)

ulog "update check started for $MCP_IMAGE"
if is_local_image "$MCP_IMAGE"; then
  die "$EX_NO_DIGEST" "$(local_build_note) Nothing to update: rebuild it with scripts/mcp_up.sh --build."
fi
require_docker

cid=$(container_id)
running_id=
mode=
if [ -n "$cid" ] && container_running "$cid"; then
  running_id=$(container_image_id "$cid") || running_id=
  mode=$(container_mode "$cid")
fi
case $mode in
  demo) use_mode demo ;;
  live)
    require_env_file
    use_mode live
    ;;
  *) use_existing_mode ;;
esac
read_pin
repo=$MCP_REPO

# keep_tag ID: point the tag back at ID (the image that serves, or the pin), so the local tag never
# names an image this run did not accept.
keep_tag() {
  [ -n "$1" ] || return 0
  docker tag "$1" "$MCP_TRACK_REF" || ulog "WARNING: could not re-tag $(short_id "$1") as $MCP_TRACK_REF"
}

ulog "pulling $MCP_TRACK_REF"
docker_pull "$MCP_TRACK_REF" || die "$EX_FAIL" "pull of $MCP_TRACK_REF failed; the running container was not touched"
tag_id=$(image_id "$MCP_TRACK_REF") || die "$EX_FAIL" "$MCP_TRACK_REF is not present after the pull"
ulog "the tag now names $(describe_image "$tag_id" "$repo")"

tag_is_pin=1
if [ -n "$PINNED_REF" ]; then
  ensure_pinned_image
  target_id=$(image_id "$PINNED_REF") || die "$EX_FAIL" "the pinned image $PINNED_REF is not present"
  target_ref=$PINNED_REF
  # The digest the registry served for the tag decides; without docker's Digest line, the image's.
  if { [ -n "$PULLED_DIGEST" ] && [ "$PULLED_DIGEST" != "${PINNED_REF##*@}" ]; } \
    || { [ -z "$PULLED_DIGEST" ] && ! pin_matches "$tag_id"; }; then
    tag_is_pin=0
    keep_tag "$target_id"
  fi
else
  target_id=$tag_id
  if [ -n "$PULLED_DIGEST" ]; then target_ref=$repo@$PULLED_DIGEST; else target_ref=$(repo_digest "$tag_id" "$repo"); fi
fi
# refuse_new_tag: the tag names an image that is not the pin; it was not taken.
refuse_new_tag() {
  die "$EX_PIN_REFUSED" "REFUSED: the new image $(describe_image "$tag_id" "$repo") does not match the pin $PINNED_REF (the tag names it, not the pin); it was not taken. $1 To accept the new image: scripts/mcp_pin_digest.sh --pull, then run scripts/mcp_update.sh again."
}

if [ -z "$running_id" ]; then
  [ "$tag_is_pin" = 1 ] \
    || refuse_new_tag "The service is not running; scripts/mcp_up.sh (or a plain docker compose up -d) starts the pinned image."
  ulog "the service is not running: nothing to restart (start it with scripts/mcp_up.sh)"
  exit "$EX_OK"
fi
ulog "the running container uses $(describe_image "$running_id" "$repo")"

if [ "$running_id" = "$target_id" ]; then
  [ "$tag_is_pin" = 1 ] || refuse_new_tag "The running container keeps serving the pinned image."
  ulog "up to date: the running container already uses this image; no restart"
  exit "$EX_OK"
fi

if [ -n "$PINNED_REF" ]; then
  ulog "the running container's image does not match the pin $PINNED_REF: moving to the pinned image"
fi

if [ -f "$REJECTED_FILE" ] && [ "$(cat "$REJECTED_FILE")" = "$target_id" ]; then
  [ -n "$PINNED_REF" ] || keep_tag "$running_id"
  die "$EX_ROLLED_BACK" "skipped: $(short_id "$target_id") failed its health check in an earlier run and was rolled back; the previous image keeps serving${PINNED_REF:+ (the pin still names $PINNED_REF)}. Delete $REJECTED_FILE to try it again."
fi

if ! verify_signature "${target_ref:-$repo@unknown}"; then
  [ -n "$PINNED_REF" ] || keep_tag "$running_id"
  die "$EX_SIGNATURE" "REFUSED: $SIGNATURE_NOTE. The running container keeps serving; nothing was changed."
fi
ulog "$SIGNATURE_NOTE"

# stop_requested: scripts/mcp_down.sh ran since this update started.
stop_requested() { [ "$(stop_marker)" != "$STOP_MARK" ]; }
# leave_down: the user stopped the service during the update; make sure it stays stopped.
leave_down() {
  ulog "stopped by scripts/mcp_down.sh during the update: the service stays down; $(short_id "$target_id") was not judged (not marked as rejected)"
  [ -n "$PINNED_REF" ] || keep_tag "$running_id"
  compose down --remove-orphans >/dev/null 2>&1 || ulog "WARNING: docker compose down failed; check with docker ps"
  exit "$EX_OK"
}

previous_rollback=$(image_id "$repo:rollback") || previous_rollback=
docker tag "$running_id" "$repo:rollback" || ulog "WARNING: could not tag the previous image as $repo:rollback"
stop_requested && leave_down
ulog "recreating the service with $(short_id "$target_id") (previous image kept as $repo:rollback)"
HEALTH_ABORT_HOOK=stop_requested
if compose up -d --no-build "$MCP_SERVICE" && wait_healthy 1; then
  rm -f "$REJECTED_FILE"
  ulog "updated: now serving $(describe_image "$target_id" "$repo"); healthy"
  # The image two updates back: nothing points at it any more unless someone tagged it.
  if [ -n "$previous_rollback" ] && [ "$previous_rollback" != "$running_id" ] && [ "$previous_rollback" != "$target_id" ]; then
    if [ "$(image_tag_count "$previous_rollback")" -gt 0 ]; then
      ulog "kept the image two updates back, $(short_id "$previous_rollback"): it is still tagged"
    elif out=$(docker rmi "$previous_rollback" 2>&1); then
      ulog "removed the image two updates back, $(short_id "$previous_rollback") (the rollback image is now $(short_id "$running_id"))"
    else
      ulog "kept the image two updates back, $(short_id "$previous_rollback"): $(printf '%s\n' "$out" | tail -n 1)"
    fi
  fi
  [ "$tag_is_pin" = 1 ] || ulog "note: the tag names $(short_id "$tag_id"), which is not the pin; a re-pin (scripts/mcp_pin_digest.sh --pull) is the way to it"
  exit "$EX_OK"
fi
HEALTH_ABORT_HOOK=
if [ "$HEALTH_ABORTED" = 1 ] || stop_requested; then leave_down; fi

ulog "the new image is not healthy: ${HEALTH_REASON:-docker compose up failed}"
show_recent_logs 30
ulog "rolling back to the previous image $(describe_image "$running_id" "$repo")"
{ printf '%s\n' "$target_id" >"$REJECTED_FILE"; } 2>/dev/null || ulog "WARNING: could not record $(short_id "$target_id") in $REJECTED_FILE"
if [ -n "$PINNED_REF" ]; then
  # Compose would start the pin again: run the previous image by name, outside the pin.
  rollback_up() { (export AUTOTASK_MCP_IMAGE="$repo:rollback" COMPOSE_WITHOUT_PIN=1 && compose up -d --no-build "$MCP_SERVICE"); }
  rolled_back="ROLLED BACK: the pinned image $(short_id "$target_id") was unhealthy; the previous image $(short_id "$running_id") is serving again, outside the pin: the pin still names $PINNED_REF, so scripts/mcp_up.sh or a plain docker compose up -d would start it again. Pin a working image (scripts/mcp_pin_digest.sh $repo@sha256:<digest> --yes) or remove the pin."
else
  keep_tag "$running_id"
  rollback_up() { compose up -d --no-build "$MCP_SERVICE"; }
  rolled_back="ROLLED BACK: the new image $(short_id "$target_id") was unhealthy; the previous image $(short_id "$running_id") is serving again."
fi
if stop_requested; then leave_down; fi
if rollback_up && wait_healthy 1; then
  die "$EX_ROLLED_BACK" "$rolled_back"
fi
die "$EX_ROLLBACK_FAILED" "rollback failed: the previous image $(short_id "$running_id") is not healthy either (${HEALTH_REASON:-docker compose up failed}). Check scripts/mcp_logs.sh."
