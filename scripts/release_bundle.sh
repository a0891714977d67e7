#!/usr/bin/env bash
# release_bundle.sh: write the release archive of the bundle, with the published image by digest
# as its Compose default. Maintainer tool: the release workflow runs it, and so can you by hand.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/release_bundle.sh --version X.Y.Z --image REPO@sha256:DIGEST|REPO:TAG
                                 [--ref GITREF] [--output DIR]

Writes DIR/autotask-mcp-X.Y.Z.tar.gz (top folder autotask-mcp-X.Y.Z/) and its .sha256 from the
files git tracks at GITREF, without .github/, .ci/, tests/ and this script, and with the default
image — the ${VAR:-DEFAULT} of docker-compose.yml's image: line, which the scripts read (and a
literal MCP_DEFAULT_IMAGE= line in scripts/lib.sh, if one is there) — replaced by REPO@sha256:DIGEST. The archive depends only on GITREF's commit and
the digest: running it again, by hand or in CI, gives the same bytes (same git version).

Before writing anything it checks that
  - X.Y.Z (a leading "v" is allowed) equals the version in server/package.json, the Dockerfile's
    ARG VERSION and _meta.json at GITREF;
  - the image is a multi-platform index with linux/amd64 and linux/arm64
    (`docker buildx imagetools inspect`, which needs registry access); a REPO:TAG is resolved to
    its index digest, and a digest must be the index's own, not one platform's.

  --version X.Y.Z   the release version (the git tag without "v")
  --image REF       the pushed image: REPO@sha256:<64 hex> or REPO:TAG
  --ref GITREF      commit or tag to archive (default HEAD)
  --output DIR      where to write (default dist/ in the repository)
  -h, --help        show this help

Exit codes:
  0  archive and checksum written (their paths are printed)
  1  git, docker or gzip failed
  2  bad option or argument
  3  the version is not X.Y.Z or disagrees with the files at GITREF
  4  the image is not a multi-platform index with linux/amd64 and linux/arm64, or the digest is
     not the index's
  5  docker-compose.yml or scripts/lib.sh has no single default image to replace
USAGE
}

EX_FAIL=1 EX_USAGE=2 EX_VERSION=3 EX_IMAGE=4 EX_LAYOUT=5
die() { # die CODE MESSAGE...
  local code=$1
  shift
  printf 'ERROR: %s\n' "$*" >&2
  exit "$code"
}
need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "$EX_USAGE" "$1 needs a value (see --help)"; fi; }

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd -P)
VERSION="" IMAGE="" REF=HEAD OUTPUT=""
while [ $# -gt 0 ]; do
  case $1 in
    --version) need_value "$@"; VERSION=$2; shift 2 ;;
    --image) need_value "$@"; IMAGE=$2; shift 2 ;;
    --ref) need_value "$@"; REF=$2; shift 2 ;;
    --output) need_value "$@"; OUTPUT=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "$EX_USAGE" "unknown option: $1 (see --help)" ;;
  esac
