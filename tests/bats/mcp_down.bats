#!/usr/bin/env bats
# scripts/mcp_down.sh

setup() {
  load helpers/common
  setup_bundle
}

@test "--help lists the exit codes" {
  run_script mcp_down.sh --help
  assert_success
  assert_output --partial "Usage: scripts/mcp_down.sh"
  assert_output --partial "Exit codes:"
}

@test "an unknown option is a usage error" {
  run_script mcp_down.sh -v
  assert_failure 2
}

@test "stops and removes the container with compose down" {
  write_env_file
  local_has autotask-mcp:latest a
  running a
  run_script mcp_down.sh
  assert_success
  assert_output --partial "autotask-mcp is stopped."
  [ ! -e "$SHIM_STATE/container" ]
  run grep -c "compose .* down --remove-orphans" "$SHIM_STATE/calls.log"
  assert_success
}

@test "is idempotent: stopping twice succeeds" {
  write_env_file
  run_script mcp_down.sh
  assert_success
  run_script mcp_down.sh
  assert_success
}

@test "stops a demo service without any .env" {
  running a demo
  run_script mcp_down.sh
  assert_success
  assert_equal "$(compose_var env_file)" "$BUNDLE/demo.env"
}

@test "a loose .env does not block stopping, but the fix is printed" {
  write_env_file 644
  running a live
  run_script mcp_down.sh
  assert_success
  assert_output --partial "chmod 600 '$BUNDLE/.env'"
  [ ! -e "$SHIM_STATE/container" ]
  assert_no_secret
}

@test "works with docker-compose v1" {
  flag no_compose_v2
  running a demo
  run_script mcp_down.sh
  assert_success
  run grep -c "^docker-compose .* down" "$SHIM_STATE/calls.log"
  assert_success
}
