#!/usr/bin/env bash
# alloc_fail — the allocation-failure test: cjm check, fmt, diff, render
# with the table backends and stats, over one journey, with each
# allocation failing in turn (CJM_ALLOC_FAIL_AT=N, honoured by a build
# with -DCJM_ALLOC_TESTING=ON, lang/arena.c). Each run must end with exit
# status 2 and one "cjm: out of memory" message, no sanitizer report (run
# it on an ASan build: LeakSanitizer checks what is left at exit), no
# output file and no temporary file (.cjm-XXXXXX) beside it, nothing on
# standard output, and a file rewritten by fmt -w unchanged.
#
# A case's allocations are counted first (CJM_ALLOC_COUNT=1). When there
# are at most BUDGET of them, each one fails in turn; beyond, every one
# of the first and last BUDGET/4 and a stride between them, about BUDGET
# runs in all (the line printed per case says which). BUDGET 0 means every
# allocation. The Graphviz renderers are left out: Graphviz allocates
# through its own malloc, which cjm cannot make fail.
#
# Usage: alloc_fail.sh CJM SOURCE_DIR JOURNEY [BUDGET]  (default 200; CTest
# runs examples/smartphone.cjm with 100 and the other examples with 20)
set -euo pipefail
cjm=$1
src=$2
journey=$3
budget=${4:-200}
export CJM_STDLIB=$src/stdlib
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset CJM_ALLOC_FAIL_AT CJM_ALLOC_COUNT

# The cases: "NAME|ARGUMENTS", where OUT stands for the output file (a
# new path each run) and COPY for a copy of the journey (fmt -w).
other=$src/examples/smartphone.cjm
[ "$journey" != "$other" ] || other=$src/tests/golden/diff/feels_measures/old.cjm
cases=("check|check -Wall -Wcx $journey"
       "fmt|fmt $journey"
       "fmt-w|fmt -w COPY"
       "render-text|render -T text --width 80 $journey -o OUT"
       "render-md|render -T md $journey -o OUT"
       "render-csv|render -T csv $journey -o OUT"
       "render-json|render -T json $journey -o OUT"
       "stats-text|stats -T text $journey -o OUT"
       "stats-md|stats -T md $journey -o OUT"
       "stats-json|stats -T json $journey -o OUT"
       "diff-text|diff $other $journey -o OUT"
       "diff-md|diff -T md $journey $other -o OUT"
       "diff-json|diff -T json $journey $other -o OUT")

failures=0
total_runs=0
# fail CASE N WHAT: reports one failed run.
fail() {
  echo "FAIL $1, allocation $2: $3" >&2
  failures=$((failures + 1))
}

for case in "${cases[@]}"; do
  name=${case%%|*}
  read -r -a template <<<"${case#*|}"
  # run N: runs the case with allocation N failing (0: none fails), into
  # $tmp/run; sets status, and leaves stderr in $tmp/run/err.
  run() {
    rm -rf "$tmp/run"
    mkdir "$tmp/run"
    cp "$journey" "$tmp/run/copy.cjm"
    local args=() a
    for a in "${template[@]}"; do
      case $a in
        OUT) args+=("$tmp/run/out") ;;
        COPY) args+=("$tmp/run/copy.cjm") ;;
        *) args+=("$a") ;;
      esac
    done
    status=0
    if [ "$1" = 0 ]; then
      CJM_ALLOC_COUNT=1 "$cjm" "${args[@]}" >"$tmp/run/stdout" 2>"$tmp/run/err" || status=$?
    else
      CJM_ALLOC_FAIL_AT=$1 "$cjm" "${args[@]}" >"$tmp/run/stdout" 2>"$tmp/run/err" || status=$?
    fi
  }
  run 0
  count=$(sed -n 's/^cjm: \([0-9]*\) allocations$/\1/p' "$tmp/run/err" | tail -1)
  if [ -z "$count" ] || [ "$status" -gt 1 ]; then
    fail "$name" 0 "the run without failure ended with status $status: $(head -3 "$tmp/run/err")"
    continue
  fi
  # Which allocations fail: all, or the first and last quarter-budget and a stride.
  if [ "$budget" -eq 0 ] || [ "$count" -le "$budget" ]; then
    points=$(seq 1 "$count")
    how="all $count allocations"
  else
    edge=$((budget / 4))
    stride=$(((count - 2 * edge) / (budget / 2) + 1))
    points=$( { seq 1 "$edge"; seq $((edge + 1)) "$stride" $((count - edge)); seq $((count - edge + 1)) "$count"; } )
    how="$(echo "$points" | wc -l) of $count allocations (the first and last $edge, then one in $stride)"
  fi
  runs=0
  for n in $points; do
    run "$n"
    runs=$((runs + 1))
    oom=$(grep -c 'out of memory' "$tmp/run/err" || true)
    if [ "$status" -ne 2 ]; then
      fail "$name" "$n" "exit status $status, not 2: $(grep -v '^ ' "$tmp/run/err" | head -5)"
    elif [ "$oom" -ne 1 ]; then
      fail "$name" "$n" "$oom 'out of memory' messages: $(head -5 "$tmp/run/err")"
    elif grep -qE 'Sanitizer|runtime error' "$tmp/run/err"; then
      fail "$name" "$n" "a sanitizer report: $(grep -E 'Sanitizer|SUMMARY' "$tmp/run/err" | head -3)"
    elif [ -e "$tmp/run/out" ]; then
      fail "$name" "$n" "an output file was left"
    elif compgen -G "$tmp/run/.cjm-*" >/dev/null; then
      fail "$name" "$n" "a temporary file was left: $(ls -a "$tmp/run")"
    elif ! cmp -s "$journey" "$tmp/run/copy.cjm"; then
      fail "$name" "$n" "fmt -w changed the file"
    elif [ -s "$tmp/run/stdout" ]; then
      fail "$name" "$n" "something was written to standard output"
    fi
  done
  total_runs=$((total_runs + runs))
  echo "$name $(basename "$journey"): $how failed in turn"
done
echo "alloc_fail $(basename "$journey"): $total_runs runs, $failures failures"
[ "$failures" -eq 0 ]