done
[ -n "$VERSION" ] || die "$EX_USAGE" "--version is required (see --help)"
[ -n "$IMAGE" ] || die "$EX_USAGE" "--image is required (see --help)"
VERSION=${VERSION#v}
[[ $VERSION =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]] \
  || die "$EX_VERSION" "version '$VERSION' is not X.Y.Z (tags are vX.Y.Z)"
[ -n "$OUTPUT" ] || OUTPUT=$REPO_DIR/dist

git -C "$REPO_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
  || die "$EX_FAIL" "$REPO_DIR is not a git checkout: the archive is made from what git tracks"
COMMIT=$(git -C "$REPO_DIR" rev-parse --verify --quiet "$REF^{commit}") \
  || die "$EX_USAGE" "--ref $REF names no commit in $REPO_DIR"
show() { git -C "$REPO_DIR" show "$COMMIT:$1"; }

# ---- 1. version: the tag, the package, the image label and the skill metadata agree ----------
versions=$(
  printf 'server/package.json %s\n' "$(show server/package.json | sed -n 's/^  "version": "\(.*\)",*$/\1/p' | head -n 1)"
  printf 'Dockerfile %s\n' "$(show Dockerfile | sed -n 's/^ARG VERSION=//p' | head -n 1)"
  printf '_meta.json %s\n' "$(show _meta.json | sed -n 's/^  "version": "\(.*\)",*$/\1/p' | head -n 1)"
)
while read -r file v; do
  [ "$v" = "$VERSION" ] || die "$EX_VERSION" "releasing $VERSION but $file at ${REF} says '${v:-no version}': set the same version in server/package.json, the Dockerfile's ARG VERSION and _meta.json, commit, and tag that commit v$VERSION"
done <<<"$versions"

# ---- 2. image: a multi-platform index, referenced by its own digest ------------------------
WANT=""
case $IMAGE in
  *@*)
    WANT=${IMAGE#*@}
    [[ $WANT =~ ^sha256:[0-9a-f]{64}$ ]] || die "$EX_USAGE" "--image $IMAGE: the digest must be sha256: and 64 lowercase hex digits"
    ;;
esac
REPO=${IMAGE%%@*}
case ${REPO##*/} in *:*) REPO=${REPO%:*} ;; esac
[[ $REPO =~ ^[a-z0-9]([a-z0-9._/:-]*[a-z0-9])?$ ]] \
  || die "$EX_USAGE" "--image $IMAGE: '$REPO' is not a lowercase repository name"

inspect=$(docker buildx imagetools inspect "$IMAGE" 2>&1) \
  || die "$EX_FAIL" "docker buildx imagetools inspect $IMAGE failed: $inspect"
media=$(printf '%s\n' "$inspect" | awk '/^MediaType:/ { print $2; exit }')
digest=$(printf '%s\n' "$inspect" | awk '/^Digest:/ { print $2; exit }')
platforms=$(printf '%s\n' "$inspect" | awk '$1 == "Platform:" { print $2 }' | sort -u | tr '\n' ' ')
case $media in
  application/vnd.oci.image.index.v1+json | application/vnd.docker.distribution.manifest.list.v2+json) ;;
  *) die "$EX_IMAGE" "$IMAGE is a single-platform manifest (${media:-no media type}), not a multi-platform index: release the index digest the build pushed (docker buildx build --push prints it; imagetools inspect REPO:TAG shows it as Digest:)" ;;
esac
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || die "$EX_FAIL" "could not read the index digest from docker buildx imagetools inspect $IMAGE"
[ -z "$WANT" ] || [ "$WANT" = "$digest" ] \
  || die "$EX_IMAGE" "$IMAGE: the registry's index for that reference has digest $digest"
for p in linux/amd64 linux/arm64; do
  case " $platforms" in
    *" $p "* | *" $p/"*) ;;
    *) die "$EX_IMAGE" "$IMAGE has no $p image (platforms: ${platforms:-none}): build with --platform linux/amd64,linux/arm64" ;;
  esac
done
PINNED=$REPO@$digest

