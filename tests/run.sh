#!/usr/bin/env bash
# THE test command (README and CI run exactly this). On a fresh Debian 12 machine it installs what
# is missing, then runs every suite and sums their counts:
#   server  npm run build + vitest          bats  bats tests/bats (TAP)
#   static  tsc over server/{src,test,bench,scripts} + ESLint (type-aware): one failure per finding
#   lint    tests/lint/* + shellcheck of the test harness
#   e2e     tests/e2e/run_e2e.sh: real Docker engine, real registry, real MCP clients
# A suite that cannot run counts as failed, never as skipped. Skipped tests count as failed too.
# The last line is exactly "N passed, N failed"; the exit code is non-zero on any failure.
set -uo pipefail

usage() {
  cat <<'EOF'
Usage: tests/run.sh [--only server|static|bats|lint|e2e]... [--help]

Runs every test suite (or only the named ones) and ends with "N passed, N failed".
Installs missing Debian packages (as root) and npm dependencies first.
Environment: TESTS_KEEP_DOCKERD=1 keeps a dockerd this run started (faster next run);
             E2E_KEEP_WORK=1 keeps the e2e scratch dir (bundle copy, per-check logs).
EOF
}

cd "$(dirname "$0")/.." || exit 2
# shellcheck source=tests/lib/deps.sh
. tests/lib/deps.sh

ALL_SUITES=(server static bats lint e2e)
SUITES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] || { usage >&2; exit 2; }
      case "$2" in server|static|bats|lint|e2e) SUITES+=("$2") ;; *) echo "unknown suite: $2" >&2; usage >&2; exit 2 ;; esac
      shift 2 ;;
    --only=*) set -- --only "${1#--only=}" "${@:2}" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ "${#SUITES[@]}" -gt 0 ] || SUITES=("${ALL_SUITES[@]}")

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/autotask-mcp-run.XXXXXX")
trap 'rm -rf "$RUN_DIR"' EXIT
export CI="${CI:-}"

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
# Each suite appends the names of its failed checks here; the summary repeats them at the end,
# where a CI log cut to its last lines still shows what failed.
FAILURES="$RUN_DIR/failures.txt"
: >"$FAILURES"

# record NAME PASSED FAILED SECONDS
record() {
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  SUMMARY+=("$(printf '%-8s %5d passed %5d failed %6ss' "$1" "$2" "$3" "$4")")
}

banner() { printf '\n==== %s ====\n' "$*"; }

# Each suite_* function sets SUITE_PASSED / SUITE_FAILED.

