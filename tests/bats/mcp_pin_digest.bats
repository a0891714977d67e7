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
  assert_output --partial "10 the image is a local build"
  assert_output --partial "13 the digest is a single-platform manifest"
  assert_output --partial "--remove"
}

@test "pins the running container's registry digest with --yes and prints it" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_line --index 0 --partial "Pin (the image the running container uses): $REPO@$(fake_digest a)"
  assert_equal "${lines[${#lines[@]}-1]}" "$REPO@$(fake_digest a)"
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
  assert_output --partial "Write this pin to $BUNDLE/.pinned-digest and docker-compose.override.yml? [y/N]"
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

@test "an explicit reference is pinned as given (the registry knows it)" {
  registry_has "$IMG" c
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

# plain_up COMMAND...: what a user types in the bundle folder, outside the scripts, with the tag in
# their shell: `docker compose up -d` or `docker-compose up -d`.
plain_up() {
  (cd "$BUNDLE" && env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" AUTOTASK_MCP_IMAGE="$IMG" "$@" up -d)
}

@test "a local build: 'a local build has no registry digest; nothing to pin' (exit 10), even before it is built" {
  TEST_ENV=()
  run_script mcp_pin_digest.sh --yes
  assert_failure 10
  assert_output --partial "autotask-mcp:local is a local build: it has no registry digest; nothing to pin"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "pinning writes docker-compose.override.yml with the literal digest, which Compose reads by default" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  assert_success
  run cat "$BUNDLE/docker-compose.override.yml"
  assert_line --partial "# autotask-mcp-pin: $REPO@$(fake_digest a)"
  assert_line "    image: $REPO@$(fake_digest a)"
  # shellcheck disable=SC2016 # no variable of any kind may be left for Compose to expand
  refute_output --partial '${'
}

@test "after pinning A and moving the tag to B, a plain 'docker compose up -d' runs A" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  registry_has "$IMG" b
  local_has "$IMG" b
  run plain_up docker compose
  assert_success
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "after pinning A and moving the tag to B, a plain 'docker-compose up -d' (v1) runs A, pulling it if needed" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  registry_has "$IMG" b
  local_has "$IMG" b
  rm "$SHIM_STATE/local/$(fake_id a)"
  run plain_up docker-compose
  assert_success
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "--remove deletes the pin and its Compose override (asks first; --yes off a terminal)" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  run_script mcp_pin_digest.sh --remove
  assert_failure 2
  [ -e "$BUNDLE/.pinned-digest" ]
  run_script mcp_pin_digest.sh --remove --yes
  assert_success
  assert_output --partial "Removed the pin"
  [ ! -e "$BUNDLE/.pinned-digest" ]
  [ ! -e "$BUNDLE/docker-compose.override.yml" ]
}

@test "a .pinned-digest deleted by hand: the next script run removes the pin's Compose override too" {
  registry_has "$IMG" a
  local_has "$IMG" a
  run_script mcp_pin_digest.sh --yes
  rm "$BUNDLE/.pinned-digest"
  run_script mcp_pull.sh
  assert_success
  assert_output --partial "docker-compose.override.yml"
  [ ! -e "$BUNDLE/docker-compose.override.yml" ]
}

@test "refuses to overwrite a docker-compose.override.yml it did not write (exit 3)" {
  registry_has "$IMG" a
  local_has "$IMG" a
  printf 'services:\n  autotask-mcp:\n    mem_limit: 1g\n' >"$BUNDLE/docker-compose.override.yml"
  run_script mcp_pin_digest.sh --yes
  assert_failure 3
  assert_output --partial "was not written by mcp_pin_digest.sh"
  run cat "$BUNDLE/docker-compose.override.yml"
  assert_output --partial "mem_limit: 1g"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "refuses a pin when a compose.override.yml would take precedence for Compose v2 (exit 3)" {
  registry_has "$IMG" a
  local_has "$IMG" a
  printf 'services: {}\n' >"$BUNDLE/compose.override.yml"
  run_script mcp_pin_digest.sh --yes
  assert_failure 3
  assert_output --partial "compose.override.yml"
}

@test "multi-platform image: a platform-manifest digest is refused at pin time (exit 13), naming the index" {
  registry_has_index "$IMG" a
  run_script mcp_pin_digest.sh --yes "$REPO@$(fake_digest a)"
  assert_failure 13
  assert_output --partial "single-platform manifest (linux/amd64)"
  assert_output --partial "multi-platform index"
  assert_output --partial "mcp_pin_digest.sh --pull"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "multi-platform image: the index digest is accepted" {
  registry_has_index "$IMG" a
  run_script mcp_pin_digest.sh --yes "$REPO@$(fake_index_digest a)"
  assert_success
  assert_equal "$(pin_file)" "$REPO@$(fake_index_digest a)"
}

@test "multi-platform image: --pull pins the index digest the tag names" {
  registry_has_index "$IMG" a
  run_script mcp_pin_digest.sh --pull --yes
  assert_success
  assert_equal "$(pin_file)" "$REPO@$(fake_index_digest a)"
}

@test "multi-platform image: docker buildx imagetools is asked when the plugin exists" {
  registry_has_index "$IMG" a
  flag buildx
  flag no_manifest_cmd
  run_script mcp_pin_digest.sh --yes "$REPO@$(fake_arm_digest a)"
  assert_failure 13
  assert_output --partial "(linux/arm64)"
  run grep -c "^docker buildx imagetools inspect --raw $REPO@$(fake_arm_digest a)$" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "single-platform image: its manifest digest is accepted (the tag names the same kind)" {
  registry_has "$IMG" a
  run_script mcp_pin_digest.sh --yes "$REPO@$(fake_digest a)"
  assert_success
  assert_equal "$(pin_file)" "$REPO@$(fake_digest a)"
}

@test "an explicit digest that neither docker manifest nor buildx can inspect is refused (exit 1) with the reason" {
  registry_has_index "$IMG" a
  flag manifest_fails
  run_script mcp_pin_digest.sh --yes "$REPO@$(fake_digest a)"
  assert_failure 1
  assert_output --partial "could not tell whether"
  assert_output --partial "no such host"
  [ ! -e "$BUNDLE/.pinned-digest" ]
}

@test "a digest taken from a pulled image is pinned even when the registry cannot be asked (and says so)" {
  registry_has_index "$IMG" a
  local_has "$IMG" a
  printf '%s@%s\n' "$REPO" "$(fake_index_digest a)" >"$SHIM_STATE/meta/$(fake_id a).digests"
  flag no_manifest_cmd
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_output --partial "not checked"
  assert_equal "$(pin_file)" "$REPO@$(fake_index_digest a)"
}

@test "an image pulled both by a platform digest and by its index: the index digest is pinned" {
  registry_has_index "$IMG" a
  local_has "$IMG" a
  printf '%s@%s\n%s@%s\n' "$REPO" "$(fake_digest a)" "$REPO" "$(fake_index_digest a)" >"$SHIM_STATE/meta/$(fake_id a).digests"
  run_script mcp_pin_digest.sh --yes
  assert_success
  assert_equal "$(pin_file)" "$REPO@$(fake_index_digest a)"
}
