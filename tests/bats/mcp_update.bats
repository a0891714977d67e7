#!/usr/bin/env bats
# scripts/mcp_update.sh: image-ID comparison, pin enforcement, health-gated recreate, rollback,
# TEST_ENV and TEST_HEALTH_TIMEOUT are read by run_script (helpers/common.bash);
# BUNDLE is changed per test on purpose.
# shellcheck disable=SC2034,SC2030,SC2031
# single-run lock and the timestamped update log.

setup() {
  load helpers/common
  setup_bundle
  IMG=registry.test/acme/autotask-mcp:latest
  REPO=registry.test/acme/autotask-mcp
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$IMG")
  write_env_file
}

pin() { echo "$REPO@$(fake_digest "$1")" >"$BUNDLE/.pinned-digest"; }
update_log() { cat "$BUNDLE/logs/update.log"; }

@test "--help describes the algorithm and every exit code" {
  run_script mcp_update.sh --help
  assert_success
  assert_output --partial "Usage: scripts/mcp_update.sh"
  for code in 0 1 2 3 4 6 7 8 9 10 14; do assert_line --regexp "^  $code +"; done
}

@test "unchanged image: says up to date and does not restart" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  run_script mcp_update.sh
  assert_success
  assert_output --partial "up to date"
  assert_equal "$(recreations)" 0
  refute grep -q " up -d" "$SHIM_STATE/calls.log"
}

@test "detects an update that mcp_pull.sh already pulled (compares the running container, not pull output)" {
  registry_has "$IMG" b
  local_has "$IMG" b
  running a
  touch "$SHIM_STATE/local/$(fake_id a)"
  run_script mcp_update.sh
  assert_success
  assert_output --partial "updated: now serving"
  assert_equal "$(running_image)" "$(fake_id b)"
}

@test "new healthy image: recreates, waits for health, keeps the old image as :rollback" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  assert_output --partial "updated: now serving"
  assert_equal "$(running_image)" "$(fake_id b)"
  assert_equal "$(local_tag "$REPO:rollback")" "$(fake_id a)"
  assert_equal "$(recreations)" 1
  assert_no_secret
}

@test "new image allowed by a matching pin: updates" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  pin b
  run_script mcp_update.sh
  assert_success
  assert_equal "$(running_image)" "$(fake_id b)"
}

@test "pin mismatch: refuses, keeps the running container and points the tag back at it" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  pin a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 6
  assert_output --partial "REFUSED"
  assert_output --partial "does not match the pin $REPO@$(fake_digest a)"
  assert_output --partial "mcp_pin_digest.sh --pull"
  assert_equal "$(running_image)" "$(fake_id a)"
  assert_equal "$(recreations)" 0
  assert_equal "$(local_tag "$IMG")" "$(fake_id a)"
  run grep "REFUSED" "$BUNDLE/logs/update.log"
  assert_success
}

@test "unhealthy new image: rolls back to the previous image and says so" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" c unhealthy
  run_script mcp_update.sh
  assert_failure 7
  assert_output --partial "the new image is not healthy"
  assert_output --partial "rolling back to the previous image"
  assert_output --partial "ROLLED BACK"
  assert_equal "$(running_image)" "$(fake_id a)"
  assert_equal "$(local_tag "$IMG")" "$(fake_id a)"
  assert_equal "$(recreations)" 2
  run grep -c "ROLLED BACK" "$BUNDLE/logs/update.log"
  assert_output 1
}

@test "a new image that never reports healthy within the timeout is rolled back too" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" c starting
  TEST_HEALTH_TIMEOUT=1
  run_script mcp_update.sh
  assert_failure 7
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "a crashing new image is rolled back" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" c crash
  run_script mcp_update.sh
  assert_failure 7
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "an image that was rolled back is not tried again on the next run" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" c unhealthy
  run_script mcp_update.sh
  assert_failure 7
  run_script mcp_update.sh
  assert_failure 7
  assert_output --partial "failed its health check in an earlier run"
  assert_equal "$(recreations)" 2
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "when the previous image does not recover either, exits 8" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" c unhealthy
  set_health a unhealthy
  run_script mcp_update.sh
  assert_failure 8
  assert_output --partial "rollback failed"
}

