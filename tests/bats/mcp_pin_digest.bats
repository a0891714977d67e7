#!/usr/bin/env bats
# scripts/mcp_pin_digest.sh: pins exact registry digests, refuses local builds, confirms on a TTY.
# TEST_ENV and TEST_HEALTH_TIMEOUT are read by run_script (helpers/common.bash);
# BUNDLE is changed per test on purpose.
# shellcheck disable=SC2034,SC2030,SC2031

setup() {
  load helpers/common
  setup_bundle
  IMG=registry.test/acme/autotask-mcp:latest
  REPO=registry.test/acme/autotask-mcp
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$IMG")
  write_env_file
}

pin_file() { cat "$BUNDLE/.pinned-digest"; }

# on_tty ANSWER NAME ARGS...: run a bundle script with stdin/stdout on a pseudo-terminal.
on_tty() {
  local answer=$1
  shift
  run bash -c 'printf "%s\n" "$1" | env -i PATH="$2" HOME="$3" SHIM_STATE="$4" AUTOTASK_MCP_IMAGE="$5" \
    /usr/bin/python3 -c "import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)" "${@:6}"' \
    _ "$answer" "$SHIM_BIN" "$FAKE_HOME" "$SHIM_STATE" "$IMG" "$BUNDLE/scripts/$1" "${@:2}"
}

@test "--help explains what is pinned and the exit codes" {
  run_script mcp_pin_digest.sh --help
  assert_success
  assert_output --partial "Usage: scripts/mcp_pin_digest.sh"
  assert_output --partial "--pull"
  assert_output --partial "10 the image has no registry digest"
}

@test "pins the running container's registry digest with --yes and prints it" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_line --index 0 --partial "Pin (the image the running container uses): $REPO@$(fake_digest a)"
  assert_line --index 2 "$REPO@$(fake_digest a)"
  assert_equal "$(pin_file)" "$REPO@$(fake_digest a)"
}

@test "pins what is running even when the local tag already names a newer pull" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  local_has "$IMG" b
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_equal "$(pin_file)" "$REPO@$(fake_digest a)"
}

@test "without a running container, pins the image the local tag names" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_output --partial "the service is not running"
  assert_equal "$(pin_file)" "$REPO@$(fake_digest a)"
}

@test "--pull pins what the registry names now (accepting a refused update)" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  echo "$REPO@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  registry_has "$IMG" b
  run_script mcp_pin_digest.sh --pull --yes
  assert_success
  assert_output --partial "Replaces:          $REPO@$(fake_digest a)"
  assert_equal "$(pin_file)" "$REPO@$(fake_digest b)"
}

@test "refuses a locally built image that has no registry digest (exit 10, nothing written)" {
  local_has "$IMG" e
  running e
  run_script mcp_pin_digest.sh --yes
  assert_failure 10
  assert_output --partial "no registry digest"
  assert_output --partial "built locally"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "without any local image says to pull first (exit 1)" {
  run_script mcp_pin_digest.sh --yes
  assert_failure 1
  assert_output --partial "run scripts/mcp_pull.sh first"
}

@test "not on a terminal and without --yes: refuses to write (exit 2)" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh
  assert_failure 2
  assert_output --partial "re-run with --yes"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "on a terminal, asks and writes the pin after 'y'" {
  registry_has "$IMG" a
  local_has "$IMG" a
  on_tty y mcp_pin_digest.sh
  assert_success
  assert_output --partial "Write this pin to $BUNDLE/.pinned-digest? [y/N]"
  assert_equal "$(pin_file)" "$REPO@$(fake_digest a)"
}

@test "on a terminal, any other answer writes nothing (exit 1)" {
  registry_has "$IMG" a
  local_has "$IMG" a
  on_tty n mcp_pin_digest.sh
  assert_failure 1
  assert_output --partial "not pinned"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "an explicit reference is pinned as given" {
  run_script mcp_pin_digest.sh --yes "$REPO@$(fake_digest c)"
  assert_success
  assert_equal "$(pin_file)" "$REPO@$(fake_digest c)"
}

@test "an explicit reference must be repo@sha256 with 64 hex digits" {
  run_script mcp_pin_digest.sh --yes "$REPO@sha256:1234"
  assert_failure 2
  assert_output --partial "not a 'repo@sha256:<64 hex>' reference"
  run_script mcp_pin_digest.sh --yes "$IMG"
  assert_failure 2
}

@test "an explicit reference from another repository is refused" {
  run_script mcp_pin_digest.sh --yes "registry.test/other/thing@$(fake_digest c)"
  assert_failure 2
  assert_output --partial "not from the configured image repository"
}

@test "is idempotent: pinning the same digest again changes nothing" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  assert_success
  run_script mcp_pin_digest.sh
  assert_success
  assert_output --partial "Already pinned: $REPO@$(fake_digest a)"
}

@test "a short repository name matches the fully qualified digest docker reports" {
  TEST_ENV=("AUTOTASK_MCP_IMAGE=docker.test/library/autotask-mcp:1")
  registry_has docker.test/library/autotask-mcp:1 a
  printf 'autotask-mcp@%s\n' "$(fake_digest a)" >"$SHIM_STATE/meta/$(fake_id a).digests"
  local_has docker.test/library/autotask-mcp:1 a
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_equal "$(pin_file)" "autotask-mcp@$(fake_digest a)"
}
