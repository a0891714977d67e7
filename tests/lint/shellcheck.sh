#!/usr/bin/env bash
# Runs ShellCheck over every shell file of the bundle: the ops scripts, the bats suites and
# helpers, the test shims and these lint scripts. Exit 0 when clean, 1 on findings, 2 when
# ShellCheck is not installed. Usage: tests/lint/shellcheck.sh [FILE...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"
command -v shellcheck >/dev/null 2>&1 || { echo "shellcheck is not installed (Debian: apt-get install shellcheck)" >&2; exit 2; }

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=(scripts/*.sh tests/lint/*.sh tests/bats/shims/* tests/bats/helpers/*.bash tests/bats/*.bats)
fi
# -x follows `. lib.sh`; paths in source directives are relative to the repository root.
if shellcheck -x --severity=style "${files[@]}"; then
  echo "shellcheck: ${#files[@]} files clean"
else
  echo "shellcheck: findings above" >&2
  exit 1
fi
