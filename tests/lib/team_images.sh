# shellcheck shell=bash
# Stand-ins for the public Redis and nginx images docker-compose.team.yml names (no container
# registry is reachable here): Debian bookworm's redis-server and nginx packages, unpacked (no
# maintainer scripts) onto the stand-in Node base of base_image.sh, which is bookworm too. The
# packages come from this machine's apt sources through `apt-get download`. Cached by tag.
# shellcheck source=tests/lib/base_image.sh
. "$(dirname "${BASH_SOURCE[0]}")/base_image.sh"

TEAM_IMAGE_RECIPE=r1
TEAM_REDIS_IMAGE="autotask-mcp-test/redis:bookworm-${TEAM_IMAGE_RECIPE}"
TEAM_PROXY_IMAGE="autotask-mcp-test/nginx:bookworm-${TEAM_IMAGE_RECIPE}"
export TEAM_REDIS_IMAGE TEAM_PROXY_IMAGE
# The programs and the libraries they load that a minbase userland lacks (or may lack).
TEAM_IMAGE_PACKAGES=(redis-server redis-tools libjemalloc2 liblzf1 libatomic1 nginx nginx-common libssl3
  libpcre2-8-0 zlib1g libcrypt1 libsystemd0)

team_images_present() {
  "$DOCKER" image inspect "$TEAM_REDIS_IMAGE" "$TEAM_PROXY_IMAGE" >/dev/null 2>&1
}

# ensure_team_images: builds both stand-ins (after the base images) unless cached.
ensure_team_images() {
  if team_images_present; then
    log "team images: cached ($TEAM_REDIS_IMAGE, $TEAM_PROXY_IMAGE)"
    return 0
  fi
  ensure_base_images || return 1
  local dir deb rc=0
  dir=$(mktemp -d "${TMPDIR:-/tmp}/autotask-mcp-team-images.XXXXXX")
  mkdir -p "$dir/debs" "$dir/ctx/rootfs"
  # apt's sandbox user must be able to write the download directory.
  chmod 777 "$dir/debs"
  if ! (cd "$dir/debs" && apt-get download "${TEAM_IMAGE_PACKAGES[@]}") >"$TESTS_STATE_DIR/team-images.log" 2>&1; then
    tail -n 20 "$TESTS_STATE_DIR/team-images.log" >&2
    rm -rf "$dir"
    return 1
  fi
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/ctx/rootfs" || rc=1; done
  rm -rf "$dir/ctx/rootfs/usr/share/doc" "$dir/ctx/rootfs/usr/share/man"
  # bookworm is merged-/usr: /lib, /bin... are symlinks into /usr, which a copied directory would replace.
  local top
  for top in bin sbin lib lib32 lib64 libx32; do
    [ -d "$dir/ctx/rootfs/$top" ] || continue
    mkdir -p "$dir/ctx/rootfs/usr/$top"
    cp -a "$dir/ctx/rootfs/$top/." "$dir/ctx/rootfs/usr/$top/" && rm -rf "${dir:?}/ctx/rootfs/$top" || rc=1
  done
  cat >"$dir/ctx/Dockerfile" <<DOCKERFILE
FROM $BASE_IMAGE_RUNTIME
COPY rootfs/ /
# Every library the two programs load must be there.
RUN ! ldd /usr/bin/redis-check-rdb /usr/bin/redis-cli /usr/sbin/nginx | grep 'not found' \\
 && redis-server --version && nginx -v
DOCKERFILE
  if [ "$rc" -eq 0 ] && "$DOCKER" build -q -t "$TEAM_REDIS_IMAGE" "$dir/ctx" >>"$TESTS_STATE_DIR/team-images.log" 2>&1; then
    printf 'FROM %s\nSTOPSIGNAL SIGQUIT\nCMD ["/usr/sbin/nginx", "-g", "daemon off;"]\n' "$TEAM_REDIS_IMAGE" \
      | "$DOCKER" build -q -t "$TEAM_PROXY_IMAGE" - >>"$TESTS_STATE_DIR/team-images.log" 2>&1 || rc=1
  else
    rc=1
  fi
  if [ "$rc" -eq 0 ]; then log "team images: built $TEAM_REDIS_IMAGE and $TEAM_PROXY_IMAGE"
  else tail -n 20 "$TESTS_STATE_DIR/team-images.log" >&2; fi
  rm -rf "$dir"
  return "$rc"
}
