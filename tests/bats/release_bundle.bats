#!/usr/bin/env bats
# scripts/release_bundle.sh: the release archive whose Compose default is the published image by
# digest. Runs against a throw-away git repository made of this checkout's own files (so a change
# to docker-compose.yml or scripts/lib.sh that the script cannot handle fails here), with a
# `docker` shim that answers `docker buildx imagetools inspect` like buildx does.

setup() {
  load helpers/common
  SRC=$BATS_TEST_TMPDIR/src
  OUT=$BATS_TEST_TMPDIR/out
  SHIM_STATE=$BATS_TEST_TMPDIR/state
  SHIM_BIN=$BATS_TEST_TMPDIR/bin
  mkdir -p "$SRC/scripts" "$SRC/server" "$SRC/tests/bats" "$SRC/.github/workflows" "$SRC/.ci" "$SRC/logs" \
    "$SHIM_STATE" "$SHIM_BIN"
  cp "$REPO_ROOT/docker-compose.yml" "$REPO_ROOT/Dockerfile" "$REPO_ROOT/_meta.json" "$REPO_ROOT/README.md" \
    "$REPO_ROOT/.env.example.txt" "$REPO_ROOT/demo.env" "$SRC/"
  cp "$REPO_ROOT"/scripts/*.sh "$SRC/scripts/"
  cp "$REPO_ROOT/server/package.json" "$SRC/server/"
  echo '@test "x" { true; }' >"$SRC/tests/bats/x.bats"
  echo 'name: ci' >"$SRC/.github/workflows/ci.yml"
  printf '#!/bin/sh\nexit 0\n' >"$SRC/.ci/run"
  : >"$SRC/logs/.gitkeep"
  (cd "$SRC" && git init -q && git add -A &&
    GIT_COMMITTER_DATE=2026-01-02T03:04:05Z git -c user.name=t -c user.email=t@localhost commit -q -m fixture \
      --date=2026-01-02T03:04:05Z && git tag v0.1.0)
  VERSION=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$SRC/server/package.json")
  # The bundle's one default image: the ${VAR:-default} of docker-compose.yml's image: line.
  OLD_DEFAULT=$(sed -n 's/^ *image: *"\{0,1\}\${[A-Z_]*:-\([^}]*\)}.*/\1/p' "$SRC/docker-compose.yml")
  [ -n "$OLD_DEFAULT" ]
  REPO=ghcr.io/example-org/autotask-mcp
  INDEX=sha256:$(printf '1%.0s' {1..64})
  AMD64=sha256:$(printf 'a%.0s' {1..64})
  ARM64=sha256:$(printf 'b%.0s' {1..64})

  local tool path
  for tool in bash env git awk sed grep head wc tr sort mkdir mktemp rm mv cat gzip shasum sha256sum \
    printf dirname basename ls cp tar cmp; do
    path=$(command -v "$tool") || continue
    case $path in /*) ln -s "$path" "$SHIM_BIN/$tool" ;; esac
  done
  cat >"$SHIM_BIN/docker" <<'SHIM'
#!/usr/bin/env bash
# docker shim: only `docker buildx imagetools inspect REF`, answered from $SHIM_STATE/inspect.out.
printf 'docker %s\n' "$*" >>"$SHIM_STATE/calls.log"
if [ "$1 $2 $3" = "buildx imagetools inspect" ]; then
  if [ -e "$SHIM_STATE/inspect.fails" ]; then echo "ERROR: $4: unauthorized: authentication required" >&2; exit 1; fi
  cat "$SHIM_STATE/inspect.out"
  exit 0
fi
echo "docker shim: unexpected call: $*" >&2
exit 99
SHIM
  chmod +x "$SHIM_BIN/docker"
  : >"$SHIM_STATE/calls.log"
}

# index_inspect NAME PLATFORM...: what buildx prints for a multi-platform index with attestations.
index_inspect() {
  local name=$1 p
  shift
  printf 'Name:      %s\nMediaType: application/vnd.oci.image.index.v1+json\nDigest:    %s\n\nManifests:\n' "$name" "$INDEX"
  for p in "$@"; do
    printf '  Name:        %s@%s\n  MediaType:   application/vnd.oci.image.manifest.v1+json\n  Platform:    %s\n\n' \
      "${name%%[:@]*}" "$AMD64" "$p"
  done
  printf '  Name:        %s@%s\n  MediaType:   application/vnd.oci.image.manifest.v1+json\n  Platform:    unknown/unknown\n' "$REPO" "$ARM64"
  printf '  Annotations: \n    vnd.docker.reference.digest: %s\n    vnd.docker.reference.type:   attestation-manifest\n' "$AMD64"
}
registry_index() { index_inspect "$1" linux/amd64 linux/arm64 >"$SHIM_STATE/inspect.out"; }

run_release() {
  run env -i PATH="$SHIM_BIN" HOME="$BATS_TEST_TMPDIR" SHIM_STATE="$SHIM_STATE" TMPDIR="$BATS_TEST_TMPDIR" \
    "$SRC/scripts/release_bundle.sh" "$@"
}
# archive_file PATH: a file from the written archive.
archive_file() { tar -xzOf "$OUT/autotask-mcp-$VERSION.tar.gz" "autotask-mcp-$VERSION/$1"; }

@test "--help documents the options and every exit code" {
  run_release --help
  assert_success
  assert_output --partial "--version X.Y.Z"
  assert_output --partial "--image REF"
  local code
  for code in 0 1 2 3 4 5; do assert_line --regexp "^  $code  "; done
}

@test "without --version or --image it is a usage error (exit 2) and writes nothing" {
  run_release --image "$REPO@$INDEX"
  assert_failure 2
  assert_output --partial "--version is required"
  run_release --version "$VERSION"
  assert_failure 2
  assert_output --partial "--image is required"
  run_release --bogus
  assert_failure 2
  [ ! -e "$OUT" ]
}

@test "writes the archive: the Compose default becomes the index digest" {
  registry_index "$REPO@$INDEX"
  run_release --version "v$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_success
  assert_line "archive:  $OUT/autotask-mcp-$VERSION.tar.gz"
  assert_line "image:    $REPO@$INDEX"
  run archive_file docker-compose.yml
  assert_line --regexp "^    image: \\\$\\{[A-Z_]+:-$REPO@$INDEX\\}$"
  refute_output --partial ":-$OLD_DEFAULT}"
  # Everything else is byte for byte what git tracks at the ref (the scripts read the compose default).
  local f
  for f in Dockerfile README.md _meta.json scripts/lib.sh scripts/mcp_up.sh scripts/mcp_update.sh server/package.json logs/.gitkeep; do
    archive_file "$f" | cmp - "$SRC/$f" || fail "$f differs from the source"
  done
  # Only the image line changed in the compose file.
  run diff <(archive_file docker-compose.yml) "$SRC/docker-compose.yml"
  assert_equal "$(grep -c '^[<>]' <<<"$output")" 2
  run grep -c "docker buildx imagetools inspect $REPO@$INDEX" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "the archive leaves out .github/, .ci/, tests/ and the release script; modes 755/644, dated like the commit" {
  registry_index "$REPO@$INDEX"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_success
  run tar -tzvf "$OUT/autotask-mcp-$VERSION.tar.gz"
  assert_success
  refute_output --partial "/.github/"
  refute_output --partial "/.ci/"
  refute_output --partial "/tests/"
  refute_output --partial "release_bundle.sh"
  assert_output --regexp "-rwxr-xr-x .* autotask-mcp-$VERSION/scripts/mcp_up.sh"
  assert_output --regexp "-rw-r--r-- .* autotask-mcp-$VERSION/scripts/lib.sh"
  assert_output --partial "autotask-mcp-$VERSION/.env.example.txt"
  # Every entry carries the commit's date, not the time of the run.
  assert_equal "$(grep -c ' 2026-01-02 ' <<<"$output")" "$(grep -c . <<<"$output")"
  run tar -tzf "$OUT/autotask-mcp-$VERSION.tar.gz"
  refute_line --regexp "^[^a]|^a[^u]"   # every entry under autotask-mcp-X.Y.Z/
  assert_line "autotask-mcp-$VERSION/"
}

@test "the .sha256 file verifies the archive and the bytes repeat on a second run" {
  registry_index "$REPO@$INDEX"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_success
  (cd "$OUT" && sha256sum -c "autotask-mcp-$VERSION.tar.gz.sha256")
  sleep 1
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT/again"
  assert_success
  cmp "$OUT/autotask-mcp-$VERSION.tar.gz" "$OUT/again/autotask-mcp-$VERSION.tar.gz"
}

@test "writes nothing into the repository (private index and object store)" {
  registry_index "$REPO@$INDEX"
  local before
  before=$(cd "$SRC" && git count-objects -v && git status --porcelain && git rev-parse HEAD && ls .git)
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_success
  assert_equal "$(cd "$SRC" && git count-objects -v && git status --porcelain && git rev-parse HEAD && ls .git)" "$before"
}

@test "a REPO:TAG is resolved to the index digest the registry serves" {
  registry_index "$REPO:$VERSION"
  run_release --version "$VERSION" --image "$REPO:$VERSION" --output "$OUT"
  assert_success
  assert_line "image:    $REPO@$INDEX"
  run archive_file docker-compose.yml
  assert_output --partial ":-$REPO@$INDEX}"
}

@test "a platform digest is refused (exit 4) with what to use instead, and nothing is written" {
  printf 'Name:      %s@%s\nMediaType: application/vnd.oci.image.manifest.v1+json\nDigest:    %s\n' \
    "$REPO" "$AMD64" "$AMD64" >"$SHIM_STATE/inspect.out"
  run_release --version "$VERSION" --image "$REPO@$AMD64" --output "$OUT"
  assert_failure 4
  assert_output --partial "single-platform manifest"
  assert_output --partial "index digest"
  [ ! -e "$OUT/autotask-mcp-$VERSION.tar.gz" ]
}

@test "an index without linux/arm64 is refused (exit 4)" {
  index_inspect "$REPO@$INDEX" linux/amd64 >"$SHIM_STATE/inspect.out"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 4
  assert_output --partial "no linux/arm64 image"
  assert_output --partial "--platform linux/amd64,linux/arm64"
}

@test "arm64 with a variant (linux/arm64/v8) counts as linux/arm64" {
  index_inspect "$REPO@$INDEX" linux/amd64 linux/arm64/v8 >"$SHIM_STATE/inspect.out"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_success
}

@test "a digest the registry does not report for that reference is refused (exit 4)" {
  registry_index "$REPO@$INDEX"
  run_release --version "$VERSION" --image "$REPO@$ARM64" --output "$OUT"
  assert_failure 4
  assert_output --partial "has digest $INDEX"
}

@test "an unreachable or private image fails (exit 1) with the registry's message" {
  touch "$SHIM_STATE/inspect.fails"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 1
  assert_output --partial "imagetools inspect $REPO@$INDEX failed"
  assert_output --partial "authentication required"
}

@test "malformed image references are usage errors (exit 2) and never reach docker" {
  run_release --version "$VERSION" --image "$REPO@sha256:1234" --output "$OUT"
  assert_failure 2
  run_release --version "$VERSION" --image "ghcr.io/Example-Org/autotask-mcp:1.0.0" --output "$OUT"
  assert_failure 2
  assert_output --partial "lowercase"
  run cat "$SHIM_STATE/calls.log"
  assert_output ""
}

@test "a version that is not X.Y.Z, or differs from the files at the ref, is refused (exit 3)" {
  registry_index "$REPO@$INDEX"
  run_release --version "1.2" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 3
  assert_output --partial "not X.Y.Z"
  run_release --version "9.9.9" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 3
  assert_output --partial "server/package.json"
  assert_output --partial "tag that commit v9.9.9"
  # The Dockerfile's label version lagging behind the package is caught too.
  sed -i "s/^ARG VERSION=.*/ARG VERSION=0.0.9/" "$SRC/Dockerfile"
  (cd "$SRC" && git -c user.name=t -c user.email=t@localhost commit -qam "lagging label")
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 3
  assert_output --partial "Dockerfile"
  [ ! -e "$OUT" ]
}

