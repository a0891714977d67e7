# shellcheck shell=bash
# The variables set here are used by the scripts that source this file:
# shellcheck disable=SC2034
# Shared helpers for the autotask-mcp ops scripts. Sourced by every script, never run directly.
#
# Portable to macOS bash 3.2 and Linux bash 5: no associative arrays, mapfile, ${v,,}, readlink -f,
# GNU-only flags. Every external command (docker, docker-compose, curl, uname, systemctl,
# launchctl, loginctl, cosign, ps) is looked up on PATH, so tests replace them with shims.
#
# The scripts never read .env: they only check that it exists and is private (ls -l), and hand its
# path to Compose. They never run `compose config` either, which would print its contents.
#
# Image references. The default image is docker-compose.yml's `${AUTOTASK_MCP_IMAGE:-...}` (read
# from that file, so it is defined once; a release bundle's default is the released image by
# digest). A reference NAME:local (no registry, no namespace) is a local build of the bundled
# Dockerfile: it is never pulled, cannot be pinned and is not updated. Every other reference is a
# registry image: it is pulled, never built, and a failed pull is an error.
#
# The pin. .pinned-digest holds "repo@sha256:..."; the scripts project it into
# docker-compose.override.yml (a literal image, no variables), which Compose reads by default, so
# a plain `docker compose up -d` runs the pin as well. A configured image that is itself a digest
# reference is pinned by its own name.

# ---- constants ------------------------------------------------------------------------------
MCP_SERVICE=autotask-mcp
MCP_MODE_LABEL=autotask-mcp.mode
# First line of the Compose override the pin writes (anything else there is not ours to touch).
PIN_MARK='# autotask-mcp-pin:'
# The published image, ghcr.io/<owner>/autotask-mcp, is signed keyless by this workflow of the
# repository github.com/<owner>/autotask-mcp, with GitHub Actions' OIDC tokens.
PUBLISHED_IMAGE_HINT='ghcr.io/<owner>/autotask-mcp:latest'
RELEASE_WORKFLOW=.github/workflows/release.yml
OIDC_ISSUER=https://token.actions.githubusercontent.com

# Exit codes shared by all scripts (each --help lists the ones it uses).
EX_OK=0
EX_FAIL=1              # a docker/compose/scheduler command failed
EX_USAGE=2             # bad option or argument
EX_CONFIG=3            # .env missing or loose, .pinned-digest invalid, logs/ unwritable, override in the way
EX_DOCKER=4            # docker or compose not installed, or the engine is not answering
EX_UNHEALTHY=5         # the service did not become healthy in time
EX_PIN_REFUSED=6       # the image does not match .pinned-digest; nothing was restarted
EX_ROLLED_BACK=7       # the new image was unhealthy; the previous image is serving again
EX_ROLLBACK_FAILED=8   # the new image was unhealthy and the previous one did not recover
EX_LOCKED=9            # another mcp_update.sh run holds the lock
EX_NO_DIGEST=10        # a local build (or an image without a registry digest): nothing to pull, pin or update
EX_PLATFORM=11         # neither macOS nor Linux
EX_NOT_RUNNING=12      # the service container is not running
EX_PLATFORM_DIGEST=13  # a single-platform manifest digest of a multi-platform image (pin the index)
EX_SIGNATURE=14        # the new image's signature could not be verified (cosign verify failed)

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
  OVERRIDE_FILE=$BUNDLE_DIR/docker-compose.override.yml
  ENV_FILE=$BUNDLE_DIR/.env
  DEMO_ENV_FILE=$BUNDLE_DIR/demo.env
  PIN_FILE=$BUNDLE_DIR/.pinned-digest
  LOG_DIR=$BUNDLE_DIR/logs
  STOP_FILE=$LOG_DIR/stop.requested
  MCP_PROJECT=${MCP_COMPOSE_PROJECT:-autotask-mcp}
  MCP_DEFAULT_IMAGE=$(compose_default_image "$COMPOSE_FILE_PATH")
  [ -n "$MCP_DEFAULT_IMAGE" ] \
    || die "$EX_CONFIG" "docker-compose.yml must name the image as \${AUTOTASK_MCP_IMAGE:-<default>} (the scripts take their default from it)"
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
  MCP_REPO=$(image_repo "$MCP_IMAGE")
  # The tag an update looks at for news: the image itself, or REPO:latest for a digest reference.
  if is_digest_ref "$MCP_IMAGE"; then MCP_TRACK_REF=$MCP_REPO:latest; else MCP_TRACK_REF=$MCP_IMAGE; fi
  MCP_HEALTH_URL=http://127.0.0.1:$MCP_PORT/health
  MCP_ENDPOINT=http://127.0.0.1:$MCP_PORT/mcp
  # Compose reads these; exporting them means a value in .env can never disagree with the scripts.
  export AUTOTASK_MCP_IMAGE=$MCP_IMAGE MCP_PORT
}

