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
root=$(cd "$here/.." && pwd)
SIZES=${SIZES:-1000 10000}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
BUILD_DIR=${BUILD_DIR:-/tmp/build-release-render}
CC=${CC:-cc}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-bench-render.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT INT TERM
fi

die() { echo "render.sh: $*" >&2; exit 2; }
command -v dot >/dev/null || die "no 'dot' on the PATH (Debian: graphviz)"

# --- tools ------------------------------------------------------------------
$CC -std=c11 -O2 -o "$tmp/gen_journey" "$here/gen_journey.c" || die "cannot compile gen_journey.c"
$CC -std=c11 -O2 -o "$tmp/timeit" "$here/timeit.c" || die "cannot compile timeit.c"
if [ -z "${CJM:-}" ]; then
  echo "building Release cjm in $BUILD_DIR ..."
  { cmake -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DCJM_TESTS=OFF &&
    cmake --build "$BUILD_DIR" -j2; } >"$tmp/build.log" 2>&1 ||
    { tail -20 "$tmp/build.log" >&2; die "Release build failed (log above)"; }
  CJM=$BUILD_DIR/cjm
fi
[ -x "$CJM" ] || die "no executable cjm at '$CJM'"

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo / 1e9, hi / 1e9 }'; }

# Runs "$@" under timeit; appends the time to $out; fails on a nonzero exit.
timed() {
  out=$1
  shift
  "$tmp/timeit" -e "$tmp/err" "$@" >"$tmp/one"
  read -r ns status rss <"$tmp/one"
  if [ "$status" -ne 0 ]; then
    echo "render.sh: '$*' exited $status:" >&2
    head -5 "$tmp/err" >&2
    exit 1
  fi
  echo "$ns" >>"$out"
  echo "$rss" >"$out.rss"
}

printf 'cjm render benchmark: SVG, median of %d runs each (seconds)\n' "$RUNS"
printf '  cjm  %s\n\n' "$CJM"
printf '  %7s  %-4s  %-6s  %8s  %13s  %9s  %13s  %7s  %7s  %7s\n' steps view engine cjm "(min-max)" "dot -Tsvg" "(min-max)" "cjm/dot" "cjm RSS" "dot RSS"
for steps in $SIZES; do
  file=$tmp/journey_$steps.cjm
  "$tmp/gen_journey" "$steps" "$SEED" >"$file" || die "gen_journey failed"
  for view in map flow; do
    dotfile=$tmp/${view}_$steps.dot
    "$CJM" render "$file" --view "$view" -T dot -o "$dotfile" 2>"$tmp/err" ||
      { cat "$tmp/err" >&2; echo "render.sh: cjm render -T dot failed" >&2; exit 1; }
    engine=dot
    grep -q 'layout=nop2' "$dotfile" && engine=nop2
    : >"$tmp/cjm.ns"
    : >"$tmp/dot.ns"
    # warm-up: page cache, fontconfig cache
    timed "$tmp/warm.ns" "$CJM" render "$file" --view "$view" -T svg -o "$tmp/cjm.svg"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
      timed "$tmp/cjm.ns" "$CJM" render "$file" --view "$view" -T svg -o "$tmp/cjm.svg"
      timed "$tmp/dot.ns" dot -Tsvg "$dotfile" -o "$tmp/dot.svg"
      i=$((i + 1))
    done
    c=$(median "$tmp/cjm.ns")
    d=$(median "$tmp/dot.ns")
    awk -v steps="$steps" -v view="$view" -v engine="$engine" -v c="$c" -v d="$d" -v cr="$(range "$tmp/cjm.ns")" \
      -v dr="$(range "$tmp/dot.ns")" -v rss="$(cat "$tmp/cjm.ns.rss")" -v drss="$(cat "$tmp/dot.ns.rss")" 'BEGIN {
      printf "  %7d  %-4s  %-6s  %8.2f  %13s  %9.2f  %13s  %+6.0f%%  %4.0f MB  %4.0f MB\n",
             steps, view, engine, c / 1e9, "(" cr ")", d / 1e9, "(" dr ")", (c / d - 1) * 100, rss / 1024, drss / 1024
    }'
  done
done
date -u '+  measured %Y-%m-%d %H:%M UTC on '"$(uname -m), $(nproc 2>/dev/null || echo '?') CPU(s)"
