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
root=$(cd "$here/.." && pwd)
STEPS=${STEPS:-100000}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
BUILD_DIR=${BUILD_DIR:-/tmp/build-release}
CC=${CC:-cc}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-bench.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT INT TERM
fi

die() { echo "run.sh: $*" >&2; exit 2; }

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
build_type=unknown
cache=$(dirname "$CJM")/CMakeCache.txt
[ -f "$cache" ] && build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache")

# --- input ------------------------------------------------------------------
file=$tmp/journey_$STEPS.cjm
"$tmp/gen_journey" "$STEPS" "$SEED" >"$file" || die "gen_journey failed"
bytes=$(wc -c <"$file" | tr -d ' ')
lines=$(wc -l <"$file" | tr -d ' ')

# --- warm-up (page cache) and correctness -----------------------------------
"$tmp/timeit" -e "$tmp/diags.txt" "$CJM" check "$file" >"$tmp/warm.txt"
read -r _ check_status rss_kb <"$tmp/warm.txt"
diag_lines=$(wc -l <"$tmp/diags.txt" | tr -d ' ')
errors=$(grep -c ': error: ' "$tmp/diags.txt" || true)
warnings=$(grep -c ': warning: ' "$tmp/diags.txt" || true)
"$tmp/timeit" wc -l "$file" >/dev/null

# --- timed runs, interleaved so that drift hits both alike ------------------
: >"$tmp/cjm.ns"
: >"$tmp/wc.ns"
i=0
while [ "$i" -lt "$RUNS" ]; do
  "$tmp/timeit" "$CJM" check "$file" | cut -d' ' -f1 >>"$tmp/cjm.ns"
  "$tmp/timeit" wc -l "$file" | cut -d' ' -f1 >>"$tmp/wc.ns"
  i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cjm_ns=$(median "$tmp/cjm.ns")
wc_ns=$(median "$tmp/wc.ns")
range() { sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f-%.1f", lo / 1e6, hi / 1e6 }'; }
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
date -u '+  measured %Y-%m-%d %H:%M UTC on '"$(uname -m), $(nproc 2>/dev/null || echo '?') CPU(s)"

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