@test "a failed pull leaves the running container alone and exits 1" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  flag pull_fails
  run_script mcp_update.sh
  assert_failure 1
  assert_output --partial "the running container was not touched"
  assert_equal "$(recreations)" 0
  run grep "ERROR (exit 1)" "$BUNDLE/logs/update.log"
  assert_success
}

@test "service not running: pulls only and restarts nothing" {
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  assert_output --partial "the service is not running: nothing to restart"
  refute grep -q " up -d" "$SHIM_STATE/calls.log"
}

@test "recreates a demo-mode service in demo mode" {
  rm "$BUNDLE/.env"
  registry_has "$IMG" a
  local_has "$IMG" a
  running a demo
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  assert_equal "$(compose_var env_file)" "$BUNDLE/demo.env"
  assert_equal "$(compose_var mode)" demo
}

@test "refuses to recreate a live service when .env became readable by others" {
  chmod 644 "$BUNDLE/.env"
  registry_has "$IMG" a
  local_has "$IMG" a
  running a live
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 3
  assert_output --partial "chmod 600 '$BUNDLE/.env'"
  assert_equal "$(running_image)" "$(fake_id a)"
  assert_no_secret
}

@test "a concurrent run is refused while the lock is held by a live process" {
  bash -c '. "$1/scripts/lib.sh"; acquire_lock "$1/logs/update.lock" && exec sleep 30' _ "$BUNDLE" 3>&- &
  local holder=$!
  sleep 0.5
  registry_has "$IMG" a
  run_script mcp_update.sh
  kill "$holder"
  assert_failure 9
  assert_output --partial "another mcp_update.sh run is in progress (pid $holder)"
  refute grep -q "^docker" "$SHIM_STATE/calls.log"
}

@test "two updates started together: exactly one runs, the other exits 9" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  flag slow_pull # keeps the first run inside the lock for a second
  env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" AUTOTASK_MCP_IMAGE="$IMG" \
    "$BUNDLE/scripts/mcp_update.sh" >"$BATS_TEST_TMPDIR/first.out" 2>&1 3>&- &
  local first=$!
  sleep 0.3
  run_script mcp_update.sh
  wait "$first"
  assert_failure 9
  run cat "$BATS_TEST_TMPDIR/first.out"
  assert_output --partial "up to date"
  [ ! -e "$BUNDLE/logs/update.lock" ]
}

@test "a stale lock left by a dead process is taken over" {
  (bash -c '. "$1/scripts/lib.sh"; acquire_lock "$1/logs/update.lock" && echo $$ >"$2" && kill -KILL $$' _ "$BUNDLE" "$BATS_TEST_TMPDIR/dead") 2>/dev/null || true
  local dead
  dead=$(cat "$BATS_TEST_TMPDIR/dead")
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  run_script mcp_update.sh
  assert_success
  assert_output --partial "removed a stale lock left by pid $dead"
  [ ! -e "$BUNDLE/logs/update.lock" ]
}

@test "the lock is released after a refusal too" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  pin a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 6
  [ ! -e "$BUNDLE/logs/update.lock" ]
}

@test "every step goes to logs/update.log with a timestamp" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  run update_log
  assert_line --index 0 --regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{4} update check started'
  assert_output --partial "pulling $IMG"
  assert_output --partial "the tag now names"
  assert_output --partial "the running container uses"
  assert_output --partial "recreating the service"
  assert_output --partial "updated: now serving"
  run grep -vcE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{4} ' "$BUNDLE/logs/update.log"
  assert_output 0
}

@test "the log names old and new registry digests and version labels" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  run update_log
  assert_output --partial "$REPO@$(fake_digest a), version 0.1.a"
  assert_output --partial "$REPO@$(fake_digest b), version 0.1.b"
}

@test "works with docker-compose v1 as well" {
  flag no_compose_v2
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  run grep -c "^docker-compose .* up -d --no-build autotask-mcp" "$SHIM_STATE/calls.log"
  assert_success
}

@test "an unreachable engine is logged and exits 4" {
  flag engine_down
  run_script mcp_update.sh
  assert_failure 4
  run grep "ERROR (exit 4)" "$BUNDLE/logs/update.log"
  assert_success
}

# ---- image references (defects 1 and 2) -------------------------------------------------------

