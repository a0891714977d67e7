# shellcheck shell=bash
# Locally made stand-ins for the public Node base image (no container registry is reachable here):
# a debootstrap "minbase" bookworm userland with this machine's `node` binary and a `node` user
# (UID/GID 1000, as in the official image). Two tags:
#   $BASE_IMAGE_RUNTIME  node only
#   $BASE_IMAGE_BUILD    node + npm + this network's CA bundle, so `npm ci` works in docker build
# The CA trick lives here, in the test harness only; the shipped Dockerfile stays a normal one.
# Images are cached by tag: a warm run finds them with `docker image inspect` and skips all this.
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=tests/lib/docker_engine.sh
. "$(dirname "${BASH_SOURCE[0]}")/docker_engine.sh"

# Bump when the recipe below changes so cached images are rebuilt.
BASE_IMAGE_RECIPE=r1
BASE_IMAGE_NODE_VERSION="$(node -v 2>/dev/null | tr -d v)"
BASE_IMAGE_RUNTIME="autotask-mcp-test/node:${BASE_IMAGE_NODE_VERSION}-bookworm-${BASE_IMAGE_RECIPE}"
BASE_IMAGE_BUILD="autotask-mcp-test/node:${BASE_IMAGE_NODE_VERSION}-bookworm-build-${BASE_IMAGE_RECIPE}"
export BASE_IMAGE_RUNTIME BASE_IMAGE_BUILD

# debian_mirror: the Debian archive this machine's apt already uses (never hard-coded here).
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then printf '%s\n' "$DEBIAN_MIRROR"; return; fi
  local m
  m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | awk '/^URIs:/ {for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) {print $i; exit}}')
  [ -n "$m" ] || m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" && $2 !~ /^\[/ && $2 ~ /\/debian\/?$/ {print $2; exit}')
  [ -n "$m" ] || return 1
  printf '%s\n' "$m"
}

base_images_present() {
  "$DOCKER" image inspect "$BASE_IMAGE_RUNTIME" "$BASE_IMAGE_BUILD" >/dev/null 2>&1
}

# ensure_base_images: builds both stand-ins unless cached.
ensure_base_images() {
  if base_images_present; then
    log "base images: cached ($BASE_IMAGE_RUNTIME, build variant)"
    return 0
  fi
  local node_bin npm_dir mirror rootfs rc=0
  node_bin=$(readlink -f "$(command -v node)") || { log "node not found"; return 1; }
  npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
  [ -f "$npm_dir/package.json" ] || { log "cannot locate npm's package dir"; return 1; }
  mirror=$(debian_mirror) || { log "no Debian mirror found in apt sources (set DEBIAN_MIRROR)"; return 1; }
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/autotask-mcp-rootfs.XXXXXX")
  log "base images: debootstrap minbase bookworm (about a minute; log $TESTS_STATE_DIR/debootstrap.log)"
  if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$TESTS_STATE_DIR/debootstrap.log" 2>&1; then
    tail -n 20 "$TESTS_STATE_DIR/debootstrap.log" >&2
    rm -rf "$rootfs"
    return 1
  fi
  _base_image_assemble "$rootfs" "$node_bin" "$npm_dir" || rc=1
  rm -rf "$rootfs"
  [ "$rc" -eq 0 ] && log "base images: built $BASE_IMAGE_RUNTIME and $BASE_IMAGE_BUILD"
  return "$rc"
}

_base_image_assemble() {
  local rootfs=$1 node_bin=$2 npm_dir=$3
  # Shrink: apt lists, caches and docs are not needed in a base image.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
  install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
  env -u NODE_EXTRA_CA_CERTS chroot "$rootfs" /usr/local/bin/node -e 'process.exit(0)' || { log "node does not run inside the rootfs"; return 1; }
  chroot "$rootfs" groupadd --gid 1000 node
  chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  local env=(-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["node"]')
  tar -C "$rootfs" -c . | "$DOCKER" import "${env[@]}" - "$BASE_IMAGE_RUNTIME" >/dev/null || return 1

  # Build variant: npm where the official image has it, and the machine's CA bundle for npm + node.
  mkdir -p "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/local/etc" "$rootfs/etc/ssl/certs"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  printf 'cafile=/etc/ssl/certs/ca-certificates.crt\nfund=false\naudit=false\nupdate-notifier=false\n' \
    >"$rootfs/usr/local/etc/npmrc"
  tar -C "$rootfs" -c . | "$DOCKER" import "${env[@]}" \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$BASE_IMAGE_BUILD" >/dev/null
}
