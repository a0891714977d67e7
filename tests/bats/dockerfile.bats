#!/usr/bin/env bats
# Dockerfile and .dockerignore: static checks of the hardening rules (the real build is proven by
# the end-to-end suite).

setup() {
  load helpers/common
  DF=$REPO_ROOT/Dockerfile
}

# grep_instructions REGEX: matches outside comment lines.
grep_instructions() { grep -vE '^[[:space:]]*#' "$DF" | grep -nE "$1"; }

@test "every stage's base image comes from a build argument (or is scratch)" {
  run grep -E '^FROM ' "$DF"
  assert_success
  local line
  while IFS= read -r line; do
    [[ $line =~ ^FROM\ (\$\{[A-Z_]+\}|scratch)(\ AS\ [a-z-]+)?$ ]] || fail "base not from an ARG: $line"
  done <<<"$output"
  run grep -cE '^ARG (NODE_IMAGE|RUNTIME_IMAGE)=' "$DF"
  assert_output 2
}

@test "builds with the classic builder too: no syntax directive, no RUN --mount, no heredocs" {
  run grep -nE '^# *syntax=' "$DF"
  assert_failure 1
  run grep_instructions 'RUN +--mount|<<'
  assert_failure 1
}

@test "runtime: fixed non-root user, production env, HTTP on 0.0.0.0:8080" {
  run grep -E '^USER ' "$DF"
  assert_output "USER 10001:10001"
  run grep -cE 'NODE_ENV=production|MCP_TRANSPORT=http|MCP_HTTP_HOST=0.0.0.0|MCP_HTTP_PORT=8080' "$DF"
  assert_output 4
  run grep -E '^(EXPOSE|STOPSIGNAL) ' "$DF"
  assert_line "EXPOSE 8080"
  assert_line "STOPSIGNAL SIGTERM"
}

@test "the final stage starts from scratch and takes only the assembled /rootfs from the runtime base" {
  # What is (not) in the built image — no shell, npm, busybox, apk, wget — is proven from inside
  # it by the e2e suite (tests/e2e/checks_image.sh); this only pins the Dockerfile's shape.
  run awk '/^FROM /{stage=$0} END{print stage}' "$DF"
  assert_output "FROM scratch"
  run grep -E -- '--from=runtime-fs' "$DF"
  assert_output "COPY --from=runtime-fs /rootfs/ /"
  run grep -c 'RUN node /runtime_rootfs.cjs /rootfs' "$DF"
  assert_output 1
}

@test "the final stage runs nothing through a shell: every RUN, HEALTHCHECK and CMD is exec form" {
  run sed -n '/^FROM scratch/,$p' "$DF"
  local final=$output
  run grep -E '^(RUN|CMD|ENTRYPOINT) ' <<<"$final"
  assert_success
  refute_line --regexp '^(RUN|CMD|ENTRYPOINT) +[^[ ]'
  run grep -E '^  CMD ' <<<"$final"
  assert_output --regexp '^  CMD \["node", '
  run grep -E 'CMD-SHELL' "$DF"
  assert_failure 1
}

@test ".dockerignore lets the runtime file-system script into the build (and the script exists)" {
  run grep -xF '!docker/runtime_rootfs.cjs' "$REPO_ROOT/.dockerignore"
  assert_success
  [ -f "$REPO_ROOT/docker/runtime_rootfs.cjs" ]
  run grep -c 'COPY docker/runtime_rootfs.cjs ' "$DF"
  assert_output 1
}

@test "health check uses node itself (no curl or wget) against /health on the loopback" {
  run grep -A1 '^HEALTHCHECK' "$DF"
  assert_output --partial 'CMD ["node", "-e", "fetch('"'"'http://127.0.0.1:'"'"
  assert_output --partial "/health"
  run grep_instructions 'curl|wget'
  assert_failure 1
}

@test "CMD is exec form" {
  run grep -E '^CMD ' "$DF"
  assert_output 'CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=16", "dist/index.js"]'
}

@test "OCI labels carry title, description, version, source and licence" {
  for label in title description version source licenses; do
    run grep -c "org.opencontainers.image.$label=" "$DF"
    assert_output 1
  done
  # shellcheck disable=SC2016 # a literal ${...} is what is searched for
  run grep -c 'org.opencontainers.image.version="${VERSION}"' "$DF"
  assert_output 1
}

@test "the default VERSION build argument equals server/package.json's version" {
  local pkg arg
  pkg=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$REPO_ROOT/server/package.json")
  arg=$(sed -n 's/^ARG VERSION=//p' "$DF")
  [ -n "$pkg" ]
  assert_equal "$arg" "$pkg"
}

# That the image holds exactly the lock's production tree is proven on the built image (e2e,
# checks_image.sh); what the image cannot show is how it was installed.
@test "dependencies are installed only with npm ci --ignore-scripts, never npm install" {
  run grep -c -- 'npm ci ' "$DF"
  assert_output 2
  run grep -c -- 'npm ci .*--ignore-scripts' "$DF"
  assert_output 2
  run grep -- 'npm install' "$DF"
  assert_failure
}

@test ".dockerignore is an allow-list that keeps .env, pins, logs and node_modules out" {
  local di=$REPO_ROOT/.dockerignore
  run grep -vE '^(#|$)' "$di"
  assert_line --index 0 "*"
  refute_output --partial "!.env"
  refute_output --partial "!logs"
  refute_output --partial "node_modules"
  assert_line "!server/src"
  assert_line "!server/package-lock.json"
}
