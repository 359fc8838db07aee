#!/bin/sh
# bench/bare_scan.sh — `cjm check` against a bare flex scan of the same file,
# and its peak memory against the file's size, on the two journeys of
# bench/README.md ("Memory, and check against a bare scan"): gen_journey's
# (100,000 steps, 34 MB) and gen_journey --dense's (100,000 steps, 14 MB).
#
# bare_scan.l, built with full tables (flex -Cf), reads the file through
# one rule per token class and no action: the least a scanner can do. Both
# commands run RUNS times (default 21), interleaved, and the medians of
# their processor times (user + system, which the load of a shared machine
# disturbs much less than wall time) are compared. With CALLGRIND=1 the
# instructions of each are counted once too (valgrind; slow).
#
#   bench/bare_scan.sh
#   CJM=/path/to/cjm STEPS=20000 RUNS=9 bench/bare_scan.sh
#
# Needs flex, a C compiler, and what lib.sh needs. Exit status 2 when it
# cannot be set up, 1 when cjm check fails on a journey.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bench=bare_scan.sh
RUNS=${RUNS:-21}
. "$here/lib.sh"
STEPS=${STEPS:-100000}

bench_tmpdir cjm-bare
bench_tools
flex -Cf -o "$tmp/bare_scan.c" "$here/bare_scan.l" || die "flex failed on bare_scan.l"
$CC -std=c11 -O2 -o "$tmp/bare_scan" "$tmp/bare_scan.c" || die "cannot compile bare_scan.c"

# instructions NAME CMD...: the instructions callgrind counts for CMD.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}

ms() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1e6 }'; }

printf '  %-8s %8s %6s   %10s %10s %7s   %9s %8s\n' journey MB steps "check (ms)" "scan (ms)" ratio "peak RSS" "RSS/file"
for kind in plain dense; do
  file=$tmp/$kind.cjm
  if [ "$kind" = dense ]; then
    "$tmp/gen_journey" --dense "$STEPS" "$SEED" >"$file" || die "gen_journey failed"
  else
    generate "$STEPS" "$file"
  fi
  bytes=$(file_bytes "$file")
  "$tmp/timeit" -e "$tmp/diags.txt" "$CJM" check "$file" >"$tmp/warm.txt"
  read -r _ status _ _ <"$tmp/warm.txt"
  if [ "$status" -ne 0 ]; then
    head -5 "$tmp/diags.txt" >&2
    echo "$bench: cjm check exits $status on the $kind journey" >&2
    exit 1
  fi
  measure_reset check scan
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    measure check "$CJM" check "$file"
    measure scan "$tmp/bare_scan" "$file"
    i=$((i + 1))
  done
  check_cpu=$(median "$tmp/check.cpu")
  scan_cpu=$(median "$tmp/scan.cpu")
  rss=$(sort -n "$tmp/check.rss" | tail -1)
  awk -v k="$kind" -v b="$bytes" -v s="$STEPS" -v c="$check_cpu" -v sc="$scan_cpu" -v r="$rss" 'BEGIN {
    printf "  %-8s %8.1f %6d   %10.1f %10.1f %6.2fx   %6.0f MB %7.2fx\n",
           k, b / 1e6, s, c / 1e6, sc / 1e6, c / sc, r * 1024 / 1e6, r * 1024 / b }'
  if [ -n "${CALLGRIND:-}" ]; then
    ci=$(instructions "$CJM" check "$file")
    si=$(instructions "$tmp/bare_scan" "$file")
    awk -v c="$ci" -v s="$si" 'BEGIN { printf "  %-8s instructions: check %.0f M, scan %.0f M, ratio %.2fx\n", "", c / 1e6, s / 1e6, c / s }'
  fi
done
echo "  (processor time, median of $RUNS interleaved runs each; peak RSS the largest seen)"
measured_on
