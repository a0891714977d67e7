#!/usr/bin/env bats
# scripts/mcp_up.sh: start, wait for /health, demo mode, pull/build fallback, pin, refusals.
# TEST_ENV and TEST_HEALTH_TIMEOUT are read by run_script (helpers/common.bash);
# BUNDLE is changed per test on purpose.
# shellcheck disable=SC2034,SC2030,SC2031

setup() {
  load helpers/common
  setup_bundle
  IMG=autotask-mcp:latest
}

@test "--help describes the options and exit codes" {
  run_script mcp_up.sh --help
  assert_success
  assert_output --partial "Usage: scripts/mcp_up.sh"
  assert_output --partial "--demo"
  assert_output --partial "Exit codes:"
  assert_output --partial "5  the service did not become healthy"
}

@test "an unknown option is a usage error" {
  run_script mcp_up.sh --bogus
  assert_failure 2
  assert_output --partial "unknown option: --bogus"
}

@test "refuses to start without .env and says how to create it or use the demo" {
  run_script mcp_up.sh
  assert_failure 3
  assert_output --partial ".env not found"
  assert_output --partial "chmod 600"
  assert_output --partial "mcp_up.sh --demo"
  refute_output --partial "Starting"
}

@test "refuses a .env readable by group or others and prints the exact chmod fix" {
  write_env_file 644
  run_script mcp_up.sh
  assert_failure 3
  assert_output --partial "accessible by group or others"
  assert_output --partial "Fix: chmod 600 '$BUNDLE/.env'"
  assert_no_secret
}

@test "refuses a group-readable .env (640) too" {
  write_env_file 640
  run_script mcp_up.sh
  assert_failure 3
  assert_output --partial "chmod 600"
}

@test "starts with a private .env, waits for /health and prints the MCP endpoint" {
  write_env_file
  local_has "$IMG" a
  run_script mcp_up.sh
  assert_success
  assert_output --partial "MCP endpoint: http://127.0.0.1:8080/mcp"
  assert_output --partial "live mode"
  assert_equal "$(compose_var env_file)" "$BUNDLE/.env"
  assert_equal "$(compose_var mode)" live
  assert_equal "$(running_image)" "$(fake_id a)"
  run grep -c "^curl .*http://127.0.0.1:8080/health" "$SHIM_STATE/calls.log"
  assert_success
  assert_no_secret
}

@test "--demo starts with the shipped demo.env and needs no .env" {
  local_has "$IMG" a
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "demo mode"
  assert_output --partial "MCP endpoint: http://127.0.0.1:8080/mcp"
  assert_equal "$(compose_var env_file)" "$BUNDLE/demo.env"
  assert_equal "$(compose_var mode)" demo
}

@test "MCP_PORT moves the published port, the health probe and the printed endpoint" {
  local_has "$IMG" a
  TEST_ENV=("MCP_PORT=9123")
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "MCP endpoint: http://127.0.0.1:9123/mcp"
  assert_equal "$(compose_var port)" 9123
  run grep -c "^curl .*http://127.0.0.1:9123/health" "$SHIM_STATE/calls.log"
  assert_success
}

@test "rejects a non-numeric MCP_PORT" {
  TEST_ENV=("MCP_PORT=80a")
  run_script mcp_up.sh --demo
  assert_failure 2
  assert_output --partial "MCP_PORT must be a port number"
}

@test "AUTOTASK_MCP_IMAGE selects the image Compose runs" {
  local_has registry.test/acme/autotask-mcp:2 a
  TEST_ENV=("AUTOTASK_MCP_IMAGE=registry.test/acme/autotask-mcp:2")
  run_script mcp_up.sh --demo
  assert_success
  assert_equal "$(compose_var image)" registry.test/acme/autotask-mcp:2
}

@test "pulls the image when it is not present locally" {
  registry_has "$IMG" a
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "Pulling $IMG"
  run grep -c "compose .* pull autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
  refute grep -q " build " "$SHIM_STATE/calls.log"
}

@test "falls back to building from the bundled Dockerfile when the pull fails" {
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "could not pull $IMG; building it from the bundled Dockerfile"
  run grep -c "compose .* build autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
}