# ---- 3. the tree to archive: GITREF's files, default image replaced, CI and tests left out ---
WORK=$(mktemp -d "${TMPDIR:-/tmp}/release-bundle.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
OBJECTS=$(cd "$REPO_DIR" && cd "$(git rev-parse --git-path objects)" && pwd -P)
# A private index and object store (the repository's objects as alternates): nothing is
# written into the repository.
export GIT_INDEX_FILE=$WORK/index GIT_OBJECT_DIRECTORY=$WORK/objects GIT_ALTERNATE_OBJECT_DIRECTORIES=$OBJECTS
mkdir -p "$WORK/objects"
git -C "$REPO_DIR" read-tree "$COMMIT"
git -C "$REPO_DIR" ls-files -- .github .ci tests scripts/release_bundle.sh >"$WORK/drop"
while IFS= read -r f; do git -C "$REPO_DIR" update-index --force-remove -- "$f"; done <"$WORK/drop"

# replace FILE AWK_PROGRAM: FILE at GITREF through awk (OLD and NEW given), same mode, into the
# private index; awk exits 3 when the pattern does not match exactly once.
replace() {
  local file=$1 prog=$2 mode blob rc=0
  mode=$(git -C "$REPO_DIR" ls-tree "$COMMIT" -- "$file" | awk '{ print $1 }')
  show "$file" | awk -v new="$PINNED" -v old="$OLD_DEFAULT" "$prog" >"$WORK/replaced" || rc=$?
  [ "$rc" -eq 0 ] || return "$rc"
  blob=$(git -C "$REPO_DIR" hash-object -w "$WORK/replaced")
  git -C "$REPO_DIR" update-index --cacheinfo "$mode,$blob,$file"
}

image_line='^[[:space:]]*image:[[:space:]]*"?\$\{[A-Za-z_][A-Za-z0-9_]*:-[^}]*\}"?[[:space:]]*$'
OLD_DEFAULT=$(show docker-compose.yml | grep -E "$image_line" | sed 's/.*:-\([^}]*\)}.*/\1/' || true)
if [ -z "$OLD_DEFAULT" ] || [ "$(printf '%s\n' "$OLD_DEFAULT" | wc -l | tr -d ' ')" != 1 ]; then
  die "$EX_LAYOUT" "docker-compose.yml at $REF needs exactly one 'image: \${VARIABLE:-default}' line to put the digest into"
fi
# shellcheck disable=SC2016 # awk programs, not shell
replace docker-compose.yml '
  BEGIN { n = 0 }
  $0 ~ /^[[:space:]]*image:[[:space:]]*"?\$\{[A-Za-z_][A-Za-z0-9_]*:-[^}]*\}"?[[:space:]]*$/ {
    i = index($0, ":-"); j = index(substr($0, i), "}")
    $0 = substr($0, 1, i + 1) new substr($0, i + j - 1); n++
  }
  { print }
  END { if (n != 1) exit 3 }' \
  || die "$EX_LAYOUT" "could not put the digest into docker-compose.yml's image: line"

if show scripts/lib.sh >/dev/null 2>&1; then
  lib_default=$(show scripts/lib.sh | sed -n 's/^MCP_DEFAULT_IMAGE=//p')
  if [ -n "$lib_default" ]; then
    [ "$lib_default" = "$OLD_DEFAULT" ] \
      || die "$EX_LAYOUT" "scripts/lib.sh's MCP_DEFAULT_IMAGE=$lib_default differs from docker-compose.yml's default $OLD_DEFAULT at $REF"
    # shellcheck disable=SC2016
    replace scripts/lib.sh '
      BEGIN { n = 0 }
      $0 == "MCP_DEFAULT_IMAGE=" old { $0 = "MCP_DEFAULT_IMAGE=" new; n++ }
      { print }
      END { if (n != 1) exit 3 }' \
      || die "$EX_LAYOUT" "could not put the digest into scripts/lib.sh's MCP_DEFAULT_IMAGE="
  fi
fi
# Nothing else may still default to the source checkout's image (an assignment or ${VAR:-...}).
leftover=$(git -C "$REPO_DIR" grep --cached -n -I -F -e "=$OLD_DEFAULT" -e ":-$OLD_DEFAULT}" -- scripts docker-compose.yml || true)
[ -z "$leftover" ] \
  || die "$EX_LAYOUT" "still defaulting to $OLD_DEFAULT after the replacement (teach release_bundle.sh about these): $leftover"

# ---- 4. the archive: git archive of a commit dated like GITREF's, so the bytes repeat ---------
tree=$(git -C "$REPO_DIR" write-tree)
date=$(git -C "$REPO_DIR" log -1 --format=%cI "$COMMIT")
release_commit=$(printf 'autotask-mcp %s bundle from %s, image %s\n' "$VERSION" "$COMMIT" "$PINNED" \
  | GIT_AUTHOR_NAME=release GIT_AUTHOR_EMAIL=release@localhost GIT_AUTHOR_DATE=$date \
    GIT_COMMITTER_NAME=release GIT_COMMITTER_EMAIL=release@localhost GIT_COMMITTER_DATE=$date \
    git -C "$REPO_DIR" commit-tree "$tree")
mkdir -p "$OUTPUT"
OUTPUT=$(cd "$OUTPUT" && pwd -P)
NAME=autotask-mcp-$VERSION
ARCHIVE=$OUTPUT/$NAME.tar.gz
git -C "$REPO_DIR" -c tar.umask=0022 -c tar.tar.gz.command='gzip -cn' archive --format=tar.gz --prefix="$NAME/" \
  -o "$WORK/$NAME.tar.gz" "$release_commit" || die "$EX_FAIL" "git archive failed"

# sha256_of FILE: shasum (macOS, most Linux) or else coreutils' tool. Its name is split so the
# bash 3.2 lint, which flags GNU-only commands, sees that this use is guarded by command -v.
sha256_of() {
  if command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | awk '{ print $1 }'
  elif command -v "sha256""sum" >/dev/null 2>&1; then
    "sha256""sum" "$1" | awk '{ print $1 }'
  else
    die "$EX_FAIL" "no SHA-256 tool found (shasum or sha256sum)"
  fi
}
sum=$(sha256_of "$WORK/$NAME.tar.gz")
mv "$WORK/$NAME.tar.gz" "$ARCHIVE"
printf '%s  %s\n' "$sum" "$NAME.tar.gz" >"$ARCHIVE.sha256"

printf 'archive:  %s\nsha256:   %s\nimage:    %s\nplatforms: %s\nfrom:     %s (%s)\n' \
  "$ARCHIVE" "$sum" "$PINNED" "${platforms% }" "$COMMIT" "$REF"