is_uint() { case $1 in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac; }

# compose_default_image FILE: X from the service's `image: ${AUTOTASK_MCP_IMAGE:-X}` line.
compose_default_image() {
  local found
  # shellcheck disable=SC2016 # a literal ${ is what is matched
  found=$(sed -n 's/^[[:space:]]*image:[[:space:]]*["'"'"']\{0,1\}\${AUTOTASK_MCP_IMAGE:-\([^}]*\)}["'"'"']\{0,1\}[[:space:]]*$/\1/p' "$1") || found=
  # the first match only
  printf '%s\n' "${found%%
*}"
}

# ---- image references -------------------------------------------------------------------------
# is_local_image REF: NAME:local, a local build of the bundled Dockerfile (no registry serves it).
is_local_image() {
  case $1 in
    */* | *@*) return 1 ;;
    *:local) return 0 ;;
  esac
  return 1
}
is_digest_ref() { case $1 in *@sha256:*) return 0 ;; esac; return 1; }

# local_build_note: what a local build is, said the same way by every script.
local_build_note() {
  printf '%s\n' "$MCP_IMAGE is a local build of this bundle's Dockerfile: it is never pulled, has no registry digest (so it cannot be pinned), and mcp_update.sh cannot update it. For the published, signed image set AUTOTASK_MCP_IMAGE=$PUBLISHED_IMAGE_HINT."
}

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

# compose ARGS...: Compose on the bundle's files with a fixed project name: docker-compose.yml and,
# as a plain `docker compose` would, docker-compose.override.yml when it exists (the pin).
# COMPOSE_WITHOUT_PIN=1 leaves the override out (only a rollback under a pin does that).
compose() {
  local files
  files=(-f "$COMPOSE_FILE_PATH")
  if [ "${COMPOSE_WITHOUT_PIN:-0}" != 1 ] && [ -f "$OVERRIDE_FILE" ]; then
    files=(-f "$COMPOSE_FILE_PATH" -f "$OVERRIDE_FILE")
  fi
  if [ "$COMPOSE_CMD" = docker-compose ]; then
    docker-compose "${files[@]}" -p "$MCP_PROJECT" --project-directory "$BUNDLE_DIR" "$@"
  else
    docker compose "${files[@]}" -p "$MCP_PROJECT" --project-directory "$BUNDLE_DIR" "$@"
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
# image_tag_count ID: how many tags (repo:tag names) still point at a local image.
image_tag_count() {
  docker image inspect --format '{{range .RepoTags}}{{println .}}{{end}}' "$1" 2>/dev/null | grep -c . || true
}

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

# repo_digests IMAGE REPO: every "repo@sha256:..." registry digest of IMAGE for REPO, one a line.
repo_digests() {
  local line want=$2
  docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$1" 2>/dev/null | while IFS= read -r line; do
    if [ -n "$line" ] && same_repo "${line%%@*}" "$want"; then printf '%s\n' "$line"; fi
  done || true
}

# docker_pull REF: docker pull, its output shown; sets PULLED_DIGEST to the digest the registry
# served for REF (docker's "Digest:" line: for a multi-platform tag, the index digest).
docker_pull() {
  local out rc=0
  PULLED_DIGEST=
  out=$(docker pull "$1" 2>&1) || rc=$?
  printf '%s\n' "$out"
  [ "$rc" = 0 ] || return "$rc"
  PULLED_DIGEST=$(printf '%s\n' "$out" | sed -n 's/^Digest: \(sha256:[0-9a-f]\{64\}\)[[:space:]]*$/\1/p' | tail -n 1)
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

# read_pin: sets PINNED_REF ("" when there is no pin) and PIN_SOURCE (file: .pinned-digest; image:
# the configured image is itself a digest reference), then makes docker-compose.override.yml say
# the same (sync_pin_override). Exits on a bad pin file.
read_pin() {
  PINNED_REF=
  PIN_SOURCE=
  if [ -e "$PIN_FILE" ]; then
    IFS= read -r PINNED_REF <"$PIN_FILE" || true
    PINNED_REF=$(printf '%s' "$PINNED_REF" | tr -d '[:space:]')
    valid_pin_ref "$PINNED_REF" \
      || die "$EX_CONFIG" "$PIN_FILE does not hold a 'repo@sha256:<64 hex>' reference. Re-create it with scripts/mcp_pin_digest.sh or remove it with scripts/mcp_pin_digest.sh --remove."
    if is_local_image "$MCP_IMAGE"; then
      die "$EX_CONFIG" "$PIN_FILE pins $PINNED_REF, but the configured image $MCP_IMAGE is a local build. Set AUTOTASK_MCP_IMAGE to that registry image's tag, or remove the pin with scripts/mcp_pin_digest.sh --remove."
    fi
    same_repo "$(image_repo "$PINNED_REF")" "$MCP_REPO" \
      || die "$EX_CONFIG" "$PIN_FILE pins $(image_repo "$PINNED_REF") but the configured image is $MCP_IMAGE. Re-pin or remove the pin (scripts/mcp_pin_digest.sh --remove)."
    PIN_SOURCE='file'
  elif is_digest_ref "$MCP_IMAGE"; then
    valid_pin_ref "$MCP_IMAGE" || die "$EX_USAGE" "AUTOTASK_MCP_IMAGE is not a valid 'repo@sha256:<64 hex>' reference: $MCP_IMAGE"
    PINNED_REF=$MCP_IMAGE
    PIN_SOURCE='image'
  fi
  sync_pin_override
}

# pin_override_text REF: the Compose override that makes Compose run exactly REF.
pin_override_text() {
  printf '%s %s\n' "$PIN_MARK" "$1"
  printf '%s\n' \
    "# Written by scripts/mcp_pin_digest.sh from .pinned-digest: change or remove the pin with that" \
    "# script, not here. Compose reads docker-compose.override.yml by default, so every start of the" \
    "# service (the scripts, \`docker compose up -d\`, \`docker-compose up -d\`) runs exactly this digest." \
    'version: "2.4"' \
    "services:" \
    "  $MCP_SERVICE:" \
    "    image: $1"
}

# override_is_ours: docker-compose.override.yml was written by the pin (its first line is PIN_MARK).
override_is_ours() {
  local first=
  IFS= read -r first <"$OVERRIDE_FILE" 2>/dev/null || true
  case $first in "$PIN_MARK "*) return 0 ;; esac
  return 1
}

# pin_override_obstacle: prints why Compose would not (or we may not) use our override, if so.
pin_override_obstacle() {
  local name
  # Compose v2 prefers compose.yaml/compose.yml over docker-compose.yml and compose.override.* over
  # docker-compose.override.yml; docker-compose 1.29 warns and takes one of them.
  for name in compose.yaml compose.yml docker-compose.yaml compose.override.yml compose.override.yaml docker-compose.override.yaml; do
    if [ -e "$BUNDLE_DIR/$name" ]; then
      printf '%s\n' "$BUNDLE_DIR/$name exists: a plain \`docker compose up\` would read it instead of docker-compose.yml / docker-compose.override.yml, and could start an image other than the pin. Move its settings into docker-compose.yml (or delete it), then pin again."
      return 0
    fi
  done
  if [ -e "$OVERRIDE_FILE" ] && ! override_is_ours; then
    printf '%s\n' "$OVERRIDE_FILE exists and was not written by mcp_pin_digest.sh; the pin lives in that file. Move its settings into docker-compose.yml (or delete it), then pin again."
    return 0
  fi
  return 1
}

# write_pin_override REF: (re)writes docker-compose.override.yml for REF; returns 1 when unchanged.
write_pin_override() {
  local want have
  want=$(pin_override_text "$1")
  have=$(cat "$OVERRIDE_FILE" 2>/dev/null) || have=
  [ "$have" != "$want" ] || return 1
  { printf '%s\n' "$want" >"$OVERRIDE_FILE.tmp" && mv "$OVERRIDE_FILE.tmp" "$OVERRIDE_FILE"; } 2>/dev/null \
    || die "$EX_CONFIG" "cannot write $OVERRIDE_FILE (is $BUNDLE_DIR writable?): without it a plain \`docker compose up\` would not run the pin"
  return 0
}

# sync_pin_override: docker-compose.override.yml names exactly the pin in .pinned-digest, and is
# gone when that file is gone (removed by hand).
sync_pin_override() {
  local why
  if [ "$PIN_SOURCE" = file ]; then
    if why=$(pin_override_obstacle); then die "$EX_CONFIG" "$why"; fi
    if write_pin_override "$PINNED_REF"; then
      info "Wrote docker-compose.override.yml: Compose runs exactly the pinned $PINNED_REF"
    fi
  elif [ -e "$OVERRIDE_FILE" ] && override_is_ours; then
    rm -f "$OVERRIDE_FILE" || die "$EX_CONFIG" "cannot remove the stale pin override $OVERRIDE_FILE"
    info "Removed docker-compose.override.yml: there is no pin any more (.pinned-digest is gone), so Compose follows $MCP_IMAGE again"
  fi
  return 0
}

# pin_matches IMAGE_ID: the image carries the pinned registry digest.
pin_matches() {
  local line digests
  digests=$(docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$1" 2>/dev/null) || return 1
  while IFS= read -r line; do
    if [ -n "$line" ] && [ "${line##*@}" = "${PINNED_REF##*@}" ] && same_repo "${line%%@*}" "$(image_repo "$PINNED_REF")"; then
      return 0
    fi
  done <<EOF
$digests
EOF
  return 1
}

# ensure_pinned_image: the pinned image is present locally (pulled by its digest when absent).
# Compose then runs it through docker-compose.override.yml (or the configured digest itself).
ensure_pinned_image() {
  if image_id "$PINNED_REF" >/dev/null; then return 0; fi
  info "Pulling the pinned image $PINNED_REF"
  docker pull "$PINNED_REF" || die "$EX_FAIL" "could not pull the pinned image $PINNED_REF (see the output above)"
  image_id "$PINNED_REF" >/dev/null || die "$EX_FAIL" "the pinned image $PINNED_REF is not present after the pull"
}

# ---- what a digest names: multi-platform index or single-platform manifest -------------------
# manifest_raw REF: sets MANIFEST_JSON to what the registry serves for REF, asked through
# `docker buildx imagetools inspect --raw` (when the plugin exists) or `docker manifest inspect`;
# on failure returns 1 with MANIFEST_WHY saying what each tool answered.
manifest_raw() {
  local ref=$1 out insecure=
  MANIFEST_JSON=
  MANIFEST_WHY=
  if docker buildx version >/dev/null 2>&1; then
    if out=$(docker buildx imagetools inspect --raw "$ref" 2>&1); then
      MANIFEST_JSON=$out
      return 0
    fi
    MANIFEST_WHY="docker buildx imagetools inspect: $(printf '%s\n' "$out" | tail -n 1)"
  fi
  # Docker talks plain HTTP to registries on localhost only; docker manifest must be told so.
  case $ref in localhost:* | localhost/* | 127.0.0.1:*) insecure=--insecure ;; esac
  if out=$(docker manifest inspect ${insecure:+"$insecure"} "$ref" 2>&1); then
    MANIFEST_JSON=$out
    return 0
  fi
  MANIFEST_WHY="${MANIFEST_WHY:+$MANIFEST_WHY; }docker manifest inspect: $(printf '%s\n' "$out" | tail -n 1)"
  return 1
}

# manifest_kind REF: sets MANIFEST_KIND to index (a multi-platform index: one manifest per
# platform), image (one image manifest) or unknown (MANIFEST_WHY says why).
manifest_kind() {
  MANIFEST_KIND=unknown
  manifest_raw "$1" || return 0
  case $MANIFEST_JSON in
    *'"manifests"'*) MANIFEST_KIND=index ;;
    *'"layers"'*) MANIFEST_KIND=image ;;
    *) MANIFEST_WHY="the registry's answer for $1 is neither an image manifest nor an index" ;;
  esac
}

# index_platform_of JSON DIGEST: "os/arch" of DIGEST's entry in an index, or nothing.
index_platform_of() {
  # shellcheck disable=SC2020 # each of , { } becomes a line break
  printf '%s\n' "$1" | tr ',{}' '\n\n\n' | awk -v want="\"$2\"" '
    { gsub(/^[ \t]+|[ \t]+$/, "") }
    /^"digest"[ \t]*:/ { v = $0; sub(/^"digest"[ \t]*:[ \t]*/, "", v); found = (v == want); a = ""; o = ""; next }
    found && /^"architecture"[ \t]*:/ { a = $0; sub(/^"architecture"[ \t]*:[ \t]*/, "", a); gsub(/"/, "", a) }
    found && /^"os"[ \t]*:/ { o = $0; sub(/^"os"[ \t]*:[ \t]*/, "", o); gsub(/"/, "", o) }
    found && a != "" && o != "" { print o "/" a; exit }'
}

# check_pin_kind REF ORIGIN: a pin must be what the registry serves for the tag -- for a
# multi-platform image its index, since Docker records the index digest when it pulls the tag.
# Refuses (exit 13) a single-platform manifest of a multi-platform image. ORIGIN "explicit" (typed
# by the user: a digest nobody could inspect is refused) or "pulled" (a digest Docker recorded for a
# pulled image: kept, with a note, when nobody can inspect it). Sets PIN_KIND_NOTE.
check_pin_kind() {
  local ref=$1 origin=$2 kind why tag_kind tag_json='' platform
  manifest_kind "$ref"
  kind=$MANIFEST_KIND
  why=$MANIFEST_WHY
  case $kind in
    index)
      PIN_KIND_NOTE="a multi-platform index"
      return 0
      ;;
    unknown)
      [ "$origin" = pulled ] \
        || die "$EX_FAIL" "could not tell whether $ref is a multi-platform index or a single-platform manifest ($why). Nothing was pinned. Retry when the registry answers, or pin from a pulled image: scripts/mcp_pin_digest.sh --pull pins what $MCP_TRACK_REF names."
      PIN_KIND_NOTE="index or single-platform manifest not checked ($why); it is the digest Docker recorded when it pulled the image"
      return 0
      ;;
  esac
  # A single image manifest: right for a single-platform image, wrong inside a multi-platform one.
  manifest_kind "$MCP_TRACK_REF"
  tag_kind=$MANIFEST_KIND
  [ "$tag_kind" = unknown ] || tag_json=$MANIFEST_JSON
  # The published releases are always multi-platform indexes (linux/amd64 and linux/arm64).
  if [ "$tag_kind" = unknown ] && published_owner "$(image_repo "$ref")" >/dev/null; then tag_kind=index; fi
  case $tag_kind in
    image)
      PIN_KIND_NOTE="a single-platform image manifest, as $MCP_TRACK_REF serves"
      return 0
      ;;
    index)
      platform=$(index_platform_of "$tag_json" "${ref##*@}")
      die "$EX_PLATFORM_DIGEST" "refusing to pin $ref: it is a single-platform manifest${platform:+ ($platform)}, and $MCP_TRACK_REF is a multi-platform index (one manifest per platform). Docker records the index digest when it pulls the tag, so every update would find this pin unmet and refuse (exit 6). Pin the index digest instead: scripts/mcp_pin_digest.sh --pull pins what $MCP_TRACK_REF names now (\`docker buildx imagetools inspect $MCP_TRACK_REF\` shows its digest)."
      ;;
  esac
  [ "$origin" = pulled ] \
    || die "$EX_FAIL" "$ref is a single-platform manifest, and it could not be checked whether $MCP_TRACK_REF is a multi-platform image ($MANIFEST_WHY). Nothing was pinned. Retry when the registry answers, or run scripts/mcp_pin_digest.sh --pull."
  PIN_KIND_NOTE="a single-platform image manifest (whether $MCP_TRACK_REF is multi-platform was not checked: $MANIFEST_WHY)"
}

