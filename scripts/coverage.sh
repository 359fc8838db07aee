#!/usr/bin/env bash
# Measures how much of cjm the tests run: builds with gcov instrumentation
# (GCC's --coverage, -O0), runs the whole CTest suite, and prints line and
# branch coverage per source folder (lang/, runtime/base/, ...) and in total.
#
#   scripts/coverage.sh                # builds in build-coverage/
#   scripts/coverage.sh BUILD_DIR      # builds in BUILD_DIR instead
#   scripts/coverage.sh -k BUILD_DIR   # keeps the .gcov files (annotated
#                                      # sources) in BUILD_DIR/gcov/
#
# Counted: the hand-written .c files, and the grammar and scanner (bison and
# flex write #line directives, so their actions count as lang/parser.y and
# lang/lexer.l). Not counted: headers (their inline functions are counted
# once per file that includes them), the generated skeletons, tests/.
# "branches" are gcov's "taken at least once": each way out of every
# condition, && and || counted separately. Needs only gcc and gcov.
# Exit status: 0, or 1 when a test fails (the figures are printed anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

keep=0
if [ "${1:-}" = -k ]; then
  keep=1
  shift
fi
build=${1:-build-coverage}

scripts/deps.sh
jobs=$(nproc)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=gcc \
  -DCMAKE_C_FLAGS=--coverage -DCMAKE_EXE_LINKER_FLAGS=--coverage >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null
build=$(cd "$build" && pwd -P)
find "$build" -name '*.gcda' -delete

status=0
env -u UPDATE ctest --test-dir "$build" -j "$jobs" --output-on-failure >"$build/coverage-ctest.log" 2>&1 || status=1
grep -E '^[0-9]+% tests passed' "$build/coverage-ctest.log" || true
[ "$status" = 0 ] || grep -E '^[[:space:]]*[0-9]+ - .*(Failed|Not Run|Timeout)' "$build/coverage-ctest.log" || true

# gcov's summary of every data file, "File 'PATH'" then its counts; the
# library objects only (tests/ has its own executables).
out=$build/gcov
rm -rf "$out"
mkdir -p "$out"
summary=$out/summary.txt
: >"$summary"
find "$build" -name '*.gcda' -not -path '*/tests/*' | sort | while read -r gcda; do
  (cd "$out" && gcov -b -p -o "$(dirname "$gcda")" "$gcda" 2>/dev/null) >>"$summary" || true
done
[ "$keep" = 1 ] || find "$out" -name '*.gcov' -delete

# Per file: lines and branches (total, covered); then per folder.
LC_ALL=C awk -v root="$root/" -v build="$build/" '
  function flush() {
    if (file != "" && keep_file) {
      if (!(file in lines) || ln > lines[file]) {
        lines[file] = ln; lines_hit[file] = lh; branches[file] = bn; branches_hit[file] = bh
      }
    }
    file = ""; ln = lh = bn = bh = 0
  }
  function count(s,   pct, n) {   # "Lines executed:85.00% of 120" -> covered count
    pct = s; sub(/.*:/, "", pct); sub(/%.*/, "", pct)
    n = s; sub(/.* of /, "", n)
    return sprintf("%d", pct * n / 100 + 0.5)
  }
  function total(s,   n) { n = s; sub(/.* of /, "", n); return n + 0 }
  /^File / {
    flush()
    file = $0; sub(/^File \047/, "", file); sub(/\047$/, "", file)
    keep_file = index(file, root) == 1 && index(file, build) != 1 && file ~ /\.(c|l|y)$/
    if (keep_file) file = substr(file, length(root) + 1)
    keep_file = keep_file && file !~ /^tests\// && file !~ /^build/
    next
  }
  file == "" { next }
  /^Lines executed:/ { ln = total($0); lh = count($0); next }
  /^Taken at least once:/ { bn = total($0); bh = count($0); next }
  END {
    flush()
    for (f in lines) {
      d = f; sub(/\/[^\/]*$/, "/", d)
      dl[d] += lines[f]; dlh[d] += lines_hit[f]; db[d] += branches[f]; dbh[d] += branches_hit[f]
      tl += lines[f]; tlh += lines_hit[f]; tb += branches[f]; tbh += branches_hit[f]
    }
    for (d in dl) printf "%s\t%d\t%d\t%d\t%d\n", d, dl[d], dlh[d], db[d], dbh[d]
    printf "~total\t%d\t%d\t%d\t%d\n", tl, tlh, tb, tbh
    for (f in lines) printf "%s\t%d\t%d\t%d\t%d\n", f, lines[f], lines_hit[f], branches[f], branches_hit[f] > "/dev/stderr"
  }
' "$summary" 2>"$out/files.tsv" | sort >"$out/folders.tsv"
sort -o "$out/files.tsv" "$out/files.tsv"

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.1f%%", 100 * a / b }'; }
printf '%-28s %8s %15s %9s %15s\n' folder lines "(hit/total)" branches "(hit/total)"
while IFS=$'\t' read -r dir l lh b bh; do
  [ "$dir" = "~total" ] && dir=total
  printf '%-28s %8s %15s %9s %15s\n' "$dir" "$(pct "$lh" "$l")" "($lh/$l)" "$(pct "$bh" "$b")" "($bh/$b)"
done <"$out/folders.tsv"
echo "per file: $out/files.tsv (file, lines, lines hit, branches, branches hit)"
exit $status
