# shellcheck shell=bash
# Supply chain against a real registry on 127.0.0.1:$REGISTRY_PORT, through the real scripts:
# A pulled, started and pinned; B pushed under the same tag is refused (A keeps serving); with the
# tag naming B locally too, a plain `docker-compose up -d` (no script) still starts A, because the
# pin lives in docker-compose.override.yml; re-pinned B is taken and healthy; C (never healthy) is
# rolled back to B; nothing new -> "up to date", no restart. Then a real multi-platform index
# (docker manifest create/push): one platform's manifest digest is refused at pin time (exit 13),
# the index digest is pinned. Sourced by run_e2e.sh.

section "supply chain: pull, pin, refused update, update, rollback, up to date"
block "$BUILD_BLOCK"

E2E_IMAGE="$E2E_REPO:latest"
IMG_B="autotask-mcp-e2e:b"
IMG_C="autotask-mcp-e2e:c"
UPDATE_LOG="$BUNDLE/logs/update.log"

push_as_latest() { "$DOCKER" tag "$1" "$E2E_IMAGE" && "$DOCKER" push "$E2E_IMAGE"; }
# local_tag IMG: the machine's tag names IMG again, as on a host that has not seen the new push.
local_tag() { "$DOCKER" tag "$1" "$E2E_IMAGE"; }
digest_of() { repo_digest "$1" | sed 's/.*@//'; }
update_log_since() { tail -n "+$(( $1 + 1 ))" "$UPDATE_LOG" 2>/dev/null; }
update_log_lines() { wc -l <"$UPDATE_LOG" 2>/dev/null || echo 0; }
pinned() { cat "$BUNDLE/.pinned-digest"; }

build_variants() {
  # B: same server, different image (a label is enough for a new ID and digest).
  printf 'FROM %s\nLABEL e2e.variant=b\n' "$E2E_BUILT" | "$DOCKER" build -q -t "$IMG_B" -
  # C: starts a node process that never listens. Compose pins MCP_HTTP_PORT and only tunes the
  # image's HEALTHCHECK timing, so a different command is what makes C really unhealthy.
  printf 'FROM %s\nCMD ["node", "-e", "setInterval(() => {}, 1 << 30)"]\nLABEL e2e.variant=c\n' "$IMG_B" \
    | "$DOCKER" build -q -t "$IMG_C" -
  local ids
  ids=$(for i in "$E2E_BUILT" "$IMG_B" "$IMG_C"; do image_id "$i"; done | sort -u | wc -l)
  expect_eq "$ids" 3 "distinct image IDs of A, B and C"
}
check "variants B (new label) and C (never listens, so never healthy) build FROM A" build_variants \
  || block "variant images missing"

push_a() {
  push_as_latest "$E2E_BUILT"
  # Forget the local tag so the scripts really pull from the registry.
  "$DOCKER" rmi "$E2E_IMAGE" >/dev/null
}
check "image A is pushed to $E2E_IMAGE" push_a || block "registry push failed"

pull_a() {
  in_bundle ./scripts/mcp_pull.sh
  expect_eq "$(image_id "$E2E_IMAGE")" "$(image_id "$E2E_BUILT")" "image the tag names after mcp_pull.sh"
  expect_match "$(repo_digest "$E2E_IMAGE")" "^$E2E_REPO@sha256:" "repo digest of the pulled image"
}
check "scripts/mcp_pull.sh pulls A from the registry" pull_a

start_a() {
  (umask 077 && printf 'AUTOTASK_DEMO=true\n' >"$BUNDLE/.env")
  chmod 600 "$BUNDLE/.env"
  in_bundle ./scripts/mcp_up.sh
  wait_healthy 60
  expect_eq "$(running_image_id)" "$(image_id "$E2E_BUILT")" "image of the running container"
}
check "scripts/mcp_up.sh starts A and it becomes healthy" start_a || block "A did not start"
CID_A=$(container_id)

