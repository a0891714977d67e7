# shellcheck shell=bash
# Makes a Docker engine answer: reuses a running one, otherwise starts dockerd in the background
# and remembers that we did, so docker_engine_stop only stops what this run started.
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Debian's client (20.10) builds with BuildKit and ships no plugins that need a newer engine; a
# newer client earlier on PATH may lack buildx. Tests call "$DOCKER", and scripts under test find
# Debian's client first through docker_client_path (see below).
if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
export DOCKER

TESTS_DOCKERD_PIDFILE="$TESTS_STATE_DIR/dockerd.pid"

docker_engine_up() { "$DOCKER" info >/dev/null 2>&1; }

# docker_engine_start: exits non-zero when no engine answers within 60 s.
docker_engine_start() {
  if docker_engine_up; then
    log "Docker engine: already running (left running afterwards)"
    return 0
  fi
  command -v dockerd >/dev/null || { log "dockerd not installed"; return 1; }
  log "Docker engine: starting dockerd (log: $TESTS_STATE_DIR/dockerd.log)"
  # setsid: dockerd must not receive the terminal's signals nor keep our stdout open.
  setsid dockerd >"$TESTS_STATE_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$TESTS_DOCKERD_PIDFILE"
  if ! wait_until 60 docker_engine_up; then
    log "dockerd did not answer within 60 s; last log lines:"
    tail -n 20 "$TESTS_STATE_DIR/dockerd.log" >&2
    return 1
  fi
  log "Docker engine: up"
}

# docker_engine_stop: stops dockerd only when this harness started it (pid file present).
# TESTS_KEEP_DOCKERD=1 keeps it for a faster next run on a developer machine.
docker_engine_stop() {
  [ -f "$TESTS_DOCKERD_PIDFILE" ] || return 0
  local pid
  pid=$(cat "$TESTS_DOCKERD_PIDFILE")
  if [ "${TESTS_KEEP_DOCKERD:-0}" = 1 ]; then
    log "Docker engine: kept running (TESTS_KEEP_DOCKERD=1, pid $pid)"
    rm -f "$TESTS_DOCKERD_PIDFILE"
    return 0
  fi
  if kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
    log "Docker engine: stopping the dockerd this run started (pid $pid)"
    kill -TERM "$pid"
    wait_until 30 sh -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$TESTS_DOCKERD_PIDFILE"
}

# docker_client_path: prints a directory to put first on PATH so that scripts under test run
# Debian's docker client (and its docker-compose) rather than a newer client without plugins.
docker_client_path() {
  local dir="$TESTS_STATE_DIR/bin"
  mkdir -p "$dir"
  if [ "$DOCKER" != docker ]; then ln -sf "$DOCKER" "$dir/docker"; fi
  printf '%s\n' "$dir"
}
