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

@test "pulls the tag with docker pull and reports the digest and version" {
  registry_has "$IMG" a
  run_script mcp_pull.sh
  assert_success
  assert_output --partial "$IMG is $(short="$(fake_id a)"; echo "${short:7:12}") ($REPO@$(fake_digest a), version 0.1.a)"
  run grep -c "^docker pull $IMG$" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "works without .env (nothing is started)" {
  registry_has "$IMG" a
  run_script mcp_pull.sh
  assert_success
  [ ! -e "$SHIM_STATE/container" ]
}

@test "a local build: says plainly there is nothing to pull (exit 10) and pulls nothing" {
  TEST_ENV=()
  run_script mcp_pull.sh
  assert_failure 10
  assert_output --partial "autotask-mcp:local is a local build"
  assert_output --partial "nothing to pull"
  refute grep -q "pull" "$SHIM_STATE/calls.log"
}

@test "a pull that Compose would only warn about is still a failed pull (exit 1)" {
  # shellcheck disable=SC2016 # the wrapper's own "$@" must stay literal
  printf '#!/usr/bin/env bash\nif [ "$1" = compose ] && [[ " $* " == *" pull "* ]]; then echo "WARN pull access denied, image can be built"; exit 0; fi\nexec %q "$@"\n' "$SHIM_SRC/docker" >"$SHIM_BIN/docker"
  run_script mcp_pull.sh
  assert_failure 1
  assert_output --partial "could not pull $IMG"
}

@test "with a pin, pulls exactly the pinned digest and does not follow the tag" {
  registry_has "$IMG" a
  echo "$REPO@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  registry_has "$IMG" b
  run_script mcp_pull.sh
  assert_success
  assert_output --partial "Pulling the pinned image $REPO@$(fake_digest a)"
  [ -e "$SHIM_STATE/local/$(fake_id a)" ]
  refute grep -q "pull $IMG" "$SHIM_STATE/calls.log"
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
