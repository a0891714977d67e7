#!/usr/bin/env bats
# scripts/cron_uninstall.sh: removes everything cron_install.sh installed; idempotent.

setup() {
  load helpers/common
  load helpers/timers
  setup_bundle
}

@test "--help lists the exit codes" {
  run_script cron_uninstall.sh --help
  assert_success
  assert_output --partial "Usage: scripts/cron_uninstall.sh"
  assert_output --partial "Never touches crontab"
}

@test "Linux: disables the timer, removes both units and the Persistent stamp, reloads systemd" {
  as_linux
  run_script cron_install.sh
  mkdir -p "$FAKE_HOME/.local/share/systemd/timers"
  touch "$FAKE_HOME/.local/share/systemd/timers/stamp-autotask-mcp-update.timer"
  : >"$SHIM_STATE/calls.log"
  run_script cron_uninstall.sh
  assert_success
  assert_output --partial "Removed the systemd user timer"
  [ ! -e "$FAKE_HOME/$SERVICE_REL" ]
  [ ! -e "$FAKE_HOME/$TIMER_REL" ]
  [ ! -e "$FAKE_HOME/.local/share/systemd/timers/stamp-autotask-mcp-update.timer" ]
  run cat "$SHIM_STATE/calls.log"
  assert_line "systemctl --user disable --now autotask-mcp-update.timer"
  assert_line "systemctl --user daemon-reload"
}

@test "Linux: a second uninstall finds nothing and calls no systemctl" {
  as_linux
  run_script cron_install.sh
  run_script cron_uninstall.sh
  : >"$SHIM_STATE/calls.log"
  run_script cron_uninstall.sh
  assert_success
  assert_output --partial "nothing to remove"
  run grep -c "^systemctl" "$SHIM_STATE/calls.log"
  assert_output 0
}

@test "Linux: install, uninstall, install again works" {
  as_linux
  run_script cron_install.sh
  run_script cron_uninstall.sh
  run_script cron_install.sh
  assert_success
  [ -f "$FAKE_HOME/$TIMER_REL" ]
}

@test "Linux: removes the files even when systemctl --user is unavailable" {
  as_linux
  run_script cron_install.sh
  flag systemctl_fails
  run_script cron_uninstall.sh
  assert_success
  assert_output --partial "removing the files anyway"
  [ ! -e "$FAKE_HOME/$TIMER_REL" ]
}

@test "macOS: boots the agent out and deletes the plist" {
  as_macos
  run_script cron_install.sh
  run_script cron_uninstall.sh
  assert_success
  assert_output --partial "Removed the LaunchAgent local.autotask-mcp.update"
  [ ! -e "$FAKE_HOME/$PLIST_REL" ]
  [ ! -e "$SHIM_STATE/launchd_loaded" ]
  run grep -c "^launchctl bootout gui/$(id -u)/local.autotask-mcp.update" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "macOS: a second uninstall is a no-op" {
  as_macos
  run_script cron_install.sh
  run_script cron_uninstall.sh
  run_script cron_uninstall.sh
  assert_success
  assert_output --partial "nothing to remove"
}

@test "macOS: removes a plist that is no longer loaded" {
  as_macos
  run_script cron_install.sh
  rm "$SHIM_STATE/launchd_loaded"
  run_script cron_uninstall.sh
  assert_success
  [ ! -e "$FAKE_HOME/$PLIST_REL" ]
}

@test "an unsupported system exits 11" {
  echo SunOS >"$SHIM_STATE/uname"
  run_script cron_uninstall.sh
  assert_failure 11
}

@test "keeps the logs and never touches crontab" {
  as_linux
  run_script cron_install.sh
  echo "previous run" >"$BUNDLE/logs/update.log"
  run_script cron_uninstall.sh
  assert_output --partial "Logs are kept"
  [ -f "$BUNDLE/logs/update.log" ]
  run grep -c "^crontab" "$SHIM_STATE/calls.log"
  assert_output 0
}
