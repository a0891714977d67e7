# shellcheck shell=bash
# Installs what the test suites need on a Debian 12 machine, skipping whatever is already there
# so that a warm run costs a few dpkg queries. Sourced by tests/run.sh.
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TESTS_DEBIAN_PACKAGES=(
  docker.io docker-compose docker-registry
  bats bats-assert bats-support shellcheck
  debootstrap jq curl python3-yaml systemd
)
# The server suite's own: a real Redis for the replica tests (started by them on a random port,
# never the system service). Missing, those tests fail; they never skip.
SERVER_DEBIAN_PACKAGES=(redis-server)

# ensure_debian_packages [PACKAGE...]: apt-get update once and install only the missing packages
# (default: every package the suites need).
ensure_debian_packages() {
  local missing=() p
  local wanted=("$@")
  [ "${#wanted[@]}" -gt 0 ] || wanted=("${TESTS_DEBIAN_PACKAGES[@]}" "${SERVER_DEBIAN_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages: all present"
    return 0
  fi
  command -v apt-get >/dev/null || { log "apt-get not found; cannot install: ${missing[*]}"; return 1; }
  [ "$(id -u)" -eq 0 ] || { log "need root to install: ${missing[*]}"; return 1; }
  log "Debian packages: installing ${missing[*]}"
  # Another process may hold the dpkg lock (unattended upgrades, a colleague): wait for it.
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq || return 1
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" \
    >"$TESTS_STATE_DIR/apt-install.log" 2>&1 || { tail -n 30 "$TESTS_STATE_DIR/apt-install.log" >&2; return 1; }
}

# npm_deps_current DIR: true when DIR/node_modules matches DIR/package-lock.json (npm's hidden
# lockfile lists the same package versions), so `npm ci` — which wipes node_modules — is skipped.
npm_deps_current() {
  local dir=$1
  [ -f "$dir/node_modules/.package-lock.json" ] || return 1
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync(process.argv[1] + "/package-lock.json", "utf8")).packages || {};
    const have = JSON.parse(fs.readFileSync(process.argv[1] + "/node_modules/.package-lock.json", "utf8")).packages || {};
    for (const [k, v] of Object.entries(want)) {
      if (k === "") continue;
      // Optional platform packages for other OS/CPUs are legitimately absent.
      if (!have[k] && v.optional) continue;
      if (!have[k] || have[k].version !== v.version) process.exit(1);
    }
  ' "$dir"
}

# ensure_npm_deps DIR: `npm ci` in DIR unless node_modules is already current.
ensure_npm_deps() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || { log "no package-lock.json in $dir"; return 1; }
  if npm_deps_current "$dir"; then
    log "npm deps in ${dir#"$TESTS_REPO_ROOT"/}: current"
    return 0
  fi
  log "npm deps in ${dir#"$TESTS_REPO_ROOT"/}: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error 2>"$TESTS_STATE_DIR/npm-ci.log") && return 0
  # A lockfile made against a filtered registry mirror lacks other platforms' optional packages and
  # `npm ci` refuses it; `npm install --no-save` installs the same locked versions without touching
  # the lockfile (the Dockerfile falls back the same way). Said loudly, never silently.
  log "WARNING: npm ci refused ${dir#"$TESTS_REPO_ROOT"/}/package-lock.json ($(grep -m 1 -E 'Missing:|in sync' "$TESTS_STATE_DIR/npm-ci.log" || echo 'see npm output'));" \
      "installing the locked versions with npm install --no-save"
  (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error)
}
