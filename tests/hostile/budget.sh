# tests/hostile/budget.sh — shared by the hostile-input tests, sourced:
#
#   . "$(dirname "$0")/budget.sh"
#   hostile_begin NAME "$@"
#
# hostile_begin NAME CJM STDLIB: what every such test does first, called
# with the test's own arguments: $cjm is the binary (an absolute path),
# the standard library and NO_COLOR are exported, tests/lib.sh is read,
# and the test runs in a temporary directory of its own (removed at exit),
# counting failed checks (keep_going) for `finish`.
#
# within_budget WHAT FACTOR HOSTILE_CMD -- ORDINARY_CMD: runs both
# commands (their output thrown away) and fails the test unless the
# hostile one took at most FACTOR times the processor time of the ordinary
# one, a journey of the same size that does nothing unusual. A ratio on
# the same machine in the same run, never an absolute time; the ordinary
# time has a floor of 50 ms so that a tiny reference does not make the
# budget meaningless.

# cpu_ms COMMAND...: processor time (user + system) of COMMAND, in ms.
cpu_ms() {
  local TIMEFORMAT='%U %S' t
  t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d\n", (a[1] + a[2]) * 1000 }'
}

within_budget() {
  local what=$1 factor=$2
  shift 2
  local hostile=() ordinary=()
  while [ "$1" != -- ]; do hostile+=("$1"); shift; done
  shift
  ordinary=("$@")
  local h o
  h=$(cpu_ms "${hostile[@]}")
  o=$(cpu_ms "${ordinary[@]}")
  [ "$o" -lt 50 ] && o=50
  echo "$what: ${h} ms against ${o} ms for an ordinary journey of its size (budget ${factor}x)"
  [ "$h" -le $((o * factor)) ] || fail "$what: ${h} ms is over ${factor}x the ordinary ${o} ms"
}

hostile_begin() {
  cjm=$(realpath "$2")
  CJM_STDLIB=$(realpath "$3")
  export CJM_STDLIB NO_COLOR=1
  # shellcheck source=../lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
  make_tmpdir "cjm-$1"
  cd "$tmp" || exit 2
  keep_going
}
