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
  for code in 0 1 2 3 4 6 7 8 9; do assert_line --regexp "^  $code  "; done
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
  mkdir -p "$BUNDLE/logs/update.lock"
  echo $$ >"$BUNDLE/logs/update.lock/pid"
  registry_has "$IMG" a
  run_script mcp_update.sh
  assert_failure 9
  assert_output --partial "another mcp_update.sh run is in progress (pid $$)"
  refute grep -q "^docker" "$SHIM_STATE/calls.log"
  [ -d "$BUNDLE/logs/update.lock" ]
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
  [ ! -d "$BUNDLE/logs/update.lock" ]
}

@test "a stale lock left by a dead process is taken over" {
  sh -c 'exit 0' &
  local dead=$!
  wait "$dead"
  mkdir -p "$BUNDLE/logs/update.lock"
  echo "$dead" >"$BUNDLE/logs/update.lock/pid"
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  run_script mcp_update.sh
  assert_success
  assert_output --partial "removed a stale lock left by pid $dead"
  [ ! -d "$BUNDLE/logs/update.lock" ]
}

@test "the lock is released after a refusal too" {
  registry_has "$IMG" a
  local_has "$IMG" a
  running a
  pin a
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 6
  [ ! -d "$BUNDLE/logs/update.lock" ]
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
