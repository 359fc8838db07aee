#!/usr/bin/env bash
# Runs one golden test of the table and data backends:
#   run_golden.sh CJM "ARGS" INPUT EXPECTED
# runs `CJM ARGS INPUT` from the source tree's root (INPUT and EXPECTED are
# relative to it, so that source locations in the output are too), with the
# standard library of this tree, colour off and no CJM_PATH, and compares
# its standard output with EXPECTED byte for byte. The command must exit 0
# and print nothing on standard error. With UPDATE=1, EXPECTED is rewritten.
set -u
cjm=$(realpath "$1")
args=$2
input=$3
expected=$4
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2

actual=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$actual" "$errors"' EXIT
# shellcheck disable=SC2086 # args are split on purpose
env -u CJM_PATH -u COLUMNS NO_COLOR=1 CJM_STDLIB=stdlib "$cjm" $args --color=never "$input" >"$actual" 2>"$errors"
status=$?

if [ "${UPDATE:-0}" = 1 ]; then
  cp "$actual" "$expected"
fi
result=0
if [ "$status" != 0 ]; then
  echo "$input: cjm $args exited with $status"
  result=1
fi
if [ -s "$errors" ]; then
  echo "$input: cjm $args wrote to standard error:"
  cat "$errors"
  result=1
fi
if ! cmp -s "$expected" "$actual"; then
  diff -u "$expected" "$actual" | head -n 200
  echo "$input: output differs from $expected (UPDATE=1 to accept)"
  result=1
fi
exit $result
