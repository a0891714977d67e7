#!/usr/bin/env bats
# The lint gates: shellcheck over every shell file, and the bash 3.2 / BSD portability lint over
# the shipped scripts (which ShellCheck does not check).

setup() {
  load helpers/common
}

@test "shellcheck finds nothing in any shell file" {
  command -v shellcheck >/dev/null || fail "shellcheck is required (Debian: shellcheck)"
  run "$REPO_ROOT/tests/lint/shellcheck.sh"
  assert_success
  assert_output --regexp "^shellcheck: [0-9]+ files clean$"
}

@test "the shipped scripts use nothing that breaks on macOS bash 3.2 or BSD tools" {
  run "$REPO_ROOT/tests/lint/bash32.sh"
  assert_success
  assert_output --partial "files portable"
}

@test "the portability lint catches each bash-4 construct and GNU-only flag" {
  local f=$BATS_TEST_TMPDIR/bad.sh
  cat >"$f" <<'BAD'
declare -A map
mapfile -t lines <file
echo "${name,,}"
echo "${name^^}"
cmd &>> log
local -n ref=x
exec {fd}>file
readlink -f "$0"
sed -i 's/a/b/' file
sed -r 's/a/b/' file
grep -P '\d' file
xargs -r echo
find . -printf '%p'
date -d yesterday
stat -c %a file
timeout 5 cmd
flock /tmp/x cmd
sha256sum file
wait -n
echo "${arr[-1]}"
BAD
  run "$REPO_ROOT/tests/lint/bash32.sh" "$f"
  assert_failure 1
  local n
  for n in $(seq 1 20); do
    assert_line --partial "$f:$n:"
  done
}

@test "the portability lint ignores comments and portable look-alikes" {
  local f=$BATS_TEST_TMPDIR/good.sh
  cat >"$f" <<'GOOD'
# declare -A is mentioned in a comment only; so is readlink -f
declare -a list
local name=value
sed -e 's/a/b/' file >file.tmp && mv file.tmp file
date '+%Y-%m-%d'
echo "${name:-default}" "${#name}" "${name%%x*}"
GOOD
  run "$REPO_ROOT/tests/lint/bash32.sh" "$f"
  assert_success
}
