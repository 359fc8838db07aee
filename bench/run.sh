#!/bin/sh
# bench/run.sh — throughput of `cjm check` on a large generated journey.
#
#   bench/run.sh                 # 100,000 steps, 5 runs each
#   STEPS=20000 RUNS=9 bench/run.sh
#   CJM=/path/to/cjm bench/run.sh
#
# Environment:
#   CJM        cjm binary to measure; if unset, a Release tree is configured
#              and built (incrementally) in $BUILD_DIR and its cjm is used
#   BUILD_DIR  where to build that Release tree (default /tmp/build-release)
#   STEPS      steps in the generated journey (default 100000)
#   SEED       generator seed (default 1)
#   RUNS       timed runs of each command (default 5); the median is reported
#   KEEP       if set, keep the temporary directory (generated file included)
#
# Exit status: 0 on success, 1 if `cjm check` fails (nonzero exit) on the
# generated file, 2 if the benchmark itself cannot be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=run.sh
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
STEPS=${STEPS:-100000}

bench_tmpdir cjm-bench
bench_tools
build_type=unknown
cache=$(dirname "$CJM")/CMakeCache.txt
[ -f "$cache" ] && build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache")

# --- input ------------------------------------------------------------------
file=$tmp/journey_$STEPS.cjm
generate "$STEPS" "$file"
bytes=$(file_bytes "$file")
lines=$(file_lines "$file")

# --- warm-up (page cache) and correctness -----------------------------------
"$tmp/timeit" -e "$tmp/diags.txt" "$CJM" check "$file" >"$tmp/warm.txt"
read -r _ check_status rss_kb _ <"$tmp/warm.txt"
diag_lines=$(file_lines "$tmp/diags.txt")
errors=$(grep -c ': error: ' "$tmp/diags.txt" || true)
warnings=$(grep -c ': warning: ' "$tmp/diags.txt" || true)
"$tmp/timeit" wc -l "$file" >/dev/null

# --- timed runs, interleaved so that drift hits both alike ------------------
measure_reset cjm wc
i=0
while [ "$i" -lt "$RUNS" ]; do
  measure cjm "$CJM" check "$file"
  measure wc wc -l "$file"
  i=$((i + 1))
done
cjm_ns=$(median "$tmp/cjm.ns")
wc_ns=$(median "$tmp/wc.ns")
cjm_range=$(range "$tmp/cjm.ns")
wc_range=$(range "$tmp/wc.ns")

# --- report -----------------------------------------------------------------
awk -v bytes="$bytes" -v lines="$lines" -v steps="$STEPS" -v seed="$SEED" -v runs="$RUNS" \
  -v cjm_ns="$cjm_ns" -v wc_ns="$wc_ns" -v cjm_range="$cjm_range" -v wc_range="$wc_range" -v rss="$rss_kb" -v cjm="$CJM" -v bt="$build_type" \
  -v errors="$errors" -v warnings="$warnings" -v status="$check_status" 'BEGIN {
  mb = bytes / 1e6
  printf "cjm check benchmark\n"
  printf "  cjm       %s  [build type: %s]\n", cjm, bt
  printf "  input     %d steps (seed %d), %.1f MB, %d lines\n", steps, seed, mb, lines
  printf "  check     exit %d, %d errors, %d warnings, peak RSS %.0f MB\n", status, errors, warnings, rss / 1024
  printf "\n"
  printf "  %-10s %12s %14s %10s %10s\n", "command", "median (ms)", "min-max (ms)", "MB/s", "steps/s"
  printf "  %-10s %12.1f %14s %10.1f %10.0f\n", "cjm check", cjm_ns / 1e6, cjm_range, mb / (cjm_ns / 1e9), steps / (cjm_ns / 1e9)
  printf "  %-10s %12.1f %14s %10.1f %10s\n", "wc -l", wc_ns / 1e6, wc_range, mb / (wc_ns / 1e9), "-"
  printf "\n"
  printf "  ratio cjm/wc  %.1fx   (median of %d runs each; target: cjm check >= 100 MB/s)\n", cjm_ns / wc_ns, runs
}'
measured_on

if [ "$check_status" -ne 0 ]; then
  echo >&2
  echo "run.sh: 'cjm check' exited $check_status on the generated file; first diagnostics:" >&2
  head -20 "$tmp/diags.txt" >&2
  exit 1
fi
if [ "$diag_lines" -ne 0 ]; then
  echo
  echo "note: the generated file is meant to check clean; first diagnostics:"
  head -20 "$tmp/diags.txt"
fi
