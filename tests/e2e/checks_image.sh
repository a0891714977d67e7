# shellcheck shell=bash
# The built runtime image itself, from inside it (docker run, no Compose): node and the app only —
# no shell, no package manager, no busybox, no downloader — files owned by root, nothing setuid,
# the health check needs nothing but node. Also reports the image size and what it is made of.
# Sourced by run_e2e.sh right after the build.
# shellcheck disable=SC2016 # {{…}} are Go templates for docker inspect, not shell expansions

section "runtime image: node and the app only, proven from inside the built image"
block "$BUILD_BLOCK"

IMAGE_PROBE_JSON="$WORK/image-probe.json"
image_run() { "$DOCKER" run --rm --network none "$@"; }

# no_entrypoint PROGRAM: `docker run --entrypoint PROGRAM` must fail because PROGRAM is not there
# (the runtime's own "no such file" / "not found"), not for any other reason.
no_entrypoint() {
  local out rc=0
  out=$(image_run --entrypoint "$1" "$E2E_BUILT" -c 'echo shell-ran' 2>&1) || rc=$?
  echo "--entrypoint $1: exit $rc: $out"
  expect_no_match "$out" 'shell-ran' "output of --entrypoint $1"
  [ "$rc" -ne 0 ] || { echo "--entrypoint $1 succeeded"; return 1; }
  expect_match "$out" 'no such file or directory|executable file not found|not found in \$PATH' "why --entrypoint $1 failed"
}
image_no_shell() {
  local p
  for p in /bin/sh sh /bin/bash /bin/busybox busybox /usr/bin/env; do no_entrypoint "$p"; done
}
check "no shell: docker run --entrypoint /bin/sh, sh, bash, busybox or env fails (not found)" image_no_shell

image_node_runs() {
  local out
  out=$(image_run "$E2E_BUILT" node -e 'console.log([process.version, process.getuid(), process.getgid(), process.cwd()].join(" "))')
  echo "node inside the image: $out"
  expect_match "$out" '^v[0-9]+\.[0-9]+\.[0-9]+ 10001 10001 /app$' "node version, uid, gid and working dir"
}
check "node runs in the image as 10001:10001 in /app" image_node_runs

image_probe() {
  image_run -i "$E2E_BUILT" node - <"$E2E_DIR/image_probe.cjs" >"$IMAGE_PROBE_JSON"
  jq '{node, entries, topLevel, forbidden, programs, sharedLibs, bytes, largestOther, unreadable,
       scripts: (.scripts | length), scriptInterpreters: ([.scripts[].interpreter] | unique)}' "$IMAGE_PROBE_JSON"
}
check "the file-system inventory probe runs inside the image (node only)" image_probe || block "image probe failed"
iprobe() { jq -r "$1" "$IMAGE_PROBE_JSON"; }

