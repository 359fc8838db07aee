# bench/lib.sh — what the benchmark drivers (run.sh, fmt_diff.sh, render.sh)
# share: the temporary directory, the tools (gen_journey, timeit and a
# Release cjm), generated journeys, timed runs and their medians.
#
# Sourced, not run. The driver sets `here` (this directory) and `bench`
# (its own name, for messages) first, and BUILD_DIR if it builds elsewhere
# than /tmp/build-release. Defaults set here: SEED (1), RUNS (5), CC (cc).
# POSIX sh, under the driver's `set -eu`; the functions' own variables
# start with `_`, as sh has no local ones.
# `here` and `bench` come from the driver, `last_status` goes to it:
# shellcheck shell=sh disable=SC2154,SC2034

root=$(cd "$here/.." && pwd)
SEED=${SEED:-1}
RUNS=${RUNS:-5}
BUILD_DIR=${BUILD_DIR:-/tmp/build-release}
CC=${CC:-cc}

# die MESSAGE: the benchmark cannot be set up (exit status 2).
die() { echo "$bench: $*" >&2; exit 2; }

# bench_tmpdir PREFIX: makes the temporary directory $tmp, removed at exit
# unless KEEP is set.
bench_tmpdir() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  if [ -n "${KEEP:-}" ]; then
    echo "keeping $tmp"
  else
    trap 'rm -rf "$tmp"' EXIT INT TERM
  fi
}

# bench_tools: compiles gen_journey.c and timeit.c into $tmp; when CJM is
# unset, configures and builds (incrementally) a Release tree in $BUILD_DIR
# and sets CJM to its cjm.
bench_tools() {
  $CC -std=c11 -O2 -o "$tmp/gen_journey" "$here/gen_journey.c" || die "cannot compile gen_journey.c"
  $CC -std=c11 -O2 -o "$tmp/timeit" "$here/timeit.c" || die "cannot compile timeit.c"
  if [ -z "${CJM:-}" ]; then
    _home=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)
    [ -z "$_home" ] || [ "$_home" = "$root" ] ||
      die "$BUILD_DIR is the build tree of $_home; set BUILD_DIR to another directory"
    echo "building Release cjm in $BUILD_DIR ..."
    { cmake -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DCJM_TESTS=OFF &&
      cmake --build "$BUILD_DIR" -j2; } >"$tmp/build.log" 2>&1 ||
      { tail -20 "$tmp/build.log" >&2; die "Release build failed (log above)"; }
    CJM=$BUILD_DIR/cjm
  fi
  [ -x "$CJM" ] || die "no executable cjm at '$CJM'"
}

# generate STEPS FILE: writes gen_journey's journey of STEPS steps (seed $SEED).
generate() { "$tmp/gen_journey" "$1" "$SEED" >"$2" || die "gen_journey failed"; }

# change_journey IN OUT: writes a changed copy of the generated journey
# IN: about one feel line in 97 scores 0 and one pain or thought in 101 is
# reworded, so `cjm diff IN OUT` has thousands of changes to report.
change_journey() {
  awk 'NR % 97 == 0 && $1 == "feel" { sub(/feel [-+]?[0-9]+/, "feel 0") }
       NR % 101 == 0 && ($1 == "pain" || $1 == "thought") { sub(/"/, "\"Reworded: ") }
       { print }' "$1" >"$2" || die "cannot write $2"
}

# file_bytes FILE, file_lines FILE: its size in bytes, its number of lines.
file_bytes() { wc -c <"$1" | tr -d ' '; }
file_lines() { wc -l <"$1" | tr -d ' '; }

# measure_reset NAME...: empties the timings of NAME.
measure_reset() {
  for _name in "$@"; do
    : >"$tmp/$_name.ns"
    : >"$tmp/$_name.rss"
    : >"$tmp/$_name.cpu"
  done
}

# measure NAME CMD...: runs CMD once under timeit (its standard error to
# $tmp/err), appends its time in ns to $tmp/NAME.ns, its peak RSS in KB
# to $tmp/NAME.rss and its processor time (user and system) in ns to
# $tmp/NAME.cpu, and leaves its exit status in $last_status.
measure() {
  _name=$1
  shift
  "$tmp/timeit" -e "$tmp/err" "$@" >"$tmp/one"
  read -r _ns last_status _rss _cpu <"$tmp/one"
  echo "$_ns" >>"$tmp/$_name.ns"
  echo "$_rss" >>"$tmp/$_name.rss"
  echo "$_cpu" >>"$tmp/$_name.cpu"
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# range FILE [s]: "min-max" of the times (ns) in FILE, in ms with one
# decimal, or with `s` in seconds with two.
range() {
  case ${2:-ms} in
    s) _unit=1e9 _format=%.2f-%.2f ;;
    *) _unit=1e6 _format=%.1f-%.1f ;;
  esac
  sort -n "$1" | awk -v u="$_unit" -v f="$_format" 'NR == 1 { lo = $1 } { hi = $1 } END { printf f, lo / u, hi / u }'
}

# measured_on: the closing line of a report, when and on what machine.
measured_on() { date -u '+  measured %Y-%m-%d %H:%M UTC on '"$(uname -m), $(nproc 2>/dev/null || echo '?') CPU(s)"; }
