#!/usr/bin/env bash
# End-to-end suite on a real Docker engine: builds the shipped Dockerfile unchanged (stand-in Node
# base via its build ARGs), runs it through the real scripts/ and docker-compose.yml from a
# throw-away copy of the bundle, talks to it with two independent MCP clients, proves the
# hardening from outside and inside, keeps secrets out of logs, and exercises pin / refused update
# / update / rollback / up-to-date against a real local registry.
# Ends with "N passed, N failed"; exit non-zero on any failure. Cleans up after itself (trap).
set -uo pipefail

E2E_DIR="$(cd "$(dirname "$0")" && pwd)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/autotask-mcp-e2e.XXXXXX")
CHECK_LOG_DIR="$WORK/checks"
mkdir -p "$CHECK_LOG_DIR"
# shellcheck source=tests/lib/check.sh
. "$E2E_DIR/../lib/check.sh"
# shellcheck source=tests/lib/deps.sh
. "$E2E_DIR/../lib/deps.sh"
# shellcheck source=tests/lib/docker_engine.sh
. "$E2E_DIR/../lib/docker_engine.sh"
# shellcheck source=tests/lib/base_image.sh
. "$E2E_DIR/../lib/base_image.sh"
# shellcheck source=tests/lib/registry.sh
. "$E2E_DIR/../lib/registry.sh"
# shellcheck source=tests/e2e/bundle.sh
. "$E2E_DIR/bundle.sh"

BUNDLE="$WORK/autotask-mcp"
# Image names this run tags (all removed at exit). The built image keeps its BuildKit cache.
E2E_BUILT="autotask-mcp-e2e:built"
E2E_REPO="$REGISTRY_HOST/e2e/autotask-mcp"
E2E_IMAGE="$E2E_BUILT"
# Client tools write state under HOME and docker may read credential helpers from its config:
# both point into the scratch dir.
export HOME="$WORK/home" DOCKER_CONFIG="$WORK/docker-config"
mkdir -p "$HOME" "$DOCKER_CONFIG"
E2E_PATH="$(docker_client_path):$PATH"
INSPECTOR="$TESTS_REPO_ROOT/tests/e2e/node_modules/.bin/mcp-inspector"
SERVICE="" IMAGE_VAR=""

# remove_e2e_docker_objects: containers and networks of our Compose project, and every image
# this suite built, tagged or pulled (also those left with only a repo digest). Also run before
# the suite, so a run that was killed (no trap) cannot break the next one.
remove_e2e_docker_objects() {
  local pass ids project
  for project in "$E2E_PROJECT" "$E2E_TEAM_PROJECT"; do
    "$DOCKER" ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r "$DOCKER" rm -f >/dev/null 2>&1
    "$DOCKER" network ls -q --filter "label=com.docker.compose.project=$project" | xargs -r "$DOCKER" network rm >/dev/null 2>&1
  done
  # C is built FROM B FROM A: a parent cannot go before its child, so a few passes.
  for pass in 1 2 3 4 5; do
    ids=$({ "$DOCKER" images -q autotask-mcp-e2e; "$DOCKER" images -q "$E2E_REPO"; } 2>/dev/null | sort -u)
    [ -n "$ids" ] || return 0
    [ "$pass" -lt 5 ] || break
    printf '%s\n' "$ids" | xargs -r "$DOCKER" rmi -f >/dev/null 2>&1
  done
  log "could not remove e2e images: ${ids//$'\n'/ }"
}

