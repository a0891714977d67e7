#!/usr/bin/env bats
# scripts/mcp_token.sh

setup() {
  load helpers/common
  setup_bundle
  write_env_file
}

@test "--help names the commands and the options" {
  run_script mcp_token.sh --help
  assert_success
  assert_output --partial "add --name NAME [--resource ID]"
  assert_output --partial "--read-only"
}

@test "add runs the CLI in a throw-away container with the tokens file mounted, and prints the token" {
  run_script mcp_token.sh add --name alice --resource 29682902 --toolsets core,tickets
  assert_success
  assert_output --partial "atmcp_shim-token-printed-once"
  run grep -c "compose .* run --rm --no-deps -T --user [0-9]*:[0-9]* -v $BUNDLE/tokens.jsonl:/run/autotask-mcp/tokens.jsonl -e MCP_TOKENS_FILE=/run/autotask-mcp/tokens.jsonl autotask-mcp node dist/index.js token add --name alice --resource 29682902 --toolsets core,tickets$" "$SHIM_STATE/calls.log"
  assert_success
}

@test "the tokens file is created private, and made private when it is not" {
  run_script mcp_token.sh list
  assert_success
  run ls -l "$BUNDLE/tokens.jsonl"
  assert_output --regexp '^-rw-------'
  chmod 644 "$BUNDLE/tokens.jsonl"
  run_script mcp_token.sh list
  assert_success
  run ls -l "$BUNDLE/tokens.jsonl"
  assert_output --regexp '^-rw-------'
}

@test "a failing CLI is exit 1" {
  touch "$SHIM_STATE/run_fails"
  run_script mcp_token.sh add --name alice
  assert_failure 1
  assert_output --partial "token add failed"
}

@test "no command or an unknown one is a usage error" {
  run_script mcp_token.sh
  assert_failure 2
  run_script mcp_token.sh rotate
  assert_failure 2
}

@test "no secret from .env reaches the output" {
  run_script mcp_token.sh add --name alice
  assert_success
  refute_output --partial "$SENTINEL"
}