suite_server() {
  SUITE_PASSED=0 SUITE_FAILED=0
  if ! ensure_npm_deps "$PWD/server"; then SUITE_FAILED=1; return; fi
  # The build is one check: the shipped image runs dist/, so a type error that only the build sees matters.
  if (cd server && npm run --silent build); then SUITE_PASSED=1; else SUITE_FAILED=1; echo "server: npm run build" >>"$FAILURES"; fi
  local json="$RUN_DIR/vitest.json"
  (cd server && npx --no-install vitest run --reporter=default --reporter=json --outputFile="$json")
  if [ ! -s "$json" ]; then
    echo "vitest wrote no JSON report: counted as one failure" >&2
    SUITE_FAILED=$((SUITE_FAILED + 1))
    return
  fi
  local counts
  # Files that fail to load have no tests but are failures; skipped/todo tests are defects.
  counts=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const broken = (r.testResults || []).filter(f => f.status === "failed" && !(f.assertionResults || []).some(a => a.status === "failed")).length;
    const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
    if (skipped) console.error(skipped + " skipped/todo test(s): counted as failed");
    if (broken) console.error(broken + " test file(s) failed outside any test: counted as failed");
    const rel = (f) => f.replace(process.cwd() + "/", "");
    const names = [];
    for (const f of r.testResults || []) {
      const failed = (f.assertionResults || []).filter(a => a.status === "failed");
      for (const a of failed) names.push("server: " + rel(f.name) + " > " + a.fullName);
      if (f.status === "failed" && !failed.length) names.push("server: " + rel(f.name) + " (failed outside any test)");
    }
    require("fs").appendFileSync(process.argv[2], names.map(n => n + "\n").join(""));
    console.log(r.numPassedTests, r.numFailedTests + skipped + broken);
  ' "$json" "$FAILURES") || { SUITE_FAILED=$((SUITE_FAILED + 1)); return; }
  SUITE_PASSED=$((SUITE_PASSED + ${counts% *}))
  SUITE_FAILED=$((SUITE_FAILED + ${counts#* }))
}

# The TypeScript checks that neither the build (src/ only) nor vitest (strips types) makes. Each is
# one pass when clean; otherwise each finding is one failure (a check that dies without findings: one).
suite_static() {
  SUITE_PASSED=0 SUITE_FAILED=0
  if ! ensure_npm_deps "$PWD/server"; then SUITE_FAILED=1; return; fi
  local out="$RUN_DIR/tsc.out" json="$RUN_DIR/eslint.json" n
  echo "--- typecheck: tsc over src test bench scripts"
  if (cd server && npm run --silent typecheck) >"$out" 2>&1; then
    SUITE_PASSED=$((SUITE_PASSED + 1)); echo "ok - typecheck"
  else
    cat "$out"
    n=$(grep -c 'error TS' "$out"); [ "$n" -gt 0 ] || n=1
    SUITE_FAILED=$((SUITE_FAILED + n)); echo "not ok - typecheck: $n finding(s)"
    grep 'error TS' "$out" | sed 's/^/static: /' >>"$FAILURES"
  fi
  echo "--- eslint: type-aware rules over src test bench scripts"
  (cd server && npx --no-install eslint --max-warnings 0 --format json --output-file "$json" .)
  local rc=$?
  # Findings one a line (file:line:col rule: message) on stderr, their count on stdout.
  n=$(node -e '
    const [file, root] = process.argv.slice(1);
    let n = 0;
    for (const f of JSON.parse(require("fs").readFileSync(file, "utf8")))
      for (const m of f.messages) { n++; console.error(f.filePath.replace(root, "") + ":" + m.line + ":" + m.column + " " + (m.ruleId || "fatal") + ": " + m.message); }
    console.log(n);
  ' "$json" "$PWD/") || n=""
  if [ "$rc" = 0 ] && [ "$n" = 0 ]; then
    SUITE_PASSED=$((SUITE_PASSED + 1)); echo "ok - eslint"
  else
    case "$n" in ''|0) n=1 ;; esac
    SUITE_FAILED=$((SUITE_FAILED + n)); echo "not ok - eslint: $n finding(s)"
    echo "static: eslint, $n finding(s) (listed above)" >>"$FAILURES"
  fi
}

suite_bats() {
  SUITE_PASSED=0 SUITE_FAILED=0
  if ! command -v bats >/dev/null || ! ls tests/bats/*.bats >/dev/null 2>&1; then
    echo "bats or tests/bats/*.bats missing: suite cannot run, counted as one failure" >&2
    SUITE_FAILED=1; return
  fi
  local tap="$RUN_DIR/bats.tap" plan ok notok
  bats --tap tests/bats | tee "$tap"
  plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tap" | head -n 1)
  ok=$(grep -E '^ok [0-9]+' "$tap" | grep -cvE '# (skip|SKIP|todo|TODO)')
  notok=$(( $(grep -cE '^(not ok|ok) [0-9]+' "$tap") - ok ))
  # A crash mid-run leaves planned tests unreported: they failed too.
  if [ -n "$plan" ] && [ $((ok + notok)) -lt "$plan" ]; then notok=$((plan - ok)); fi
  [ $((ok + notok)) -gt 0 ] || notok=1
  SUITE_PASSED=$ok SUITE_FAILED=$notok
  grep -E '^not ok [0-9]+' "$tap" | sed 's/^/bats: /' >>"$FAILURES" || true
}

suite_lint() {
  SUITE_PASSED=0 SUITE_FAILED=0
  local f found=0
  for f in tests/lint/*; do
    if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
    found=1
    echo "--- $f"
    if "$f"; then SUITE_PASSED=$((SUITE_PASSED + 1)); echo "ok - $f"
    else SUITE_FAILED=$((SUITE_FAILED + 1)); echo "not ok - $f"; echo "lint: $f" >>"$FAILURES"; fi
  done
  if [ "$found" = 0 ]; then
    echo "no executable tests/lint/*: counted as one failure" >&2
    SUITE_FAILED=$((SUITE_FAILED + 1))
  fi
  # The harness itself is shell too: it gets the same shellcheck bar as the shipped scripts.
  echo "--- shellcheck of the test harness"
  if command -v shellcheck >/dev/null &&
     shellcheck -x -P SCRIPTDIR -P . tests/run.sh .ci/run tests/lib/*.sh tests/e2e/*.sh; then
    SUITE_PASSED=$((SUITE_PASSED + 1)); echo "ok - shellcheck tests/run.sh tests/lib tests/e2e .ci/run"
  else
    SUITE_FAILED=$((SUITE_FAILED + 1)); echo "not ok - shellcheck tests/run.sh tests/lib tests/e2e .ci/run"
    echo "lint: shellcheck of the test harness" >>"$FAILURES"
  fi
}

suite_e2e() {
  SUITE_PASSED=0 SUITE_FAILED=0
  local out="$RUN_DIR/e2e.out" last
  tests/e2e/run_e2e.sh | tee "$out"
  last=$(tail -n 1 "$out")
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    SUITE_PASSED=${BASH_REMATCH[1]} SUITE_FAILED=${BASH_REMATCH[2]}
  else
    echo "e2e suite ended without its summary line: counted as one more failure" >&2
    SUITE_PASSED=$(grep -c '^ok ' "$out") SUITE_FAILED=$(( $(grep -c '^not ok ' "$out") + 1 ))
    echo "e2e: ended without its summary line" >>"$FAILURES"
  fi
  grep -E '^not ok ' "$out" | sed 's/^/e2e: /' >>"$FAILURES" || true
}

START=$(now_s)
banner "setup"
SETUP_FAILED=0
needs_debian=0
for s in "${SUITES[@]}"; do case "$s" in server|static) ;; *) needs_debian=1 ;; esac; done
if [ "$needs_debian" = 1 ]; then
  ensure_debian_packages || SETUP_FAILED=1
else
  # --only server still needs its redis-server.
  ensure_debian_packages "${SERVER_DEBIAN_PACKAGES[@]}" || SETUP_FAILED=1
fi
record setup $((1 - SETUP_FAILED)) "$SETUP_FAILED" $(( $(now_s) - START ))

for s in "${SUITES[@]}"; do
  banner "suite: $s"
  t0=$(now_s)
  "suite_$s"
  record "$s" "$SUITE_PASSED" "$SUITE_FAILED" $(( $(now_s) - t0 ))
done

if [ -s "$FAILURES" ]; then
  banner "failed checks"
  cat "$FAILURES"
fi
banner "summary (wall time $(( $(now_s) - START ))s)"
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" -eq 0 ]
