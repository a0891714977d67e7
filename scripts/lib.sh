# shellcheck shell=bash
# The variables set here are used by the scripts that source this file:
# shellcheck disable=SC2034
# Shared helpers for the autotask-mcp ops scripts. Sourced by every script, never run directly.
#
# Portable to macOS bash 3.2 and Linux bash 5: no associative arrays, mapfile, ${v,,}, readlink -f,
# GNU-only flags. Every external command (docker, docker-compose, curl, uname, systemctl,
# launchctl) is looked up on PATH, so tests replace them with shims.
#
# The scripts never read .env: they only check that it exists and is private (ls -l), and hand its
# path to Compose. They never run `compose config` either, which would print its contents.

# ---- constants ------------------------------------------------------------------------------
MCP_SERVICE=autotask-mcp
# Must equal the default in docker-compose.yml (a bats test checks it).
MCP_DEFAULT_IMAGE=autotask-mcp:latest
MCP_MODE_LABEL=autotask-mcp.mode

# Exit codes shared by all scripts (each --help lists the ones it uses).
EX_OK=0
EX_FAIL=1              # a docker/compose/scheduler command failed
EX_USAGE=2             # bad option or argument
EX_CONFIG=3            # .env missing or readable by others, or .pinned-digest invalid
EX_DOCKER=4            # docker or compose not installed, or the engine is not answering
EX_UNHEALTHY=5         # the service did not become healthy in time
EX_PIN_REFUSED=6       # the image does not match .pinned-digest; nothing was restarted
EX_ROLLED_BACK=7       # the new image was unhealthy; the previous image is serving again
EX_ROLLBACK_FAILED=8   # the new image was unhealthy and the previous one did not recover
EX_LOCKED=9            # another mcp_update.sh run holds the lock
EX_NO_DIGEST=10        # the image has no registry digest (built locally), so it cannot be pinned
EX_PLATFORM=11         # neither macOS nor Linux
EX_NOT_RUNNING=12      # the service container is not running

# ---- output ---------------------------------------------------------------------------------
info() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
err() { printf 'ERROR: %s\n' "$*" >&2; }
die() { # die CODE MESSAGE...
  local code=$1
  shift
  err "$*"
  # mcp_update.sh sets DIE_HOOK so that every refusal also lands in logs/update.log.
  if [ -n "${DIE_HOOK:-}" ]; then "$DIE_HOOK" "$code" "$*" || true; fi
  exit "$code"
}
timestamp() { date '+%Y-%m-%dT%H:%M:%S%z'; }

# ---- bundle location and settings -----------------------------------------------------------
# mcp_init SCRIPT_DIR: resolves the bundle and the settings every script shares.
mcp_init() {
  local script_dir=$1
  if [ -n "${MCP_BUNDLE_DIR:-}" ]; then
    BUNDLE_DIR=$(cd "$MCP_BUNDLE_DIR" && pwd -P) || die "$EX_USAGE" "MCP_BUNDLE_DIR is not a directory: $MCP_BUNDLE_DIR"
  else
    BUNDLE_DIR=$(cd "$script_dir/.." && pwd -P)
  fi
  COMPOSE_FILE_PATH=$BUNDLE_DIR/docker-compose.yml
  [ -f "$COMPOSE_FILE_PATH" ] || die "$EX_CONFIG" "docker-compose.yml not found in $BUNDLE_DIR"
  ENV_FILE=$BUNDLE_DIR/.env
  DEMO_ENV_FILE=$BUNDLE_DIR/demo.env
  PIN_FILE=$BUNDLE_DIR/.pinned-digest
  LOG_DIR=$BUNDLE_DIR/logs
  MCP_PROJECT=${MCP_COMPOSE_PROJECT:-autotask-mcp}
  MCP_IMAGE=${AUTOTASK_MCP_IMAGE:-$MCP_DEFAULT_IMAGE}
  MCP_PORT=${MCP_PORT:-8080}
  MCP_HEALTH_TIMEOUT=${MCP_HEALTH_TIMEOUT:-60}
  MCP_POLL_INTERVAL=${MCP_POLL_INTERVAL:-2}
  if ! is_uint "$MCP_PORT" || [ "$MCP_PORT" -lt 1 ] || [ "$MCP_PORT" -gt 65535 ]; then
    die "$EX_USAGE" "MCP_PORT must be a port number (1-65535), got: $MCP_PORT"
  fi
  is_uint "$MCP_HEALTH_TIMEOUT" || die "$EX_USAGE" "MCP_HEALTH_TIMEOUT must be whole seconds, got: $MCP_HEALTH_TIMEOUT"
  case $MCP_POLL_INTERVAL in
    '' | *[!0-9.]* | *.*.*) die "$EX_USAGE" "MCP_POLL_INTERVAL must be seconds (e.g. 2 or 0.5), got: $MCP_POLL_INTERVAL" ;;
  esac
  case $MCP_IMAGE in
    '' | *[[:space:]]*) die "$EX_USAGE" "AUTOTASK_MCP_IMAGE must be an image reference, got: '$MCP_IMAGE'" ;;
  esac
  MCP_HEALTH_URL=http://127.0.0.1:$MCP_PORT/health
  MCP_ENDPOINT=http://127.0.0.1:$MCP_PORT/mcp
  # Compose reads these; exporting them means a value in .env can never disagree with the scripts.
  export AUTOTASK_MCP_IMAGE=$MCP_IMAGE MCP_PORT
}