@test "--ref archives that commit, not the working tree or HEAD" {
  registry_index "$REPO@$INDEX"
  echo "local change" >>"$SRC/README.md"
  (cd "$SRC" && git -c user.name=t -c user.email=t@localhost commit -qam "after the tag")
  echo "uncommitted" >>"$SRC/README.md"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --ref v0.1.0 --output "$OUT"
  assert_success
  run archive_file README.md
  refute_output --partial "local change"
  refute_output --partial "uncommitted"
  run_release --version "$VERSION" --image "$REPO@$INDEX" --ref no-such-ref --output "$OUT"
  assert_failure 2
}

@test "a compose file without one image: \${VAR:-default} line is refused (exit 5)" {
  registry_index "$REPO@$INDEX"
  sed -i 's/^\(    image: \).*/\1autotask-mcp:fixed/' "$SRC/docker-compose.yml"
  (cd "$SRC" && git -c user.name=t -c user.email=t@localhost commit -qam "no variable")
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 5
  assert_output --partial "exactly one 'image: \${VARIABLE:-default}' line"
}

@test "scripts/lib.sh disagreeing with the compose default, or another script defaulting to it, is refused (exit 5)" {
  registry_index "$REPO@$INDEX"
  printf 'MCP_DEFAULT_IMAGE=something:else\n' >>"$SRC/scripts/lib.sh"
  (cd "$SRC" && git -c user.name=t -c user.email=t@localhost commit -qam "disagree")
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 5
  assert_output --partial "differs from docker-compose.yml's default"
  (cd "$SRC" && git checkout -q HEAD~1 -- scripts/lib.sh)
  # shellcheck disable=SC2016 # a literal ${...} line for the script under test
  printf 'IMAGE=${AUTOTASK_MCP_IMAGE:-%s}\n' "$OLD_DEFAULT" >>"$SRC/scripts/mcp_logs.sh"
  (cd "$SRC" && git -c user.name=t -c user.email=t@localhost commit -qam "second default")
  run_release --version "$VERSION" --image "$REPO@$INDEX" --output "$OUT"
  assert_failure 5
  assert_output --partial "scripts/mcp_logs.sh"
}
