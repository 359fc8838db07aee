#!/bin/sh
# flow_placed.sh CJM — a flow too large for dot, placed by cjm in rows.
#
# Writes a journey of 2,100 steps (above CJM_FLOW_DOT_MAX_STEPS) in 14
# stages of 150, each wider than a row, with a pain on every tenth step
# and `next` edges that skip a step, loop back within a row and go back
# 40 steps, to an earlier row; renders its flow with --detail. The graph
# is cjm's own layout (layout=nop2), its SVG well-formed with one element
# per step, and flow_rows.sh finds the steps in rows, in order.
set -eu
cjm=$1
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-flow-placed

file=$tmp/placed.cjm
{
  printf 'journey "Placed"\npersona p "P"\n'
  i=0
  while [ $i -lt 2100 ]; do
    [ $((i % 150)) = 0 ] && printf 'stage s%d "Stage %d"\n' $((i / 150)) $((i / 150))
    printf '  step x%d "Step %d"\n    by p\n    feel %d\n' $i $i $((i % 5 - 2))
    [ $((i % 10)) = 0 ] && printf '    pain "Pain %d"\n' $i
    if [ $((i % 50)) = 7 ] && [ $i -lt 2099 ]; then printf '    next x%d, x%d\n' $((i + 1)) $((i + 2)); fi
    if [ $((i % 50)) = 20 ]; then printf '    next x%d, x%d\n' $((i + 1)) $((i - 3)); fi
    if [ $((i % 150)) = 140 ]; then printf '    next x%d, x%d\n' $((i + 1)) $((i - 40)); fi
    i=$((i + 1))
  done
} >"$file"

"$cjm" render "$file" --view flow --detail -T dot -o "$tmp/flow.dot" || fail "dot render failed"
grep -q 'layout=nop2' "$tmp/flow.dot" || fail "the flow of 2,100 steps was not placed by cjm"
"$cjm" render "$file" --view flow --detail -T svg -o "$tmp/flow.svg" || fail "svg render failed"
xmllint --noout "$tmp/flow.svg" || fail "the SVG is not well-formed XML"
n=$(count "//*[starts-with(@id, 'step-')]" "$tmp/flow.svg")
[ "$n" = 2100 ] || fail "$n elements with a step- id for 2100 steps"
"$(dirname "$0")/flow_rows.sh" "$cjm" 100 250 "$file" --detail
