#!/usr/bin/env bats
# docker-compose.yml: parsed as YAML, every hardening setting required; valid for docker-compose v1.
# TEST_ENV is read by run_script (helpers/common.bash).
# shellcheck disable=SC2034

setup() {
  load helpers/common
  load helpers/python
  PY=$(yaml_python)
}

# check_compose [FILE]: prints one line per missing or wrong hardening setting; exit 1 if any.
check_compose() {
  "$PY" "$REPO_ROOT/tests/bats/helpers/check_compose.py" "${1:-$REPO_ROOT/docker-compose.yml}"
}

@test "docker-compose.yml has every hardening setting" {
  run check_compose
  assert_success
  assert_output "ok: autotask-mcp"
}

@test "the checker notices a missing setting (read_only removed)" {
  sed '/read_only: true/d' "$REPO_ROOT/docker-compose.yml" >"$BATS_TEST_TMPDIR/c.yml"
  run check_compose "$BATS_TEST_TMPDIR/c.yml"
  assert_failure
  assert_output --partial "read_only must be true"
}

@test "the checker notices a port published on every interface" {
  # shellcheck disable=SC2016 # a literal ${...} is what is searched for
  sed 's/"127.0.0.1:\${MCP_PORT:-8080}:8080"/"${MCP_PORT:-8080}:8080"/' "$REPO_ROOT/docker-compose.yml" >"$BATS_TEST_TMPDIR/c.yml"
  run check_compose "$BATS_TEST_TMPDIR/c.yml"
  assert_failure
  assert_output --partial "ports must be exactly"
}

@test "the checker refuses a deploy.resources block (it breaks the limits on v1 or v2)" {
  { cat "$REPO_ROOT/docker-compose.yml"; printf '    deploy:\n      resources:\n        limits:\n          cpus: "1"\n'; } >"$BATS_TEST_TMPDIR/c.yml"
  run check_compose "$BATS_TEST_TMPDIR/c.yml"
  assert_failure
  assert_output --partial "deploy.resources"
}

@test "the checker notices weakened tmpfs options and a network_mode that would cut DNS" {
  sed -e 's/rw,noexec,nosuid,nodev,size=64m/rw,size=64m/' "$REPO_ROOT/docker-compose.yml" >"$BATS_TEST_TMPDIR/c.yml"
  printf '    network_mode: none\n' >>"$BATS_TEST_TMPDIR/c.yml"
  run check_compose "$BATS_TEST_TMPDIR/c.yml"
  assert_failure
  assert_output --partial "tmpfs /tmp must be"
  assert_output --partial "network_mode"
}

@test "the default image is a local build name no registry serves, defined once (the scripts read it)" {
  # shellcheck disable=SC2016 # a literal ${...} is what is searched for
  run grep -c 'image: ${AUTOTASK_MCP_IMAGE:-autotask-mcp:local}' "$REPO_ROOT/docker-compose.yml"
  assert_output 1
  run grep -c '^MCP_DEFAULT_IMAGE=' "$REPO_ROOT/scripts/lib.sh"
  assert_output 0
}

@test "the checker refuses a build: key (a failed pull must never become a local build)" {
  { cat "$REPO_ROOT/docker-compose.yml"; printf '    build: .\n'; } >"$BATS_TEST_TMPDIR/c.yml"
  run check_compose "$BATS_TEST_TMPDIR/c.yml"
  assert_failure
  assert_output --partial "build must not be set"
}

@test "docker-compose (v1.29) reads the pin's override by default and runs its digest whatever AUTOTASK_MCP_IMAGE says" {
  command -v docker-compose >/dev/null || fail "docker-compose is required for this suite (Debian: docker-compose)"
  setup_bundle
  local img=registry.test/acme/autotask-mcp:latest repo=registry.test/acme/autotask-mcp
  registry_has "$img" a
  local_has "$img" a
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$img")
  run_script mcp_pin_digest.sh --yes
  assert_success
  touch "$BUNDLE/.env"
  cd "$BUNDLE"
  run env AUTOTASK_MCP_IMAGE="$img" docker-compose -p bats config
  assert_success
  assert_line "    image: $repo@$(fake_digest a)"
  run env AUTOTASK_MCP_IMAGE="$img" docker-compose -p bats config --services
  assert_output autotask-mcp
}

@test "docker-compose (v1.29) accepts the file in live and demo mode" {
  command -v docker-compose >/dev/null || fail "docker-compose is required for this suite (Debian: docker-compose)"
  cd "$BATS_TEST_TMPDIR"
  run env AUTOTASK_ENV_FILE="$REPO_ROOT/demo.env" docker-compose -f "$REPO_ROOT/docker-compose.yml" -p bats config -q
  assert_success
  touch "$BATS_TEST_TMPDIR/live.env"
  run env AUTOTASK_ENV_FILE="$BATS_TEST_TMPDIR/live.env" AUTOTASK_MCP_MODE=live MCP_PORT=9000 \
    docker-compose -f "$REPO_ROOT/docker-compose.yml" -p bats config -q
  assert_success
}

@test "the demo env file enables demo mode and holds no credentials" {
  run grep -E '^AUTOTASK_DEMO=true$' "$REPO_ROOT/demo.env"
  assert_success
  run grep -E '^(AUTOTASK_INTEGRATION_CODE|AUTOTASK_USERNAME|AUTOTASK_SECRET|MCP_AUTH_TOKEN)=' "$REPO_ROOT/demo.env"
  assert_failure 1
}
