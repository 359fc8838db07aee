#!/bin/sh
# smoke.sh CJM FILE — FILE renders in every Graphviz format, in both views,
# with and without --detail, cleanly: exit 0, no diagnostic from the
# renderer ([render]; the checks' warnings are allowed), well-formed SVG,
# a graph `dot` reads back without a message.
set -eu
cjm=$1
file=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-smoke
fail_context=$file
for view in map flow; do
  for detail in "" --detail; do
    for format in dot svg png pdf; do
      out=$tmp/out.$format
      "$cjm" render "$file" --view "$view" $detail -T "$format" -o "$out" 2>"$tmp/err" ||
        fail "$view $detail $format: exit $?: $(cat "$tmp/err")"
      ! grep -q '\[render\]' "$tmp/err" || fail "$view $detail $format: $(cat "$tmp/err")"
      [ -s "$out" ] || fail "$view $detail $format: empty output"
    done
    xmllint --noout "$tmp/out.svg" || fail "$view $detail: the SVG is not well-formed"
    names=$(node_names "$tmp/out.svg")
    [ "$names" = 0 ] || fail "$view $detail: $names node names drawn as text"
    dot -Tsvg "$tmp/out.dot" -o /dev/null 2>"$tmp/err" || fail "$view $detail: dot cannot read the DOT"
    [ ! -s "$tmp/err" ] || fail "$view $detail: dot: $(cat "$tmp/err")"
  done
done
