#!/usr/bin/env bash
# Measures, through Graphviz, the glyph advances runtime/render/graphviz/text_wrap.c
# estimates text widths with, and writes them to runtime/render/graphviz/glyph_advance.tsv
# (the build turns that file into text_wrap's table).
#
#   scripts/measure_glyphs.sh                         # the code points the TSV lists
#   scripts/measure_glyphs.sh U+2026 U+0400-U+045F    # these code points instead
#   scripts/measure_glyphs.sh -o FILE [CODEPOINT...]  # write FILE, not the TSV
#
# Each character is set 20 times in one HTML-like label at 100 points,
# regular and bold (<B>), in the fonts CJM_GV_FONTS names
# (runtime/render/graphviz/style.h), and laid out by `dot -Txdot`; its advance is
# the width of the label's xdot `T` operation / 20, in thousandths of an
# em, rounded to the nearest (halves to even). Graphviz trims spaces at
# the ends of a label, so a space is measured between two letters ("x",
# 20 spaces, "x", less "xx").
# A backslash is doubled in the label, as escape.c doubles it, or Graphviz
# would read two of them as one.
#
# Run it again whenever CJM_GV_FONTS or the installed fonts change, on
# the setup the tests run on (scripts/deps.sh installs the fonts). Needs
# dot and awk; with fc-match, it also checks that every font named is
# installed, since fontconfig would silently measure another. The file is
# replaced only when every code point was measured. Exit status: 0, or 1
# on an error.
set -euo pipefail

usage() {
  sed -n '6,8s/^#   //p' "$0"
}
die() {
  echo "measure_glyphs.sh: $*" >&2
  exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/runtime/render/graphviz/glyph_advance.tsv
while getopts o:h opt; do
  case $opt in
  o) out=$OPTARG ;;
  h) usage && exit 0 ;;
  *) usage >&2 && exit 1 ;;
  esac
done
shift $((OPTIND - 1))

command -v dot >/dev/null 2>&1 || die "dot not found: install Graphviz (scripts/deps.sh)"

style=$root/runtime/render/graphviz/style.h
fonts=$(sed -n 's/^#define CJM_GV_FONTS "\(.*\)"$/\1/p' "$style")
[ -n "$fonts" ] || die "no '#define CJM_GV_FONTS \"...\"' in $style"

# Every named family must be installed: fc-match answers with a fallback
# for one that is not. Generic names (sans-serif) are fallbacks already.
if command -v fc-match >/dev/null 2>&1; then
  IFS=, read -r -a families <<<"$fonts"
  for family in "${families[@]}"; do
    case $family in sans-serif | serif | monospace) continue ;; esac
    found=$(fc-match -f '%{family}' "$family")
    case ",$found," in
    *",$family,"*) ;;
    *) die "font '$family' (CJM_GV_FONTS) is not installed: fontconfig gives '$found'" ;;
    esac
  done
fi

