# shellcheck shell=bash
# Shared helpers for tests/run.sh, tests/lib/*.sh and tests/e2e/*.sh (sourced, never executed).

# Repository root, from this file's location (tests/lib/ -> ../..).
TESTS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export TESTS_REPO_ROOT

# Where harness logs go (dockerd, registry, base image build): outside the checkout.
TESTS_STATE_DIR="${TESTS_STATE_DIR:-/tmp/autotask-mcp-tests}"
export TESTS_STATE_DIR
mkdir -p "$TESTS_STATE_DIR"

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

# Seconds since the epoch, for per-suite timings.
now_s() { date +%s; }

# wait_until TIMEOUT_S CMD... : polls CMD every half second until it succeeds or time runs out.
wait_until() {
  local timeout=$1; shift
  local deadline=$(( $(now_s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    [ "$(now_s)" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

# True when something already listens on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