@test "a local build: says there is no registry to update from (exit 10), logged, nothing pulled" {
  TEST_ENV=()
  local_has autotask-mcp:local a
  running a
  run_script mcp_update.sh
  assert_failure 10
  assert_output --partial "autotask-mcp:local is a local build"
  refute grep -q "pull" "$SHIM_STATE/calls.log"
  run grep "ERROR (exit 10)" "$BUNDLE/logs/update.log"
  assert_success
}

@test "a pull that Compose would only warn about cannot make the update say 'up to date'" {
  # docker-compose 1.29 only warns when a buildable service cannot be pulled
  # shellcheck disable=SC2016 # the wrapper's own "$@" must stay literal
  printf '#!/usr/bin/env bash\nif [ "$1" = compose ] && [[ " $* " == *" pull "* ]]; then echo "WARNING: Some service image(s) must be built from source"; exit 0; fi\nexec %q "$@"\n' "$SHIM_SRC/docker" >"$SHIM_BIN/docker"
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  refute_output --partial "up to date"
  assert_equal "$(running_image)" "$(fake_id b)"
}

@test "a failed pull is a failure (exit 1), never 'up to date'" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  flag pull_fails
  run_script mcp_update.sh
  assert_failure 1
  refute_output --partial "up to date"
}

# ---- the pin governs (defect 3) -----------------------------------------------------------------

@test "pin on A while B runs (tag unchanged): reports the mismatch and moves to A instead of 'up to date'" {
  registry_has "$IMG" a
  registry_has "$IMG" b
  local_has "$IMG" b
  running b
  pin a
  run_script mcp_update.sh
  assert_success
  refute_output --partial "up to date"
  assert_output --partial "does not match the pin $REPO@$(fake_digest a)"
  assert_equal "$(running_image)" "$(fake_id a)"
  assert_equal "$(compose_var image)" "$REPO@$(fake_digest a)"
}

@test "pin on A with the service stopped: the tag's new image B is reported, not taken, and a later start runs A" {
  registry_has "$IMG" a
  local_has "$IMG" a
  pin a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 6
  assert_output --partial "not the pin"
  assert_equal "$(local_tag "$IMG")" "$(fake_id a)"
  [ ! -e "$SHIM_STATE/container" ]
  run_script mcp_up.sh
  assert_success
  assert_equal "$(running_image)" "$(fake_id a)"
}

@test "with a pin, the update moves only to the pinned digest: a re-pin to B is the way to B" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  pin a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 6
  assert_equal "$(running_image)" "$(fake_id a)"
  pin b
  run_script mcp_update.sh
  assert_success
  assert_equal "$(running_image)" "$(fake_id b)"
  assert_equal "$(compose_var image)" "$REPO@$(fake_digest b)"
}

@test "with a pin whose image is not local yet, the update pulls it by digest" {
  registry_has "$IMG" b
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  pin b
  run_script mcp_update.sh
  assert_success
  run grep -c "^docker pull $REPO@$(fake_digest b)$" "$SHIM_STATE/calls.log"
  assert_output 1
  assert_equal "$(running_image)" "$(fake_id b)"
}

@test "an unhealthy pinned image is rolled back and the update says the pin still names it" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" c unhealthy
  pin c
  run_script mcp_update.sh
  assert_failure 7
  assert_output --partial "ROLLED BACK"
  assert_output --partial "the pin still names $REPO@$(fake_digest c)"
  assert_equal "$(running_image)" "$(fake_id a)"
}

# ---- verified update (cosign) -------------------------------------------------------------------

@test "published image and cosign on PATH: verifies the keyless signature of the release workflow before moving" {
  install_tool cosign
  local img=ghcr.io/acme/autotask-mcp:latest repo=ghcr.io/acme/autotask-mcp
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$img")
  registry_has "$img" a
  local_has "$img" a
  running a
  registry_has "$img" b
  run_script mcp_update.sh
  assert_success
  assert_output --partial "signature verified"
  run grep "^cosign verify" "$SHIM_STATE/calls.log"
  assert_output "cosign verify --certificate-identity-regexp (?i)^https://github\\.com/acme/autotask-mcp/\\.github/workflows/release\\.yml@refs/tags/ --certificate-oidc-issuer https://token.actions.githubusercontent.com $repo@$(fake_digest b)"
  assert_equal "$(running_image)" "$(fake_id b)"
}

