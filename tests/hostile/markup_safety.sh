#!/usr/bin/env bash
# Control characters and noncharacters in user text (hostile input,
# findings 2 and 3): a title with ESC, BEL and "--", labels with U+FFFE
# and U+FFFF. Every picture must render (a clean check is never followed
# by a failing render), every SVG must be well-formed XML, and the DOT on
# standard output must carry no control character to the terminal.
#   markup_safety.sh CJM STDLIB
set -u
cjm=$(realpath "$1")
export CJM_STDLIB=$(realpath "$2") NO_COLOR=1
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-markup-safety
cd "$tmp" || exit 2
keep_going

cat >j.cjm <<'CJM'
journey "x\u{1b}]0;pwned\u{7} -- and \u{1} end --"
persona mia "Mia \u{fffe} and \u{ffff}"
stage s "S\u{ffff}"
  step a "A \u{fffe}" by mia
    feel +1 "ok\u{ffff}"
    pain "p\u{fffe}"
  step b "B\u{9b}" by mia
    feel -1 "low\u{1b}[31m"
CJM
sed 's/feel -1/feel -2/' j.cjm >k.cjm

"$cjm" check j.cjm || fail "the journey checks clean"
for view in map flow; do
  for format in svg png pdf dot; do
    "$cjm" render j.cjm --view "$view" -T "$format" -o "$view.$format" 2>err.txt
    [ $? = 0 ] || fail "render --view $view -T $format: $(head -3 err.txt)"
  done
  xmllint --noout "$view.svg" 2>/dev/null || fail "$view.svg is not well-formed XML"
  LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$view.dot" && fail "$view.dot carries a control character"
done
"$cjm" diff j.cjm k.cjm -T svg -o diff.svg
[ $? = 1 ] || fail "diff -T svg: exit status"
xmllint --noout diff.svg 2>/dev/null || fail "diff.svg is not well-formed XML"
"$cjm" diff j.cjm k.cjm -T dot >diff.dot
LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' diff.dot && fail "diff -T dot carries a control character"
finish "markup safety"
