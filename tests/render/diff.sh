#!/bin/sh
# diff.sh CJM GOLDEN-DIFF-DIR — the pictures of `cjm diff -T svg|png|pdf|dot`.
#
# With the pairs of GOLDEN-DIFF-DIR (tests/golden/diff): the SVG is
# well-formed and marks what changed by class, on the elements whose ids
# name the things (steps, stages, personas, rows, cells, feels), with the
# key to the marks; user text in removed and added things shows as written
# and injects nothing (SVG and the DOT read back by `dot`); PNG and PDF
# have their signatures; exit statuses as diff(1) (0 identical, 1
# different, 2 trouble) and -o, which replaces a file only when the
# picture is complete.
set -eu
cjm=$1
pairs=$2
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-diff-render
# Runs cjm diff, expecting exit status $1.
run() {
  want=$1
  shift
  status=0
  "$cjm" diff "$@" 2>"$tmp/err" || status=$?
  [ "$status" = "$want" ] || fail "cjm diff $*: exit $status, not $want: $(cat "$tmp/err")"
}
# The class of the element with id $1 in SVG $2.
class_of() { xmllint --xpath "string(//*[@id='$1']/@class)" "$2"; }
# Expects the element with id $2 in SVG $1 to have the class $3 ("node" aside).
has_class() {
  got=$(class_of "$2" "$1")
  [ "$got" = "node $3" ] || fail "$1: #$2 has class '$got', not 'node $3'"
}
# has_classes SVG: has_class for each line "ID CLASS..." of standard input.
has_classes() {
  while read -r id classes; do has_class "$1" "$id" "$classes"; done
}

# ---- a realistic diff: what the b2b review changed ---------------------------
b2b=$pairs/b2b_review
svg=$tmp/b2b.svg
run 1 -T svg -o "$svg" "$b2b/old.cjm" "$b2b/new.cjm"
xmllint --noout "$svg" || fail "b2b: the SVG is not well-formed"
title=$(xmllint --xpath "string(/*[local-name()='svg']/*[local-name()='title'])" "$svg")
[ "$title" = "Introducing Nagare at a mid-size company" ] || fail "b2b: <title> is '$title'"
has_classes "$svg" <<'EOF'
step-security_docs                      step changed
step-asks_peers                         step changed
step-nurture_mail                       step removed
step-web_search                         step
cell-vendor.research.security_docs      cell added
cell-pain.research.security_docs        cell removed
feel-it_head.research.security_docs     feel changed
feel-was-it_head.research.security_docs feel earlier changed
cell-measure.research.download_guide    cell changed
EOF
for mark in added changed removed earlier; do
  [ "$(count "//*[@id='key-$mark']" "$svg")" = 1 ] || fail "b2b: no key to '$mark'"
done
# the removed step keeps its place: after the step it followed
x_of() { xmllint --xpath "string(//*[@id='$1']//*[local-name()='text'][1]/@x)" "$svg"; }
awk -v a="$(x_of step-download_guide)" -v b="$(x_of step-nurture_mail)" -v c="$(x_of step-logistics_webinar)" \
  'BEGIN { exit !(a < b && b < c) }' || fail "b2b: the removed step is not between the steps around it"
tip=$(xmllint --xpath "string(//*[@id='step-nurture_mail']//*[local-name()='a']/@*[local-name()='title'])" "$svg")
case $tip in
"Receives the nurture emails"*"- step nurture_mail"*) ;;
*) fail "b2b: the removed step's tooltip is '$tip'" ;;
esac
names=$(node_names "$svg")
[ "$names" = 0 ] || fail "b2b: $names node names drawn as text"
# struck through: the removed step's label
struck=$(count "//*[@id='step-nurture_mail']//*[local-name()='text'][@text-decoration='line-through']" "$svg")
[ "$struck" -ge 1 ] || fail "b2b: the removed step is not struck through"