@test "published image, signature verification fails: refuses (exit 14), the running container keeps serving" {
  install_tool cosign
  echo "Error: no matching signatures: none of the expected identities matched" >"$SHIM_STATE/cosign_fails"
  local img=ghcr.io/acme/autotask-mcp:latest
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$img")
  registry_has "$img" a
  local_has "$img" a
  running a
  registry_has "$img" b
  run_script mcp_update.sh
  assert_failure 14
  assert_output --partial "no matching signatures"
  assert_equal "$(running_image)" "$(fake_id a)"
  assert_equal "$(local_tag "$img")" "$(fake_id a)"
  assert_equal "$(recreations)" 0
}

@test "published image without cosign: moves, and says it could not verify because cosign is not installed" {
  local img=ghcr.io/acme/autotask-mcp:latest
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$img")
  registry_has "$img" a
  local_has "$img" a
  running a
  registry_has "$img" b
  run_script mcp_update.sh
  assert_success
  assert_output --partial "signature not verified: cosign is not installed"
  run grep "signature not verified" "$BUNDLE/logs/update.log"
  assert_success
}

@test "another registry's image: says signatures are only checked for the published image, never calls cosign" {
  install_tool cosign
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  assert_output --partial "signature not verified: $REPO is not the published image"
  refute grep -q "^cosign" "$SHIM_STATE/calls.log"
}

# ---- logs and lock (defect 4) -------------------------------------------------------------------

@test "an unwritable logs/ is reported as such (exit 3), not as another run in progress" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  chmod 555 "$BUNDLE/logs"
  run_script_without_dac mcp_update.sh
  chmod 755 "$BUNDLE/logs"
  assert_failure 3
  refute_output --partial "another mcp_update.sh run is in progress"
  assert_output --partial "$BUNDLE/logs"
  assert_output --partial "not writable"
}

@test "an unwritable logs/update.log is reported with a fix (exit 3), without a raw shell error" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  : >"$BUNDLE/logs/update.log"
  chmod 444 "$BUNDLE/logs/update.log"
  run_script_without_dac mcp_update.sh
  assert_failure 3
  assert_output --partial "cannot write $BUNDLE/logs/update.log"
  assert_output --partial "chown"
  refute_output --regexp "line [0-9]+:"
  assert_equal "$(recreations)" 0
}

@test "a lock that cannot be created (logs/ writable only for update.log) is exit 3, not 9" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  : >"$BUNDLE/logs/update.log"
  chmod 555 "$BUNDLE/logs"
  run_script_without_dac mcp_update.sh
  chmod 755 "$BUNDLE/logs"
  assert_failure 3
  refute_output --partial "in progress"
  assert_output --partial "lock"
}

# lock_contenders N LOCK RESULTS: N processes wait at a barrier, then all call acquire_lock on LOCK
# at once; each appends "ok PID" or "busy PID" to RESULTS. A holder keeps the lock until every
# contender has answered, so two answers "ok" mean two holders at the same time.
lock_contenders() {
  local n=$1 lock=$2 results=$3 go=$BATS_TEST_TMPDIR/go i
  rm -f "$go"
  : >"$results"
  for i in $(seq 1 "$n"); do
    bash -c '
      . "$1/scripts/lib.sh"
      while [ ! -e "$2" ]; do sleep 0.01; done
      if acquire_lock "$3"; then
        echo "ok $$" >>"$4"
        for _ in $(seq 1 500); do [ "$(wc -l <"$4")" -ge "$5" ] && break; sleep 0.02; done
        release_lock
      else
        echo "busy $$" >>"$4"
      fi' _ "$BUNDLE" "$go" "$lock" "$results" "$n" &
  done
  sleep 0.3
  touch "$go"
  wait
}

# stale_lock LOCK: a lock left behind by a run that was killed (SIGKILL: no trap released it).
stale_lock() {
  (bash -c '. "$1/scripts/lib.sh"; acquire_lock "$2" && kill -KILL $$' _ "$BUNDLE" "$1") 2>/dev/null || true
}

