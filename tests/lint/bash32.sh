#!/usr/bin/env bash
# Flags constructs that break on macOS (bash 3.2, BSD tools) in the shipped scripts, which
# ShellCheck does not report: bash 4+ syntax and GNU-only command flags. Comment lines are skipped.
# Exit 0 when clean, 1 with "file:line: reason" lines otherwise.
# Usage: tests/lint/bash32.sh [FILE...]   (default: scripts/*.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"
if [ $# -gt 0 ]; then files=("$@"); else files=(scripts/*.sh); fi

# "extended regex<TAB>reason" per line (single-quoted on purpose: nothing expands).
# shellcheck disable=SC2016
RULES='(^|[;&|[:space:]])(declare|typeset|local)[[:space:]]+-[a-zA-Z]*[AlunN]	declare -A/-l/-u/-n need bash 4+
(^|[;&|[:space:]])(mapfile|readarray|coproc)([[:space:]]|$)	mapfile/readarray/coproc need bash 4
\$\{[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?(,,?|\^\^?)[^}]*\}	${v,,} / ${v^^} case modification needs bash 4
\$\{[A-Za-z_][A-Za-z0-9_]*\[-[0-9]+\]\}	negative array subscripts need bash 4.3
&>>|\|&	&>> and |& need bash 4
;;&|;&[[:space:]]*$	case fall-through ;& / ;;& needs bash 4
\{[A-Za-z_][A-Za-z0-9_]*\}[<>]	{var}> automatic file descriptors need bash 4.1
(^|[^A-Za-z_])(wait[[:space:]]+-n|read[[:space:]]+(-[a-zA-Z]*[[:space:]]+)*-N)	wait -n / read -N need bash 4.x
BASH_XTRACEFD|\$\{?EPOCHSECONDS|\$\{?EPOCHREALTIME|BASH_ARGV0	variable needs bash 4.1+/5
readlink[[:space:]]+-[a-zA-Z]*f	readlink -f is missing on older macOS; use cd + pwd -P
sed[[:space:]]+(-[a-zA-Z]+[[:space:]]+)*-i([[:space:]]|$)	sed -i without a suffix is GNU-only; write a temp file and mv
sed[[:space:]]+(-[a-zA-Z]+[[:space:]]+)*-r([[:space:]]|$)	sed -r is GNU-only; use sed -E
grep[[:space:]]+(-[a-zA-Z]+[[:space:]]+)*-[a-zA-Z]*P	grep -P is GNU-only
xargs[[:space:]]+(-[a-zA-Z]+[[:space:]]+)*-[a-zA-Z]*r	xargs -r is GNU-only
find[[:space:]].*-printf	find -printf is GNU-only
date[[:space:]]+(-[a-zA-Z]+[[:space:]]+)*-d[[:space:]]|date[[:space:]]+--date	date -d is GNU-only
stat[[:space:]]+(-c|--format)	stat -c is GNU-only; use ls -l or find -perm
(^|[;&|[:space:]])(timeout|flock|sha256sum|tac|nproc)[[:space:]]	GNU coreutils/util-linux command absent on macOS
(^|[[:space:]])(cp|mv|rm|ln|mkdir)[[:space:]]+--	GNU long options are not in BSD tools
base64[[:space:]]+(-[a-zA-Z]+[[:space:]]+)*-d	base64 -d differs on older macOS (-D)'

found=0
for f in "${files[@]}"; do
  while IFS='	' read -r pattern reason; do
    [ -n "$pattern" ] || continue
    # Drop whole-line comments, keep line numbers.
    hits=$(grep -nE -- "$pattern" "$f" | grep -vE '^[0-9]+:[[:space:]]*#' || true)
    if [ -n "$hits" ]; then
      while IFS= read -r hit; do
        printf '%s:%s: %s\n' "$f" "${hit%%:*}" "$reason"
      done <<<"$hits"
      found=1
    fi
  done <<<"$RULES"
done
if [ "$found" = 0 ]; then
  echo "bash32: ${#files[@]} files portable"
fi
exit "$found"
