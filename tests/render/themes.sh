#!/bin/sh
# themes.sh CJM EXAMPLES GOLDEN-DIR — themes, parts and pages of pictures.
#
# - text contrast as drawn: every text of the SVG of each theme against the
#   shape it sits on (svg_contrast.py), at 4.5:1: the smartphone map in
#   all three themes; the flagship's map and flow (--detail, four
#   personas) in the dark and print themes;
# - the print theme's persona curves in the SVG: no two of the first three
#   personas share a dash;
# - --split: the pages' graphs (-T dot) against GOLDEN-DIR/dx_b2b.split-12-N.map.dot
#   (UPDATE=1 rewrites them), PNG pages numbered, each a PNG;
# - --scale: a PNG twice as many pixels each way at --scale 2;
# - --transparent: a PNG with an alpha channel and a transparent corner (an
#   opaque one without), an SVG without the page's background polygon;
# - the usage errors, word for word, and exit status 2.
set -eu
cjm=$1
examples=$2
golden=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-themes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# ---- contrast as drawn
for theme in light dark print; do
  "$cjm" render "$examples/smartphone.cjm" --theme "$theme" -o "$tmp/s.svg"
  python3 "$here/svg_contrast.py" "$tmp/s.svg" >"$tmp/c" || fail "smartphone map, $theme: $(cat "$tmp/c")"
done
for theme in dark print; do
  for view in map flow; do
    "$cjm" render "$examples/dx_b2b.cjm" --theme "$theme" --view "$view" --detail -o "$tmp/d.svg"
    python3 "$here/svg_contrast.py" "$tmp/d.svg" >"$tmp/c" || fail "dx_b2b $view, $theme: $(head -5 "$tmp/c")"
  done
done

# ---- print: dashes tell the first three persona curves apart
"$cjm" render "$examples/dx_b2b.cjm" --theme print -o "$tmp/p.svg"
dashes=$(grep -c 'class="edge curve"' "$tmp/p.svg" || true)
[ "$dashes" -gt 0 ] || fail "print: no curve in the SVG"
styles=$(python3 - "$tmp/p.svg" <<'PY'
import re, sys
svg = open(sys.argv[1]).read()
seen = {}
for m in re.finditer(r'<g id="[^"]*" class="edge curve">.*?<path ([^>]*)>', svg, re.S):
    attrs = m.group(1)
    stroke = re.search(r'stroke="([^"]*)"', attrs).group(1)
    dash = re.search(r'stroke-dasharray="([^"]*)"', attrs)
    seen.setdefault(stroke, dash.group(1) if dash else "solid")
print(" ".join(sorted(set(list(seen.values())[:3]))))
PY
)
[ "$(echo "$styles" | wc -w)" = 3 ] || fail "print: the first three curves' dashes are '$styles', not three different ones"

# ---- --split: pages of 12 steps
"$cjm" render "$examples/dx_b2b.cjm" --split 12 -T dot -o "$tmp/split.dot"
pages=$(ls "$tmp"/split-*.dot | wc -l)
[ "$pages" = 4 ] || fail "--split 12: $pages pages, not 4"
[ ! -e "$tmp/split.dot" ] || fail "--split wrote OUT itself"
for n in 1 2 3 4; do
  want="$golden/dx_b2b.split-12-$n.map.dot"
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/split-$n.dot" "$want"
    echo "updated $want"
  elif ! cmp -s "$tmp/split-$n.dot" "$want"; then
    fail "--split 12: page $n differs from $want (UPDATE=1 regenerates it)"
    diff -u "$want" "$tmp/split-$n.dot" | head -20 >&2 || true
  fi
done
"$cjm" render "$examples/dx_b2b.cjm" --split 12 --view flow -o "$tmp/flow.png"
for n in 1 2 3 4; do
  [ "$(head -c 4 "$tmp/flow-$n.png" | od -An -c | tr -d ' ')" = '211PNG' ] || fail "--split: flow-$n.png is no PNG"
done
[ ! -e "$tmp/flow-5.png" ] || fail "--split: a fifth page"

