#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/, clang, ASan + UBSan) in
# build-fuzz/ and runs each for SECONDS (default 60), one after another,
# from its seed corpus: the examples, the standard library, the fixtures
# and golden inputs of tests/, small instances of the hostile inputs of
# tests/hostile/ (seeds.sh) (for fuzz_diff, the old and new journeys of
# each diff golden joined by a line "====="; for the importers and cjm md,
# the Mermaid, CSV and Markdown inputs of tests/interop and docs/; for
# fuzz_lsp, editor sessions made from the examples by
# tests/fuzz/make_lsp_seeds.py and tests/fuzz/lsp/), with the dictionary
# of the language's words (build-fuzz/tests/fuzz/cjm.dict).
#
# What the fuzzer finds new is kept in build-fuzz/corpus/NAME and read
# again on the next run; a crash, a sanitizer report, a leak or a broken
# property (FUZZ_ASSERT) stops that harness and leaves the input in
# build-fuzz/crashes/. Exit status 1 when any harness found something.
#
# Usage: scripts/fuzz.sh [SECONDS] [NAME...]    e.g.  scripts/fuzz.sh 3600 fuzz_fmt
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_FLAGS (more libFuzzer
# flags, e.g. "-fork=1 -ignore_crashes=1" to go on after a finding),
# FUZZ_FRESH=1 to start from the seeds alone and keep nothing (CI: the time
# then goes to fuzzing, not to rereading a grown corpus). A crash is reproduced with
#   build-fuzz/tests/fuzz/NAME build-fuzz/crashes/NAME-crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-build-fuzz}

cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCJM_FUZZ=ON \
  -DCJM_TESTS=OFF -DCJM_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
bin=$build/tests/fuzz
all=()
for f in "$bin"/fuzz_*; do [ -x "$f" ] && all+=("$(basename "$f")"); done
names=("$@")
[ ${#names[@]} -ne 0 ] || names=("${all[@]}")

# seed NAME FILE...: copies the files into the harness's seed directory.
# A directory of its own, so that two runs (two harnesses at once) do
# not remove each other's seeds.
seeds=$(mktemp -d)
corpus=$build/corpus
trap 'rm -rf "$seeds"; [ "$corpus" = "$build/corpus" ] || rm -rf "$corpus"' EXIT
seed() {
  local name=$1
  shift
  mkdir -p "$seeds/$name"
  local f
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$seeds/$name/$(printf '%s' "$f" | md5sum | cut -c1-16)"; done
  return 0
}
shopt -s nullglob globstar
journeys=(examples/*.cjm stdlib/*.cjm tests/fixtures/**/*.cjm tests/golden/**/*.cjm tests/render/*.cjm
          tests/interop/**/*.cjm)
for name in fuzz_check fuzz_fmt fuzz_render; do seed "$name" "${journeys[@]}"; done
# the hostile inputs of tests/hostile/, in small (tests/hostile/seeds.sh)
bash tests/hostile/seeds.sh "$seeds/hostile"
for name in fuzz_check fuzz_fmt fuzz_render; do seed "$name" "$seeds"/hostile/*.cjm; done
mkdir -p "$seeds/fuzz_diff"
for dir in tests/golden/diff/*/; do
  { cat "$dir/old.cjm"; printf '\n=====\n'; cat "$dir/new.cjm"; } >"$seeds/fuzz_diff/$(basename "$dir")"
done
seed fuzz_diff examples/*.cjm
seed fuzz_mermaid_import tests/interop/**/*.mmd
seed fuzz_csv_import tests/golden/tables/*.csv tests/interop/**/*.csv
seed fuzz_md_blocks README.md docs/*.md tests/interop/**/*.md
mkdir -p "$seeds/fuzz_lsp"
python3 tests/fuzz/make_lsp_seeds.py "$seeds/fuzz_lsp" examples/*.cjm tests/render/hostile.cjm
seed fuzz_lsp tests/fuzz/lsp/*

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export CJM_STDLIB=$PWD/stdlib
mkdir -p "$build/crashes" "$build/logs"
[ "${FUZZ_FRESH:-0}" = 0 ] || corpus=$(mktemp -d)
failed=()
for name in "${names[@]}"; do
  [ -x "$bin/$name" ] || { echo "scripts/fuzz.sh: no harness $name (have: ${all[*]})" >&2; exit 2; }
  mkdir -p "$corpus/$name" "$seeds/$name"
  log=$build/logs/$name.log
  printf '== %s: %ss ... ' "$name" "$seconds"
  found_before=$(find "$build/crashes" -name "$name-*" | wc -l)
  # shellcheck disable=SC2086
  if "$bin/$name" "$corpus/$name" "$seeds/$name" -dict="$bin/cjm.dict" -max_total_time="$seconds" \
       -timeout=20 -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$name-" \
       ${FUZZ_FLAGS:-} >"$log" 2>&1 &&
     [ "$(find "$build/crashes" -name "$name-*" | wc -l)" -eq "$found_before" ]; then
    # the final stats, or in -fork mode the last progress line (#N: ...)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
    echo "${runs:-?} executions, clean"
  else
    echo "FOUND SOMETHING (log: $log)"
    # (in -fork mode with -ignore_crashes the run goes on, and only the new
    # files of crashes/ tell)
    grep -E 'ERROR|SUMMARY|fuzz: property|Test unit written|crash-' "$log" | head -5 || true
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "scripts/fuzz.sh: findings in ${failed[*]}; the inputs are in $build/crashes/" >&2
  exit 1
fi
