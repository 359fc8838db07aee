#!/bin/sh
# errors.sh CJM FILE — how `cjm render` fails with the Graphviz formats.
#
# A format that Graphviz cannot write (its plugins hidden with an empty
# GVBINDIR) is our own diagnostic [render] with exit 1, and -o leaves an
# existing file untouched; a format cjm does not know is a usage error
# listing the formats (exit 2); so is an unknown --persona. A render that
# succeeds replaces the file. The format follows -o's extension whatever its
# case, and an extension that names no format is a usage error (render and
# stats). A flow too tall for a bitmap is drawn at a lower resolution,
# silently; one so tall that it would be unreadable is an error [render].
# Nothing Graphviz or the libraries under it print reaches standard error
# raw: a Fontconfig error during the render is a diagnostic, exit 1.
set -eu
cjm=$1
file=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-render-errors

out=$tmp/map.png
echo "previous picture" >"$out"
mkdir "$tmp/no-plugins"
status=0
GVBINDIR=$tmp/no-plugins "$cjm" render "$file" -T png -o "$out" 2>"$tmp/err" || status=$?
[ "$status" = 1 ] || fail "missing plugin: exit $status, not 1"
grep -q "error: this Graphviz cannot write 'png' (no such device plugin) \[render\]" "$tmp/err" ||
  fail "missing plugin: $(cat "$tmp/err")"
[ "$(cat "$out")" = "previous picture" ] || fail "a failed render changed the existing file"
[ -z "$(find "$tmp" -name '*.cjm-*')" ] || fail "a temporary file was left behind"

status=0
"$cjm" render "$file" -T gif -o "$out" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "unknown format: exit $status, not 2"
grep -q "unknown format 'gif'; formats: svg, png, pdf, dot" "$tmp/err" || fail "unknown format: $(cat "$tmp/err")"
[ "$(cat "$out")" = "previous picture" ] || fail "a usage error changed the existing file"

status=0
"$cjm" render "$file" -T svg --persona nobody -o "$out" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "unknown persona: exit $status, not 2"

"$cjm" render "$file" -T png -o "$out" || fail "the render failed"
[ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' \n')" = 89504e47 ] || fail "the file was not replaced by the PNG"

# the format follows the file's extension when -T is not given
"$cjm" render "$file" --view flow -o "$tmp/flow.svg" || fail "render to .svg failed"
head -c 200 "$tmp/flow.svg" | grep -q '<?xml' || fail "-o x.svg did not write SVG"
"$cjm" render "$file" -o "$tmp/graph.gv" || fail "render to .gv failed"
head -n 1 "$tmp/graph.gv" | grep -q '^digraph' || fail "-o x.gv did not write DOT"

# the extension's case does not matter; an extension that names no format
# is a usage error, not an SVG under another name
"$cjm" render "$file" -o "$tmp/upper.PNG" || fail "render to .PNG failed"
[ "$(head -c 4 "$tmp/upper.PNG" | od -An -tx1 | tr -d ' \n')" = 89504e47 ] || fail "-o x.PNG did not write PNG"
status=0
"$cjm" render "$file" -o "$tmp/map.gif" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "-o x.gif: exit $status, not 2"
grep -q "unknown format 'gif'" "$tmp/err" || fail "-o x.gif: $(cat "$tmp/err")"
[ ! -e "$tmp/map.gif" ] || fail "-o x.gif wrote a file"
"$cjm" stats "$file" -o "$tmp/stats.JSON" || fail "stats to .JSON failed"
head -c 1 "$tmp/stats.JSON" | grep -q '{' || fail "stats -o x.JSON did not write JSON"
status=0
"$cjm" stats "$file" -o "$tmp/stats.gif" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "stats -o x.gif: exit $status, not 2"
grep -q "unknown format 'gif'; formats: text, md, json" "$tmp/err" || fail "stats -o x.gif: $(cat "$tmp/err")"

# a flow too tall for a bitmap is drawn at a lower resolution, with nothing
# from cairo on standard error (it would say "graph is too large"): the
# flow wraps into rows, so that a long journey is not wide, but a step with
# 600 pains hangs 600 notes under it with --detail (some 32,000 points)
tall=$tmp/tall.cjm
# tall_journey NOTES: a journey of one step with NOTES pains
tall_journey() {
  printf 'journey "Tall"\npersona p "P"\nstage s "S"\n  step a "A"\n    by p\n    feel 1\n'
  i=0
  while [ $i -lt "$1" ]; do
    printf '    pain "Pain %d"\n' $i
    i=$((i + 1))
  done
}
tall_journey 600 >"$tall"
"$cjm" render "$tall" --view flow --detail -o "$tmp/tall.png" 2>"$tmp/err" || fail "tall flow: exit $?"
[ ! -s "$tmp/err" ] || fail "tall flow: $(cat "$tmp/err")"
height=$(od -An -j20 -N4 -tu1 "$tmp/tall.png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
[ "$height" -le 32000 ] || fail "tall flow: $height pixels high"
[ "$height" -ge 24000 ] || fail "tall flow: only $height pixels high, not drawn at a lower resolution"

# so tall that the bitmap would be unreadable (2,200 notes, some 119,000
# points): an error, the file untouched
taller=$tmp/taller.cjm
tall_journey 2200 >"$taller"
echo "previous picture" >"$out"
status=0
"$cjm" render "$taller" --view flow --detail -o "$out" 2>"$tmp/err" || status=$?
[ "$status" = 1 ] || fail "taller flow: exit $status, not 1"
grep -q "error: the flow view is [0-9]* x [0-9]* points: as png it would be drawn at [0-9]* dpi .*render it as svg or pdf \[render\]" "$tmp/err" ||
  fail "taller flow: $(cat "$tmp/err")"
[ "$(cat "$out")" = "previous picture" ] || fail "taller flow: the existing file changed"

# what a library under Graphviz prints on standard error (here Fontconfig,
# reading a broken configuration as the render starts) is a diagnostic
printf '<fontconfig><broken\n' >"$tmp/fonts.conf"
status=0
FONTCONFIG_FILE=$tmp/fonts.conf "$cjm" render "$file" -T png -o "$out" 2>"$tmp/err" || status=$?
[ "$status" = 1 ] || fail "broken fontconfig: exit $status, not 1"
grep -q "error: Graphviz: Fontconfig error: .* \[render\]$" "$tmp/err" || fail "broken fontconfig: $(cat "$tmp/err")"
raw=$(grep -v ": error: .* \[render\]$" "$tmp/err" || true)
[ -z "$raw" ] || fail "broken fontconfig: printed raw: $raw"
[ "$(cat "$out")" = "previous picture" ] || fail "broken fontconfig: the existing file changed"