# The code points, one hex number a line, sorted: from the arguments
# (U+XXXX or U+XXXX-U+YYYY), or else from the TSV being regenerated.
if [ $# -gt 0 ]; then
  list=$(printf '%s\n' "$@")
  what="the arguments"
else
  [ -r "$out" ] || die "$out not found: name the code points to measure (U+XXXX or U+XXXX-U+YYYY)"
  list=$(awk -F'\t' '/^U\+/ { print $1 }' "$out")
  what=$out
fi
points=$(printf '%s\n' "$list" | LC_ALL=C awk '
  function hex(s,   v, i, d) {
    v = 0
    for (i = 1; i <= length(s); i++) {
      d = index("0123456789ABCDEF", toupper(substr(s, i, 1)))
      if (d == 0) return -1
      v = v * 16 + d - 1
    }
    return v
  }
  function bad(why) { printf "%s: %s\n", $0, why > "/dev/stderr"; failed = 1 }
  NF == 0 { next }
  {
    if ($0 !~ /^[Uu]\+[0-9A-Fa-f]+(-[Uu]\+[0-9A-Fa-f]+)?$/) { bad("not U+XXXX or U+XXXX-U+YYYY"); next }
    n = split($0, r, "-")
    first = hex(substr(r[1], 3)); last = n > 1 ? hex(substr(r[2], 3)) : first
    if (last < first) { bad("an empty range"); next }
    for (cp = first; cp <= last; cp++) {
      if (cp < 32 || (cp >= 127 && cp < 160)) { bad("a control character has no advance"); break }
      if ((cp >= 55296 && cp < 57344) || cp > 1114111 || cp % 65536 >= 65534) { bad("not a character"); break }
      printf "%08X %04X\n", cp, cp
    }
  }
  END { exit failed }' | sort -u | cut -d' ' -f2) ||
  die "bad code points in $what"
[ -n "$points" ] || die "no code points in $what"

work=$(mktemp -d)
tmp=
trap 'rm -rf "$work"; [ -z "$tmp" ] || rm -f "$tmp"' EXIT

# One graph: per code point a node rXXXX (regular) and bXXXX (bold), and
# the two letters that a space is measured between.
printf '%s\n' "$points" | LC_ALL=C awk -v fonts="$fonts" '
  function label(cp,   e, s, i, n) {
    if (cp == "0020") return "x" repeat("&#x20;", 20) "x"
    e = "&#x" cp ";"
    n = cp == "005C" ? 40 : 20
    for (i = 0; i < n; i++) s = s e
    return s
  }
  function repeat(s, n,   r) { while (n-- > 0) r = r s; return r }
  BEGIN {
    printf "digraph glyphs {\n  node [shape=plaintext fontsize=100 fontname=\"%s\"]\n", fonts
    print "  rxx [label=<xx>]\n  bxx [label=<<B>xx</B>>]"
  }
  {
    printf "  r%s [label=<%s>]\n", $1, label($1)
    printf "  b%s [label=<<B>%s</B>>]\n", $1, label($1)
  }
  END { print "}" }' >"$work/glyphs.gv"

dot -Txdot "$work/glyphs.gv" >"$work/glyphs.xdot" 2>"$work/dot.err" ||
  die "dot failed: $(cat "$work/dot.err")"
[ ! -s "$work/dot.err" ] || die "dot complained: $(cat "$work/dot.err")"

# The TSV: each node's T width (xdot continues long lines with a
# backslash), then per code point its advances and the character itself,
# in UTF-8. The comment lines are written here, so that running the script
# again on an unchanged setup reproduces the file byte for byte.
tmp=$(mktemp "$out.XXXXXX")
version=$(dot -V 2>&1)
printf '%s\n' "$points" | LC_ALL=C awk -v xdot="$work/glyphs.xdot" -v fonts="$fonts" -v version="$version" '
  function hex(s,   v, i) {
    v = 0
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
    return v
  }
  function utf8(cp) {
    if (cp < 128) return sprintf("%c", cp)
    if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
    if (cp < 65536) return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
    return sprintf("%c%c%c%c", 240 + int(cp / 262144), 128 + int(cp / 4096) % 64, 128 + int(cp / 64) % 64, 128 + cp % 64)
  }
  # Thousandths of an em of one character of a 20-character label at 100
  # points; halves round to even (C printf), as the first tables did.
  function advance(w) { return sprintf("%.0f", w * 1000 / (20 * 100)) }
  BEGIN {
    line = ""
    while ((getline part < xdot) > 0) {
      if (part ~ /\\$/) { line = line substr(part, 1, length(part) - 1); continue }
      line = line part
      if (match(line, /^\t[rb][0-9A-Fx]+\t\[/)) node = substr(line, 2, RLENGTH - 3)
      if (node != "" && match(line, /_ldraw_="[^"]* T -?[0-9.]+ -?[0-9.]+ -?[0-9]+ [0-9.]+ [0-9]+ -/)) {
        split(substr(line, RSTART, RLENGTH), f, " T ")
        split(f[2], t, " ")
        width[node] = t[4]
        node = ""
      }
      line = ""
    }
    print "# Glyph advances for runtime/render/graphviz/text_wrap.c, in thousandths of an em, regular and bold,"
    print "# as Graphviz sets the fonts CJM_GV_FONTS names: " fonts
    print "# Measured by scripts/measure_glyphs.sh with " version ", which rewrites this file;"
    print "# run it again whenever CJM_GV_FONTS or the fonts change. The build makes it a C table."
    print "codepoint\tregular\tbold\tchar"
  }
  {
    if (!(("r" $1) in width) || !(("b" $1) in width)) { printf "U+%s: dot drew no text\n", $1 > "/dev/stderr"; exit 1 }
    r = width["r" $1]; b = width["b" $1]
    if ($1 == "0020") { r -= width["rxx"]; b -= width["bxx"] }
    printf "U+%s\t%d\t%d\t%s\n", $1, advance(r), advance(b), utf8(hex($1))
  }' >"$tmp" || die "could not read the widths from dot's output"
mv -f "$tmp" "$out"
tmp=
echo "$out: $(grep -c '^U+' "$out") code points"
