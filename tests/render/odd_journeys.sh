#!/bin/sh
# odd_journeys.sh CJM — pictures of journeys at the edges of what the
# renderer meets:
#   - a title with "--" and a control character: the graph's name (which
#     Graphviz writes into the SVG as a comment, where "--" may not stand)
#     has a hyphen in place of the second '-' and U+FFFD for the control
#     character;
#     (likewise a leading '-' is kept, DEL, C1 controls, U+FFFE and U+FFFF
#     replaced); the flow shows the journey's goal and a long stage label
#     wrapped; --scale 1 is the PNG's default resolution;
#   - the journey's attributes in the map's head (review_date as "Review
#     date", Budget as it is), and twelve journey measures in more than one
#     row of cards;
#   - a scale of 0..100, wider than one tick per unit: the axis has ticks
#     at each quarter (0, 25, 50, 75, 100);
#   - a scale of 0.5..2.5: ticks at each quarter too;
#   - the flow of one persona leaves out the stages it has no step in, the
#     flow of all draws a stage without steps;
#   - --split of a journey without stages: one page, written;
#   - --stages LAST..FIRST: a usage error that says which comes first;
#     --stages of one stage draws it alone; of no such stage, a usage
#     error with the nearest stage as "did you mean" (none without stages);
#   - --split: OUT without an extension gives OUT-1, OUT-2…; a missing
#     directory is an error (status 2).
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
# more that may not stand in the name: a leading '-' (kept), DEL, a C1
# control, the noncharacters U+FFFE and U+FFFF
printf '%s\n' 'journey "-A--B \u{7f} \u{85} \u{fffe} \u{ffff} -- C"' '  goal "Buy a phone without fuss"' 'persona p' \
  'stage s "A stage whose label is long enough to wrap onto a second line in the flow view of this journey"' \
  '  step a "A" by p' '    feel 1' >odd_title.cjm
name=$("$cjm" render -T dot odd_title.cjm | head -n 1)
[ "$name" = "digraph \"-A-‐B � � � � -‐ C\" {" ] || fail "the graph's name: $name"
fail_context="the flow's head"
"$cjm" render -T svg --view flow odd_title.cjm -o odd_flow.svg || fail "exit $?"
texts=$(xmllint --xpath "//*[local-name()='text']/text()" odd_flow.svg 2>/dev/null)
case $texts in *"Buy a phone without fuss"*) ;; *) fail "the flow lacks the journey's goal" ;; esac
case $texts in *"A stage whose label is long"*"in the flow view of this journey"*) ;;
  *) fail "the flow lacks the stage's label, wrapped: $texts" ;; esac
fail_context="--scale 1"
"$cjm" render -T png --scale 1 odd_title.cjm -o one.png || fail "exit $?"
"$cjm" render -T png odd_title.cjm -o plain.png || fail "exit $?"
cmp -s one.png plain.png || fail "--scale 1 is not the default resolution"

