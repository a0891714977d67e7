#!/usr/bin/env bash
# cron_install.sh: run mcp_update.sh every Sunday at 03:00 with the system's own scheduler.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/cron_install.sh

Schedules scripts/mcp_update.sh for every Sunday at 03:00 local time. Never touches crontab.
  macOS  a LaunchAgent ~/Library/LaunchAgents/local.autotask-mcp.update.plist, loaded with
         launchctl; runs while you are logged in, and after wake-up if the Mac slept through it.
         macOS privacy protection keeps a LaunchAgent from reading ~/Documents, ~/Desktop,
         ~/Downloads and iCloud Drive ("Operation not permitted"): a bundle there is refused
         (exit 3); move it, e.g. to ~/autotask-mcp, and run this from there.
  Linux  a systemd user service + timer in ~/.config/systemd/user/autotask-mcp-update.{service,timer}
         (Persistent=true: a run missed while the machine was off happens at the next start),
         enabled with systemctl --user. User timers stop when you log out unless linger is on;
         this script checks (loginctl show-user -p Linger) and says which. To turn it on:
           loginctl enable-linger "$USER"
Output goes to logs/update-timer.log, the update steps to logs/update.log. AUTOTASK_MCP_IMAGE,
MCP_PORT (and MCP_COMPOSE, MCP_COMPOSE_PROJECT, MCP_HEALTH_TIMEOUT, DOCKER_HOST,
DOCKER_CONTEXT when set) are recorded for the scheduled run: re-run this script after changing
them. Running it again is safe. Remove everything with scripts/cron_uninstall.sh.

  -h, --help   show this help

Exit codes:
  0  installed (or already installed and unchanged)
  1  the scheduler refused (the unit files are kept; manual commands are printed)
  2  bad option
  3  macOS: the bundle is in a privacy-protected folder a LaunchAgent cannot read
  11 neither macOS nor Linux
EOF
}

only_help_option "$@"

# Optional settings the caller set explicitly are recorded for the scheduled run (before
# mcp_init fills in defaults). Never anything from .env.
optional_settings=
for name in MCP_BUNDLE_DIR MCP_COMPOSE MCP_COMPOSE_PROJECT MCP_HEALTH_TIMEOUT DOCKER_HOST DOCKER_CONTEXT; do
  value=${!name:-}
  [ -z "$value" ] || optional_settings="$optional_settings$name=$value
"
done

mcp_init "$SCRIPT_DIR"
scheduler_paths
detect_platform
mkdir -p "$LOG_DIR"
UPDATE_SCRIPT=$SCRIPT_DIR/mcp_update.sh

# Docker's directory first (Docker Desktop, Homebrew, snap), then the usual system places.
docker_dir=
if command -v docker >/dev/null 2>&1; then docker_dir=$(dirname "$(command -v docker)"); fi
if [ "$PLATFORM" = macos ]; then
  job_path=/usr/local/bin:/opt/homebrew/bin:$HOME/.docker/bin:/usr/bin:/bin:/usr/sbin:/sbin
else
  job_path=/usr/local/bin:/usr/bin:/bin
fi
case ":$job_path:" in
  *":$docker_dir:"*) ;;
  *) [ -z "$docker_dir" ] || job_path=$docker_dir:$job_path ;;
esac

# job_settings: NAME=VALUE lines the scheduled run needs.
job_settings() {
  printf 'PATH=%s\n' "$job_path"
  printf 'AUTOTASK_MCP_IMAGE=%s\n' "$MCP_IMAGE"
  printf 'MCP_PORT=%s\n' "$MCP_PORT"
  printf '%s' "$optional_settings"
}

# install_file TARGET CONTENT: writes only when the content differs; sets FILE_CHANGED=1 then.
install_file() {
  local target=$1 content=$2
  mkdir -p "$(dirname "$target")"
  printf '%s\n' "$content" >"$target.tmp.$$"
  if [ -f "$target" ] && cmp -s "$target.tmp.$$" "$target"; then
    rm -f "$target.tmp.$$"
  else
    mv "$target.tmp.$$" "$target"
    FILE_CHANGED=1
  fi
}

