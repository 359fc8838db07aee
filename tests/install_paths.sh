#!/usr/bin/env bash
# Where cjm is installed does not show in what it writes:
#   install_paths.sh CJM STDLIB
# copies CJM to two prefixes (PREFIX/bin/cjm beside PREFIX/share/cjm/stdlib,
# found through the executable, CJM_STDLIB unset) and runs both on the same
# journey: the JSON is byte for byte the same, names the user's file as
# given on the command line and the standard library's as <stdlib>/NAME;
# diagnostics name the standard library by its resolved path, never
# through bin/../.
set -u
cjm=$(realpath "$1")
stdlib=$(realpath "$2")
unset CJM_STDLIB CJM_PATH
export NO_COLOR=1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-install-test
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }

for prefix in a/usr b/opt/cjm; do
  mkdir -p "$tmp/$prefix/bin" "$tmp/$prefix/share/cjm"
  cp "$cjm" "$tmp/$prefix/bin/cjm"
  cp -R "$stdlib" "$tmp/$prefix/share/cjm/stdlib"
done
mkdir -p "$tmp/work/maps"
cd "$tmp/work" || exit 2
printf 'use "b2b"\njourney "J"\npersona p "P"\nstage research\n  step s "S" by p via web\n    feel 1\n' >maps/j.cjm
printf 'use "b2b"\njourney "J"\nchannel web "Other label"\n  owner "x"\n' >maps/bad.cjm

"$tmp/a/usr/bin/cjm" render -T json maps/j.cjm >a.json
check "render -T json status" 0 $?
"$tmp/b/opt/cjm/bin/cjm" render -T json maps/j.cjm >b.json
cmp -s a.json b.json || fail "the JSON depends on the install prefix: $(diff a.json b.json | head -5)"
files=$(grep -o '"file": "[^"]*"' a.json | sort -u | tr '\n' ' ')
check "files named in the JSON" '"file": "<stdlib>/b2b.cjm" "file": "maps/j.cjm" ' "$files"
"$tmp/a/usr/bin/cjm" stats -T json maps/j.cjm | grep -q '"file": "maps/j.cjm"' || fail "stats -T json: no maps/j.cjm"

errors=$("$tmp/a/usr/bin/cjm" check maps/bad.cjm 2>&1)
check "check status" 1 $?
case $errors in
  *"$tmp/a/usr/share/cjm/stdlib/b2b.cjm:"*) ;;
  *) fail "the note does not name $tmp/a/usr/share/cjm/stdlib/b2b.cjm: $errors" ;;
esac
case $errors in
  *"/../"*) fail "a path through ..: $errors" ;;
esac
case $errors in
  "maps/bad.cjm:"*) ;;
  *) fail "the user's file is not named as given: $errors" ;;
esac
finish "install paths"
