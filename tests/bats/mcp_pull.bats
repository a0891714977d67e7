#!/usr/bin/env bats
# scripts/mcp_pull.sh
# TEST_ENV and TEST_HEALTH_TIMEOUT are read by run_script (helpers/common.bash);
# BUNDLE is changed per test on purpose.
# shellcheck disable=SC2034,SC2030,SC2031

setup() {
  load helpers/common
  setup_bundle
  IMG=registry.test/acme/autotask-mcp:latest
  REPO=registry.test/acme/autotask-mcp
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$IMG")
}

@test "--help lists the exit codes" {
  run_script mcp_pull.sh --help
  assert_success
  assert_output --partial "Usage: scripts/mcp_pull.sh"
  assert_output --partial "1  the pull failed"
}

@test "an unknown option is a usage error" {
  run_script mcp_pull.sh --now
  assert_failure 2
}

@test "pulls the tag through Compose and reports the digest and version" {
  registry_has "$IMG" a
  run_script mcp_pull.sh
  assert_success
  assert_output --partial "$IMG is $(short="$(fake_id a)"; echo "${short:7:12}") ($REPO@$(fake_digest a), version 0.1.a)"
  run grep -c "compose .* pull autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
}

@test "works without .env (nothing is started)" {
  registry_has "$IMG" a
  run_script mcp_pull.sh
  assert_success
  assert_equal "$(compose_var env_file)" "$BUNDLE/demo.env"
}

@test "with a pin, pulls exactly the pinned digest and does not follow the tag" {
  registry_has "$IMG" a
  echo "$REPO@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  registry_has "$IMG" b
  run_script mcp_pull.sh
  assert_success
  assert_output --partial "Pulling the pinned image $REPO@$(fake_digest a)"
  assert_equal "$(local_tag "$IMG")" "$(fake_id a)"
  refute grep -q "compose .* pull" "$SHIM_STATE/calls.log"
}

@test "a failed pull exits 1" {
  run_script mcp_pull.sh
  assert_failure 1
  assert_output --partial "could not pull $IMG"
}

@test "an unreachable engine exits 4" {
  flag engine_down
  run_script mcp_pull.sh
  assert_failure 4
}