is_uint() { case $1 in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac; }

# ---- .env checks (existence and mode only; the contents are never read) ---------------------
# env_file_problem: prints why .env is unusable and returns 1, or returns 0 when it is fine.
env_file_problem() {
  if [ ! -e "$ENV_FILE" ]; then
    printf '%s\n' ".env not found at $ENV_FILE." \
      "Create it from the template and keep it private:" \
      "  cp '$BUNDLE_DIR/.env.example.txt' '$ENV_FILE' && chmod 600 '$ENV_FILE'" \
      "then fill in your Autotask API user. To try the server without credentials: $BUNDLE_DIR/scripts/mcp_up.sh --demo"
    return 1
  fi
  local mode
  mode=$(ls -ldL "$ENV_FILE" 2>/dev/null) || mode=
  case $mode in
    -???------*) return 0 ;;
    -*)
      printf '%s\n' "$ENV_FILE is accessible by group or others (${mode%% *}); it holds credentials." \
        "Fix: chmod 600 '$ENV_FILE'"
      return 1
      ;;
    *)
      printf '%s\n' "$ENV_FILE is not a regular file." "Fix: replace it with a regular file and run chmod 600 '$ENV_FILE'"
      return 1
      ;;
  esac
}

# require_env_file: refuse (exit EX_CONFIG) unless .env exists and is private.
require_env_file() {
  local why
  if ! why=$(env_file_problem); then
    die "$EX_CONFIG" "$why"
  fi
}

# use_mode MODE: point Compose at the env file for live (.env) or demo (demo.env).
use_mode() {
  case $1 in
    demo)
      [ -f "$DEMO_ENV_FILE" ] || die "$EX_CONFIG" "demo.env is missing from the bundle ($DEMO_ENV_FILE)"
      AUTOTASK_ENV_FILE=$DEMO_ENV_FILE
      ;;
    live) AUTOTASK_ENV_FILE=$ENV_FILE ;;
    *) die "$EX_USAGE" "unknown mode: $1" ;;
  esac
  AUTOTASK_MCP_MODE=$1
  export AUTOTASK_ENV_FILE AUTOTASK_MCP_MODE
}

# use_existing_mode: for commands that start nothing (down, logs, pull). Prefers the mode of the
# existing container, else live when .env exists, else demo. Warns about a loose .env, never refuses.
use_existing_mode() {
  local cid mode why
  cid=$(container_id)
  mode=
  [ -n "$cid" ] && mode=$(container_mode "$cid")
  if [ "$mode" != demo ] && [ "$mode" != live ]; then
    if [ -e "$ENV_FILE" ]; then mode=live; else mode=demo; fi
  fi
  if [ "$mode" = live ]; then
    if [ ! -e "$ENV_FILE" ]; then
      mode=demo
    elif ! why=$(env_file_problem); then
      warn "$why"
    fi
  fi
  use_mode "$mode"
}

# ---- docker and compose ---------------------------------------------------------------------
# require_docker: docker on PATH, the engine answering, and a Compose (v2 plugin or v1 binary).
require_docker() {
  command -v docker >/dev/null 2>&1 \
    || die "$EX_DOCKER" "docker not found on PATH. Install Docker Desktop (macOS) or Docker Engine (Linux)."
  docker info >/dev/null 2>&1 \
    || die "$EX_DOCKER" "the Docker engine is not answering ('docker info' failed). Start Docker Desktop or the docker service and retry."
  detect_compose
}