run 1 -T png -o "$tmp/b2b.png" "$b2b/old.cjm" "$b2b/new.cjm"
[ "$(head -c 8 "$tmp/b2b.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "b2b: not a PNG"
run 1 -T pdf -o "$tmp/b2b.pdf" "$b2b/old.cjm" "$b2b/new.cjm"
[ "$(head -c 5 "$tmp/b2b.pdf")" = "%PDF-" ] || fail "b2b: not a PDF"
run 1 --persona it_head -T svg -o "$tmp/it.svg" "$b2b/old.cjm" "$b2b/new.cjm"
has_class "$tmp/it.svg" step-security_docs "step changed"
[ "$(count "//*[@id='persona-ga_head']" "$tmp/it.svg")" = 0 ] || fail "--persona: another persona's card shows"

# ---- every kind of mark ---------------------------------------------------------
map=$pairs/map
svg=$tmp/map.svg
run 1 -o "$svg" "$map/old.cjm" "$map/new.cjm" # the format follows the extension
xmllint --noout "$svg" || fail "map: the SVG is not well-formed"
has_classes "$svg" <<'EOF'
persona-kai                persona added
persona-mia                persona changed
persona-ann                persona removed
persona-leo                persona
stage-eat                  stage added
stage-wait                 stage removed
step-compare               step added
step-call                  step removed
step-track                 step removed
step-browse                step changed added removed
row-kitchen                row changed
row-support                row added
row-courier                row removed
cell-courier.pay.checkout  cell removed
cell-via.choose.browse     cell added
feel-was-leo.choose.browse feel earlier removed
feel-kai.choose.browse     feel added
header-title               header changed
header-goal                header changed
status                     changed
EOF
[ "$(count "//*[@id='measure-cvr'][contains(@class, 'removed')]" "$svg")" = 1 ] || fail "map: no removed journey measure"

# ---- user text in removed and added things ----------------------------------------
hostile=$pairs/hostile
run 1 -T dot -o "$tmp/hostile.dot" "$hostile/old.cjm" "$hostile/new.cjm"
[ ! -s "$tmp/err" ] || fail "hostile: -T dot printed: $(cat "$tmp/err")"
dot -Tsvg "$tmp/hostile.dot" -o "$tmp/redot.svg" 2>"$tmp/err" || fail "hostile: dot cannot read cjm's DOT"
[ ! -s "$tmp/err" ] || fail "hostile: dot complained about cjm's DOT: $(cat "$tmp/err")"
[ "$(count "//*[local-name()='title'][.='x' or .='y' or .='evil' or .='pwned']" "$tmp/redot.svg")" = 0 ] ||
  fail "hostile: a label injected a node into the DOT"
svg=$tmp/hostile.svg
run 1 -T svg -o "$svg" "$hostile/old.cjm" "$hostile/new.cjm"
xmllint --noout "$svg" || fail "hostile: the SVG is not well-formed"
[ "$(count "//*[local-name()='script']" "$svg")" = 0 ] || fail "hostile: a <script> element got through"
[ "$(count "//@*[starts-with(local-name(), 'on')]" "$svg")" = 0 ] || fail "hostile: an event attribute got through"
[ "$(count "//*[local-name()='img' or local-name()='b' or local-name()='i' or local-name()='u' or local-name()='S']" "$svg")" = 0 ] ||
  fail "hostile: markup from a label became an element"
# struck-through text shows exactly what was written: on one line, or
# wrapped at its last space (a stage heading is one column wide)
struck_lines() {
  case $1 in
  *'"'*) count "//*[local-name()='text'][@text-decoration='line-through'][. = '$1']" "$svg" ;;
  *) count "//*[local-name()='text'][@text-decoration='line-through'][. = \"$1\"]" "$svg" ;;
  esac
}
for text in '"]; x [label=" & \N \G \l' '<TABLE> ]]> --> \E' '<S>struck</S> & \G' ']]> <!-- \l -->'; do
  n=$(struck_lines "$text")
  if [ "$n" -lt 1 ]; then
    head=${text% *} tail=${text##* }
    [ "$(struck_lines "$head")" -ge 1 ] && [ "$(struck_lines "$tail")" -ge 1 ] && n=1
  fi
  [ "$n" -ge 1 ] || fail "hostile: no struck-through text shows '$text'"
done
for text in '&amp; &lt; \\ \\N </S>' '</FONT>'; do
  n=$(count "//*[local-name()='text'][not(@text-decoration)][. = \"$text\"]" "$svg")
  [ "$n" -ge 1 ] || fail "hostile: no text shows '$text'"
done
tip=$(xmllint --xpath "string(//*[@id='stage-s2']//*[local-name()='a']/@*[local-name()='title'])" "$svg")
[ "$tip" = '- stage s2 "<S>struck</S> & \\G"' ] || fail "hostile: the removed stage's tooltip is '$tip'"
tip=$(xmllint --xpath "string(//*[@id='step-a3']//*[local-name()='a']/@*[local-name()='title'])" "$svg")
[ "$tip" = ']]> <!-- \l -->
by: <img src=x onerror=alert(1)>
feel: +1 ok

- step a3 "]]> <!-- \\l -->"' ] || fail "hostile: the removed step's tooltip is '$tip'"
run 1 -T png -o "$tmp/hostile.png" "$hostile/old.cjm" "$hostile/new.cjm"

# ---- exit statuses and -o -----------------------------------------------------------
same=$pairs/reformatted
run 0 -T svg -o "$tmp/same.svg" "$same/old.cjm" "$same/new.cjm"
[ "$(count "//*[local-name()='text'][starts-with(., 'No change in meaning since')]" "$tmp/same.svg")" = 1 ] ||
  fail "identical: the picture does not say there is no change"
[ "$(count "//*[contains(@class, 'added') or contains(@class, 'changed') or contains(@class, 'removed')]" \
  "$tmp/same.svg")" = 0 ] || fail "identical: something is marked"

out=$tmp/keep.png
echo "previous picture" >"$out"
mkdir "$tmp/no-plugins"
status=0
GVBINDIR=$tmp/no-plugins "$cjm" diff -T png -o "$out" "$b2b/old.cjm" "$b2b/new.cjm" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "missing plugin: exit $status, not 2"
grep -q "cannot write 'png'" "$tmp/err" || fail "missing plugin: $(cat "$tmp/err")"
[ "$(cat "$out")" = "previous picture" ] || fail "a failed picture changed the existing file"
[ -z "$(find "$tmp" -name '*.cjm-*')" ] || fail "a temporary file was left behind"
run 2 -T svg -o "$out" "$b2b/old.cjm" "$tmp/missing.cjm"
run 2 -T svg -o "$out" --persona nobody "$b2b/old.cjm" "$b2b/new.cjm"
run 2 -T svg -o "$out" --persona ann "$map/old.cjm" "$map/new.cjm" # only the old journey has her
grep -q "has no persona 'ann'" "$tmp/err" || fail "--persona of the old journey only: $(cat "$tmp/err")"
run 2 -T svg -o "$out" "$b2b/old.cjm" /dev/null
run 2 -T gif -o "$out" "$b2b/old.cjm" "$b2b/new.cjm"
grep -q "formats: text, md, json, svg, png, pdf, dot" "$tmp/err" || fail "unknown format: $(cat "$tmp/err")"
[ "$(cat "$out")" = "previous picture" ] || fail "a failed diff changed the existing file"
run 1 -T svg -o "$tmp/from-nothing.svg" /dev/null "$map/new.cjm"
has_class "$tmp/from-nothing.svg" step-browse "step added"
run 1 -o "$tmp/diff.txt" "$map/old.cjm" "$map/new.cjm"
head -n 1 "$tmp/diff.txt" | grep -q '^~ journey "Ordering lunch online"$' || fail "-o FILE: $(head -n 1 "$tmp/diff.txt")"
