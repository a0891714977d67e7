# shellcheck shell=bash
# A tiny TAP-style check runner for the e2e suite. Every check prints "ok N - name" or
# "not ok N - name" (with the tail of its output); nothing is ever skipped: when a prerequisite
# failed, `block REASON` makes the dependent checks fail with that reason, so the count of checks
# stays the same from run to run and a broken setup can never look like a green run.
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHECK_PASSED=0
CHECK_FAILED=0
CHECK_N=0
CHECK_BLOCKED=""
# The caller sets CHECK_LOG_DIR (and removes it); one file per check holds its full output.
: "${CHECK_LOG_DIR:?set CHECK_LOG_DIR before sourcing check.sh}"

# check NAME CMD [ARGS...]: runs CMD (a function or program), output captured; counts the result.
check() {
  local name=$1; shift
  CHECK_N=$((CHECK_N + 1))
  local out="$CHECK_LOG_DIR/$CHECK_N.log" t0 rc
  if [ -n "$CHECK_BLOCKED" ]; then
    CHECK_FAILED=$((CHECK_FAILED + 1))
    echo "not ok $CHECK_N - $name"
    echo "#   not run: $CHECK_BLOCKED"
    return 1
  fi
  t0=$(now_s)
  ( set -e -o pipefail; "$@" ) >"$out" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -eq 0 ]; then
    CHECK_PASSED=$((CHECK_PASSED + 1))
    echo "ok $CHECK_N - $name ($(( $(now_s) - t0 ))s)"
  else
    CHECK_FAILED=$((CHECK_FAILED + 1))
    echo "not ok $CHECK_N - $name (exit $rc, $(( $(now_s) - t0 ))s)"
    tail -n "${CHECK_TAIL_LINES:-25}" "$out" | sed 's/^/#   /'
  fi
  return "$rc"
}

# block REASON: later checks fail with REASON until `unblock`. Used when a prerequisite failed.
block()   { [ -n "$CHECK_BLOCKED" ] || CHECK_BLOCKED=$1; }
unblock() { CHECK_BLOCKED=""; }

# section TITLE: a readable heading in the output; each section starts unblocked.
section() { unblock; printf '# --- %s\n' "$*"; }

# check_summary: the closing line that tests/run.sh parses.
check_summary() {
  echo "$CHECK_PASSED passed, $CHECK_FAILED failed"
  [ "$CHECK_FAILED" -eq 0 ]
}

# --- assertions for use inside checks (print what differed, return non-zero) ---

expect_eq() { # ACTUAL EXPECTED WHAT
  if [ "$1" = "$2" ]; then return 0; fi
  echo "$3: expected [$2], got [$1]"
  return 1
}

expect_match() { # TEXT REGEX WHAT
  if printf '%s' "$1" | grep -Eq -- "$2"; then return 0; fi
  echo "$3: [${1:0:600}] does not match /$2/"
  return 1
}

expect_no_match() { # TEXT REGEX WHAT
  if ! printf '%s' "$1" | grep -Eq -- "$2"; then return 0; fi
  echo "$3: must not match /$2/ but does"
  return 1
}
