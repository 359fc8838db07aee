#!/usr/bin/env bash
# Runs every test (CTest: unit tests, fixtures, goldens, scripts) in four
# builds, each warning-free under -Werror:
#   build/             GCC, RelWithDebInfo (what setup.sh builds)
#   build-asan/        GCC, AddressSanitizer + UndefinedBehaviorSanitizer (-O1)
#   build-clang/       clang, Release
#   build-clang-asan/  clang, AddressSanitizer + UndefinedBehaviorSanitizer (-O1)
# and compiles a fifth, GCC Release (-O3, whose optimiser warns about
# other things), without running it. The ASan build also fails each
# allocation in turn (tests/alloc); then each fuzzer runs briefly
# (scripts/fuzz.sh, build-fuzz/).
# Usage: scripts/test.sh   (installs missing packages first, like setup.sh)
# UPDATE=1 in the environment would make the golden tests rewrite their
# files and pass: it is refused here (run `UPDATE=1 ctest ...` by hand).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${UPDATE:-0}" != 0 ]; then
  echo "scripts/test.sh: UPDATE=$UPDATE is set in the environment; the golden tests would rewrite" >&2
  echo "their files instead of checking them. Unset it (regenerate with 'UPDATE=1 ctest -R ...')." >&2
  exit 2
fi

scripts/deps.sh
jobs=$(nproc)
# A test that fails is run once more, and the run fails only if it fails
# twice: on a loaded machine LeakSanitizer's own tracer has crashed once
# ("Tracer caught signal 11", in 2,200 sanitizer runs), which says nothing
# of cjm. CTest's output still shows the first failure.
rerun=(--repeat until-pass:2)
sanitizer_env=(ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
               "LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0")

# build DIR TITLE CMAKE-ARGS...: configures and builds DIR with -Werror.
build() {
  local dir=$1 title=$2
  shift 2
  echo "== build: $title ($dir)"
  cmake -S . -B "$dir" -DCJM_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

build build "GCC, RelWithDebInfo" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo
ctest --test-dir build --output-on-failure "${rerun[@]}" -j "$jobs"

build build-release "GCC, Release (compiled only)" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Release

# With CJM_ALLOC_TESTING, which adds the allocation-failure tests (alloc/*,
# tests/alloc) and changes nothing else.
build build-asan "GCC, AddressSanitizer + UndefinedBehaviorSanitizer" -DCMAKE_C_COMPILER=gcc \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=-O1 -DCJM_SANITIZE=ON -DCJM_ALLOC_TESTING=ON
env "${sanitizer_env[@]}" ctest --test-dir build-asan --output-on-failure "${rerun[@]}" -j "$jobs"

build build-clang "clang, Release" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release
ctest --test-dir build-clang --output-on-failure "${rerun[@]}" -j "$jobs"

build build-clang-asan "clang, AddressSanitizer + UndefinedBehaviorSanitizer" -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=-O1 -DCJM_SANITIZE=ON
# Leaks are checked by the GCC build above: clang 14's LeakSanitizer
# crashes in its own tracer ("Tracer caught signal 11") on some renders
# here, so this run checks memory errors and undefined behaviour only.
env "${sanitizer_env[@]}" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 ctest --test-dir build-clang-asan --output-on-failure "${rerun[@]}" -j "$jobs"

# The fuzzers, briefly: each harness of tests/fuzz for 10 s from its seeds
# (scripts/fuzz.sh builds them in build-fuzz/, clang with libFuzzer).
echo "== fuzz: each harness for 10 s (build-fuzz)"
FUZZ_FRESH=1 scripts/fuzz.sh 10
