#!/bin/sh
# edge_cases.sh CJM EDGE_CASES.cjm — the shapes of tests/render/edge_cases.cjm
# render cleanly (smoke.sh: every format, both views, with and without
# --detail) and each is drawn, not just survived:
#   map: a feel point for each of the four feels (the stage without
#   steps, the stage-level feel, the steps a and b), the emotion curve
#   joining them and the stage-level feel's level line; one element per
#   step; the cells of stage-level entries and of the declared lane used
#   once; the journey-level measure; the scale 1..5 on the axis; the long
#   unbroken label, cut to fit but whole in its tooltip;
#   flow: one element per step, and the loop back from c to a.
# The graphs before layout are pinned byte for byte by the golden tests
# render/golden/edge_cases.{map,flow}.
set -eu
cjm=$1
file=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
"$(dirname "$0")/smoke.sh" "$cjm" "$file"
make_tmpdir cjm-edge-cases
fail_context=$file

# has SVG ID: exactly one element with this id
has() {
  n=$(count "//*[@id='$2']" "$1")
  [ "$n" = 1 ] || fail "$n elements with id '$2', not 1"
}
# classed SVG CLASS MIN: at least MIN elements whose class names CLASS
classed() {
  n=$(count "//*[contains(concat(' ', @class, ' '), ' $2 ')]" "$1")
  [ "$n" -ge "$3" ] || fail "$n elements of class '$2', fewer than $3"
}

map=$tmp/map.svg
"$cjm" render "$file" -T svg -o "$map" 2>/dev/null || fail "map: svg failed"
for id in feel-journey.empty feel-journey.busy feel-journey.busy.a feel-journey.busy.b; do
  has "$map" "$id"
done
classed "$map" feel 4
classed "$map" curve 1
classed "$map" feel-level 1
for id in step-a step-b step-c step-d cell-pain.empty cell-opportunity.empty cell-note.busy \
  cell-thought.busy.a cell-extra.busy.b cell-measure.busy.b cell-pain.last.d measure-nps; do
  has "$map" "$id"
done
for label in 1 5 'Emotion curve' 'Supercalifragilisticexpial'; do
  n=$(count "//*[local-name()='text'][contains(., '$label')]" "$map")
  [ "$n" -ge 1 ] || fail "map: no text shows '$label'"
done
long=$(sed -n 's/^  step b "\(.*\)"$/\1/p' "$file")
tip=$(xmllint --xpath "string(//*[@id='step-b']//*[local-name()='a']/@*[local-name()='title'])" "$map")
case $tip in
"$long"*) ;;
*) fail "map: the long label is not whole in step b's tooltip: '$tip'" ;;
esac

flow=$tmp/flow.svg
"$cjm" render "$file" --view flow -T svg -o "$flow" 2>/dev/null || fail "flow: svg failed"
for id in step-a step-b step-c step-d; do
  has "$flow" "$id"
done
"$cjm" render "$file" --view flow -T dot -o "$tmp/flow.dot" 2>/dev/null || fail "flow: dot failed"
# the edge of `next a`: from the node whose id is step-c to the one of step-a
node_of() { awk -v id="step-$1" '/^\t+n[0-9]+\t\[/ { n = $1; sub(/^\t+/, "", n) } index($0, "id=\"" id "\"") { print n; exit }' "$tmp/flow.dot"; }
c=$(node_of c)
a=$(node_of a)
[ -n "$c" ] && [ -n "$a" ] || fail "flow: steps c and a not found in the graph"
# drawn as a -> c against the direction (dir=back), in the class "loop"
grep -Eq "^[[:space:]]*($a -> $c|$c -> $a)[[:space:]]+\[class=\"[^\"]*loop" "$tmp/flow.dot" ||
  fail "flow: no loop edge between c ($c) and a ($a)"
echo "edge cases: all checks passed"
