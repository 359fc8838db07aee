#!/bin/sh
# bench/render.sh — `cjm render` to SVG, in the map and flow views, next to
# `dot -Tsvg` on the DOT that cjm emits for the same journey (issue 3).
#
#   bench/render.sh                      # 1,000 and 10,000 steps, 5 runs each
#   SIZES="1000 2000 5000" RUNS=9 bench/render.sh
#   CJM=/path/to/cjm bench/render.sh
#
# For each size, gen_journey.c writes a journey of that many steps (the
# one bench/run.sh measures `cjm check` on). For each view, cjm writes the
# graph it hands to Graphviz (-T dot) once, untimed; then `cjm render
# FILE --view VIEW -T svg` and `dot -Tsvg VIEW.dot` run RUNS times each,
# interleaved, timed by timeit.c. `dot` reads the layout engine from the
# DOT (the graph's `layout` attribute: nop2 when cjm placed everything),
# so both draw the same picture; the difference is cjm's own work:
# reading and checking the journey, laying out the map, building the
# graph, and freeing it (which `dot` skips at exit). The target: cjm adds
# at most 20% to the time of `dot -Tsvg`.
#
# Environment:
#   CJM        cjm binary to measure; if unset, a Release tree is configured
#              and built (incrementally) in $BUILD_DIR and its cjm is used
#   BUILD_DIR  where to build it (default /tmp/build-release-render)
#   SIZES      numbers of steps (default "1000 10000")
#   SEED       generator seed (default 1)
#   RUNS       timed runs of each command (default 5); medians are reported
#   KEEP       if set, keep the temporary directory
#
# Exit status: 0 on success, 1 if a render fails, 2 if the benchmark cannot
# be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=render.sh
BUILD_DIR=${BUILD_DIR:-/tmp/build-release-render}
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
SIZES=${SIZES:-1000 10000}

bench_tmpdir cjm-bench-render
command -v dot >/dev/null || die "no 'dot' on the PATH (Debian: graphviz)"
bench_tools

# timed NAME CMD...: measure, and fail on a nonzero exit.
timed() {
  measure "$@"
  shift
  if [ "$last_status" -ne 0 ]; then
    echo "render.sh: '$*' exited $last_status:" >&2
    head -5 "$tmp/err" >&2
    exit 1
  fi
}

printf 'cjm render benchmark: SVG, median of %d runs each (seconds)\n' "$RUNS"
printf '  cjm  %s\n\n' "$CJM"
printf '  %7s  %-4s  %-6s  %8s  %13s  %9s  %13s  %7s  %7s  %7s\n' steps view engine cjm "(min-max)" "dot -Tsvg" "(min-max)" "cjm/dot" "cjm RSS" "dot RSS"
for steps in $SIZES; do
  file=$tmp/journey_$steps.cjm
  generate "$steps" "$file"
  for view in map flow; do
    dotfile=$tmp/${view}_$steps.dot
    "$CJM" render "$file" --view "$view" -T dot -o "$dotfile" 2>"$tmp/err" ||
      { cat "$tmp/err" >&2; echo "render.sh: cjm render -T dot failed" >&2; exit 1; }
    engine=dot
    grep -q 'layout=nop2' "$dotfile" && engine=nop2
    measure_reset cjm dot
    # warm-up: page cache, fontconfig cache
    timed warm "$CJM" render "$file" --view "$view" -T svg -o "$tmp/cjm.svg"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
      timed cjm "$CJM" render "$file" --view "$view" -T svg -o "$tmp/cjm.svg"
      timed dot dot -Tsvg "$dotfile" -o "$tmp/dot.svg"
      i=$((i + 1))
    done
    c=$(median "$tmp/cjm.ns")
    d=$(median "$tmp/dot.ns")
    awk -v steps="$steps" -v view="$view" -v engine="$engine" -v c="$c" -v d="$d" -v cr="$(range "$tmp/cjm.ns" s)" \
      -v dr="$(range "$tmp/dot.ns" s)" -v rss="$(tail -1 "$tmp/cjm.rss")" -v drss="$(tail -1 "$tmp/dot.rss")" 'BEGIN {
      printf "  %7d  %-4s  %-6s  %8.2f  %13s  %9.2f  %13s  %+6.0f%%  %4.0f MB  %4.0f MB\n",
             steps, view, engine, c / 1e9, "(" cr ")", d / 1e9, "(" dr ")", (c / d - 1) * 100, rss / 1024, drss / 1024
    }'
  done
done
measured_on
