# shellcheck shell=bash
# Helpers around a throw-away copy of the bundle, so the developer's own .env, .pinned-digest
# and logs/ are never touched. Sourced by run_e2e.sh after tests/lib/{check,docker_engine}.sh.
# shellcheck disable=SC2034 # the E2E_* settings are used by the files that source this one

E2E_PORT=8080
E2E_HEALTH_URL="http://localhost:$E2E_PORT/health"
E2E_MCP_URL="http://127.0.0.1:$E2E_PORT/mcp"
# Our own Compose project name, so a developer's real autotask-mcp service is never touched.
E2E_PROJECT=autotask-mcp-e2e
# The team profile (docker-compose.team.yml): a project of its own, its TLS port on loopback.
E2E_TEAM_PROJECT=autotask-mcp-e2e-team
E2E_TEAM_PORT=18443

# bundle_copy SRC DEST: the files git knows (tracked, plus untracked-but-not-ignored ones so a
# developer's uncommitted work is what gets tested) — never .env, .pinned-digest or logs/*.
bundle_copy() {
  local src=$1 dest=$2
  mkdir -p "$dest"
  (cd "$src" && git ls-files -z --cached --others --exclude-standard \
      | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
      | tar --null -T - -cf -) | tar -C "$dest" -xf -
  mkdir -p "$dest/logs"
}

# compose_service: the (single) service name in docker-compose.yml.
compose_service() {
  python3 -c 'import sys, yaml; print(next(iter(yaml.safe_load(open(sys.argv[1]))["services"])))' \
    "$BUNDLE/docker-compose.yml"
}

# compose_image_var: the variable that docker-compose.yml's image: is taken from, e.g. `${X:-…}`.
compose_image_var() {
  python3 -c '
import re, sys, yaml
svc = next(iter(yaml.safe_load(open(sys.argv[1]))["services"].values()))
m = re.search(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", str(svc.get("image", "")))
print(m.group(1) if m else "")' "$BUNDLE/docker-compose.yml"
}

# dockerfile_base_build_args: "--build-arg NAME=IMAGE" for every ARG a FROM line uses; stages that
# run npm (ci/install/run…, not merely delete it) get the build stand-in, the others the runtime one.
dockerfile_base_build_args() {
  python3 - "$BUNDLE/Dockerfile" "$BASE_IMAGE_BUILD" "$BASE_IMAGE_RUNTIME" <<'EOF'
import re, sys
path, build_img, runtime_img = sys.argv[1:]
stages, cur = [], None
for line in re.sub(r"\\\n", " ", open(path).read()).splitlines():
    s = line.strip()
    m = re.match(r"(?i)FROM\s+(?:--\S+\s+)*(\S+)", s)
    if m:
        cur = {"from": m.group(1), "npm": False}
        stages.append(cur)
    elif cur is not None and re.match(r"(?i)RUN\b", s) and re.search(r"\bnpm\s+(ci|install|i|run|exec|pack)\b", s):
        cur["npm"] = True
needs = {}
for st in stages:
    for name in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", st["from"]):
        needs[name] = needs.get(name, False) or st["npm"]
for name, npm in needs.items():
    print(f"--build-arg {name}={build_img if npm else runtime_img}")
EOF
}

# in_bundle CMD...: runs a bundle script from the bundle copy, with Debian's docker client first
# on PATH, the image variable pointing at the image under test, our own project name and a
# faster health poll (the scripts' documented settings).
in_bundle() {
  (cd "$BUNDLE" && env PATH="$E2E_PATH" "$IMAGE_VAR=$E2E_IMAGE" MCP_COMPOSE_PROJECT="$E2E_PROJECT" \
    MCP_POLL_INTERVAL=1 "$@")
}

# container_id: the running service container of the bundle copy (empty when none).
container_id() {
  "$DOCKER" ps -q --filter "label=com.docker.compose.service=$SERVICE" \
    --filter "label=com.docker.compose.project=$E2E_PROJECT"
}

# container_any_id: like container_id, including stopped containers.
container_any_id() {
  "$DOCKER" ps -aq --filter "label=com.docker.compose.service=$SERVICE" \
    --filter "label=com.docker.compose.project=$E2E_PROJECT"
}

cinspect() { "$DOCKER" inspect --format "$1" "$(container_id)"; }

health_body() { curl -sS --max-time 5 "$E2E_HEALTH_URL"; }

# wait_healthy TIMEOUT: the container's Docker health status reaches "healthy".
wait_healthy() {
  local deadline=$(( $(now_s) + $1 )) status=""
  while [ "$(now_s)" -lt "$deadline" ]; do
    status=$("$DOCKER" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(container_id)" 2>/dev/null || true)
    [ "$status" = healthy ] && return 0
    sleep 1
  done
  echo "container health: [${status:-no container}] after $1 s"
  return 1
}

# repo_digest IMAGE: the localhost registry repo digest of a local image (repo@sha256:…).
repo_digest() {
  local digests
  digests=$("$DOCKER" image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$1") || return 1
  # Not a pipe into grep -m 1: under pipefail an early exit of grep can fail the writer.
  grep -m 1 "^$E2E_REPO@" <<<"$digests"
}

# running_image_id: the image ID the service container runs.
running_image_id() { cinspect '{{.Image}}'; }
image_id() { "$DOCKER" image inspect --format '{{.Id}}' "$1"; }