# detect_compose: sets COMPOSE_CMD. MCP_COMPOSE ("docker compose" or "docker-compose") forces one.
detect_compose() {
  case ${MCP_COMPOSE:-} in
    'docker compose') COMPOSE_CMD='docker compose' ;;
    docker-compose) COMPOSE_CMD=docker-compose ;;
    '')
      if docker compose version >/dev/null 2>&1; then
        COMPOSE_CMD='docker compose'
      elif command -v docker-compose >/dev/null 2>&1; then
        COMPOSE_CMD=docker-compose
      else
        die "$EX_DOCKER" "neither 'docker compose' (v2) nor 'docker-compose' (v1.29+) is installed."
      fi
      ;;
    *) die "$EX_USAGE" "MCP_COMPOSE must be 'docker compose' or 'docker-compose', got: $MCP_COMPOSE" ;;
  esac
}

# compose ARGS...: Compose on the bundle's file with a fixed project name.
compose() {
  if [ "$COMPOSE_CMD" = docker-compose ]; then
    docker-compose -f "$COMPOSE_FILE_PATH" -p "$MCP_PROJECT" --project-directory "$BUNDLE_DIR" "$@"
  else
    docker compose -f "$COMPOSE_FILE_PATH" -p "$MCP_PROJECT" --project-directory "$BUNDLE_DIR" "$@"
  fi
}

# container_id: the service container (running or not), or nothing. Label filters behave the same
# under Compose v1 and v2, unlike container names.
container_id() {
  docker ps -aq --filter "label=com.docker.compose.project=$MCP_PROJECT" \
    --filter "label=com.docker.compose.service=$MCP_SERVICE" 2>/dev/null | head -n 1 || true
}

container_image_id() { docker inspect --format '{{.Image}}' "$1" 2>/dev/null; }
container_mode() { docker inspect --format "{{index .Config.Labels \"$MCP_MODE_LABEL\"}}" "$1" 2>/dev/null || true; }
# container_state CID: "<status> <health>", health is "none" without a healthcheck.
container_state() {
  docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null
}
container_running() {
  local state
  state=$(container_state "$1") || return 1
  case $state in running\ *) return 0 ;; *) return 1 ;; esac
}

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null; }
image_version() { docker image inspect --format '{{index .Config.Labels "org.opencontainers.image.version"}}' "$1" 2>/dev/null || true; }

# image_repo REF: the repository part of a reference (no tag, no digest).
image_repo() {
  local ref=${1%%@*} last
  last=${ref##*/}
  case $last in *:*) ref=${ref%:*} ;; esac
  printf '%s\n' "$ref"
}

# same_repo A B: equal, or one is the other with a registry/namespace prefix (docker shows
# short names for its default registry, so a fully qualified name must still match).
same_repo() {
  [ "$1" = "$2" ] && return 0
  case $1 in */"$2") return 0 ;; esac
  case $2 in */"$1") return 0 ;; esac
  return 1
}

# repo_digest IMAGE REPO: the "repo@sha256:..." registry digest of IMAGE for REPO, or nothing
# (an image built locally and never pushed or pulled has none).
repo_digest() {
  local line want=$2
  docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$1" 2>/dev/null | while IFS= read -r line; do
    [ -n "$line" ] || continue
    if same_repo "${line%%@*}" "$want"; then
      printf '%s\n' "$line"
      break
    fi
  done || true
}

