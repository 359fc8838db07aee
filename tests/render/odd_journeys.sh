#!/bin/sh
# odd_journeys.sh CJM — pictures of journeys at the edges of what the
# renderer meets:
#   - a title with "--" and a control character: the graph's name (which
#     Graphviz writes into the SVG as a comment, where "--" may not stand)
#     has a hyphen in place of the second '-' and U+FFFD for the control
#     character;
#   - a scale of 0..100, wider than one tick per unit: the axis has ticks
#     at each quarter (0, 25, 50, 75, 100);
#   - --split of a journey without stages: one page, written;
#   - --stages LAST..FIRST: a usage error that says which comes first.
set -u
cjm=$(realpath "$1")
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-odd-journeys
keep_going
cd "$tmp" || exit 2

printf '%s\n' 'journey "A--B \u{7} -- C"' '  scale 0..100' 'persona p' 'stage s "S"' '  step a "A" by p' \
  '    feel 30' '  step b "B" by p' '    feel 70' 'stage t "T"' '  step c "C" by p' '    feel 50' >wide.cjm
fail_context="graph name"
name=$("$cjm" render -T dot wide.cjm | head -n 1)
[ "$name" = "digraph \"A-‐B � -‐ C\" {" ] || fail "the graph's name: $name"
"$cjm" render -T svg wide.cjm -o wide.svg || fail "svg: exit $?"
grep -q '^<!-- Title: A&#45;‐B � &#45;‐ C Pages: 1 -->$' wide.svg || fail "the SVG's title comment: $(grep 'Title' wide.svg)"
fail_context="ticks of 0..100"
ticks=$(xmllint --xpath "//*[local-name()='text'][. = '0' or . = '25' or . = '50' or . = '75' or . = '100']/text()" \
  wide.svg 2>/dev/null | sort -n | uniq | tr '\n' ' ')
[ "$ticks" = "0 25 50 75 100 " ] || fail "the axis' ticks: $ticks"

fail_context="--split of no stage"
printf 'persona p "P"\n' >nostage.cjm
"$cjm" render -Wno-unused -T svg --split 2 nostage.cjm -o pages.svg 2>err || fail "exit $?: $(cat err)"
[ "$(ls pages*.svg)" = pages-1.svg ] || fail "pages written: $(ls pages*)"
grep -q '<svg' pages-1.svg || fail "pages-1.svg is no SVG"

fail_context="--stages reversed"
"$cjm" render -T svg --stages t..s wide.cjm -o never.svg 2>err
[ $? = 2 ] || fail "not a usage error"
grep -q "cjm render: --stages t..s: stage 't' comes after 's' in wide.cjm; write s..t" err || fail "$(cat err)"
[ -e never.svg ] && fail "written"
finish "odd journeys"