pin_a() {
  in_bundle ./scripts/mcp_pin_digest.sh --yes
  echo ".pinned-digest: $(pinned)"
  expect_eq "$(pinned)" "$E2E_REPO@$(digest_of "$E2E_BUILT")" ".pinned-digest"
}
check "scripts/mcp_pin_digest.sh --yes pins A's repo digest in .pinned-digest" pin_a || block "pin failed"

refuse_b() {
  push_as_latest "$IMG_B" && local_tag "$E2E_BUILT"
  local before rc=0
  before=$(update_log_lines)
  in_bundle ./scripts/mcp_update.sh || rc=$?
  expect_eq "$rc" 6 "mcp_update.sh exit code (6: refused by the pin)"
  expect_eq "$(container_id)" "$CID_A" "container ID (A must keep serving)"
  expect_eq "$(running_image_id)" "$(image_id "$E2E_BUILT")" "image of the running container"
  health_body
  echo; update_log_since "$before"
  expect_match "$(update_log_since "$before")" '[Pp]in' "logs/update.log must say the pin refused it"
  expect_match "$(update_log_since "$before")" "$(digest_of "$IMG_B" | cut -c1-19)" "logs/update.log names the refused digest"
}
check "B under the same tag: mcp_update.sh refuses, A keeps serving, update.log says why" refuse_b

# plain_compose_up: what a user types in the bundle folder, no script involved: `docker-compose up -d`
# with the tag in the shell (our project name so the developer's own service is never touched).
plain_compose_up() {
  (cd "$BUNDLE" && env PATH="$E2E_PATH" "$IMAGE_VAR=$E2E_IMAGE" COMPOSE_PROJECT_NAME="$E2E_PROJECT" docker-compose up -d)
}
plain_up_runs_pin() {
  in_bundle ./scripts/mcp_down.sh
  # The tag names B on this machine as well now: without the pin Compose would start B.
  "$DOCKER" pull -q "$E2E_IMAGE"
  expect_eq "$(image_id "$E2E_IMAGE")" "$(image_id "$IMG_B")" "image the local tag names before the plain up"
  echo "docker-compose.override.yml:"; cat "$BUNDLE/docker-compose.override.yml"
  plain_compose_up
  wait_healthy 60
  expect_eq "$(running_image_id)" "$(image_id "$E2E_BUILT")" "image a plain docker-compose up -d runs (must be the pinned A)"
}
check "pin on A, tag moved to B: a plain 'docker-compose up -d' (no script) runs A" plain_up_runs_pin

repin_b() {
  in_bundle ./scripts/mcp_pin_digest.sh --yes --pull
  echo ".pinned-digest: $(pinned)"
  expect_eq "$(pinned)" "$E2E_REPO@$(digest_of "$IMG_B")" ".pinned-digest"
}
check "after review, B is pinned (mcp_pin_digest.sh --yes --pull)" repin_b || block "re-pin failed"

update_b() {
  in_bundle ./scripts/mcp_update.sh
  wait_healthy 60
  expect_eq "$(running_image_id)" "$(image_id "$IMG_B")" "image of the running container"
  [ "$(container_id)" != "$CID_A" ] || { echo "the container was not recreated"; return 1; }
  expect_match "$(health_body)" '"status"' "/health"
}
check "pinned B: mcp_update.sh moves to B and it is healthy" update_b || block "update to B failed"
CID_B=$(container_id)

rollback_c() {
  push_as_latest "$IMG_C" && local_tag "$IMG_B"
  rm -f "$BUNDLE/.pinned-digest"
  local before rc=0
  before=$(update_log_lines)
  in_bundle ./scripts/mcp_update.sh || rc=$?
  expect_eq "$rc" 7 "mcp_update.sh exit code (7: rolled back)"
  wait_healthy 60
  expect_eq "$(running_image_id)" "$(image_id "$IMG_B")" "image of the running container after rollback"
  expect_match "$(health_body)" '"status"' "/health after rollback"
  update_log_since "$before"
  expect_match "$(update_log_since "$before" | tr '[:upper:]' '[:lower:]')" 'rolled back' "logs/update.log must say it rolled back"
}
check "C never gets healthy (no pin): mcp_update.sh rolls back to B and says so" rollback_c
CID_B=$(container_id)

