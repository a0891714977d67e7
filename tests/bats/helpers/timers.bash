# shellcheck shell=bash
# Helpers for the cron_install / cron_uninstall suites.

UNIT_DIR_REL=.config/systemd/user
SERVICE_REL=$UNIT_DIR_REL/autotask-mcp-update.service
TIMER_REL=$UNIT_DIR_REL/autotask-mcp-update.timer
PLIST_REL=Library/LaunchAgents/local.autotask-mcp.update.plist

as_macos() { echo Darwin >"$SHIM_STATE/uname"; }
as_linux() { echo Linux >"$SHIM_STATE/uname"; }

# python_with PLIST|YAML: a python3 outside the sandbox (Debian's has plistlib and python3-yaml).
system_python() {
  local p
  for p in /usr/bin/python3 python3; do
    if "$p" -c 'import plistlib' >/dev/null 2>&1; then printf '%s\n' "$p"; return 0; fi
  done
  return 1
}

# plist_value KEY_PATH: a value from the generated plist, e.g. StartCalendarInterval.Weekday.
plist_value() {
  "$(system_python)" - "$FAKE_HOME/$PLIST_REL" "$1" <<'PY'
import plistlib, sys
data = plistlib.load(open(sys.argv[1], "rb"))
for key in sys.argv[2].split("."):
    data = data[int(key)] if isinstance(data, list) else data[key]
print(data)
PY
}

# verify_units: systemd-analyze --user verify on the generated units (needs a private
# XDG_RUNTIME_DIR when no user manager runs). Fails on any diagnostic about our units.
verify_units() {
  local xdg=$BATS_TEST_TMPDIR/xdg
  mkdir -p "$xdg"
  chmod 700 "$xdg"
  run env XDG_RUNTIME_DIR="$xdg" systemd-analyze --user verify \
    "$FAKE_HOME/$TIMER_REL" "$FAKE_HOME/$SERVICE_REL"
  assert_success
  refute_output --partial "autotask-mcp-update"
}
