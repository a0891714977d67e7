#!/usr/bin/env bash
# mcp_update.sh: pull the image, and move the running service to it only when it is new, allowed
# by .pinned-digest and healthy; otherwise keep (or restore) the previous image.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/mcp_update.sh [--timeout SECONDS]

Checks for a new autotask-mcp image and applies it safely. One run at a time (a lock in logs/).
  1. pull the configured tag (AUTOTASK_MCP_IMAGE, default autotask-mcp:latest);
  2. compare the image the running container uses with the image the tag now names;
     the same -> "up to date", nothing is restarted;
  3. different and .pinned-digest names another digest -> refuse; the running container keeps
     serving and the local tag is pointed back at it;
  4. otherwise recreate the container and wait until it is healthy;
     unhealthy -> roll back to the previous image and say so. An image that failed once is
     not tried again (delete logs/update.rejected to retry it).
Every step is appended, timestamped, to logs/update.log. The weekly timer (cron_install.sh)
runs this script.

  --timeout SECONDS  how long to wait for the new container to be healthy (default 60,
                     or MCP_HEALTH_TIMEOUT)
  -h, --help         show this help

Exit codes:
  0  up to date, updated and healthy, or the service is not running (image pulled only)
  1  the pull or a docker command failed; the running container was not touched
  2  bad option
  3  .env missing or readable by others, or .pinned-digest invalid
  4  docker or compose missing, or the Docker engine is not answering
  6  refused: the new image does not match .pinned-digest (the old one keeps serving)
  7  the new image was unhealthy (now or in an earlier run); the previous image is serving
  8  the new image was unhealthy and the previous image did not recover either
  9  another mcp_update.sh run is in progress
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
mkdir -p "$LOG_DIR"
UPDATE_LOG=$LOG_DIR/update.log
REJECTED_FILE=$LOG_DIR/update.rejected

# ulog MESSAGE: one timestamped line on stdout and in logs/update.log.
ulog() {
  local line
  line="$(timestamp) $*"
  printf '%s\n' "$line"
  printf '%s\n' "$line" >>"$UPDATE_LOG"
}
# shellcheck disable=SC2317 # called through DIE_HOOK
log_refusal() { printf '%s ERROR (exit %s): %s\n' "$(timestamp)" "$1" "$2" >>"$UPDATE_LOG"; }
DIE_HOOK=log_refusal

if ! acquire_lock "$LOG_DIR/update.lock"; then
  die "$EX_LOCKED" "another mcp_update.sh run is in progress (pid $LOCK_OWNER); nothing was done"
fi
trap release_lock EXIT
trap 'release_lock; exit 130' INT
trap 'release_lock; exit 143' TERM
[ -n "$LOCK_STALE_PID" ] && ulog "removed a stale lock left by pid $LOCK_STALE_PID"

ulog "update check started for $MCP_IMAGE"
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
repo=$(image_repo "$MCP_IMAGE")

ulog "pulling $MCP_IMAGE"
compose pull "$MCP_SERVICE" || die "$EX_FAIL" "pull of $MCP_IMAGE failed; the running container was not touched"
new_id=$(image_id "$MCP_IMAGE") || die "$EX_FAIL" "$MCP_IMAGE is not present after the pull"
ulog "the tag now names $(describe_image "$new_id" "$repo")"

if [ -z "$running_id" ]; then
  if [ -n "$PINNED_REF" ] && ! pin_matches "$new_id"; then
    ulog "the pulled image is not the pinned $PINNED_REF; scripts/mcp_up.sh will start the pinned image"
  fi
  ulog "the service is not running: nothing to restart (start it with scripts/mcp_up.sh)"
  exit "$EX_OK"
fi
ulog "the running container uses $(describe_image "$running_id" "$repo")"

if [ "$running_id" = "$new_id" ]; then
  ulog "up to date: the running container already uses this image; no restart"
  exit "$EX_OK"
fi

# keep_running_image: point the tag back at the image that is serving, so a later `up` or a
# restart cannot pick up an image this run did not accept.
keep_running_image() {
  docker tag "$running_id" "$MCP_IMAGE" || ulog "WARNING: could not re-tag $(short_id "$running_id") as $MCP_IMAGE"
}

if [ -n "$PINNED_REF" ] && ! pin_matches "$new_id"; then
  keep_running_image
  die "$EX_PIN_REFUSED" "REFUSED: the new image $(describe_image "$new_id" "$repo") does not match the pin $PINNED_REF. The running container keeps serving. To accept the new image: scripts/mcp_pin_digest.sh --pull, then run scripts/mcp_update.sh again."
fi

if [ -f "$REJECTED_FILE" ] && [ "$(cat "$REJECTED_FILE")" = "$new_id" ]; then
  keep_running_image
  die "$EX_ROLLED_BACK" "skipped: $(short_id "$new_id") failed its health check in an earlier run and was rolled back; the previous image keeps serving. Delete $REJECTED_FILE to try it again."
fi

docker tag "$running_id" "$repo:rollback" || ulog "WARNING: could not tag the previous image as $repo:rollback"
ulog "recreating the service with $(short_id "$new_id") (previous image kept as $repo:rollback)"
if compose up -d --no-build "$MCP_SERVICE" && wait_healthy 1; then
  rm -f "$REJECTED_FILE"
  ulog "updated: now serving $(describe_image "$new_id" "$repo"); healthy"
  exit "$EX_OK"
fi

ulog "the new image is not healthy: ${HEALTH_REASON:-docker compose up failed}"
show_recent_logs 30
ulog "rolling back to the previous image $(describe_image "$running_id" "$repo")"
printf '%s\n' "$new_id" >"$REJECTED_FILE"
keep_running_image
if compose up -d --no-build "$MCP_SERVICE" && wait_healthy 1; then
  die "$EX_ROLLED_BACK" "ROLLED BACK: the new image $(short_id "$new_id") was unhealthy; the previous image $(short_id "$running_id") is serving again."
fi
die "$EX_ROLLBACK_FAILED" "rollback failed: the previous image $(short_id "$running_id") is not healthy either (${HEALTH_REASON:-docker compose up failed}). Check scripts/mcp_logs.sh."
