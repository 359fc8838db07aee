#!/usr/bin/env bash
# Runs one fixture: tests/fixtures/**/NAME.cjm beside NAME.expected.
#
# The fixture's own comments say how to run it:
#   # command: check          (default: check)
#   # args: -Werror -I lib    (extra arguments, before the file name)
#   # exit: 1                 (expected exit status; default 0)
# The command runs in the fixture's directory with the file named by its
# base name, colour off, and the standard library of this source tree;
# its standard error (and standard output) must equal NAME.expected, once
# the paths of the standard library and of the repository are replaced by
# <stdlib> and <repo>.
# With UPDATE=1 the expected file is rewritten instead.
set -u
cjm=$(realpath "$1")
fixture=$(realpath "$2")
stdlib=$(realpath "$3")
dir=$(dirname "$fixture")
name=$(basename "$fixture")
expected="${fixture%.cjm}.expected"

command=$(sed -n 's/^# command: //p' "$fixture" | head -n 1)
args=$(sed -n 's/^# args: //p' "$fixture" | head -n 1)
want_exit=$(sed -n 's/^# exit: //p' "$fixture" | head -n 1)
: "${command:=check}" "${want_exit:=0}"

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
# shellcheck disable=SC2086 # args are split on purpose
(cd "$dir" && env -u CJM_PATH NO_COLOR=1 CJM_STDLIB="$stdlib" "$cjm" $command --color=never $args "$name") >"$actual" 2>&1
got_exit=$?
# Paths that depend on where the repository is checked out become
# placeholders, so the expected files hold in any clone.
repo=$(cd "$(dirname "$0")/.." && pwd -P)
sed -i -e "s|$stdlib|<stdlib>|g" -e "s|$repo|<repo>|g" "$actual"

if [ "${UPDATE:-0}" = 1 ]; then
  cat "$actual" >"$expected"
  exit 0
fi
status=0
if [ "$got_exit" != "$want_exit" ]; then
  echo "$fixture: exit status $got_exit, expected $want_exit"
  status=1
fi
if ! diff -u "$expected" "$actual"; then
  echo "$fixture: output differs from $(basename "$expected")"
  status=1
fi
exit $status
