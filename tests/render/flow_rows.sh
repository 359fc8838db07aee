#!/bin/sh
# flow_rows.sh CJM MIN MAX FILE [RENDER-ARGS...] — the flow view's rows in
# the picture.
#
# Renders FILE's flow view (with RENDER-ARGS, such as --detail or
# --persona ID) as the graph before layout (-T dot) and as SVG. The graph
# names the steps in written order and, when Graphviz's dot lays them out,
# says which steps make each row (the rank=same subgraphs row_0, row_1...);
# when cjm placed them (layout=nop2), a step starts a row when it is drawn
# below every step before it. The SVG says where each step is drawn (the
# box of the element with id step-ID). Checks that there are MIN to MAX
# rows, that every step of a row is drawn below every step of the row
# before, and that the steps of a row are drawn left to right in written
# order, none overlapping the next.
set -eu
cjm=$1
min=$2
max=$3
file=$4
shift 4
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-flow-rows
fail_context="$file${*:+ ($*)}"

"$cjm" render "$file" --view flow "$@" -T dot -o "$tmp/flow.dot" || fail "dot render failed"
"$cjm" render "$file" --view flow "$@" -T svg -o "$tmp/flow.svg" || fail "svg render failed"

# From the graph: "step ID ROW" in written order (cjm names nodes n1, n2...
# in the order it makes them, steps in written order), ROW -1 when cjm
# placed the steps. From the SVG: "box ID LEFT TOP RIGHT BOTTOM".
awk '
  /^\t+n[0-9]+\t\[/ { name = $1; sub(/^\t+/, "", name) }
  /id="step-/ && name != "" { s = $0; sub(/.*id="step-/, "", s); sub(/".*/, "", s); id[name] = s; name = "" }
  /^\tsubgraph row_[0-9]+ \{/ { row = $2; sub(/row_/, "", row); inrow = 1; next }
  inrow && /^\t}/ { inrow = 0 }
  inrow && /^\t\tn[0-9]+;$/ { n = $1; sub(/;/, "", n); rowof[n] = row }
  END { for (n in id) { k = n; sub(/^n/, "", k); print k, "step", id[n], (n in rowof) ? rowof[n] : -1 } }
' "$tmp/flow.dot" | sort -n | cut -d' ' -f2- >"$tmp/steps"
sed 's/&#45;/-/g' "$tmp/flow.svg" | awk '
  /<g id="step-[^"]*" class="node/ { s = $0; sub(/.*<g id="step-/, "", s); sub(/".*/, "", s); id = s; next }
  id != "" && /<path / {
    d = $0; sub(/.* d="/, "", d); sub(/".*/, "", d); gsub(/[MC]/, " ", d); gsub(/,/, " ", d)
    n = split(d, v, " "); l = t = 1e9; r = b = -1e9
    for (i = 1; i + 1 <= n; i += 2) {
      x = v[i] + 0; y = v[i + 1] + 0
      if (x < l) l = x; if (x > r) r = x; if (y < t) t = y; if (y > b) b = y
    }
    print "box", id, l, t, r, b; id = ""
  }
' >"$tmp/boxes"
[ -s "$tmp/steps" ] || fail "no step in the graph"
if grep -q 'layout=nop2' "$tmp/flow.dot"; then
  grep -q ' -1$' "$tmp/steps" || fail "cjm placed the flow, yet the graph has rows for dot"
elif grep -q ' -1$' "$tmp/steps"; then
  fail "a step in no row: $(grep ' -1$' "$tmp/steps" | head -n 3 | tr '\n' ' ')"
fi

awk -v min="$min" -v max="$max" '
  $1 == "box" { l[$2] = $3; t[$2] = $4; r[$2] = $5; b[$2] = $6; next }
  $1 == "step" { ids[++n] = $2; rows[n] = $3 }
  END {
    bad = 0; count = 0; row = -1; above = -1e9; lowest = -1e9; previd = ""
    for (i = 1; i <= n; i++) {
      id = ids[i]
      if (!(id in l)) { print "step-" id " is not drawn"; bad = 1; continue }
      # placed by cjm: a new row when drawn below everything before
      next_row = rows[i] >= 0 ? rows[i] : (previd == "" || t[id] > lowest) ? row + 1 : row
      if (next_row != row) {
        if (next_row != row + 1) { print "row " next_row " after row " row; bad = 1 }
        row = next_row; above = lowest; count++; previd = ""
      }
      if (t[id] <= above) { print "step-" id " of row " row " is not below row " row - 1; bad = 1 }
      if (previd != "" && l[id] < r[previd]) { print "step-" id " is not right of step-" previd " in row " row; bad = 1 }
      if (b[id] > lowest) lowest = b[id]
      previd = id
    }
    if (count < min || count > max) { print count " rows, not " min " to " max; bad = 1 }
    exit bad
  }
' "$tmp/boxes" "$tmp/steps" >"$tmp/report" || fail "$(cat "$tmp/report")"
