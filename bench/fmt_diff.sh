#!/bin/sh
# bench/fmt_diff.sh — how fast `cjm fmt` and `cjm diff` are on a large
# generated journey, and whether their time grows linearly with it.
#
#   bench/fmt_diff.sh                   # 100,000 steps, 5 runs each
#   STEPS=20000 RUNS=9 bench/fmt_diff.sh
#   CJM=/path/to/cjm bench/fmt_diff.sh
#
# Environment (as bench/run.sh):
#   CJM        cjm binary to measure; if unset, a Release tree is configured
#              and built (incrementally) in $BUILD_DIR and its cjm is used
#   BUILD_DIR  where to build that Release tree (default /tmp/build-release)
#   STEPS      steps in the generated journey (default 100000)
#   SEED       generator seed (default 1)
#   RUNS       timed runs of each command (default 5); the median is reported
#   SCALING    if not 0 (default 1), also time fmt and diff on STEPS/4 and
#              STEPS/2 steps and report the time per step of each size
#   KEEP       if set, keep the temporary directory (generated files included)
#
# The input is bench/gen_journey.c's journey (see bench/README.md). Beside
# it: the same journey formatted (`cjm fmt`), and a changed copy in which
# about one feel line in 97 scores 0 and one lane entry in 101 is reworded.
# Timed, each RUNS times, interleaved:
#   cjm check FILE               the front end and checks, for reference
#   cjm fmt FILE                 parse and print the canonical layout
#   cjm fmt --check FORMATTED    the same, compared with the file
#   cjm diff FILE FILE           two loads, two analyses, a full comparison
#   cjm diff FILE FORMATTED      the same, across a reformatting (identical)
#   cjm diff FILE CHANGED        with thousands of changes to print
# Exit status: 0 on success; 1 if a command does not exit as it should
# (fmt 0, check 0, diff of identical journeys 0, of changed ones 1); 2 if
# the benchmark cannot be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=fmt_diff.sh
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
STEPS=${STEPS:-100000}
SCALING=${SCALING:-1}

bench_tmpdir cjm-bench-fmt
bench_tools
export CJM_STDLIB="$root/stdlib"

# --- inputs -----------------------------------------------------------------
# make_inputs N: journey_N.cjm, its formatted and its changed copy.
make_inputs() {
  generate "$1" "$tmp/journey_$1.cjm"
  "$CJM" fmt "$tmp/journey_$1.cjm" >"$tmp/formatted_$1.cjm" || die "cjm fmt failed on the generated journey"
  change_journey "$tmp/journey_$1.cjm" "$tmp/changed_$1.cjm"
}
make_inputs "$STEPS"
file=$tmp/journey_$STEPS.cjm
formatted=$tmp/formatted_$STEPS.cjm
changed=$tmp/changed_$STEPS.cjm
bytes=$(file_bytes "$file")
lines=$(file_lines "$file")
changes=$("$CJM" diff "$file" "$changed" | grep -c '^ *[-+~>] ' || true)

# --- correctness, and a warm page cache ---------------------------------------
fails=0
expect() { # expect STATUS NAME CMD...
  want=$1 name=$2
  shift 2
  got=$("$tmp/timeit" "$@" | cut -d' ' -f2)
  if [ "$got" != "$want" ]; then
    echo "fmt_diff.sh: '$name' exited $got, expected $want" >&2
    fails=1
  fi
}
expect 0 "check" "$CJM" check "$file"
expect 0 "fmt" "$CJM" fmt "$file"
expect 0 "fmt --check" "$CJM" fmt --check "$formatted"
expect 0 "diff same" "$CJM" diff "$file" "$file"
expect 0 "diff formatted" "$CJM" diff "$file" "$formatted"
expect 1 "diff changed" "$CJM" diff "$file" "$changed"

# --- timed runs ------------------------------------------------------------------
names="check fmt fmt_check diff_same diff_formatted diff_changed"
measure_reset $names
i=0
while [ "$i" -lt "$RUNS" ]; do
  measure check "$CJM" check "$file"
  measure fmt "$CJM" fmt "$file"
  measure fmt_check "$CJM" fmt --check "$formatted"
  measure diff_same "$CJM" diff "$file" "$file"
  measure diff_formatted "$CJM" diff "$file" "$formatted"
  measure diff_changed "$CJM" diff "$file" "$changed"
  i=$((i + 1))
done

printf 'cjm fmt and cjm diff benchmark\n'
printf '  cjm       %s\n' "$CJM"
awk -v b="$bytes" -v l="$lines" -v s="$STEPS" -v seed="$SEED" -v c="$changes" 'BEGIN {
  printf "  input     %d steps (seed %d), %.1f MB, %d lines; changed copy: %d changes reported\n\n", s, seed, b / 1e6, l, c
  printf "  %-28s %12s %16s %9s %10s %9s\n", "command", "median (ms)", "min-max (ms)", "MB/s", "steps/s", "RSS (MB)"
}'
for n in $names; do
  case $n in
    check) label="check FILE" ;;
    fmt) label="fmt FILE" ;;
    fmt_check) label="fmt --check FORMATTED" ;;
    diff_same) label="diff FILE FILE" ;;
    diff_formatted) label="diff FILE FORMATTED" ;;
    diff_changed) label="diff FILE CHANGED" ;;
  esac
  ns=$(median "$tmp/$n.ns")
  rss=$(sort -n "$tmp/$n.rss" | tail -1)
  # diff reads two files: its MB/s counts both.
  factor=1
  case $n in diff_*) factor=2 ;; esac
  awk -v label="$label" -v ns="$ns" -v r="$(range "$tmp/$n.ns")" -v b="$bytes" -v s="$STEPS" -v f="$factor" -v rss="$rss" 'BEGIN {
    printf "  %-28s %12.1f %16s %9.1f %10.0f %9.0f\n", label, ns / 1e6, r, f * b / 1e6 / (ns / 1e9), s / (ns / 1e9), rss / 1024
  }'
done
printf '  (median of %d runs; MB/s of diff counts both files)\n' "$RUNS"

# --- linearity ----------------------------------------------------------------------
if [ "$SCALING" != 0 ] && [ "$STEPS" -ge 4 ]; then
  printf '\n  time per step (us) by size, median of %d runs:\n' "$RUNS"
  printf '  %-10s %12s %12s %16s\n' "steps" "fmt" "diff same" "diff changed"
  for n in $((STEPS / 4)) $((STEPS / 2)) "$STEPS"; do
    [ "$n" = "$STEPS" ] || make_inputs "$n"
    measure_reset sfmt sdiff schanged
    i=0
    while [ "$i" -lt "$RUNS" ]; do
      measure sfmt "$CJM" fmt "$tmp/journey_$n.cjm"
      measure sdiff "$CJM" diff "$tmp/journey_$n.cjm" "$tmp/journey_$n.cjm"
      measure schanged "$CJM" diff "$tmp/journey_$n.cjm" "$tmp/changed_$n.cjm"
      i=$((i + 1))
    done
    awk -v n="$n" -v a="$(median "$tmp/sfmt.ns")" -v b="$(median "$tmp/sdiff.ns")" -v c="$(median "$tmp/schanged.ns")" 'BEGIN {
      printf "  %-10d %12.2f %12.2f %16.2f\n", n, a / 1e3 / n, b / 1e3 / n, c / 1e3 / n
    }'
  done
fi
measured_on
exit $fails
