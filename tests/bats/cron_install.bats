#!/usr/bin/env bats
# scripts/cron_install.sh: weekly Sunday 03:00 runs via a systemd user timer (Linux) or a
# TEST_ENV and TEST_HEALTH_TIMEOUT are read by run_script (helpers/common.bash);
# BUNDLE is changed per test on purpose.
# shellcheck disable=SC2034,SC2030,SC2031
# LaunchAgent (macOS); idempotent; never crontab.

setup() {
  load helpers/common
  load helpers/timers
  setup_bundle
}

@test "--help explains both platforms, linger and the exit codes" {
  run_script cron_install.sh --help
  assert_success
  assert_output --partial "LaunchAgent"
  assert_output --partial "systemd user service + timer"
  assert_output --partial "loginctl enable-linger"
  assert_output --partial "11 neither macOS nor Linux"
}

@test "an unknown option is a usage error" {
  run_script cron_install.sh --daily
  assert_failure 2
}

@test "Linux: writes a user service and timer and enables the timer with systemctl --user" {
  as_linux
  run_script cron_install.sh
  assert_success
  assert_output --partial "Installed the systemd user timer autotask-mcp-update.timer"
  assert_output --partial "loginctl enable-linger"
  [ -f "$FAKE_HOME/$SERVICE_REL" ]
  [ -f "$FAKE_HOME/$TIMER_REL" ]
  run cat "$SHIM_STATE/calls.log"
  assert_line "systemctl --user daemon-reload"
  assert_line "systemctl --user enable --now autotask-mcp-update.timer"
}

@test "Linux: the timer fires Sundays at 03:00, catches up missed runs, and the calendar is valid" {
  as_linux
  run_script cron_install.sh
  run cat "$FAKE_HOME/$TIMER_REL"
  assert_line "OnCalendar=Sun *-*-* 03:00:00"
  assert_line "Persistent=true"
  assert_line "WantedBy=timers.target"
  run systemd-analyze calendar 'Sun *-*-* 03:00:00'
  assert_success
  assert_line --partial "Normalized form: Sun *-*-* 03:00:00"
}

@test "Linux: the service runs mcp_update.sh as a oneshot with a start timeout and logs into logs/" {
  as_linux
  run_script cron_install.sh
  run cat "$FAKE_HOME/$SERVICE_REL"
  assert_line "Type=oneshot"
  assert_line "ExecStart=/bin/bash \"$BUNDLE/scripts/mcp_update.sh\""
  assert_line "TimeoutStartSec=30min"
  assert_line "WorkingDirectory=$BUNDLE"
  assert_line "StandardOutput=append:$BUNDLE/logs/update-timer.log"
  assert_line "Environment=\"AUTOTASK_MCP_IMAGE=autotask-mcp:local\""
  assert_line --regexp '^Environment="PATH=.*/usr/local/bin:/usr/bin:/bin"$'
}

@test "Linux: the generated units pass systemd-analyze verify" {
  as_linux
  run_script cron_install.sh
  assert_success
  verify_units
}

@test "Linux: units stay valid for a bundle path with spaces and a percent sign" {
  as_linux
  mv "$BUNDLE" "$BATS_TEST_TMPDIR/my 100% bundle"
  BUNDLE="$BATS_TEST_TMPDIR/my 100% bundle"
  run_script cron_install.sh
  assert_success
  run grep -F 'ExecStart=' "$FAKE_HOME/$SERVICE_REL"
  assert_output "ExecStart=/bin/bash \"$BATS_TEST_TMPDIR/my 100%% bundle/scripts/mcp_update.sh\""
  verify_units
}

@test "Linux: records the image and port chosen at install time for the scheduled run" {
  as_linux
  TEST_ENV=("AUTOTASK_MCP_IMAGE=registry.test/acme/autotask-mcp:stable" "MCP_PORT=9010" "MCP_COMPOSE=docker-compose")
  run_script cron_install.sh
  run cat "$FAKE_HOME/$SERVICE_REL"
  assert_line 'Environment="AUTOTASK_MCP_IMAGE=registry.test/acme/autotask-mcp:stable"'
  assert_line 'Environment="MCP_PORT=9010"'
  assert_line 'Environment="MCP_COMPOSE=docker-compose"'
  assert_line 'Environment="MCP_HEALTH_TIMEOUT=2"'
  refute_line --partial "DOCKER_HOST"
}

