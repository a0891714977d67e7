# shellcheck shell=bash
# Shared set-up for the bundle's bats suites: a private copy of the bundle, a sandboxed PATH that
# holds only basic tools plus our shims (so no real docker, compose, systemctl... can be reached),
# a sandboxed HOME, and helpers to describe the fake engine's state.
bats_load_library bats-support
bats_load_library bats-assert

REPO_ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd -P)
SHIM_SRC=$REPO_ROOT/tests/bats/shims
# A value that must never appear in any output, call, log or generated file.
SENTINEL=bats-sentinel-secret-7f3e9c1d5a

# Tools the scripts and shims may use. Anything else is absent from the sandbox PATH.
SANDBOX_TOOLS="bash env cat mkdir rm mv cp date ls sleep grep sed tr head tail find dirname
basename cmp id awk touch printf chmod wc ln readlink ps rmdir"

setup_bundle() {
  BUNDLE=$BATS_TEST_TMPDIR/bundle
  SHIM_STATE=$BATS_TEST_TMPDIR/state
  SHIM_BIN=$BATS_TEST_TMPDIR/bin
  FAKE_HOME=$BATS_TEST_TMPDIR/home
  mkdir -p "$BUNDLE/scripts" "$BUNDLE/logs" "$SHIM_STATE/health" "$SHIM_STATE/meta" "$SHIM_STATE/local" "$SHIM_BIN" "$FAKE_HOME"
  cp "$REPO_ROOT"/scripts/*.sh "$BUNDLE/scripts/"
  cp "$REPO_ROOT/docker-compose.yml" "$REPO_ROOT/demo.env" "$REPO_ROOT/Dockerfile" "$BUNDLE/"
  local tool path
  for tool in $SANDBOX_TOOLS; do
    path=$(command -v "$tool") || continue
    case $path in /*) ln -s "$path" "$SHIM_BIN/$tool" ;; esac
  done
  # Copies, not links: a test may replace or delete its own shims.
  for tool in docker docker-compose; do cp "$SHIM_SRC/docker" "$SHIM_BIN/$tool"; done
  for tool in curl uname systemctl launchctl crontab loginctl; do cp "$SHIM_SRC/tools" "$SHIM_BIN/$tool"; done
  : >"$SHIM_STATE/calls.log"
}

# write_env_file [MODE]: a .env holding the sentinel secret (private by default).
write_env_file() {
  printf 'AUTOTASK_INTEGRATION_CODE=%s-code\nAUTOTASK_USERNAME=api@example.com\nAUTOTASK_SECRET=%s\nMCP_AUTH_TOKEN=%s-token\n' \
    "$SENTINEL" "$SENTINEL" "$SENTINEL" >"$BUNDLE/.env"
  chmod "${1:-600}" "$BUNDLE/.env"
}

# install_tool NAME: puts the shim for an optional tool (e.g. cosign) on the sandbox PATH.
install_tool() { cp "$SHIM_SRC/tools" "$SHIM_BIN/$1"; }

# run_script NAME ARGS...: run a bundle script with only the sandbox on PATH and an empty
# environment; extra variables come from the array TEST_ENV (e.g. TEST_ENV=(MCP_PORT=9000)).
run_script() {
  local name=$1
  shift
  run env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" TERM=dumb \
    MCP_POLL_INTERVAL=0.05 MCP_HEALTH_TIMEOUT="${TEST_HEALTH_TIMEOUT:-2}" \
    ${TEST_ENV[@]+"${TEST_ENV[@]}"} "$BUNDLE/scripts/$name" "$@"
}

# run_script_without_dac NAME ARGS...: like run_script, but file permissions apply even to root
# (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped), so an unwritable directory is unwritable.
run_script_without_dac() {
  local name=$1 drop=()
  shift
  if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null || fail "setpriv (util-linux) is needed to drop root's file-permission override"
    # shellcheck disable=SC2054 # the commas belong to setpriv's capability lists
    drop=(setpriv --inh-caps=-dac_override,-dac_read_search --bounding-set=-dac_override,-dac_read_search)
  fi
  run ${drop[@]+"${drop[@]}"} env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" TERM=dumb \
    MCP_POLL_INTERVAL=0.05 MCP_HEALTH_TIMEOUT="${TEST_HEALTH_TIMEOUT:-2}" \
    ${TEST_ENV[@]+"${TEST_ENV[@]}"} "$BUNDLE/scripts/$name" "$@"
}

# ---- fake engine state ----------------------------------------------------------------------
# fake_id C: a 64-hex image ID made of the hex character C; fake_digest C: its manifest digest
# (for a multi-platform image C: its linux/amd64 manifest); fake_index_digest C: the digest of
# the multi-platform index of C; fake_arm_digest C: the linux/arm64 manifest in that index.
fake_id() { printf 'sha256:%s\n' "$(printf "%64s" '' | tr ' ' "$1")"; }
fake_digest() { printf 'sha256:%s%s\n' "$(printf "%32s" '' | tr ' ' "$1")" "$(printf "%32s" '' | tr ' ' 0)"; }
fake_index_digest() { printf 'sha256:%s%s\n' "$(printf "%32s" '' | tr ' ' "$1")" "$(printf "%32s" '' | tr ' ' f)"; }
fake_arm_digest() { printf 'sha256:%s%s\n' "$(printf "%32s" '' | tr ' ' "$1")" "$(printf "%32s" '' | tr ' ' 1)"; }

# manifest_is DIGEST ID KIND: the registry's manifest DIGEST (image or index) resolves to ID.
manifest_is() {
  mkdir -p "$SHIM_STATE/manifests"
  printf '%s %s\n' "$2" "$3" >"$SHIM_STATE/manifests/${1#sha256:}.id"
  if [ "$3" = index ]; then
    printf '{\n   "schemaVersion": 2,\n   "mediaType": "application/vnd.oci.image.index.v1+json",\n   "manifests": [\n      {\n         "mediaType": "application/vnd.oci.image.manifest.v1+json",\n         "size": 1234,\n         "digest": "%s",\n         "platform": {\n            "architecture": "amd64",\n            "os": "linux"\n         }\n      },\n      {\n         "mediaType": "application/vnd.oci.image.manifest.v1+json",\n         "size": 1234,\n         "digest": "%s",\n         "platform": {\n            "architecture": "arm64",\n            "os": "linux"\n         }\n      }\n   ]\n}\n' "$4" "$5" >"$SHIM_STATE/manifests/${1#sha256:}.json"
  else
    printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"%s"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":1,"digest":"sha256:%064d"}]}\n' "$2" 0 >"$SHIM_STATE/manifests/${1#sha256:}.json"
  fi
}

# registry_has REF C [HEALTH]: the registry serves image C under the tag REF.
registry_has() {
  local ref=$1 id repo
  id=$(fake_id "$2")
  repo=${ref%:*}
  printf '%s@%s\n' "$repo" "$(fake_digest "$2")" >"$SHIM_STATE/meta/$id.digests"
  manifest_is "$(fake_digest "$2")" "$id" image
  printf '0.1.%s\n' "$2" >"$SHIM_STATE/meta/$id.version"
  printf '%s\n' "${3:-healthy}" >"$SHIM_STATE/health/$id"
  grep -v "^$ref " "$SHIM_STATE/registry" >"$SHIM_STATE/registry.tmp" 2>/dev/null || true
  printf '%s %s\n' "$ref" "$id" >>"$SHIM_STATE/registry.tmp"
  mv "$SHIM_STATE/registry.tmp" "$SHIM_STATE/registry"
}

# registry_has_index REF C [HEALTH]: like registry_has, but the tag names a multi-platform index
# (linux/amd64 = image C, linux/arm64 another image); a pull by the tag records the index digest.
registry_has_index() {
  registry_has "$@"
  local id repo=${1%:*}
  id=$(fake_id "$2")
  printf '%s@%s\n' "$repo" "$(fake_index_digest "$2")" >"$SHIM_STATE/meta/$id.digests"
  manifest_is "$(fake_index_digest "$2")" "$id" index "$(fake_digest "$2")" "$(fake_arm_digest "$2")"
  manifest_is "$(fake_arm_digest "$2")" sha256:arm-image-not-for-this-machine image
}

# local_has REF C: image C is present locally and the tag REF names it.
local_has() {
  local id
  id=$(fake_id "$2")
  touch "$SHIM_STATE/local/$id"
  grep -v "^$1 " "$SHIM_STATE/tags" >"$SHIM_STATE/tags.tmp" 2>/dev/null || true
  printf '%s %s\n' "$1" "$id" >>"$SHIM_STATE/tags.tmp"
  mv "$SHIM_STATE/tags.tmp" "$SHIM_STATE/tags"
}

# running C [MODE]: the service container runs image C.
running() { printf 'c00000000099 %s %s\n' "$(fake_id "$1")" "${2:-live}" >"$SHIM_STATE/container"; }
running_image() { awk '{ print $2 }' "$SHIM_STATE/container"; }
local_tag() { awk -v k="$1" '$1 == k { print $2 }' "$SHIM_STATE/tags"; }
set_health() { printf '%s\n' "$2" >"$SHIM_STATE/health/$(fake_id "$1")"; }
flag() { touch "$SHIM_STATE/$1"; }
calls() { cat "$SHIM_STATE/calls.log"; }
compose_var() { sed -n "s/^$1=//p" "$SHIM_STATE/compose.env"; }
recreations() { cat "$SHIM_STATE/recreate_count" 2>/dev/null || echo 0; }

# assert_no_secret: the sentinel is in no output, shim call, log or generated file.
assert_no_secret() {
  refute_output --partial "$SENTINEL"
  run grep -rl -- "$SENTINEL" "$SHIM_STATE" "$BUNDLE/logs" "$FAKE_HOME"
  assert_failure 1
}
