#!/usr/bin/env bats
# scripts/mcp_doctor.sh: runs `autotask-mcp doctor` in the running container via compose exec.

setup() {
  load helpers/common
  setup_bundle
  write_env_file
}

doctor_says() { # doctor_says RC [STDOUT]: what the doctor in the container answers
  printf '%s\n' "$1" >"$SHIM_STATE/doctor.rc"
  printf '%s\n' "${2:-pass zone: pinned}" >"$SHIM_STATE/doctor.out"
}

@test "--help says what it checks, that it is read-only, when to run it, and every exit code" {
  run_script mcp_doctor.sh --help
  assert_success
  assert_output --partial "Usage: scripts/mcp_doctor.sh [--json]"
  assert_output --partial "Read-only"
  assert_output --partial "Run it once after setup"
  assert_output --partial "never reads .env"
  local code
  for code in 0 1 2 3 4 12; do
    assert_line --regexp "^  $code +"
  done
}

@test "runs the doctor in the running container and passes its report and exit code through" {
  running a live
  doctor_says 0 "pass credentials: Autotask accepted the API user"
  run_script mcp_doctor.sh
  assert_success
  assert_output "pass credentials: Autotask accepted the API user"
  run grep -c "compose .* exec -T autotask-mcp node dist/index.js doctor$" "$SHIM_STATE/calls.log"
  assert_output 1
  assert_equal "$(compose_var env_file)" "$BUNDLE/.env"
}

@test "--json is handed to the doctor" {
  running a live
  doctor_says 0 '{"summary":{"pass":30,"warn":0,"fail":0}}'
  run_script mcp_doctor.sh --json
  assert_success
  assert_output '{"summary":{"pass":30,"warn":0,"fail":0}}'
  run grep -c "exec -T autotask-mcp node dist/index.js doctor --json$" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "a failed check exits 1 with the doctor's FAIL line" {
  running a live
  doctor_says 1 "FAIL query.order: out of ascending order -> fix: report it"
  run_script mcp_doctor.sh
  assert_failure 1
  assert_output --partial "FAIL query.order"
}

@test "an invalid server configuration exits 3 and says who fixes .env" {
  running a live
  doctor_says 2 ""
  printf 'autotask-mcp: Invalid configuration:\n- AUTOTASK_CLOSED_STATUSES entries must be ...\n' >"$SHIM_STATE/doctor.err"
  run_script mcp_doctor.sh
  assert_failure 3
  assert_output --partial "Invalid configuration"
  assert_output --partial "the user fixes that variable in .env"
}

@test "any other exec failure exits 1" {
  running a live
  doctor_says 126 ""
  run_script mcp_doctor.sh
  assert_failure 1
  assert_output --partial "docker compose exec failed (exit 126)"
}

@test "refuses with exit 12 and the start command when the service is not running" {
  run_script mcp_doctor.sh
  assert_failure 12
  assert_output --partial "scripts/mcp_up.sh"
  run grep -c " exec " "$SHIM_STATE/calls.log"
  assert_output 0
}

@test "a crash-looping container counts as not running" {
  running a live
  set_health a crash
  run_script mcp_doctor.sh
  assert_failure 12
}

@test "checks the demo tenant when the demo service runs, without any .env" {
  rm "$BUNDLE/.env"
  running a demo
  run_script mcp_doctor.sh
  assert_success
  assert_equal "$(compose_var env_file)" "$BUNDLE/demo.env"
}

@test "works with docker-compose v1" {
  flag no_compose_v2
  running a live
  run_script mcp_doctor.sh
  assert_success
  run grep -c "^docker-compose .* exec -T autotask-mcp node dist/index.js doctor$" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "no Docker engine: exit 4" {
  flag engine_down
  run_script mcp_doctor.sh
  assert_failure 4
}

@test "an unknown option is a usage error" {
  run_script mcp_doctor.sh --fix
  assert_failure 2
  assert_output --partial "unknown option: --fix"
}

@test "never shows .env contents" {
  running a live
  run_script mcp_doctor.sh
  assert_success
  assert_no_secret
}
