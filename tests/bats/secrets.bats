#!/usr/bin/env bats
# No script ever reads or prints .env: a sentinel secret in .env must not appear in any output,
# shim call, log or generated file, on success or refusal paths, and the code never opens .env.
# TEST_ENV is read by run_script (helpers/common.bash).
# shellcheck disable=SC2034

setup() {
  load helpers/common
  load helpers/timers
  setup_bundle
  IMG=registry.test/acme/autotask-mcp:latest
  TEST_ENV=("AUTOTASK_MCP_IMAGE=$IMG")
  write_env_file
  registry_has "$IMG" a
  local_has "$IMG" a
}

@test "every script, --help included, keeps the sentinel out of all output and state" {
  local s
  for s in mcp_up.sh mcp_down.sh mcp_logs.sh mcp_doctor.sh mcp_pull.sh mcp_update.sh mcp_pin_digest.sh cron_install.sh cron_uninstall.sh mcp_token.sh; do
    run_script "$s" --help
    assert_success
    refute_output --partial "$SENTINEL"
  done
  run_script mcp_up.sh
  assert_success
  refute_output --partial "$SENTINEL"
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_success
  refute_output --partial "$SENTINEL"
  run_script mcp_pin_digest.sh --yes
  assert_success
  refute_output --partial "$SENTINEL"
  run_script mcp_pull.sh
  refute_output --partial "$SENTINEL"
  run_script mcp_logs.sh
  refute_output --partial "$SENTINEL"
  run_script mcp_doctor.sh
  refute_output --partial "$SENTINEL"
  run_script cron_install.sh
  refute_output --partial "$SENTINEL"
  as_macos
  run_script cron_install.sh
  refute_output --partial "$SENTINEL"
  run_script cron_uninstall.sh
  refute_output --partial "$SENTINEL"
  run_script mcp_down.sh
  assert_no_secret
}

@test "refusal paths keep the sentinel out too (loose .env, rollback, pin mismatch)" {
  chmod 644 "$BUNDLE/.env"
  run_script mcp_up.sh
  assert_failure 3
  refute_output --partial "$SENTINEL"
  chmod 600 "$BUNDLE/.env"
  running a
  echo "registry.test/acme/autotask-mcp@$(fake_digest a)" >"$BUNDLE/.pinned-digest"
  registry_has "$IMG" b
  run_script mcp_update.sh
  assert_failure 6
  refute_output --partial "$SENTINEL"
  rm "$BUNDLE/.pinned-digest"
  set_health b unhealthy
  run_script mcp_update.sh
  assert_failure 7
  assert_no_secret
}

@test "the scripts never open .env: only existence and mode checks touch it" {
  cd "$REPO_ROOT/scripts"
  # Lines that name the live env file, minus comments and continued message strings.
  run bash -c "grep -nE '\\\$ENV_FILE|\\\${ENV_FILE}|/\\.env[^.a-z]' *.sh \
    | grep -vE '^[^:]+:[0-9]+:[[:space:]]*[#\"]' \
    | grep -E 'cat|source|[[:space:]]\\.[[:space:]]|<[[:space:]]*\"?\\\$ENV_FILE|grep|sed|awk|read|cp |head|tail|less|more'"
  assert_failure 1
}

@test "the scripts never run compose config (it would print the env file)" {
  run grep -nE '(compose|docker-compose)[^#]*[[:space:]]config([[:space:]]|$)' "$REPO_ROOT"/scripts/*.sh
  assert_failure 1
}

# env_value_via_compose_v1 FILE NAME: the value docker-compose 1.29 hands the container for NAME
# from env_file FILE (its own parser; `config` prints a literal $ as $$, undone here).
env_value_via_compose_v1() {
  local dir=$BATS_TEST_TMPDIR/v1
  mkdir -p "$dir"
  printf 'version: "2.4"\nservices:\n  s:\n    image: busybox\n    env_file: %s\n' "$1" >"$dir/docker-compose.yml"
  (cd "$dir" && docker-compose -p bats config) | /usr/bin/python3 -c '
import sys, yaml
env = yaml.safe_load(sys.stdin)["services"]["s"]["environment"]
print(env[sys.argv[1]].replace("$$", "$"), end="")' "$2"
}

@test ".env.example.txt tells the truth: Compose parses .env (quotes, \$, ' #'), and the documented form is literal" {
  local f=$REPO_ROOT/.env.example.txt line expected
  refute grep -q "Values are taken literally" "$f"
  run grep -c "cut at \" #\"" "$f"
  assert_output 1
  # The template's own example line and the value it promises.
  line=$(sed -n "s/^#   \(AUTOTASK_SECRET='.*'\)$/\1/p" "$f")
  expected=$(sed -n 's/^#   reaches the server as: //p' "$f")
  [ -n "$line" ] && [ -n "$expected" ] || fail "the example secret line or its promised value is missing"
  local c
  for c in '$' '"' "'" ' #' ' '; do
    [[ $expected == *"$c"* ]] || fail "the example secret does not contain [$c]"
  done
  command -v docker-compose >/dev/null || fail "docker-compose is required for this suite (Debian: docker-compose)"
  printf '%s\n' "$line" >"$BATS_TEST_TMPDIR/example.env"
  run env_value_via_compose_v1 "$BATS_TEST_TMPDIR/example.env" AUTOTASK_SECRET
  assert_success
  assert_output "$expected"
}

@test "the pitfalls .env.example.txt names are real in docker-compose 1.29 (unquoted: cut at ' #', \${NAME} replaced)" {
  command -v docker-compose >/dev/null || fail "docker-compose is required for this suite (Debian: docker-compose)"
  # shellcheck disable=SC2016 # literal $ in the .env lines is the point
  printf '%s\n' 'A=pa$ss word #1 x' "B='pa\${HOME}x'" >"$BATS_TEST_TMPDIR/p.env"
  run env_value_via_compose_v1 "$BATS_TEST_TMPDIR/p.env" A
  # shellcheck disable=SC2016 # literal text
  assert_output 'pa$ss word'
  run env_value_via_compose_v1 "$BATS_TEST_TMPDIR/p.env" B
  # shellcheck disable=SC2016 # literal text
  refute_output --partial '${HOME}'
  # shellcheck disable=SC2016 # literal text
  run grep -c 'docker-compose 1.29 still replaces ${NAME}' "$REPO_ROOT/.env.example.txt"
  assert_output 1
}
