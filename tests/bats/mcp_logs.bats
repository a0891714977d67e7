#!/usr/bin/env bats
# scripts/mcp_logs.sh

setup() {
  load helpers/common
  setup_bundle
  write_env_file
  running a live
}

@test "--help mentions the default of 200 lines and -f" {
  run_script mcp_logs.sh --help
  assert_success
  assert_output --partial "last 200 lines"
  assert_output --partial "-f, --follow"
}

@test "prints the last 200 lines without following" {
  run_script mcp_logs.sh
  assert_success
  assert_output --partial "listening on 0.0.0.0:8080"
  run grep -c "compose .* logs --no-color --tail 200 autotask-mcp$" "$SHIM_STATE/calls.log"
  assert_success
}

@test "-f follows" {
  run_script mcp_logs.sh -f
  assert_success
  run grep -c "compose .* logs --tail 200 --follow autotask-mcp$" "$SHIM_STATE/calls.log"
  assert_success
}

@test "--tail N changes the number of lines" {
  run_script mcp_logs.sh --tail 20
  assert_success
  run grep -c "logs --no-color --tail 20 autotask-mcp$" "$SHIM_STATE/calls.log"
  assert_success
}

@test "--tail needs a whole number" {
  run_script mcp_logs.sh --tail many
  assert_failure 2
  assert_output --partial "--tail needs a whole number"
}

@test "an unknown option is a usage error" {
  run_script mcp_logs.sh --since 1h
  assert_failure 2
}

@test "never shows .env contents" {
  run_script mcp_logs.sh
  assert_success
  assert_no_secret
}
