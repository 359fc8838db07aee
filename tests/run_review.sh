#!/usr/bin/env bash
# Runs one golden test of `cjm fmt` or `cjm diff`:
#   run_review.sh CJM EXIT EXPECTED ARG...
# runs `CJM ARG...` from the source tree's root (paths in ARG and EXPECTED
# are relative to it, so that names in the output are too), with the
# standard library of this tree, colour off and no CJM_PATH. Its standard
# output must equal EXPECTED byte for byte and its exit status must be
# EXIT; anything on standard error is shown. With UPDATE=1, EXPECTED is
# rewritten instead.
set -u
cjm=$(realpath "$1")
want_exit=$2
expected=$3
shift 3
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
env -u CJM_PATH -u GIT_PAGER_IN_USE NO_COLOR=1 CJM_STDLIB=stdlib "$cjm" "$@" >"$actual"
status=$?

if [ "${UPDATE:-0}" = 1 ]; then
  cp "$actual" "$expected"
fi
result=0
if [ "$status" != "$want_exit" ]; then
  echo "cjm $*: exit status $status, expected $want_exit"
  result=1
fi
if ! diff -u "$expected" "$actual"; then
  echo "cjm $*: output differs from $expected"
  result=1
fi
exit $result
