#!/usr/bin/env bash
# cron_uninstall.sh: remove the weekly update timer that cron_install.sh installed.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/cron_uninstall.sh

Removes what cron_install.sh installed: on macOS the LaunchAgent (unloaded with launchctl, plist
deleted); on Linux the systemd user timer and service (disabled and stopped, unit files and the
Persistent= time stamp deleted, systemd reloaded). Never touches crontab. The logs in logs/ are
kept. Running it when nothing is installed is safe.

  -h, --help   show this help

Exit codes:
  0  removed (or nothing was installed)
  2  bad option
  11 neither macOS nor Linux
EOF
}

only_help_option "$@"

mcp_init "$SCRIPT_DIR"
scheduler_paths
detect_platform

uninstall_systemd() {
  if [ ! -e "$SYSTEMD_SERVICE" ] && [ ! -e "$SYSTEMD_TIMER" ] && [ ! -e "$SYSTEMD_STAMP" ]; then
    info "No systemd user timer $TIMER_NAME.timer is installed; nothing to remove."
    return 0
  fi
  systemctl --user disable --now "$TIMER_NAME.timer" \
    || warn "systemctl --user could not disable $TIMER_NAME.timer (no user session?); removing the files anyway"
  rm -f "$SYSTEMD_TIMER" "$SYSTEMD_SERVICE" "$SYSTEMD_STAMP"
  systemctl --user daemon-reload || warn "systemctl --user daemon-reload failed; it happens at your next login"
  info "Removed the systemd user timer $TIMER_NAME.timer and its service."
}

uninstall_launchd() {
  local domain loaded=0
  domain=$(launchd_domain)
  launchctl print "$domain/$LAUNCHD_LABEL" >/dev/null 2>&1 && loaded=1
  if [ "$loaded" = 0 ] && [ ! -e "$LAUNCHD_PLIST" ]; then
    info "No LaunchAgent $LAUNCHD_LABEL is installed; nothing to remove."
    return 0
  fi
  if [ "$loaded" = 1 ]; then
    launchctl bootout "$domain/$LAUNCHD_LABEL" >/dev/null 2>&1 \
      || launchctl unload -w "$LAUNCHD_PLIST" >/dev/null 2>&1 \
      || warn "launchctl could not unload $LAUNCHD_LABEL; it disappears at your next login"
  fi
  rm -f "$LAUNCHD_PLIST"
  info "Removed the LaunchAgent $LAUNCHD_LABEL."
}

if [ "$PLATFORM" = macos ]; then uninstall_launchd; else uninstall_systemd; fi
info "Logs are kept in $LOG_DIR."