image_no_tools() {
  expect_eq "$(iprobe '.unreadable | length')" 0 "directories the probe could not read"
  iprobe '.forbidden[]'
  expect_eq "$(iprobe '.forbidden | length')" 0 "shells, package managers and downloaders found (listed above)"
  local present
  present=$(image_run "$E2E_BUILT" node -e '
    const fs = require("fs");
    console.log(process.argv.slice(1).filter((p) => { try { fs.lstatSync(p); return true; } catch { return false; } }).join(" "));' \
    /usr/local/lib/node_modules /usr/local/include /app/node_modules/npm /app/node_modules/corepack \
    /lib/apk /etc/apk /var/lib/dpkg /var/lib/apt /var/cache /usr/share/doc /root /home)
  expect_eq "$present" "" "package-manager, cache and home directories present in the image"
}
check "no sh, bash, busybox, apk, apt, dpkg, wget, curl, npm, npx, corepack or yarn anywhere in the image" image_no_tools

# The Dockerfile says --omit=dev; this is what it must have done: /app/node_modules is exactly the
# lock's production tree at the locked versions (no typescript, vitest, eslint, tsx...).
image_prod_deps_only() {
  image_run -i "$E2E_BUILT" node - /app/node_modules <"$E2E_DIR/node_modules_probe.cjs" >"$WORK/image-node-modules.json"
  node "$E2E_DIR/node_modules_probe.cjs" --compare "$TESTS_REPO_ROOT/server/package-lock.json" "$WORK/image-node-modules.json"
}
check "/app/node_modules is the lock file's production tree at its versions: no dev dependency ships" image_prod_deps_only

image_only_node_program() {
  iprobe '.programs[]'
  expect_eq "$(iprobe '.programs | join(" ")')" "$(iprobe .node.realPath)" "ELF programs in the image (only node)"
  local bad
  bad=$(iprobe '[.scripts[] | select(.present and (.isNode | not))] | map(.path + " -> " + .interpreter) | .[]')
  [ -z "$bad" ] || { echo "scripts whose interpreter exists in the image: $bad"; return 1; }
  echo "$(iprobe '.scripts | length') scripts under /app name interpreters that are absent or node: $(iprobe '[.scripts[].interpreter] | unique | join(" ")')"
}
check "the only program is node; scripts under /app cannot run (their interpreter is absent)" image_only_node_program

image_ownership() {
  iprobe '.notRootOwned[], .setid[], .worldWritable[]'
  expect_eq "$(iprobe '.notRootOwned | length')" 0 "files not owned by root:root"
  expect_eq "$(iprobe '.setid | length')" 0 "setuid/setgid files"
  expect_eq "$(iprobe '.worldWritable | join(" ")')" "/tmp 1777" "world-writable paths (only /tmp, sticky)"
  local out
  out=$(image_run "$E2E_BUILT" node -e '
    const fs = require("fs");
    const probe = (p) => { try { fs.writeFileSync(p, "x"); fs.unlinkSync(p); return "written"; } catch (e) { return e.code; } };
    console.log([probe("/app/x"), probe("/app/dist/x"), probe("/app/node_modules/x"), probe("/etc/x"), probe("/x")].join(" "));')
  expect_eq "$out" "EACCES EACCES EACCES EACCES EACCES" "the service user writing into /app, /app/dist, /app/node_modules, /etc and / (no --read-only)"
}
check "every file is root:root, nothing setuid, only /tmp writable: the service user cannot change the app" image_ownership

image_healthcheck() {
  local test
  test=$("$DOCKER" image inspect --format '{{json .Config.Healthcheck.Test}}' "$E2E_BUILT")
  echo "Healthcheck.Test: $test"
  expect_match "$test" '^\["CMD","node",' "HEALTHCHECK runs node in exec form (CMD-SHELL would need /bin/sh)"
}
check "the image's health check runs node directly (exec form, no shell)" image_healthcheck

IMAGE_SIZE_FILE="$WORK/image-size.txt"
image_size() {
  local size
  size=$("$DOCKER" image inspect --format '{{.Size}}' "$E2E_BUILT")
  mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
  echo "image size $(mb "$size") MiB ($size bytes): node $(mb "$(iprobe .bytes.node)") MiB ($(iprobe .node.version)), shared libraries $(mb "$(iprobe .bytes.libs)") MiB, app $(mb "$(iprobe .bytes.app)") MiB, other $(iprobe .bytes.other) bytes" | tee "$IMAGE_SIZE_FILE"
  iprobe '.largestOther[]'
  # Everything that is neither node, its libraries nor the app (passwd, group, nsswitch.conf…).
  [ "$(iprobe .bytes.other)" -lt 65536 ] || { echo "more than 64 KB of files besides node, its libraries and the app"; return 1; }
  # The image is the files above and nothing else (no hidden layer with deleted files).
  [ "$size" -lt $(( $(iprobe .bytes.total) + 1048576 )) ] || { echo "image size exceeds its files by more than 1 MB"; return 1; }
}
check "image size is node + its shared libraries + the app (< 64 KB else, no dead layers)" image_size
# The size goes into the suite's output (the closing note reports it).
[ ! -s "$IMAGE_SIZE_FILE" ] || echo "# $(cat "$IMAGE_SIZE_FILE") (stand-in base)"