# the journey's attributes in the head, a key with '_' as words; twelve
# journey measures, more than one row of cards holds: each drawn, in rows
fail_context="the map's head"
{
  printf '%s\n' 'journey "Many"' '  owner "Ann"' '  review_date "2026-12-08"' '  Budget "10k"'
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf '  measure m%d %d\n' "$i" "$i"; done
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf 'metric m%d "Metric number %d"\n' "$i" "$i"; done
  printf '%s\n' 'persona p' 'stage s "S"' '  step a "A" by p' '    feel 1'
} >many.cjm
"$cjm" render -T svg many.cjm -o many.svg || fail "exit $?"
texts=$(xmllint --xpath "//*[local-name()='text']/text()" many.svg 2>/dev/null)
case $texts in *"Owner: Ann"*"Review date: 2026-12-08"*"Budget: 10k"*) ;; *) fail "the head lacks the attributes: $texts" ;; esac
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  [ "$(count "//*[@id='measure-m$i']" many.svg)" = 1 ] || fail "measure m$i is not drawn once"
done
rows=$(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  xmllint --xpath "string((//*[@id='measure-m$i']//*[local-name()='text'])[1]/@y)" many.svg; echo
done | sort -u | wc -l)
[ "$rows" -gt 1 ] || fail "twelve measure cards in one row"

fail_context="ticks of 0..100"
ticks=$(xmllint --xpath "//*[local-name()='text'][. = '0' or . = '25' or . = '50' or . = '75' or . = '100']/text()" \
  wide.svg 2>/dev/null | sort -n | uniq | tr '\n' ' ')
[ "$ticks" = "0 25 50 75 100 " ] || fail "the axis' ticks: $ticks"

# a scale whose ends are not whole: ticks at each quarter of it; the flow
# of one persona leaves out the stages it has no step in, and the flow of
# all draws a stage without steps
printf '%s\n' 'journey "H"' '  scale 0.5..2.5' 'persona p' 'persona q' 'stage s "S"' '  step a "A" by p' \
  '    feel 1' 'stage t "T"' '  step b "B" by q' '    feel 2' 'stage e "Empty stage"' >halves.cjm
fail_context="ticks of 0.5..2.5"
"$cjm" render -Wno-coverage -Wno-empty-stage -T svg halves.cjm -o halves.svg || fail "exit $?"
ticks=$(xmllint --xpath "//*[local-name()='text'][. = '0.5' or . = '1' or . = '1.5' or . = '2' or . = '2.5']/text()" \
  halves.svg 2>/dev/null | sort -n | uniq | tr '\n' ' ')
[ "$ticks" = "0.5 1 1.5 2 2.5 " ] || fail "the axis' ticks: $ticks"
fail_context="flow of one persona"
"$cjm" render -Wno-coverage -Wno-empty-stage -T svg --view flow --persona p halves.cjm -o flow_p.svg || fail "exit $?"
grep -q 'id="stage&#45;s"' flow_p.svg || fail "stage s is not drawn"
grep -q 'id="stage&#45;t"\|id="stage&#45;e"\|Empty stage' flow_p.svg && fail "a stage without p's steps is drawn"
"$cjm" render -Wno-coverage -Wno-empty-stage -T svg --view flow halves.cjm -o flow_all.svg || fail "exit $?"
grep -q 'id="stage&#45;e.empty"' flow_all.svg || fail "the flow of all lacks the stage without steps"

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
fail_context="--stages of one stage"
"$cjm" render -T svg --stages t wide.cjm -o t.svg || fail "exit $?"
grep -q 'id="a_step&#45;c"' t.svg || fail "stage t's step c is not drawn"
grep -q 'id="a_step&#45;a"' t.svg && fail "stage s's step a is drawn"
fail_context="--stages of no such stage"
"$cjm" render -T svg --stages tt wide.cjm -o never.svg 2>err
[ $? = 2 ] || fail "not a usage error"
grep -q "^cjm render: --stages: wide.cjm has no stage 'tt'$" err || fail "$(cat err)"
grep -q "^wide.cjm:9:7: note: did you mean 't'?$" err || fail "no note at stage t: $(cat err)"
"$cjm" render -Wno-unused -T svg --stages x nostage.cjm -o never.svg 2>err
[ $? = 2 ] || fail "no stage at all: not a usage error"
grep -q "^cjm render: --stages: nostage.cjm has no stage 'x'$" err || fail "$(cat err)"
grep -q 'did you mean' err && fail "a note where there is no stage: $(cat err)"
[ -e never.svg ] && fail "written"
fail_context="--split: page names, a missing directory"
mkdir split
"$cjm" render -T svg --split 1 wide.cjm -o split/noext || fail "exit $?"
[ "$(ls split | tr '\n' ' ')" = "noext-1 noext-2 noext-3 " ] || fail "pages of a name without extension: $(ls split)"
"$cjm" render -T svg --split 1 wide.cjm -o missing/x.svg 2>err
[ $? = 2 ] || fail "a missing directory: not status 2"
grep -q "^cjm render: cannot write missing/x-1.svg: no such directory$" err || fail "$(cat err)"
finish "odd journeys"