cleanup() {
  trap - EXIT INT TERM
  log "e2e cleanup"
  if [ -d "$BUNDLE/scripts" ] && [ -n "$IMAGE_VAR" ]; then
    in_bundle ./scripts/mcp_down.sh >/dev/null 2>&1 || true
  fi
  docker_engine_up && remove_e2e_docker_objects
  registry_stop
  docker_engine_stop
  if [ "${E2E_KEEP_WORK:-0}" = 1 ]; then log "kept $WORK (E2E_KEEP_WORK=1)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- setup
section "setup: tools, Docker engine, stand-in base image, registry, bundle copy"
lockfile_clean() {
  if grep -nE '"resolved"|https?://[^"]*(registry|npmjs)' "$E2E_DIR/package-lock.json"; then return 1; fi
}
check "e2e lockfile records no registry host names" lockfile_clean
npm_deps_ready() { ensure_npm_deps "$TESTS_REPO_ROOT/server" && ensure_npm_deps "$E2E_DIR"; }
# The MCP clients need these; the Docker checks do not, so nothing is blocked here.
check "npm dependencies of server/ and tests/e2e/ are installed" npm_deps_ready
# The workflows cannot run here; their structure is checked in tests/bats/workflows.bats, and
# here against GitHub's workflow schema (unknown keys, wrong types, bad trigger shapes).
workflows_valid() {
  local f n=0
  for f in "$TESTS_REPO_ROOT"/.github/workflows/*.yml; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    echo "--- ${f#"$TESTS_REPO_ROOT"/}"
    "$E2E_DIR/node_modules/.bin/action-validator" "$f"
  done
  expect_eq "$n" 2 "workflow files (ci.yml, release.yml)"
}
check "GitHub workflows validate against the Actions workflow schema (action-validator)" workflows_valid
check "Docker engine answers (started if none was running)" docker_engine_start || block "no Docker engine"
[ -n "$CHECK_BLOCKED" ] || remove_e2e_docker_objects
check "stand-in Node base images exist (debootstrap, cached by tag)" ensure_base_images || block "no base image"
registry_start >"$WORK/registry-start.log" 2>&1
registry_answers() { cat "$WORK/registry-start.log"; registry_up; }
check "local registry answers on 127.0.0.1:$REGISTRY_PORT" registry_answers \
  || block "no registry"
bundle_copy "$TESTS_REPO_ROOT" "$BUNDLE" 2>"$WORK/copy.log"
bundle_complete() {
  cat "$WORK/copy.log"
  (cd "$BUNDLE" && ls Dockerfile docker-compose.yml scripts/mcp_up.sh scripts/mcp_down.sh scripts/mcp_logs.sh \
    scripts/mcp_pull.sh scripts/mcp_update.sh scripts/mcp_pin_digest.sh)
}
check "bundle copy has Dockerfile, docker-compose.yml and scripts/" bundle_complete \
  || block "bundle files missing"
if [ -z "$CHECK_BLOCKED" ]; then
  SERVICE=$(compose_service) IMAGE_VAR=$(compose_image_var)
fi
check "docker-compose.yml takes its image from a variable" expect_match "$IMAGE_VAR" '^[A-Za-z_]' "image variable" \
  || block "cannot choose the image under test"
SETUP_BLOCK=$CHECK_BLOCKED

# ---------------------------------------------------------------- build
section "build the shipped Dockerfile unchanged"
block "$SETUP_BLOCK"
build_image() {
  local args
  args=$(dockerfile_base_build_args)
  echo "build args: $args"
  [ -n "$args" ] || { echo "the Dockerfile names no base image through an ARG"; return 1; }
  # shellcheck disable=SC2086 # one word per flag and value
  # E2E_BUILD_NO_CACHE=1 measures a cold build without pruning the engine's shared cache.
  DOCKER_BUILDKIT=1 "$DOCKER" build ${E2E_BUILD_NO_CACHE:+--no-cache} $args -t "$E2E_BUILT" "$BUNDLE"
}
check "docker build with the stand-in base passed through the Dockerfile's ARGs" build_image || block "image build failed"
BUILD_BLOCK=$CHECK_BLOCKED

# shellcheck source=tests/e2e/checks_image.sh
. "$E2E_DIR/checks_image.sh"
# shellcheck source=tests/e2e/checks_demo.sh
. "$E2E_DIR/checks_demo.sh"
# shellcheck source=tests/e2e/checks_hardening.sh
. "$E2E_DIR/checks_hardening.sh"
# shellcheck source=tests/e2e/checks_secrets.sh
. "$E2E_DIR/checks_secrets.sh"
# shellcheck source=tests/e2e/checks_supply_chain.sh
. "$E2E_DIR/checks_supply_chain.sh"
# shellcheck source=tests/e2e/checks_team.sh
. "$E2E_DIR/checks_team.sh"

cleanup >&2
check_summary