@test "falls back to building when the pull 'succeeds' without producing the image (Compose v2 warning)" {
  # shellcheck disable=SC2016 # the wrapper's own "$@" must stay literal
  printf '#!/usr/bin/env bash\nif [ "$1" = compose ] && [[ " $* " == *" pull "* ]]; then echo "WARN pull access denied, image can be built"; exit 0; fi\nexec %q "$@"\n' "$SHIM_SRC/docker" >"$SHIM_BIN/docker"
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "building it from the bundled Dockerfile"
  run grep -c "compose .* build autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
}

@test "--build builds without trying to pull" {
  registry_has "$IMG" a
  run_script mcp_up.sh --demo --build
  assert_success
  assert_output --partial "Building $IMG"
  refute grep -q " pull " "$SHIM_STATE/calls.log"
}

@test "a failed build after a failed pull exits 1" {
  flag build_fails
  run_script mcp_up.sh --demo
  assert_failure 1
  assert_output --partial "the image build failed"
}

@test "a service that stays unhealthy fails with exit 5 and shows its last log lines" {
  local_has "$IMG" a
  set_health a starting
  echo "server said: AUTOTASK_USERNAME is missing" >"$SHIM_STATE/server.log"
  TEST_HEALTH_TIMEOUT=1
  run_script mcp_up.sh --demo
  assert_failure 5
  assert_output --partial "did not become healthy"
  assert_output --partial "last 50 log lines"
  assert_output --partial "server said: AUTOTASK_USERNAME is missing"
}

@test "a crashing container fails fast without waiting for the timeout" {
  local_has "$IMG" a
  set_health a crash
  TEST_HEALTH_TIMEOUT=30
  SECONDS=0
  run_script mcp_up.sh --demo
  assert_failure 5
  assert_output --partial "restarting"
  [ "$SECONDS" -lt 10 ]
}

@test "the health wait prints a visible progress line while waiting" {
  local_has "$IMG" a
  set_health a starting
  TEST_HEALTH_TIMEOUT=1
  run_script mcp_up.sh --demo
  assert_output --partial "Waiting for http://127.0.0.1:8080/health"
}

@test "is idempotent: a second run leaves the healthy container alone" {
  local_has "$IMG" a
  run_script mcp_up.sh --demo
  assert_success
  run_script mcp_up.sh --demo
  assert_success
  assert_equal "$(recreations)" 1
}

@test "with a pin, starts exactly the pinned image even when the tag names another" {
  registry_has "$IMG" a
  local_has "$IMG" b
  echo "autotask-mcp@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "Using the pinned image autotask-mcp@$(fake_digest a)"
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "refuses --build while a pin is in place" {
  echo "autotask-mcp@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  run_script mcp_up.sh --demo --build
  assert_failure 2
  assert_output --partial "Delete the pin to run a local build"
}

@test "refuses a malformed .pinned-digest" {
  echo "autotask-mcp:latest" >"$BUNDLE/.pinned-digest"
  run_script mcp_up.sh --demo
  assert_failure 3
  assert_output --partial "does not hold a 'repo@sha256:<64 hex>' reference"
}

@test "uses 'docker compose' (v2) when available" {
  local_has "$IMG" a
  run_script mcp_up.sh --demo
  assert_success
  run grep -c "^docker compose -f $BUNDLE/docker-compose.yml -p autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
}

@test "falls back to docker-compose (v1) when the v2 plugin is missing" {
  local_has "$IMG" a
  flag no_compose_v2
  run_script mcp_up.sh --demo
  assert_success
  run grep -c "^docker-compose -f $BUNDLE/docker-compose.yml -p autotask-mcp --project-directory $BUNDLE up -d --no-build autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
}

@test "exits 4 when neither Compose v2 nor docker-compose exists" {
  flag no_compose_v2
  rm "$SHIM_BIN/docker-compose"
  run_script mcp_up.sh --demo
  assert_failure 4
  assert_output --partial "neither 'docker compose' (v2) nor 'docker-compose'"
}

@test "exits 4 when the Docker engine is not answering" {
  flag engine_down
  run_script mcp_up.sh --demo
  assert_failure 4
  assert_output --partial "Docker engine is not answering"
}

@test "exits 4 when docker is not installed" {
  rm "$SHIM_BIN/docker"
  run_script mcp_up.sh --demo
  assert_failure 4
  assert_output --partial "docker not found on PATH"
}

@test "finds the bundle from its own location when called from another directory" {
  local_has "$IMG" a
  cd "$BATS_TEST_TMPDIR"
  run_script mcp_up.sh --demo
  assert_success
  assert_equal "$(compose_var env_file)" "$BUNDLE/demo.env"
}
