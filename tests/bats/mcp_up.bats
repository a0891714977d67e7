#!/usr/bin/env bats
# scripts/mcp_up.sh: start, wait for /health, demo mode, pull/build fallback, pin, refusals.
# TEST_ENV and TEST_HEALTH_TIMEOUT are read by run_script (helpers/common.bash);
# BUNDLE is changed per test on purpose.
# shellcheck disable=SC2034,SC2030,SC2031

# built: something was built (docker build, or a Compose build), as opposed to `up --no-build`.
built() { grep -qE '^docker build |^docker(-compose| compose) .* build( |$)' "$SHIM_STATE/calls.log"; }
pulled() { grep -qE '^docker pull |^docker(-compose| compose) .* pull( |$)' "$SHIM_STATE/calls.log"; }

setup() {
  load helpers/common
  setup_bundle
  # A source checkout's default: a local build under a name no registry serves.
  IMG=autotask-mcp:local
  REG_IMG=registry.test/acme/autotask-mcp:latest
  REG_REPO=registry.test/acme/autotask-mcp
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

@test "the scripts take their default image from docker-compose.yml" {
  sed 's/AUTOTASK_MCP_IMAGE:-autotask-mcp:local/AUTOTASK_MCP_IMAGE:-registry.test\/acme\/autotask-mcp:9/' \
    "$REPO_ROOT/docker-compose.yml" >"$BUNDLE/docker-compose.yml"
  local_has registry.test/acme/autotask-mcp:9 a
  run_script mcp_up.sh --demo
  assert_success
  assert_equal "$(compose_var image)" registry.test/acme/autotask-mcp:9
}

@test "AUTOTASK_MCP_IMAGE selects the image Compose runs" {
  local_has registry.test/acme/autotask-mcp:2 a
  TEST_ENV=("AUTOTASK_MCP_IMAGE=registry.test/acme/autotask-mcp:2")
  run_script mcp_up.sh --demo
  assert_success
  assert_equal "$(compose_var image)" registry.test/acme/autotask-mcp:2
}

@test "a source checkout builds autotask-mcp:local from the bundled Dockerfile, says so, and never pulls" {
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "Building autotask-mcp:local from the bundled Dockerfile"
  assert_output --partial "a local build"
  assert_equal "$(compose_var image)" autotask-mcp:local
  run grep -cE "^docker build -t autotask-mcp:local .*$BUNDLE$" "$SHIM_STATE/calls.log"
  assert_output 1
  refute pulled
}

@test "an existing local build is used as it is and named a local build" {
  local_has "$IMG" a
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "Using the local build autotask-mcp:local"
  refute built
  refute pulled
}

@test "--build rebuilds the local image" {
  local_has "$IMG" a
  run_script mcp_up.sh --demo --build
  assert_success
  assert_output --partial "Building $IMG"
  refute pulled
  [ "$(running_image)" != "$(fake_id a)" ]
}

@test "a registry image that is not present locally is pulled" {
  registry_has "$REG_IMG" a
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "Pulling $REG_IMG"
  assert_equal "$(running_image)" "$(fake_id a)"
  refute built
}

@test "a registry image whose pull fails is a failure with a clear message, never a local build" {
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
  run_script mcp_up.sh --demo
  assert_failure 1
  assert_output --partial "could not pull $REG_IMG"
  assert_output --partial "never replaced by a local build"
  refute built
  [ ! -e "$SHIM_STATE/container" ]
}

@test "a transient pull failure of a registry image does not build under the registry name" {
  flag pull_fails
  TEST_ENV=("AUTOTASK_MCP_IMAGE=ghcr.io/acme/autotask-mcp:latest")
  run_script mcp_up.sh --demo
  assert_failure 1
  refute built
  assert_equal "$(local_tag ghcr.io/acme/autotask-mcp:latest)" ""
}

@test "a pull that Compose would only warn about still counts as failed (no silent build)" {
  # shellcheck disable=SC2016 # the wrapper's own "$@" must stay literal
  printf '#!/usr/bin/env bash\nif [ "$1" = compose ] && [[ " $* " == *" pull "* ]]; then echo "WARN pull access denied, image can be built"; exit 0; fi\nexec %q "$@"\n' "$SHIM_SRC/docker" >"$SHIM_BIN/docker"
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
  run_script mcp_up.sh --demo
  assert_failure 1
  refute built
}

@test "--build refuses a registry image: a local build never takes a registry name" {
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
  run_script mcp_up.sh --demo --build
  assert_failure 2
  assert_output --partial "never replaced by a local build"
  refute built
}

@test "the old default autotask-mcp:latest is a registry name now: a failed pull says how to build locally" {
  TEST_ENV=("AUTOTASK_MCP_IMAGE=autotask-mcp:latest")
  run_script mcp_up.sh --demo
  assert_failure 1
  assert_output --partial "autotask-mcp:local"
  refute built
}

@test "a failed local build exits 1" {
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

@test "with a pin, starts exactly the pinned digest even when the tag names another" {
  registry_has "$REG_IMG" a
  local_has "$REG_IMG" b
  echo "$REG_REPO@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
  run_script mcp_up.sh --demo
  assert_success
  assert_output --partial "Pulling the pinned image $REG_REPO@$(fake_digest a)"
  assert_equal "$(compose_var image)" "$REG_REPO@$(fake_digest a)"
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "refuses --build while a pin is in place" {
  echo "$REG_REPO@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
  run_script mcp_up.sh --demo --build
  assert_failure 2
  assert_output --partial "never replaced by a local build"
}

@test "refuses a malformed .pinned-digest" {
  echo "autotask-mcp:latest" >"$BUNDLE/.pinned-digest"
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$REG_IMG")
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