@test "Linux: running it twice is idempotent and leaves identical files" {
  as_linux
  run_script cron_install.sh
  cp "$FAKE_HOME/$SERVICE_REL" "$BATS_TEST_TMPDIR/first.service"
  run_script cron_install.sh
  assert_success
  assert_output --partial "was already installed; it is enabled"
  cmp "$BATS_TEST_TMPDIR/first.service" "$FAKE_HOME/$SERVICE_REL"
  run ls "$FAKE_HOME/$UNIT_DIR_REL"
  assert_output "autotask-mcp-update.service
autotask-mcp-update.timer"
}

@test "Linux: honours XDG_CONFIG_HOME" {
  as_linux
  TEST_ENV=("XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdgconf")
  run_script cron_install.sh
  assert_success
  [ -f "$BATS_TEST_TMPDIR/xdgconf/systemd/user/autotask-mcp-update.timer" ]
}

@test "Linux: without a user systemd, exits 1 with the manual commands and keeps the files" {
  as_linux
  flag systemctl_fails
  run_script cron_install.sh
  assert_failure 1
  assert_output --partial "systemctl --user daemon-reload && systemctl --user enable --now autotask-mcp-update.timer"
  [ -f "$FAKE_HOME/$TIMER_REL" ]
}

@test "macOS: writes a LaunchAgent plist that parses, for Sunday (0) 03:00" {
  as_macos
  run_script cron_install.sh
  assert_success
  assert_output --partial "Installed the LaunchAgent local.autotask-mcp.update"
  assert_equal "$(plist_value Label)" local.autotask-mcp.update
  assert_equal "$(plist_value StartCalendarInterval.Weekday)" 0
  assert_equal "$(plist_value StartCalendarInterval.Hour)" 3
  assert_equal "$(plist_value StartCalendarInterval.Minute)" 0
  assert_equal "$(plist_value RunAtLoad)" False
  assert_equal "$(plist_value ProgramArguments.0)" /bin/bash
  assert_equal "$(plist_value ProgramArguments.1)" "$BUNDLE/scripts/mcp_update.sh"
  assert_equal "$(plist_value StandardOutPath)" "$BUNDLE/logs/update-timer.log"
}

@test "macOS: the job's PATH finds Docker on Intel and Apple silicon" {
  as_macos
  run_script cron_install.sh
  run plist_value EnvironmentVariables.PATH
  assert_output --partial /usr/local/bin
  assert_output --partial /opt/homebrew/bin
  assert_output --partial "$FAKE_HOME/.docker/bin"
}

@test "macOS: loads the agent with launchctl bootstrap in the user's gui domain" {
  as_macos
  run_script cron_install.sh
  run grep "^launchctl bootstrap" "$SHIM_STATE/calls.log"
  assert_output "launchctl bootstrap gui/$(id -u) $FAKE_HOME/$PLIST_REL"
}

