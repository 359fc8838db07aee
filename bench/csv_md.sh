#!/bin/sh
# bench/csv_md.sh — how fast `cjm import csv` and `cjm md` are, and whether
# their time grows linearly with their input.
#
#   bench/csv_md.sh                     # 10,000 and 100,000 steps; 100 and 1,000 blocks
#   STEPS=20000 BLOCKS=50 RUNS=9 bench/csv_md.sh
#   CJM=/path/to/cjm bench/csv_md.sh
#
# Environment (as bench/run.sh):
#   CJM        cjm binary to measure; if unset, a Release tree is configured
#              and built (incrementally) in $BUILD_DIR and its cjm is used
#   BUILD_DIR  where to build that Release tree (default /tmp/build-release)
#   STEPS      the journey measured (default 10000); the scaling run takes
#              ten times as many
#   BLOCKS     the ```cjm blocks of the Markdown document (default 100); the
#              scaling run ten times as many
#   SEED       generator seed (default 1)
#   RUNS       timed runs of each command (default 5); the median is reported
#   KEEP       if set, keep the temporary directory (generated files included)
#
# CSV: bench/gen_journey.c's journey of STEPS steps, exported with
# `cjm render -T csv` (the grid has one column per step, so its records are
# millions of bytes long). Timed: the export, for reference, and
# `cjm import csv` of it; the import is also checked to export back to the
# same bytes. Markdown: a document of BLOCKS sections, each a paragraph and
# a ```cjm block of a three-step journey. Timed: `cjm md --check` (every
# block read and checked) and `cjm md -o` (each block also drawn to SVG
# through Graphviz, and every file written). Each command RUNS times,
# interleaved, at both sizes, with the ratio of the medians (10 for linear
# time). Exit status: 0 on success; 1 if a command fails or the round trip
# differs; 2 if the benchmark cannot be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=csv_md.sh
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
STEPS=${STEPS:-10000}
BLOCKS=${BLOCKS:-100}

bench_tmpdir cjm-bench-csv-md
bench_tools
export CJM_STDLIB="$root/stdlib"
fails=0

# make_csv N: journey_N.cjm, its grid journey_N.csv, and the round trip.
make_csv() {
  generate "$1" "$tmp/journey_$1.cjm"
  "$CJM" render -T csv "$tmp/journey_$1.cjm" -o "$tmp/journey_$1.csv" || die "render -T csv failed"
  "$CJM" import csv "$tmp/journey_$1.csv" -o "$tmp/imported_$1.cjm" 2>"$tmp/err" || die "import failed: $(head -3 "$tmp/err")"
  "$CJM" render -T csv "$tmp/imported_$1.cjm" -o "$tmp/again_$1.csv" || die "render of the import failed"
  cmp -s "$tmp/journey_$1.csv" "$tmp/again_$1.csv" || { echo "$bench: $1 steps: the round trip differs" >&2; fails=1; }
}

# make_md N: doc_N.md, N sections with a block each.
make_md() {
  awk -v n="$1" 'BEGIN {
    for (i = 0; i < n; i++) {
      printf "## Journey %d\n\nSome prose about journey %d, with *emphasis* and `code`.\n\n", i, i
      printf "```cjm\njourney \"Journey %d\"\n\npersona p \"Persona %d\"\n\n", i, i
      printf "stage a \"Aware\"\n  step s1 \"Sees an ad\" by p\n    feel +1 \"curious\"\n"
      printf "  step s2 \"Visits the site\" by p\n    feel -1 \"lost\"\n    pain \"Too many options\"\n\n"
      printf "stage b \"Buy\"\n  step s3 \"Pays\" by p\n    feel +2 \"relieved\"\n```\n\n"
    }
  }' >"$tmp/doc_$1.md"
}

# timed NAME CMD...: measure, failing the run on a nonzero exit.
timed() {
  measure "$@"
  [ "$last_status" = 0 ] || { echo "$bench: $1 exited $last_status: $(head -3 "$tmp/err")" >&2; fails=1; }
}

# run SIZE NAME...: the medians, ranges and peak RSS of the names just measured.
keep() {
  _size=$1
  shift
  for _n in "$@"; do
    median "$tmp/$_n.ns" >"$tmp/$_size.$_n"
    range "$tmp/$_n.ns" >"$tmp/$_size.$_n.range"
    sort -n "$tmp/$_n.rss" | tail -1 >"$tmp/$_size.$_n.rss"
  done
}

# report SIZE UNIT NAME LABEL: one line of the table.
report() {
  awk -v label="$4" -v ns="$(cat "$tmp/$1.$3")" -v r="$(cat "$tmp/$1.$3.range")" -v n="$1" -v u="$2" \
      -v rss="$(cat "$tmp/$1.$3.rss")" 'BEGIN {
    printf "  %-28s %12.1f %16s %12.0f %-7s %8.0f\n", label, ns / 1e6, r, n / (ns / 1e9), u "/s", rss / 1024
  }'
}

printf 'cjm import csv and cjm md benchmark\n'
printf '  cjm       %s\n' "$CJM"
mkdir "$tmp/out"
for n in "$STEPS" $((STEPS * 10)); do
  make_csv "$n"
  measure_reset export import
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    timed export "$CJM" render -T csv "$tmp/journey_$n.cjm" -o "$tmp/out.csv"
    timed import "$CJM" import csv "$tmp/journey_$n.csv" -o "$tmp/out.cjm"
    i=$((i + 1))
  done
  keep "$n" export import
  awk -v n="$n" -v seed="$SEED" -v c="$(file_bytes "$tmp/journey_$n.csv")" -v j="$(file_bytes "$tmp/imported_$n.cjm")" 'BEGIN {
    printf "\n  input     %d steps (seed %d): grid %.1f MB, imported journey %.1f MB\n", n, seed, c / 1e6, j / 1e6
    printf "  %-28s %12s %16s %20s %8s\n", "command", "median (ms)", "min-max (ms)", "rate", "RSS (MB)"
  }'
  report "$n" steps export "render -T csv FILE"
  report "$n" steps import "import csv GRID"
done
for n in "$BLOCKS" $((BLOCKS * 10)); do
  make_md "$n"
  measure_reset check draw
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    timed check "$CJM" md --check "$tmp/doc_$n.md"
    timed draw "$CJM" md "$tmp/doc_$n.md" -o "$tmp/out/doc.md"
    i=$((i + 1))
  done
  keep "$n" check draw
  awk -v n="$n" -v b="$(file_bytes "$tmp/doc_$n.md")" 'BEGIN {
    printf "\n  input     a Markdown document of %d blocks, %.2f MB\n", n, b / 1e6
    printf "  %-28s %12s %16s %20s %8s\n", "command", "median (ms)", "min-max (ms)", "rate", "RSS (MB)"
  }'
  report "$n" blocks check "md --check DOC"
  report "$n" blocks draw "md DOC -o OUT (SVG)"
done
printf '\n  ten times the input takes (ratio of the medians; 10 is linear):\n'
for c in export import; do
  awk -v c="$c" -v a="$(cat "$tmp/$STEPS.$c")" -v b="$(cat "$tmp/$((STEPS * 10)).$c")" 'BEGIN { printf "  %-10s %6.2f x\n", c, b / a }'
done
for c in check draw; do
  awk -v c="md $c" -v a="$(cat "$tmp/$BLOCKS.$c")" -v b="$(cat "$tmp/$((BLOCKS * 10)).$c")" 'BEGIN { printf "  %-10s %6.2f x\n", c, b / a }'
done
printf '  (median of %d runs each)\n' "$RUNS"
measured_on
exit $fails
