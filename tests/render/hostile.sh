#!/bin/sh
# hostile.sh CJM HOSTILE.cjm — user text that tries to break out of every
# place the Graphviz renderers write it (DOT strings, HTML-like labels,
# SVG text and attributes) shows as written and injects nothing.
#
# For both views: the DOT cjm writes is read back by `dot` without a
# message and adds no node; the SVG is well-formed, has no <script>
# element and no event attribute, and its text holds the labels exactly,
# backslash sequences (\N \G \l) included; PNG and PDF render cleanly.
# Hover text is never a generated name: the SVG's only <title> elements
# are the document's and the graph's, both the journey's title exactly,
# entities in it included (`&amp;` shows as written, not as `&`), in both
# views and in `cjm diff -T svg`.
set -eu
cjm=$1
file=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-hostile

# titles SVG WANT CONTEXT: SVG has two <title> elements, the document's and
# the graph's, and both read WANT.
titles() {
  n=$(count "//*[local-name()='title']" "$1")
  [ "$n" = 2 ] || fail "$3: $n <title> elements, not 2 (the others are generated names, shown on hover)"
  got=$(xmllint --xpath "string((//*[local-name()='title'])[2])" "$1")
  [ "$got" = "$2" ] || fail "$3: the graph's <title> is '$got', not '$2'"
}

for view in map flow; do
  "$cjm" render "$file" --view "$view" --detail -T dot -o "$tmp/$view.dot" 2>"$tmp/err" ||
    fail "$view: -T dot failed: $(cat "$tmp/err")"
  [ ! -s "$tmp/err" ] || fail "$view: -T dot printed: $(cat "$tmp/err")"
  dot -Tsvg "$tmp/$view.dot" -o "$tmp/$view.redot.svg" 2>"$tmp/err" || fail "$view: dot cannot read cjm's DOT"
  [ ! -s "$tmp/err" ] || fail "$view: dot complained about cjm's DOT: $(cat "$tmp/err")"
  injected=$(count "//*[local-name()='title'][.='x' or .='evil' or .='pwned']" "$tmp/$view.redot.svg")
  [ "$injected" = 0 ] || fail "$view: a label injected a node into the DOT"

  svg=$tmp/$view.svg
  "$cjm" render "$file" --view "$view" --detail -T svg -o "$svg" 2>"$tmp/err" || fail "$view: svg failed: $(cat "$tmp/err")"
  xmllint --noout "$svg" || fail "$view: the SVG is not well-formed"
  [ "$(count "//*[local-name()='script']" "$svg")" = 0 ] || fail "$view: a <script> element got through"
  [ "$(count "//@*[starts-with(local-name(), 'on')]" "$svg")" = 0 ] || fail "$view: an event attribute got through"
  [ "$(count "//*[local-name()='img' or local-name()='b' or local-name()='i' or local-name()='u']" "$svg")" = 0 ] ||
    fail "$view: markup from a label became an element"

  title=$(xmllint --xpath "string(/*[local-name()='svg']/*[local-name()='title'])" "$svg")
  want='<script>alert(1)</script> "]; x [label="pwned"]; -- \N \G'
  [ "$title" = "$want" ] || fail "$view: <title> is '$title'"
  titles "$svg" "$want" "$view"
  desc=$(xmllint --xpath "string(/*[local-name()='svg']/*[local-name()='desc'])" "$svg")
  want="&amp; <b>bold</b> ' \\l \\n \\E \\T \\H \\L ]]> <!-- -->"
  [ "$desc" = "$want" ] || fail "$view: <desc> is '$desc'"

  # labels drawn as text, exactly, backslashes included
  for text in '"]; x [label=" & \N \G \l' '&amp; &lt; \\ \\N' '<script>alert("step")</script>'; do
    case $view:$text in flow:'<script>'*) text='<script>alert("step")' ;; esac
    case $text in
    *'"'*) n=$(count "//*[local-name()='text'][contains(., '$text')]" "$svg") ;;
    *) n=$(count "//*[local-name()='text'][contains(., \"$text\")]" "$svg") ;;
    esac
    [ "$n" -ge 1 ] || fail "$view: no text element shows '$text'"
  done
  tip=$(xmllint --xpath "string(//*[@id='step-a1']//*[local-name()='a']/@*[local-name()='title'])" "$svg")
  case $tip in
  '<script>alert("step")</script>'*'pain: "]; x [label=" & \N \G \l'*'opportunity: &amp; &lt; \\ \\N'*) ;;
  *) fail "$view: the step's tooltip is '$tip'" ;;
  esac

  if [ "$view" = flow ]; then
    label=$(xmllint --xpath "string(//*[@id='stage-s1']/*[local-name()='text'])" "$svg")
    [ "$label" = '"]; x [label="' ] || fail "flow: the stage's cluster label is '$label'"
  fi

  "$cjm" render "$file" --view "$view" --detail -T png -o "$tmp/$view.png" || fail "$view: png failed"
  "$cjm" render "$file" --view "$view" --detail -T pdf -o "$tmp/$view.pdf" || fail "$view: pdf failed"
done

# entities in the title are text: the graph's <title> escapes them too
amp=$tmp/amp.cjm
printf '%s\n' 'journey "Tom &amp; &#65; <b> n1"' 'persona p "P"' 'stage s "S"' \
  '  step a "A"' '    by p' '    feel 1' '    pain "slow"' '  step b "B"' '    by p' '    feel -1' >"$amp"
for view in map flow; do
  "$cjm" render "$amp" --view "$view" -T svg -o "$tmp/amp.$view.svg" || fail "amp $view: svg failed"
  xmllint --noout "$tmp/amp.$view.svg" || fail "amp $view: the SVG is not well-formed"
  titles "$tmp/amp.$view.svg" 'Tom &amp; &#65; <b> n1' "amp $view"
done
sed 's/"B"/"B2"/' "$amp" >"$tmp/amp2.cjm"
status=0
"$cjm" diff "$amp" "$tmp/amp2.cjm" -T svg -o "$tmp/amp.diff.svg" || status=$?
[ "$status" -le 1 ] || fail "amp diff: exit $status"
titles "$tmp/amp.diff.svg" 'Tom &amp; &#65; <b> n1' "amp diff"
