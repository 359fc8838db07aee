#!/bin/sh
# bench/scaling.sh — whether the work cjm does beyond reading a journey
# grows linearly with it: the map and flow layouts, a diff's marked map,
# and resolving long `by` lists. Each is timed on a journey of STEPS
# steps and on one ten times larger, in the same run; linear work takes
# about 10 times as long, quadratic work about 100 times.
#
#   bench/scaling.sh                    # 2,500 and 25,000 steps, 5 runs each
#   STEPS=5000 RUNS=9 bench/scaling.sh
#   CJM=/path/to/cjm bench/scaling.sh
#
# The journeys are bench/gen_journey.c's (see bench/README.md); the
# changed copy for `diff` is lib.sh's change_journey. Timed, each RUNS
# times, interleaved, at both sizes:
#   check FILE                       reading and checking: the reference
#   render FILE --view map -T dot    + the map layout and its graph
#   render FILE --view flow -T svg   + the flow layout, its graph, drawn
#   diff FILE CHANGED -T dot         two checks, the comparison, the marked map
#   check NAMES                      a journey whose one step names NAMES
#                                    personas in one `by` list (STEPS * 5
#                                    names, so 12,500 and 125,000 by default)
# `-T dot` writes the graph cjm builds without running a Graphviz layout,
# so Graphviz's own time (measured by render.sh) is left out. Not for the
# flow: Graphviz 2.42's DOT writer (agwrite) takes time that grows with
# nodes times clusters, and a flow has a cluster per stage (0.11, 0.30,
# 0.91 s for 4,000, 8,000, 16,000 steps, against 0.50, 0.95, 1.84 s for
# the whole SVG), so the flow is timed as SVG; both sizes are above
# CJM_FLOW_DOT_MAX_STEPS, where cjm places the flow itself. For each
# line the report gives the medians at both sizes and their ratio, and
# for the render and diff lines also the ratio of what they take beyond
# `check` of the same file(s) — the layout and comparison alone.
#
# Environment (as bench/run.sh): CJM, BUILD_DIR, STEPS (default 2500),
# SEED, RUNS, KEEP.
# Exit status: 0 on success, 1 if a command fails, 2 if the benchmark
# cannot be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=scaling.sh
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
STEPS=${STEPS:-2500}

bench_tmpdir cjm-bench-scaling
bench_tools
export CJM_STDLIB="$root/stdlib"

small=$STEPS
large=$((STEPS * 10))

# names_journey COUNT FILE: COUNT personas, all named by one step's `by`.
names_journey() {
  awk -v n="$1" 'BEGIN {
    for (i = 0; i < n; i++) printf "persona p%d\n", i
    printf "stage s\n  step t by p0"
    for (i = 1; i < n; i++) printf ", p%d", i
    printf "\n    feel 1\n"
  }' >"$2" || die "cannot write $2"
}

for n in $small $large; do
  generate "$n" "$tmp/journey_$n.cjm"
  change_journey "$tmp/journey_$n.cjm" "$tmp/changed_$n.cjm"
  names_journey $((n * 5)) "$tmp/names_$n.cjm"
done

# run NAME N: the command NAME stands for, on the inputs of N steps.
run() {
  _j=$tmp/journey_$2.cjm
  case $1 in
    check) measure "$1_$2" "$CJM" check "$_j" ;;
    check2) measure "$1_$2" "$CJM" diff "$_j" "$_j" ;;
    map) measure "$1_$2" "$CJM" render "$_j" --view map -T dot ;;
    flow) measure "$1_$2" "$CJM" render "$_j" --view flow -T svg -o "$tmp/flow.svg" ;;
    diff) measure "$1_$2" "$CJM" diff "$_j" "$tmp/changed_$2.cjm" -T dot ;;
    names) measure "$1_$2" "$CJM" check "$tmp/names_$2.cjm" ;;
  esac
  case $1:$last_status in
    diff:1 | *:0) ;;
    *)
      echo "scaling.sh: '$1' on $2 steps exited $last_status:" >&2
      head -5 "$tmp/err" >&2
      exit 1
      ;;
  esac
}

names="check check2 map flow diff names"
for name in $names; do measure_reset "${name}_$small" "${name}_$large"; done
for name in $names; do run "$name" "$small"; done # warm-up, untimed
for name in $names; do measure_reset "${name}_$small"; done
i=0
while [ "$i" -lt "$RUNS" ]; do
  for name in $names; do
    run "$name" "$small"
    run "$name" "$large"
  done
  i=$((i + 1))
done

m() { median "$tmp/$1.ns"; }

printf 'cjm scaling benchmark: %d and %d steps, median of %d runs each\n' "$small" "$large" "$RUNS"
printf '  cjm  %s\n\n' "$CJM"
printf '  %-32s %10s %10s %7s   %s\n' "command" "small (ms)" "large (ms)" "ratio" "beyond check: ratio"
for name in check map flow diff names; do
  case $name in
    check) label="check FILE" reference= ;;
    map) label="render --view map -T dot" reference=check ;;
    flow) label="render --view flow -T svg" reference=check ;;
    diff) label="diff CHANGED -T dot" reference=check2 ;;
    names) label="check (one by list of 5n names)" reference= ;;
  esac
  a=$(m "${name}_$small") b=$(m "${name}_$large")
  ra=0 rb=0
  if [ -n "$reference" ]; then
    ra=$(m "${reference}_$small") rb=$(m "${reference}_$large")
  fi
  awk -v label="$label" -v a="$a" -v b="$b" -v ra="$ra" -v rb="$rb" 'BEGIN {
    printf "  %-32s %10.1f %10.1f %6.1fx", label, a / 1e6, b / 1e6, b / a
    if (ra > 0 && a > ra) printf "   %.1f ms -> %.1f ms: %.1fx", (a - ra) / 1e6, (b - rb) / 1e6, (b - rb) / (a - ra)
    printf "\n"
  }'
done
printf '  (ten times the steps: linear work about 10x, quadratic about 100x;\n'
printf '   "beyond check" subtracts check FILE, or for diff the diff of FILE with itself)\n'
measured_on