@test "the lock is atomic: 6 starters at once, 10 rounds, exactly one holds it each round" {
  local round lock=$BUNDLE/logs/update.lock results=$BATS_TEST_TMPDIR/results
  for round in $(seq 1 10); do
    lock_contenders 6 "$lock" "$results"
    [ "$(grep -c '^ok ' "$results")" -eq 1 ] || fail "round $round: $(tr '\n' ' ' <"$results")"
    [ "$(grep -c '^busy ' "$results")" -eq 5 ] || fail "round $round: $(tr '\n' ' ' <"$results")"
  done
  [ ! -e "$lock" ]
}

@test "stale-lock takeover is atomic: 6 starters on a dead run's lock, 10 rounds, exactly one takes it over" {
  local round lock=$BUNDLE/logs/update.lock results=$BATS_TEST_TMPDIR/results
  for round in $(seq 1 10); do
    stale_lock "$lock"
    [ -e "$lock" ] || [ -L "$lock" ] || fail "round $round: no stale lock was left"
    lock_contenders 6 "$lock" "$results"
    [ "$(grep -c '^ok ' "$results")" -eq 1 ] || fail "round $round: $(tr '\n' ' ' <"$results")"
  done
}

@test "6 mcp_update.sh runs started together over a stale lock: exactly one runs, five exit 9" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  stale_lock "$BUNDLE/logs/update.lock"
  echo 3 >"$SHIM_STATE/slow_pull"
  local i rcs=$BATS_TEST_TMPDIR/rcs
  : >"$rcs"
  for i in 1 2 3 4 5 6; do
    (
      rc=0
      env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" AUTOTASK_MCP_IMAGE="$IMG" \
        "$BUNDLE/scripts/mcp_update.sh" >"$BATS_TEST_TMPDIR/run$i.out" 2>&1 || rc=$?
      echo "$rc" >>"$rcs"
    ) 3>&- &
  done
  wait
  run sort "$rcs"
  assert_output "0
9
9
9
9
9"
}

# ---- mcp_down.sh during an update (defect 4) ------------------------------------------------------

@test "mcp_down.sh during an update leaves the service down: no rollback, no rejected image" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  registry_has "$IMG" b starting
  env -i PATH="$SHIM_BIN" HOME="$FAKE_HOME" SHIM_STATE="$SHIM_STATE" AUTOTASK_MCP_IMAGE="$IMG" \
    MCP_POLL_INTERVAL=0.05 MCP_HEALTH_TIMEOUT=6 \
    "$BUNDLE/scripts/mcp_update.sh" >"$BATS_TEST_TMPDIR/update.out" 2>&1 3>&- &
  local update=$! i rc=0
  for i in $(seq 1 100); do
    grep -q " up -d" "$SHIM_STATE/calls.log" && break
    sleep 0.05
  done
  run_script mcp_down.sh
  assert_success
  wait "$update" || rc=$?
  run cat "$BATS_TEST_TMPDIR/update.out"
  assert_equal "$rc" 0
  assert_output --partial "stopped"
  refute_output --partial "ROLLED BACK"
  refute_output --partial "rolling back"
  [ ! -e "$SHIM_STATE/container" ]
  [ ! -e "$BUNDLE/logs/update.rejected" ]
  assert_equal "$(recreations)" 1
}

# ---- disk use (defect 6) ----------------------------------------------------------------------------

@test "a successful update removes the previous-but-one image (kept one back as :rollback)" {
  registry_has "$IMG" z
  registry_has "$IMG" a
  local_has "$IMG" a
  local_has "$REPO:rollback" z
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  assert_equal "$(local_tag "$REPO:rollback")" "$(fake_id a)"
  [ ! -e "$SHIM_STATE/local/$(fake_id z)" ]
  run grep -c "^docker rmi $(fake_id z)$" "$SHIM_STATE/calls.log"
  assert_output 1
}

@test "a previous-but-one image still tagged elsewhere is kept" {
  registry_has "$IMG" z
  registry_has "$IMG" a
  local_has "$IMG" a
  local_has "$REPO:rollback" z
  local_has "$REPO:mine" z
  running a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  [ -e "$SHIM_STATE/local/$(fake_id z)" ]
  assert_equal "$(local_tag "$REPO:mine")" "$(fake_id z)"
}