# ---- signatures ---------------------------------------------------------------------------------
# published_owner REPO: prints OWNER when REPO is the published image ghcr.io/OWNER/autotask-mcp.
published_owner() {
  local owner
  case $1 in
    ghcr.io/*/autotask-mcp)
      owner=${1#ghcr.io/}
      owner=${owner%/autotask-mcp}
      case $owner in '' | */* | *[!a-z0-9-]*) return 1 ;; esac
      printf '%s\n' "$owner"
      return 0
      ;;
  esac
  return 1
}

# verify_signature REF: for the published image, `cosign verify` (keyless) that REF was signed by
# the repository's release workflow. Sets SIGNATURE_NOTE; returns 1 only when cosign ran and
# refused. Not the published image, or no cosign: returns 0 with a note saying it was not verified.
verify_signature() {
  local ref=$1 repo owner identity out
  repo=$(image_repo "$ref")
  if ! owner=$(published_owner "$repo"); then
    SIGNATURE_NOTE="signature not verified: $repo is not the published image ghcr.io/<owner>/autotask-mcp (only its releases are signed)"
    return 0
  fi
  if ! command -v cosign >/dev/null 2>&1; then
    SIGNATURE_NOTE="signature not verified: cosign is not installed (install it to have every update of $repo checked against its release workflow)"
    return 0
  fi
  # Case-insensitive: ghcr.io names are lower case, the GitHub URL in the certificate may not be.
  identity="(?i)^https://github\.com/$owner/autotask-mcp/\.github/workflows/release\.yml@refs/tags/"
  if out=$(cosign verify --certificate-identity-regexp "$identity" --certificate-oidc-issuer "$OIDC_ISSUER" "$ref" 2>&1 >/dev/null); then
    SIGNATURE_NOTE="signature verified: $ref is signed by github.com/$owner/autotask-mcp's $RELEASE_WORKFLOW (cosign, keyless)"
    return 0
  fi
  SIGNATURE_NOTE="cosign could not verify that $ref was signed by github.com/$owner/autotask-mcp's $RELEASE_WORKFLOW: $(printf '%s\n' "$out" | grep . | tail -n 2 | tr '\n' ' ')"
  return 1
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
# When the function named by HEALTH_ABORT_HOOK succeeds, it stops waiting with HEALTH_ABORTED=1.
wait_healthy() {
  local strict=$1 start=$SECONDS elapsed=0 cid state status health last_shown=-1 tty=0
  HEALTH_REASON=
  HEALTH_ABORTED=0
  [ -t 1 ] && tty=1
  while :; do
    if [ -n "${HEALTH_ABORT_HOOK:-}" ] && "$HEALTH_ABORT_HOOK"; then
      HEALTH_REASON="the wait was called off"
      HEALTH_ABORTED=1
      break
    fi
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
# The lock is a symbolic link whose target is its holder's token, "PID-STARTTIME": symlink(2) is
# atomic and fails when the name exists, on macOS and Linux alike (flock does not exist on macOS),
# so the lock never exists without its owner. The start time (from ps) keeps a PID reused after a
# reboot from passing for the owner.
#
# A stale lock (its owner is gone: killed, machine rebooted) is taken over through a second lock,
# NAME.break.<stale token>, which only one process can create; only that process removes the stale
# lock, and only while it still names that token (tokens are never reused). So of any number of
# starters exactly one holds the lock, also during a takeover. A breaker that died mid-takeover
# leaves a stale break lock, which is taken over the same way (at most 3 levels deep).

# proc_start PID: the process's start time as a word, or nothing when ps cannot tell.
proc_start() {
  ps -p "$1" -o lstart= 2>/dev/null | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/[^A-Za-z0-9]/_/g'
  return 0
}

# lock_owner NAME: the owner token of the lock NAME (a directory lock of an older version of these
# scripts gives PID-legacy); fails when there is no lock.
lock_owner() {
  local pid=
  if [ -L "$1" ]; then
    readlink "$1"
    return
  fi
  if [ -d "$1" ]; then
    if [ -f "$1/pid" ]; then IFS= read -r pid <"$1/pid" || true; fi
    printf '%s-legacy\n' "${pid:-none}"
    return 0
  fi
  return 1
}

# lock_owner_alive TOKEN: the process named by the token still runs (and is the same process).
lock_owner_alive() {
  local pid=${1%%-*} start=${1#*-} now
  is_uint "$pid" || return 1
  [ "$start" != legacy ] || start=
  now=$(proc_start "$pid")
  if [ -n "$now" ]; then
    [ -z "$start" ] || [ "$now" = "$start" ]
    return
  fi
  # ps saw no such process (or does not work here): the signal test decides.
  kill -0 "$pid" 2>/dev/null
}

# lock_remove_if NAME TOKEN: removes the lock NAME only while TOKEN still owns it.
lock_remove_if() {
  local owner
  owner=$(lock_owner "$1") || return 0
  [ "$owner" = "$2" ] || return 0
  if [ -L "$1" ]; then rm -f "$1"; else rm -rf "$1"; fi
}

# lock_take NAME DEPTH: 0 when this process now holds NAME. Otherwise sets LOCK_OWNER (the PID that
# holds it) or LOCK_ERROR (the lock cannot be created at all, e.g. logs/ is not writable).
lock_take() {
  local name=$1 depth=$2 owner='' err tries=0
  while :; do
    # An older version's lock is a directory; ln would put the link inside it.
    if [ ! -d "$name" ] || [ -L "$name" ]; then
      if err=$(ln -s "$LOCK_TOKEN" "$name" 2>&1); then return 0; fi
    fi
    if owner=$(lock_owner "$name"); then break; fi
    # Released between the two steps: try again. Or it cannot be created: say why.
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then
      LOCK_ERROR=${err:-cannot create $name}
      return 1
    fi
  done
  if lock_owner_alive "$owner"; then
    LOCK_OWNER=${owner%%-*}
    return 1
  fi
  if [ "$depth" -ge 3 ]; then
    LOCK_OWNER="unknown: stale locks of crashed runs pile up in $(dirname "$name"); remove $name* by hand"
    return 1
  fi
  # Stale. Only the one process that creates NAME.break.OWNER may remove it.
  if ! lock_take "$name.break.$owner" $((depth + 1)); then
    [ -n "$LOCK_OWNER" ] || [ -n "$LOCK_ERROR" ] || LOCK_OWNER=unknown
    return 1
  fi
  lock_remove_if "$name" "$owner"
  if ln -s "$LOCK_TOKEN" "$name" 2>/dev/null; then
    [ "$depth" -gt 0 ] || LOCK_STALE_PID=${owner%%-*}
    rm -f "$name.break.$owner"
    return 0
  fi
  # A new starter took the free lock first: it holds it now.
  rm -f "$name.break.$owner"
  owner=$(lock_owner "$name") || owner=unknown
  LOCK_OWNER=${owner%%-*}
  return 1
}

# acquire_lock NAME: take the single-run lock. Sets LOCK_HELD on success; LOCK_OWNER (busy) or
# LOCK_ERROR (cannot be created) on failure; LOCK_STALE_PID when a dead run's lock was taken over.
acquire_lock() {
  LOCK_OWNER=
  LOCK_ERROR=
  LOCK_STALE_PID=
  LOCK_HELD=
  LOCK_TOKEN="$$-$(proc_start "$$")"
  lock_take "$1" 0 || return 1
  LOCK_HELD=$1
}

release_lock() {
  if [ -n "${LOCK_HELD:-}" ]; then
    lock_remove_if "$LOCK_HELD" "$LOCK_TOKEN"
    LOCK_HELD=
  fi
}

# lock_holder NAME: prints the PID holding the lock NAME; fails when it is free or stale.
lock_holder() {
  local owner
  owner=$(lock_owner "$1") || return 1
  lock_owner_alive "$owner" || return 1
  printf '%s\n' "${owner%%-*}"
}

# ---- stop requests (mcp_down.sh during mcp_update.sh) --------------------------------------------
# mcp_down.sh writes a new line to logs/stop.requested; an update compares it with what it saw at
# its start, and leaves the service down instead of judging (or rolling back) a new image.
request_stop() {
  { mkdir -p "$LOG_DIR" && printf '%s %s %s\n' "$(timestamp)" "$$" "$RANDOM$RANDOM" >"$STOP_FILE.tmp.$$" \
    && mv "$STOP_FILE.tmp.$$" "$STOP_FILE"; } 2>/dev/null
}
stop_marker() { cat "$STOP_FILE" 2>/dev/null || true; }

# ---- log files --------------------------------------------------------------------------------
# log_write_problem FILE: prints why FILE cannot be appended to (and returns 0), or returns 1.
log_write_problem() {
  local dir out
  dir=$(dirname "$1")
  if ! out=$(mkdir -p "$dir" 2>&1); then
    printf '%s\n' "cannot create $dir (${out##*: })"
    return 0
  fi
  if ! out=$({ : >>"$1"; } 2>&1); then
    printf '%s\n' "cannot write $1 (${out##*: })"
    return 0
  fi
  return 1
}

# log_fix_hint: how to give the logs back to the user who runs the scripts.
log_fix_hint() {
  local me
  me=$(id -un 2>/dev/null) || me=$USER
  printf '%s\n' "$LOG_DIR is not writable for $me, who runs the updates (a run under sudo leaves root-owned files there). Fix: sudo chown -R '$me' '$LOG_DIR' && chmod u+w '$LOG_DIR'"
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
