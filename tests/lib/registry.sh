# shellcheck shell=bash
# A real, throw-away Distribution registry (Debian's docker-registry) on 127.0.0.1:$REGISTRY_PORT
# with its storage in a temp dir. Docker trusts registries on localhost without TLS.
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

REGISTRY_PORT="${REGISTRY_PORT:-5000}"
REGISTRY_HOST="localhost:$REGISTRY_PORT"
export REGISTRY_PORT REGISTRY_HOST
REGISTRY_DIR=""
REGISTRY_PID=""
# Survives a killed run, so the next run can stop the orphan instead of failing on the port.
REGISTRY_PIDFILE="$TESTS_STATE_DIR/registry.pid"

registry_up() { curl -fsS -o /dev/null "http://127.0.0.1:$REGISTRY_PORT/v2/"; }

# registry_start: fails (rather than reusing) when the port is taken, since a foreign registry
# could hold stale tags that would make the supply-chain checks meaningless.
registry_start() {
  local bin
  bin=$(command -v docker-registry) || { log "docker-registry not installed"; return 1; }
  _registry_stop_orphan
  if port_in_use "$REGISTRY_PORT"; then
    log "127.0.0.1:$REGISTRY_PORT is already in use; stop that process or set REGISTRY_PORT"
    return 1
  fi
  REGISTRY_DIR=$(mktemp -d "${TMPDIR:-/tmp}/autotask-mcp-registry.XXXXXX")
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
EOF
  setsid "$bin" serve "$REGISTRY_DIR/config.yml" >"$REGISTRY_DIR/registry.log" 2>&1 </dev/null &
  REGISTRY_PID=$!
  printf '%s %s\n' "$REGISTRY_PID" "$REGISTRY_DIR" >"$REGISTRY_PIDFILE"
  if ! wait_until 20 registry_up; then
    log "registry did not answer on 127.0.0.1:$REGISTRY_PORT; log:"
    tail -n 20 "$REGISTRY_DIR/registry.log" >&2
    registry_stop
    return 1
  fi
  log "registry: serving on 127.0.0.1:$REGISTRY_PORT (pid $REGISTRY_PID, storage $REGISTRY_DIR/data)"
}

# registry_stop: stops the registry this shell started and deletes its storage.
registry_stop() {
  if [ -n "$REGISTRY_PID" ] && kill -0 "$REGISTRY_PID" 2>/dev/null; then
    kill -TERM "$REGISTRY_PID" 2>/dev/null
    wait_until 10 sh -c "! kill -0 $REGISTRY_PID" || kill -KILL "$REGISTRY_PID" 2>/dev/null
  fi
  REGISTRY_PID=""
  if [ -n "$REGISTRY_DIR" ] && [ -d "$REGISTRY_DIR" ]; then rm -rf "$REGISTRY_DIR"; fi
  REGISTRY_DIR=""
  rm -f "$REGISTRY_PIDFILE"
}

# _registry_stop_orphan: a registry left by a killed run of this harness (pid file present and
# the process is still docker-registry) is stopped and its storage removed.
_registry_stop_orphan() {
  [ -f "$REGISTRY_PIDFILE" ] || return 0
  local pid dir
  read -r pid dir <"$REGISTRY_PIDFILE" || true
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = docker-registry ]; then
    log "registry: stopping the orphan of an earlier run (pid $pid)"
    REGISTRY_PID=$pid REGISTRY_DIR=$dir registry_stop
  fi
  case "$dir" in */autotask-mcp-registry.*) rm -rf "$dir" ;; esac
  rm -f "$REGISTRY_PIDFILE"
}