@test "macOS: a second run finds it loaded and unchanged and does not reload" {
  as_macos
  run_script cron_install.sh
  run_script cron_install.sh
  assert_success
  assert_output --partial "already installed and loaded"
  run grep -c "^launchctl bootstrap" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "macOS: a changed definition is booted out and loaded again" {
  as_macos
  run_script cron_install.sh
  TEST_ENV=("MCP_PORT=9011")
  run_script cron_install.sh
  assert_success
  run cat "$SHIM_STATE/calls.log"
  assert_line "launchctl bootout gui/$(id -u)/local.autotask-mcp.update"
  run grep -c "^launchctl bootstrap" "$SHIM_STATE/calls.log"
  assert_output 2
  assert_equal "$(plist_value EnvironmentVariables.MCP_PORT)" 9011
}

@test "macOS: falls back to launchctl load -w when bootstrap fails" {
  as_macos
  flag launchctl_bootstrap_fails
  run_script cron_install.sh
  assert_success
  run grep -c "^launchctl load -w $FAKE_HOME/$PLIST_REL" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "macOS: XML special characters in the bundle path are escaped" {
  as_macos
  mv "$BUNDLE" "$BATS_TEST_TMPDIR/a&b<c>"
  BUNDLE="$BATS_TEST_TMPDIR/a&b<c>"
  run_script cron_install.sh
  assert_success
  assert_equal "$(plist_value ProgramArguments.1)" "$BUNDLE/scripts/mcp_update.sh"
}

@test "an unsupported system exits 11 and installs nothing" {
  echo FreeBSD >"$SHIM_STATE/uname"
  run_script cron_install.sh
  assert_failure 11
  assert_output --partial "unsupported system 'FreeBSD'"
  [ ! -e "$FAKE_HOME/.config" ] && [ ! -e "$FAKE_HOME/Library" ]
}

@test "never touches crontab, on either platform" {
  as_linux
  run_script cron_install.sh
  as_macos
  run_script cron_install.sh
  run grep -c "^crontab" "$SHIM_STATE/calls.log"
  assert_output 0
}

@test "Linux: a bundle path containing \$ still gives valid units (systemd must not expand it)" {
  as_linux
  mv "$BUNDLE" "$BATS_TEST_TMPDIR/a\$HOME \${X} b"
  BUNDLE="$BATS_TEST_TMPDIR/a\$HOME \${X} b"
  run_script cron_install.sh
  assert_success
  run grep -F 'ExecStart=' "$FAKE_HOME/$SERVICE_REL"
  # the executable is bash; the script is an argument, where systemd turns $$ into $
  assert_output "ExecStart=/bin/bash \"$BATS_TEST_TMPDIR/a\$\$HOME \$\${X} b/scripts/mcp_update.sh\""
  verify_units
}

@test "Linux: linger is checked: off -> says the timer stops at logout and how to keep it" {
  as_linux
  echo no >"$SHIM_STATE/linger"
  run_script cron_install.sh
  assert_success
  run grep -c "^loginctl show-user -p Linger " "$SHIM_STATE/calls.log"
  assert_output 1
  run_script cron_install.sh
  assert_output --partial "Linger is off for $(id -un)"
  assert_output --partial "loginctl enable-linger"
}

@test "Linux: linger is checked: on -> says the timer also runs while logged out" {
  as_linux
  echo yes >"$SHIM_STATE/linger"
  run_script cron_install.sh
  assert_success
  assert_output --partial "Linger is on"
  refute_output --partial "loginctl enable-linger"
}

@test "Linux: linger that cannot be checked is reported as unknown" {
  as_linux
  flag loginctl_fails
  run_script cron_install.sh
  assert_success
  assert_output --partial "could not check linger"
}

@test "macOS: refuses a bundle in a privacy-protected folder (Documents, Desktop, Downloads, iCloud Drive) with exit 3" {
  as_macos
  local dir
  for dir in Documents Desktop Downloads "Library/Mobile Documents/com~apple~CloudDocs"; do
    mkdir -p "$FAKE_HOME/$dir"
    rm -rf "$FAKE_HOME/$dir/autotask-mcp"
    cp -R "$BUNDLE" "$FAKE_HOME/$dir/autotask-mcp"
    run env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" TERM=dumb "$FAKE_HOME/$dir/autotask-mcp/scripts/cron_install.sh"
    assert_failure 3
    assert_output --partial "privacy"
    assert_output --partial "Operation not permitted"
    [ ! -e "$FAKE_HOME/$PLIST_REL" ]
  done
  refute grep -q "^launchctl bootstrap" "$SHIM_STATE/calls.log"
}

@test "macOS: a bundle elsewhere in the home folder installs" {
  as_macos
  mkdir -p "$FAKE_HOME/Applications"
  cp -R "$BUNDLE" "$FAKE_HOME/Applications/autotask-mcp"
  run env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" TERM=dumb "$FAKE_HOME/Applications/autotask-mcp/scripts/cron_install.sh"
  assert_success
}

@test "warns that a local build has nothing to update from" {
  as_linux
  run_script cron_install.sh
  assert_success
  assert_output --partial "autotask-mcp:local is a local build"
}