# systemd_escape VALUE: protect % (specifiers), \ and " inside a double-quoted unit value.
systemd_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/%/%%/g'; }
# xml_escape VALUE: text content of a plist <string>.
xml_escape() { printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

install_systemd() {
  local service timer env_lines='' line exec_path
  while IFS= read -r line; do
    env_lines="${env_lines}Environment=\"$(systemd_escape "$line")\"
"
  done <<EOF
$(job_settings)
EOF
  # The script is an argument of bash: systemd expands $VAR and ${VAR} in arguments and takes
  # $$ for a literal $ there (it does not unescape the executable path itself, so the path of a
  # bundle under a folder with $ in its name could not be the executable).
  exec_path=$(systemd_escape "$UPDATE_SCRIPT" | sed -e 's/\$/$$/g')
  service="[Unit]
Description=autotask-mcp weekly image update (pull, check the pin, recreate, roll back if unhealthy)

[Service]
Type=oneshot
WorkingDirectory=$(systemd_escape "$BUNDLE_DIR")
${env_lines}ExecStart=/bin/bash \"$exec_path\"
# A oneshot service has no start timeout by default; a hung pull must not block forever.
TimeoutStartSec=30min
StandardOutput=append:$(systemd_escape "$TIMER_LOG")
StandardError=append:$(systemd_escape "$TIMER_LOG")"
  timer="[Unit]
Description=Run the autotask-mcp image update every Sunday at 03:00

[Timer]
OnCalendar=Sun *-*-* 03:00:00
Persistent=true
Unit=$TIMER_NAME.service

[Install]
WantedBy=timers.target"
  FILE_CHANGED=0
  install_file "$SYSTEMD_SERVICE" "$service"
  install_file "$SYSTEMD_TIMER" "$timer"
  if ! systemctl --user daemon-reload || ! systemctl --user enable --now "$TIMER_NAME.timer"; then
    err "systemctl --user did not accept the timer (no user session? e.g. under sudo or in a container)."
    err "The unit files are in $SYSTEMD_USER_DIR. From a normal login session run:"
    err "  systemctl --user daemon-reload && systemctl --user enable --now $TIMER_NAME.timer"
    exit "$EX_FAIL"
  fi
  if [ "$FILE_CHANGED" = 1 ]; then
    info "Installed the systemd user timer $TIMER_NAME.timer (every Sunday 03:00)."
  else
    info "The systemd user timer $TIMER_NAME.timer was already installed; it is enabled."
  fi
  info "Units:   $SYSTEMD_SERVICE"
  info "         $SYSTEMD_TIMER"
  info "Check:   systemctl --user list-timers $TIMER_NAME.timer"
  info "Logs:    $TIMER_LOG and $LOG_DIR/update.log"
  report_linger
}

# report_linger: user timers stop at logout unless linger is on for the user; check and say which.
report_linger() {
  local me out
  me=$(id -un)
  if ! out=$(loginctl show-user -p Linger "$me" 2>&1); then
    info "Linger: could not check linger for $me ($(printf '%s\n' "$out" | tail -n 1)). Without it the timer runs only while you are logged in; to keep it running after logout:"
    info "  loginctl enable-linger \"\$USER\""
    return 0
  fi
  case $out in
    *Linger=yes*) info "Linger is on for $me: the timer also runs while you are logged out." ;;
    *)
      info "Linger is off for $me: the timer runs only while you are logged in. To keep it running after logout:"
      info "  loginctl enable-linger \"\$USER\""
      ;;
  esac
}

