#!/bin/sh
# bench/interop.sh — how fast `cjm export mermaid` and `cjm import mermaid`
# are on a large journey, and whether their time grows linearly with it.
#
#   bench/interop.sh                    # 10,000 and 100,000 steps, 5 runs each
#   STEPS=20000 RUNS=9 bench/interop.sh
#   CJM=/path/to/cjm bench/interop.sh
#
# Environment (as bench/run.sh):
#   CJM        cjm binary to measure; if unset, a Release tree is configured
#              and built (incrementally) in $BUILD_DIR and its cjm is used
#   BUILD_DIR  where to build that Release tree (default /tmp/build-release)
#   STEPS      the size measured (default 10000); the scaling run takes ten
#              times as many
#   SEED       generator seed (default 1)
#   RUNS       timed runs of each command (default 5); the median is reported
#   KEEP       if set, keep the temporary directory (generated files included)
#
# The input is bench/gen_journey.c's journey of STEPS steps (bench/README.md);
# its Mermaid diagram is made by exporting it. Timed, each RUNS times,
# interleaved:
#   cjm check FILE                    for reference: reading and checking the journey
#   cjm export mermaid FILE           check, then the diagram
#   cjm import mermaid DIAGRAM        the diagram read, the journey written and laid out
# and the same at 10 x STEPS, with the ratio of the medians (10 for linear
# time). Exit status: 0 on success; 1 if a command fails; 2 if the
# benchmark cannot be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=interop.sh
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
STEPS=${STEPS:-10000}

bench_tmpdir cjm-bench-interop
bench_tools
export CJM_STDLIB="$root/stdlib"

fails=0
# make_inputs N: journey_N.cjm and its diagram journey_N.mmd.
make_inputs() {
  generate "$1" "$tmp/journey_$1.cjm"
  "$CJM" export mermaid "$tmp/journey_$1.cjm" -o "$tmp/journey_$1.mmd" 2>"$tmp/err" || die "export failed: $(head -3 "$tmp/err")"
  "$CJM" import mermaid "$tmp/journey_$1.mmd" -o "$tmp/imported_$1.cjm" 2>"$tmp/err" || die "import failed: $(head -3 "$tmp/err")"
}

# run_size N: times the three commands on N steps; leaves the medians in
# $tmp/N.check, N.export, N.import (ns).
run_size() {
  measure_reset check export import
  _i=0
  while [ "$_i" -lt "$RUNS" ]; do
    measure check "$CJM" check "$tmp/journey_$1.cjm"
    [ "$last_status" = 0 ] || { echo "$bench: check exited $last_status" >&2; fails=1; }
    measure export "$CJM" export mermaid "$tmp/journey_$1.cjm" -o "$tmp/out.mmd"
    [ "$last_status" = 0 ] || { echo "$bench: export exited $last_status" >&2; fails=1; }
    measure import "$CJM" import mermaid "$tmp/journey_$1.mmd" -o "$tmp/out.cjm"
    [ "$last_status" = 0 ] || { echo "$bench: import exited $last_status" >&2; fails=1; }
    _i=$((_i + 1))
  done
  for _c in check export import; do
    median "$tmp/$_c.ns" >"$tmp/$1.$_c"
    range "$tmp/$_c.ns" >"$tmp/$1.$_c.range"
    sort -n "$tmp/$_c.rss" | tail -1 >"$tmp/$1.$_c.rss"
  done
}

big=$((STEPS * 10))
printf 'cjm import and export mermaid benchmark\n'
printf '  cjm       %s\n' "$CJM"
for n in "$STEPS" "$big"; do
  make_inputs "$n"
  run_size "$n"
  awk -v n="$n" -v seed="$SEED" -v cb="$(file_bytes "$tmp/journey_$n.cjm")" -v mb="$(file_bytes "$tmp/journey_$n.mmd")" \
      -v ib="$(file_bytes "$tmp/imported_$n.cjm")" 'BEGIN {
    printf "\n  input     %d steps (seed %d): journey %.1f MB, its diagram %.1f MB, imported back %.1f MB\n", n, seed, cb / 1e6, mb / 1e6, ib / 1e6
    printf "  %-26s %12s %16s %10s %9s\n", "command", "median (ms)", "min-max (ms)", "steps/s", "RSS (MB)"
  }'
  for c in check export import; do
    case $c in
      check) label="check FILE" ;;
      export) label="export mermaid FILE" ;;
      import) label="import mermaid DIAGRAM" ;;
    esac
    awk -v label="$label" -v ns="$(cat "$tmp/$n.$c")" -v r="$(cat "$tmp/$n.$c.range")" -v n="$n" -v rss="$(cat "$tmp/$n.$c.rss")" 'BEGIN {
      printf "  %-26s %12.1f %16s %10.0f %9.0f\n", label, ns / 1e6, r, n / (ns / 1e9), rss / 1024
    }'
  done
done
printf '\n  ten times the steps takes (ratio of the medians; 10 is linear):\n'
for c in check export import; do
  awk -v c="$c" -v a="$(cat "$tmp/$STEPS.$c")" -v b="$(cat "$tmp/$big.$c")" 'BEGIN { printf "  %-8s %6.2f x\n", c, b / a }'
done
printf '  (median of %d runs each)\n' "$RUNS"
measured_on
exit $fails
