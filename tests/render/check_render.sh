#!/bin/sh
# check_render.sh CJM FILE VIEW — structural checks of a rendered journey.
#
# SVG: well-formed XML (xmllint); its first <title> is the journey's title
# and its <desc> the goal; the graph's <title> is the journey's title too,
# and there is no other (Graphviz gives every node, edge and cluster one
# holding its generated name, which browsers would show on hover); exactly
# one element per step, with the id "step-ID" derived from the step's
# identifier, whose tooltip starts with the step's label. PNG and PDF: the
# files start with their signatures. Step identifiers and labels are read
# from FILE with sed, so FILE must write `step ID "Label"` on one line, as
# the examples do.
set -eu
cjm=$1
file=$2
view=$3
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-check-render
fail_context="$file ($view)"

svg=$tmp/out.svg
"$cjm" render "$file" --view "$view" -T svg -o "$svg" || fail "svg render failed"
xmllint --noout "$svg" || fail "the SVG is not well-formed XML"
names=$(node_names "$svg")
[ "$names" = 0 ] || fail "$names node names drawn as text"

title=$(sed -n 's/^journey[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' "$file" | head -n 1)
got=$(xmllint --xpath "string(/*[local-name()='svg']/*[local-name()='title'])" "$svg")
[ "$got" = "$title" ] || fail "<title> is '$got', not '$title'"
n=$(count "//*[local-name()='title']" "$svg")
[ "$n" = 2 ] || fail "$n <title> elements, not 2: $(grep -m 3 '<title>' "$svg" | tr '\n' ' ')"
got=$(xmllint --xpath "string((//*[local-name()='title'])[2])" "$svg")
[ "$got" = "$title" ] || fail "the graph's <title> is '$got', not '$title'"
goal=$(sed -n 's/^[[:space:]]*goal[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' "$file" | head -n 1)
if [ -n "$goal" ]; then
  got=$(xmllint --xpath "string(/*[local-name()='svg']/*[local-name()='desc'])" "$svg")
  [ "$got" = "$goal" ] || fail "<desc> is '$got', not '$goal'"
fi

steps=0
sed -n 's/^[[:space:]]*step[[:space:]]\{1,\}\([^[:space:]"]\{1,\}\)[[:space:]]*\("\([^"]*\)"\)\{0,1\}.*$/\1	\3/p' "$file" >"$tmp/steps"
while IFS='	' read -r id label; do
  steps=$((steps + 1))
  [ -n "$label" ] || label=$id
  n=$(count "//*[@id='step-$id']" "$svg")
  [ "$n" = 1 ] || fail "$n elements with id step-$id, not 1"
  tip=$(xmllint --xpath "string(//*[@id='step-$id']//*[local-name()='a']/@*[local-name()='title'])" "$svg")
  case $tip in
  "$label"*) ;;
  *) fail "the tooltip of step-$id does not start with its label: '$tip'" ;;
  esac
done <"$tmp/steps"
[ "$steps" -gt 0 ] || fail "no step found in the journey"
all=$(count "//*[starts-with(@id, 'step-')]" "$svg")
[ "$all" = "$steps" ] || fail "$all elements with a step- id for $steps steps"

"$cjm" render "$file" --view "$view" -T png -o "$tmp/out.png" || fail "png render failed"
sig=$(head -c 8 "$tmp/out.png" | od -An -tx1 | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "not a PNG: $sig"
"$cjm" render "$file" --view "$view" -T pdf -o "$tmp/out.pdf" || fail "pdf render failed"
[ "$(head -c 5 "$tmp/out.pdf")" = "%PDF-" ] || fail "not a PDF"
tail -c 1024 "$tmp/out.pdf" | grep -q '%%EOF' || fail "the PDF has no end"