# protected_folder DIR: prints the macOS privacy-protected folder DIR lies in (TCC: a LaunchAgent's
# bash gets "Operation not permitted" there), or fails.
protected_folder() {
  local home place tilde='~'
  home=$(cd "$HOME" 2>/dev/null && pwd -P) || home=$HOME
  for place in Documents Desktop Downloads "Library/Mobile Documents" Library/CloudStorage; do
    case $1/ in
      "$home/$place"/* | "$HOME/$place"/*)
        case $place in
          "Library/Mobile Documents") printf '%s\n' "iCloud Drive ($tilde/$place)" ;;
          Library/CloudStorage) printf '%s\n' "a cloud storage folder ($tilde/$place)" ;;
          *) printf '%s\n' "$tilde/$place" ;;
        esac
        return 0
        ;;
    esac
  done
  return 1
}

install_launchd() {
  local plist env_entries='' line domain loaded=0 tries place
  if place=$(protected_folder "$BUNDLE_DIR"); then
    die "$EX_CONFIG" "the bundle is in $place, which macOS privacy protection keeps a LaunchAgent from reading: the weekly job would fail with \"Operation not permitted\" every time. Move the bundle out of ~/Documents, ~/Desktop, ~/Downloads and iCloud Drive, e.g. mv '$BUNDLE_DIR' ~/autotask-mcp, then run ~/autotask-mcp/scripts/cron_install.sh from there."
  fi
  while IFS= read -r line; do
    env_entries="${env_entries}		<key>$(xml_escape "${line%%=*}")</key>
		<string>$(xml_escape "${line#*=}")</string>
"
  done <<EOF
$(job_settings)
EOF
  plist="<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">
<plist version=\"1.0\">
<dict>
	<key>Label</key>
	<string>$LAUNCHD_LABEL</string>
	<key>ProgramArguments</key>
	<array>
		<string>/bin/bash</string>
		<string>$(xml_escape "$UPDATE_SCRIPT")</string>
	</array>
	<key>WorkingDirectory</key>
	<string>$(xml_escape "$BUNDLE_DIR")</string>
	<key>EnvironmentVariables</key>
	<dict>
${env_entries}	</dict>
	<key>StartCalendarInterval</key>
	<dict>
		<key>Weekday</key>
		<integer>0</integer>
		<key>Hour</key>
		<integer>3</integer>
		<key>Minute</key>
		<integer>0</integer>
	</dict>
	<key>RunAtLoad</key>
	<false/>
	<key>StandardOutPath</key>
	<string>$(xml_escape "$TIMER_LOG")</string>
	<key>StandardErrorPath</key>
	<string>$(xml_escape "$TIMER_LOG")</string>
</dict>
</plist>"
  FILE_CHANGED=0
  install_file "$LAUNCHD_PLIST" "$plist"
  domain=$(launchd_domain)
  launchctl print "$domain/$LAUNCHD_LABEL" >/dev/null 2>&1 && loaded=1
  if [ "$loaded" = 1 ] && [ "$FILE_CHANGED" = 0 ]; then
    info "The LaunchAgent $LAUNCHD_LABEL was already installed and loaded."
  else
    if [ "$loaded" = 1 ]; then
      # bootout is asynchronous: wait until the old definition is gone before loading the new one.
      launchctl bootout "$domain/$LAUNCHD_LABEL" >/dev/null 2>&1 || true
      tries=0
      while launchctl print "$domain/$LAUNCHD_LABEL" >/dev/null 2>&1 && [ "$tries" -lt 10 ]; do
        sleep 1
        tries=$((tries + 1))
      done
    fi
    if ! launchctl bootstrap "$domain" "$LAUNCHD_PLIST" && ! launchctl load -w "$LAUNCHD_PLIST"; then
      err "launchctl could not load $LAUNCHD_PLIST (over SSH the gui domain may be missing)."
      err "From a logged-in session run: launchctl bootstrap $domain '$LAUNCHD_PLIST'"
      exit "$EX_FAIL"
    fi
    info "Installed the LaunchAgent $LAUNCHD_LABEL (every Sunday 03:00)."
  fi
  info "Plist:   $LAUNCHD_PLIST"
  info "Check:   launchctl print $domain/$LAUNCHD_LABEL"
  info "Logs:    $TIMER_LOG and $LOG_DIR/update.log"
  info "Docker Desktop must be running at that time; the job runs while you are logged in."
}

if [ "$PLATFORM" = macos ]; then install_launchd; else install_systemd; fi
if is_local_image "$MCP_IMAGE"; then
  warn "$(local_build_note) The scheduled run will only report that (exit 10); re-run this script after setting AUTOTASK_MCP_IMAGE."
fi
info "Remove it with: $SCRIPT_DIR/cron_uninstall.sh"
