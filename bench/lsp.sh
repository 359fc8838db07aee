#!/bin/sh
# bench/lsp.sh — how long `cjm lsp` takes from a one-character change to the
# diagnostics it publishes, beside a whole-process `cjm check` of the same
# text, on generated journeys of 100, 1,000 and 100,000 steps.
#
#   bench/lsp.sh                       # the three sizes
#   SIZES="1000 20000" EDITS=51 bench/lsp.sh
#   CJM=/path/to/cjm bench/lsp.sh
#
# Environment:
#   CJM        cjm binary to measure; if unset, a Release tree is configured
#              and built (incrementally) in $BUILD_DIR and its cjm is used
#   BUILD_DIR  where to build that Release tree (default /tmp/build-release)
#   SIZES      journey sizes in steps (default "100 1000 100000")
#   EDITS      edits timed per size (default 201, and 21 from 20,000 steps)
#   RUNS       timed `cjm check` runs per size (default 5)
#   SEED       generator seed (default 1)
#   KEEP       if set, keep the temporary directory
#
# Each edit is an incremental didChange of one character in a step label
# in the middle of the file (alternately 'X' and the original letter),
# timed by lsp_edit.c until the publishDiagnostics of its version is read.
# Reported: the median edit (min-max), the server's processor time per
# edit, and `cjm check FILE` run RUNS times (median wall time, and its
# processor time). Exit status: 0, or 2 if the benchmark cannot be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=lsp.sh
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
SIZES=${SIZES:-100 1000 100000}

bench_tmpdir cjm-lsp-bench
bench_tools
$CC -std=c11 -O2 -o "$tmp/lsp_edit" "$here/lsp_edit.c" || die "cannot compile lsp_edit.c"

# check_cpu_ms N FILE: the processor time (user + system) of one `cjm check
# FILE`, in ms: N runs timed together by time(1), whose clock counts in
# hundredths of a second, divided by N. "-" without /usr/bin/time.
check_cpu_ms() {
  [ -x /usr/bin/time ] || { echo -; return; }
  /usr/bin/time -f '%U %S' -o "$tmp/cpu" sh -c '
    i=0; while [ "$i" -lt "$1" ]; do "$2" check "$3" >/dev/null 2>&1 || true; i=$((i + 1)); done' \
    sh "$1" "$CJM" "$2" || true
  awk -v n="$1" '{ printf "%.2f", ($1 + $2) * 1000 / n }' "$tmp/cpu"
}

printf 'cjm lsp benchmark: one-character change -> publishDiagnostics\n'
printf '  cjm  %s\n\n' "$CJM"
printf '  %8s %9s | %12s %14s %9s | %12s %9s | %7s\n' steps MB "edit (ms)" "min-max" "cpu (ms)" \
  "check (ms)" "cpu (ms)" "ratio"
for steps in $SIZES; do
  file=$tmp/journey_$steps.cjm
  generate "$steps" "$file"
  mb=$(awk -v b="$(file_bytes "$file")" 'BEGIN { printf "%.2f", b / 1e6 }')
  edits=${EDITS:-$([ "$steps" -ge 20000 ] && echo 21 || echo 201)}
  "$tmp/lsp_edit" "$CJM" "$file" "$edits" >"$tmp/edit" || die "lsp_edit failed on $steps steps"
  read -r e_med e_min e_max diags _open e_cpu <"$tmp/edit"
  [ "$diags" -eq 0 ] || echo "note: $diags diagnostics on the generated journey of $steps steps" >&2
  "$CJM" check "$file" >/dev/null 2>&1 || true # warm the page cache
  measure_reset check
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    measure check "$CJM" check "$file"
    i=$((i + 1))
  done
  c_med=$(median "$tmp/check.ns")
  c_cpu=$(check_cpu_ms "$([ "$steps" -ge 20000 ] && echo "$RUNS" || echo 50)" "$file")
  awk -v s="$steps" -v mb="$mb" -v em="$e_med" -v lo="$e_min" -v hi="$e_max" -v ec="$e_cpu" -v cm="$c_med" \
    -v cc="$c_cpu" 'BEGIN {
    printf "  %8d %9s | %12.2f %14s %9s | %12.1f %9s | %6.2fx\n", s, mb, em / 1e6,
      sprintf("%.2f-%.2f", lo / 1e6, hi / 1e6), ec < 0 ? "-" : sprintf("%.2f", ec / 1e6), cm / 1e6, cc, em / cm }'
done
echo
echo "  edit: median of the edits, wall clock; cpu: the server's processor time per edit;"
echo "  check: median of $RUNS whole-process runs of cjm check; ratio: edit / check (wall)"
measured_on
