#!/usr/bin/env bash
# Runs one example test: an example checks clean, and its journey-quality
# warnings are the expected ones.
#   run_example.sh CJM EXAMPLE EXPECTED
# From the source tree's root (EXAMPLE and EXPECTED relative to it), with
# the standard library of this tree, colour off and no CJM_PATH:
# `cjm check -Werror EXAMPLE` exits 0 and prints nothing at all, and
# `cjm check -Wall -Wcx EXAMPLE` exits 0 and prints exactly EXPECTED
# (tests/golden/examples/NAME.cx: the off-by-default warnings it has, or
# nothing). With UPDATE=1, EXPECTED is rewritten instead.
set -u
cjm=$(realpath "$1")
example=$2
expected=$3
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
run() { env -u CJM_PATH NO_COLOR=1 CJM_STDLIB=stdlib "$cjm" check --color=never "$@" "$example" 2>&1; }

result=0
out=$(run -Werror)
status=$?
if [ "$status" != 0 ] || [ -n "$out" ]; then
  echo "cjm check -Werror $example: exit $status, expected 0 and no output; printed:"
  echo "$out"
  result=1
fi

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
run -Wall -Wcx >"$actual"
status=$?
if [ "${UPDATE:-0}" = 1 ]; then
  mkdir -p "$(dirname "$expected")"
  cp "$actual" "$expected"
fi
if [ "$status" != 0 ]; then
  echo "cjm check -Wall -Wcx $example: exit $status, expected 0"
  result=1
fi
if ! diff -u "$expected" "$actual"; then
  echo "cjm check -Wall -Wcx $example: output differs from $expected (UPDATE=1 to accept)"
  result=1
fi
exit $result