# ---- --scale and --transparent, read from the PNG itself
png_info() { # WIDTH HEIGHT COLOUR-TYPE ALPHA-OF-THE-TOP-LEFT-PIXEL (255 without alpha)
  python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
width, height, depth, ctype = struct.unpack(">IIBB", data[16:26])
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
row = zlib.decompressobj().decompress(idat, 64)
# the first pixel of the first row is its raw value whatever the filter
alpha = row[4] if ctype == 6 else 255
print(width, height, ctype, alpha)
PY
}
"$cjm" render "$examples/smartphone.cjm" -o "$tmp/one.png"
"$cjm" render "$examples/smartphone.cjm" --scale 2 -o "$tmp/two.png"
set -- $(png_info "$tmp/one.png")
w1=$1 h1=$2 a1=$4
set -- $(png_info "$tmp/two.png")
w2=$1 h2=$2
[ $((w2 - 2 * w1)) -ge -2 ] && [ $((w2 - 2 * w1)) -le 2 ] || fail "--scale 2: $w2 pixels wide, not twice $w1"
[ $((h2 - 2 * h1)) -ge -2 ] && [ $((h2 - 2 * h1)) -le 2 ] || fail "--scale 2: $h2 pixels high, not twice $h1"
[ "$a1" = 255 ] || fail "a PNG without --transparent has a see-through corner (alpha $a1)"
"$cjm" render "$examples/smartphone.cjm" --transparent -o "$tmp/clear.png"
set -- $(png_info "$tmp/clear.png")
[ "$3" = 6 ] || fail "--transparent: PNG colour type $3, not 6 (RGBA)"
[ "$4" = 0 ] || fail "--transparent: the top left pixel's alpha is $4, not 0"
"$cjm" render "$examples/smartphone.cjm" --background none --theme dark -o "$tmp/clear.svg"
"$cjm" render "$examples/smartphone.cjm" --theme dark -o "$tmp/dark.svg"
grep -q '<polygon fill="#0f172a" stroke="transparent"' "$tmp/dark.svg" || fail "dark: no background polygon"
! grep -q 'stroke="transparent" points="-4,4' "$tmp/clear.svg" || fail "--background none: a background polygon"

# ---- usage errors, word for word
expect_usage() { # EXPECTED-STDERR ARGS...
  expected=$1
  shift
  status=0
  "$cjm" render "$@" 2>"$tmp/err" >/dev/null || status=$?
  [ "$status" = 2 ] || fail "render $*: exit $status, not 2"
  printf '%s\n' "$expected" >"$tmp/want"
  cmp -s "$tmp/err" "$tmp/want" || fail "render $*: said
$(cat "$tmp/err")
not
$expected"
}
s="$examples/smartphone.cjm"
d="$examples/dx_b2b.cjm"
expect_usage "cjm render: --theme takes light, dark or print, not 'sepia'
see 'cjm help render'" "$s" --theme sepia -o "$tmp/x.svg"
expect_usage "cjm render: --scale multiplies a PNG's resolution; -T svg has none (it is a vector format)
see 'cjm help render'" "$s" --scale 2 -o "$tmp/x.svg"
expect_usage "cjm render: --scale takes a number from 0.25 to 10 (2: twice the pixels each way), not '0.1'
see 'cjm help render'" "$s" --scale 0.1 -o "$tmp/x.png"
expect_usage "cjm render: --transparent is for svg and png (and dot), not pdf
see 'cjm help render'" "$s" --transparent -o "$tmp/x.pdf"
expect_usage "cjm render: --background takes none (as --transparent), not 'red'
see 'cjm help render'" "$s" --background red -o "$tmp/x.svg"
expect_usage "cjm render: --theme is for pictures (-T svg, png, pdf or dot), not -T md
see 'cjm help render'" "$s" --theme dark -T md
expect_usage "cjm render: --split takes a number of steps per page from 1 to 100000, not '0'
see 'cjm help render'" "$s" --split 0 -o "$tmp/x.svg"
expect_usage "cjm render: --split writes OUT-1.svg, OUT-2.svg...: it needs -o OUT
see 'cjm help render'" "$s" --split 3 -T svg
expect_usage "cjm render: --stages takes FIRST..LAST or one ID (stage identifiers), not 'a..'
see 'cjm help render'" "$s" --stages a.. -o "$tmp/x.svg"
expect_usage "cjm render: --stages: $d has no stage 'resarch'
$d:130:7: note: did you mean 'research'?
see 'cjm help render'" "$d" --stages resarch..approve -o "$tmp/x.svg"
expect_usage "cjm render: --stages: $d has no stage 'zzz'
see 'cjm help render'" "$d" --stages research..zzz -o "$tmp/x.svg"
expect_usage "cjm render: --stages approve..research: stage 'approve' comes after 'research' in $d; write research..approve
see 'cjm help render'" "$d" --stages approve..research -o "$tmp/x.svg"
[ ! -e "$tmp/x.svg" ] || fail "a usage error wrote its output"

[ "$failures" = 0 ] || exit 1
echo "themes.sh: all checks passed"