up_to_date() {
  push_as_latest "$IMG_B"
  local started before out
  started=$(cinspect '{{.State.StartedAt}}') before=$(update_log_lines)
  out=$(in_bundle ./scripts/mcp_update.sh 2>&1)
  echo "$out"
  expect_match "$out$(update_log_since "$before")" '[Uu]p to date' "mcp_update.sh output / update.log"
  expect_eq "$(container_id)" "$CID_B" "container ID"
  expect_eq "$(cinspect '{{.State.StartedAt}}')" "$started" "container StartedAt (no restart)"
}
check "nothing changed: mcp_update.sh says up to date and does not restart" up_to_date

final_down() {
  in_bundle ./scripts/mcp_down.sh
  [ -z "$(container_any_id)" ]
}
check "scripts/mcp_down.sh removes the service after the supply-chain run" final_down

# A real multi-platform index in the registry: A as linux/amd64, B annotated as linux/arm64.
MULTI_IMAGE="$E2E_REPO:multi"
make_index() {
  local a b
  a="$E2E_REPO@$(digest_of "$E2E_BUILT")" b="$E2E_REPO@$(digest_of "$IMG_B")"
  "$DOCKER" manifest rm "$MULTI_IMAGE" >/dev/null 2>&1 || true
  "$DOCKER" manifest create --insecure "$MULTI_IMAGE" "$a" "$b"
  "$DOCKER" manifest annotate --os linux --arch arm64 "$MULTI_IMAGE" "$b"
  MULTI_DIGEST=$("$DOCKER" manifest push --insecure --purge "$MULTI_IMAGE" | grep -oE 'sha256:[0-9a-f]{64}' | tail -n 1)
  echo "index: $MULTI_IMAGE = $MULTI_DIGEST"
  expect_match "$MULTI_DIGEST" '^sha256:[0-9a-f]{64}$' "digest of the pushed index"
  echo "$MULTI_DIGEST" >"$WORK/multi.digest"
}
check "a two-platform index of A and B is pushed as $MULTI_IMAGE (docker manifest)" make_index || block "no index"
in_multi() { (E2E_IMAGE=$MULTI_IMAGE && in_bundle "$@"); }

refuse_platform_digest() {
  local rc=0 out
  out=$(in_multi ./scripts/mcp_pin_digest.sh --yes "$E2E_REPO@$(digest_of "$E2E_BUILT")" 2>&1) || rc=$?
  echo "$out"
  expect_eq "$rc" 13 "mcp_pin_digest.sh exit code for a platform manifest of the index"
  expect_match "$out" 'single-platform manifest \(linux/amd64\)' "the refusal names the platform"
  [ ! -e "$BUNDLE/.pinned-digest" ] || { echo ".pinned-digest was written"; return 1; }
}
check "pinning one platform's manifest digest of the index is refused (exit 13, names linux/amd64)" refuse_platform_digest

pin_index_digest() {
  local want
  want="$E2E_REPO@$(cat "$WORK/multi.digest")"
  in_multi ./scripts/mcp_pin_digest.sh --yes "$want"
  expect_eq "$(pinned)" "$want" ".pinned-digest after pinning the index digest"
  in_multi ./scripts/mcp_pin_digest.sh --pull --yes
  expect_eq "$(pinned)" "$want" ".pinned-digest after --pull (what the tag names: the index)"
  in_multi ./scripts/mcp_pin_digest.sh --remove --yes
  [ ! -e "$BUNDLE/.pinned-digest" ] && [ ! -e "$BUNDLE/docker-compose.override.yml" ]
}
check "the index digest is pinned, --pull pins the same index digest, --remove removes the pin" pin_index_digest