short_id() { local id=${1#sha256:}; printf '%.12s\n' "$id"; }

# describe_image ID REPO: one human line, e.g. "3f2a1b0c9d8e (repo@sha256:..., version 0.1.0)".
describe_image() {
  local digest version
  digest=$(repo_digest "$1" "$2")
  version=$(image_version "$1")
  printf '%s (%s, version %s)\n' "$(short_id "$1")" "${digest:-no registry digest}" "${version:-unknown}"
}

# ---- pinning --------------------------------------------------------------------------------
valid_pin_ref() {
  case $1 in
    *@sha256:*) ;;
    *) return 1 ;;
  esac
  local hex=${1##*@sha256:} repo=${1%@sha256:*}
  [ ${#hex} -eq 64 ] || return 1
  case $hex in *[!0-9a-f]*) return 1 ;; esac
  case $repo in '' | *[[:space:]@]*) return 1 ;; esac
  return 0
}

# read_pin: sets PINNED_REF from .pinned-digest ("" when there is no pin); exits on a bad file.
read_pin() {
  PINNED_REF=
  [ -e "$PIN_FILE" ] || return 0
  IFS= read -r PINNED_REF <"$PIN_FILE" || true
  PINNED_REF=$(printf '%s' "$PINNED_REF" | tr -d '[:space:]')
  valid_pin_ref "$PINNED_REF" \
    || die "$EX_CONFIG" "$PIN_FILE does not hold a 'repo@sha256:<64 hex>' reference. Re-create it with scripts/mcp_pin_digest.sh or delete it."
  same_repo "$(image_repo "$PINNED_REF")" "$(image_repo "$MCP_IMAGE")" \
    || die "$EX_CONFIG" "$PIN_FILE pins $(image_repo "$PINNED_REF") but the configured image is $MCP_IMAGE. Re-pin or delete the pin."
}

# pin_matches IMAGE_ID: the image carries the pinned registry digest.
pin_matches() {
  local digest
  digest=$(repo_digest "$1" "$(image_repo "$PINNED_REF")")
  [ -n "$digest" ] && [ "${digest##*@}" = "${PINNED_REF##*@}" ]
}

# ensure_pinned_image: make the configured tag name the pinned image locally (pulling it by digest
# when absent), so Compose starts exactly the pinned content.
ensure_pinned_image() {
  local id
  id=$(image_id "$MCP_IMAGE") || id=
  if [ -n "$id" ] && pin_matches "$id"; then
    return 0
  fi
  if ! image_id "$PINNED_REF" >/dev/null; then
    info "Pulling the pinned image $PINNED_REF"
    docker pull "$PINNED_REF" || die "$EX_FAIL" "could not pull the pinned image $PINNED_REF"
  fi
  docker tag "$PINNED_REF" "$MCP_IMAGE" || die "$EX_FAIL" "could not tag $PINNED_REF as $MCP_IMAGE"
  info "Using the pinned image $PINNED_REF as $MCP_IMAGE"
}

# ---- health ---------------------------------------------------------------------------------
# health_ok: GET /health through the published port answers {"status":"ok"}.
health_ok() {
  local body
  command -v curl >/dev/null 2>&1 || return 1
  body=$(curl -fsS --max-time 3 "$MCP_HEALTH_URL" 2>/dev/null) || return 1
  printf '%s' "$body" | grep -q '"status"[[:space:]]*:[[:space:]]*"ok"'
}

# wait_healthy STRICT: polls until healthy or MCP_HEALTH_TIMEOUT. STRICT=1 also waits for Docker's
# own health status to be "healthy" (used before keeping a new image). Sets HEALTH_REASON on failure.
wait_healthy() {
  local strict=$1 start=$SECONDS elapsed=0 cid state status health last_shown=-1 tty=0
  HEALTH_REASON=
  [ -t 1 ] && tty=1
  while :; do
    elapsed=$((SECONDS - start))
    cid=$(container_id)
    state=
    if [ -n "$cid" ]; then state=$(container_state "$cid") || state=; fi
    status=${state%% *}
    health=${state#* }
    case $status in
      exited | dead | restarting)
        HEALTH_REASON="the container is $status (it crashed or exited)"
        break
        ;;
    esac
    if [ "$health" = unhealthy ]; then
      HEALTH_REASON="Docker reports the container unhealthy"
      break
    fi
    if [ "$status" = running ]; then
      if command -v curl >/dev/null 2>&1; then
        if health_ok && { [ "$strict" != 1 ] || [ "$health" = healthy ] || [ "$health" = none ]; }; then
          [ "$tty" = 1 ] && printf '\n'
          return 0
        fi
      elif [ "$health" = healthy ]; then
        [ "$tty" = 1 ] && printf '\n'
        return 0
      fi
    fi
    if [ "$elapsed" -ge "$MCP_HEALTH_TIMEOUT" ]; then
      HEALTH_REASON="no healthy answer from $MCP_HEALTH_URL within ${MCP_HEALTH_TIMEOUT}s (container: ${state:-missing})"
      break
    fi
    if [ "$tty" = 1 ]; then
      printf '\rWaiting for %s ... %ss/%ss (%s)   ' "$MCP_HEALTH_URL" "$elapsed" "$MCP_HEALTH_TIMEOUT" "${health:-starting}"
    elif [ "$elapsed" -ne "$last_shown" ] && [ $((elapsed % 5)) -eq 0 ]; then
      printf 'Waiting for %s ... %ss/%ss (%s)\n' "$MCP_HEALTH_URL" "$elapsed" "$MCP_HEALTH_TIMEOUT" "${health:-starting}"
      last_shown=$elapsed
    fi
    sleep "$MCP_POLL_INTERVAL"
  done
  [ "$tty" = 1 ] && printf '\n'
  return 1
}

# show_recent_logs N: the service's last N log lines (the server never logs secrets).
show_recent_logs() {
  info "---- last $1 log lines of $MCP_SERVICE ----"
  compose logs --no-color --tail "$1" "$MCP_SERVICE" 2>&1 || true
  info "---- end of log ----"
}

# ---- single-run lock ------------------------------------------------------------------------
# acquire_lock DIR: mkdir is atomic everywhere (flock does not exist on macOS). The owner's PID is
# kept inside; a lock whose owner is gone (killed, machine rebooted) is taken over. Sets LOCK_OWNER
# when busy and LOCK_STALE_PID when a stale lock was replaced.
acquire_lock() {
  local dir=$1 pid=
  LOCK_OWNER=
  LOCK_STALE_PID=
  if mkdir "$dir" 2>/dev/null; then
    printf '%s\n' "$$" >"$dir/pid"
    LOCK_HELD=$dir
    return 0
  fi
  if [ -f "$dir/pid" ]; then IFS= read -r pid <"$dir/pid" || true; fi
  if is_uint "$pid" && kill -0 "$pid" 2>/dev/null; then
    LOCK_OWNER=$pid
    return 1
  fi
  # No PID yet and younger than a minute: another run is between mkdir and writing its PID.
  if [ -z "$pid" ] && [ -z "$(find "$dir" -prune -mmin +1 2>/dev/null)" ]; then
    LOCK_OWNER=unknown
    return 1
  fi
  rm -rf "$dir"
  if mkdir "$dir" 2>/dev/null; then
    printf '%s\n' "$$" >"$dir/pid"
    LOCK_HELD=$dir
    LOCK_STALE_PID=${pid:-unknown}
    return 0
  fi
  LOCK_OWNER=unknown
  return 1
}

release_lock() {
  if [ -n "${LOCK_HELD:-}" ]; then
    rm -rf "$LOCK_HELD"
    LOCK_HELD=
  fi
}

# ---- weekly timer (cron_install.sh / cron_uninstall.sh) ---------------------------------------
TIMER_NAME=autotask-mcp-update
LAUNCHD_LABEL=local.autotask-mcp.update

# scheduler_paths: where the timer files live (HOME and XDG_CONFIG_HOME are honoured, so tests
# install into a sandbox).
scheduler_paths() {
  SYSTEMD_USER_DIR=${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user
  SYSTEMD_SERVICE=$SYSTEMD_USER_DIR/$TIMER_NAME.service
  SYSTEMD_TIMER=$SYSTEMD_USER_DIR/$TIMER_NAME.timer
  SYSTEMD_STAMP=${XDG_DATA_HOME:-$HOME/.local/share}/systemd/timers/stamp-$TIMER_NAME.timer
  LAUNCHD_PLIST=$HOME/Library/LaunchAgents/$LAUNCHD_LABEL.plist
  TIMER_LOG=$LOG_DIR/update-timer.log
}

# detect_platform: PLATFORM=macos|linux, or exit EX_PLATFORM.
detect_platform() {
  local kernel
  kernel=$(uname -s 2>/dev/null) || kernel=unknown
  case $kernel in
    Darwin) PLATFORM=macos ;;
    Linux) PLATFORM=linux ;;
    *) die "$EX_PLATFORM" "unsupported system '$kernel': the weekly timer supports macOS (launchd) and Linux (systemd)" ;;
  esac
}

launchd_domain() { printf 'gui/%s\n' "$(id -u)"; }

# ---- argument helpers -----------------------------------------------------------------------
# only_help_option ARGS...: for scripts whose only option is --help (usage() must be defined).
only_help_option() {
  [ $# -eq 0 ] && return 0
  case $1 in
    -h | --help)
      usage
      exit 0
      ;;
    *) die "$EX_USAGE" "unknown option: $1 (see --help)" ;;
  esac
}

# need_value OPTION VALUE: options that take a value must get one.
need_value() { [ -n "${2:-}" ] || die "$EX_USAGE" "$1 needs a value (see --help)"; }
