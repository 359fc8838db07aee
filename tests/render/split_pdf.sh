#!/bin/sh
# split_pdf.sh CJM EXAMPLES — `--split N -T pdf` writes ONE PDF with a page
# per part (docs/rendering.md):
# - the pages against the numbered SVGs of the same split (split_pdf.py):
#   their number, each page's size its part's, each part's text on its own
#   page (pdftotext), every font embedded (pdffonts); the map and the flow
#   of dx_b2b in English, the Chinese flow (Noto Sans CJK), the Japanese
#   map in the dark theme, and --stages with --split;
# - OUT itself is written, and no OUT-1.pdf; -o - writes the PDF to
#   standard output (one document needs no numbered names);
# - a split into one page is the same picture as the PDF of the whole
#   journey (the same page size);
# - a failed render leaves an existing OUT as it was, and no temporary file.
set -eu
cjm=$1
examples=$2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../lib.sh
. "$here/../lib.sh"
make_tmpdir cjm-split-pdf
keep_going

# check NAME FILE N ARGS...: FILE split into pages of N steps, as PDF and SVG
check() {
  name=$1 file=$2 n=$3
  shift 3
  rm -f "$tmp/$name"*
  "$cjm" render "$file" --split "$n" "$@" -o "$tmp/$name.pdf" || fail "$name: the PDF failed"
  "$cjm" render "$file" --split "$n" "$@" -o "$tmp/$name.svg" || fail "$name: the SVGs failed"
  [ ! -e "$tmp/$name-1.pdf" ] || fail "$name: a numbered PDF"
  # shellcheck disable=SC2046 # the SVGs in page order
  python3 "$here/split_pdf.py" "$tmp/$name.pdf" $(ls "$tmp/$name"-*.svg | sort -t- -k2 -n) || fail "$name: see above"
}
check map "$examples/dx_b2b.cjm" 12
check flow "$examples/dx_b2b.cjm" 12 --view flow --detail
check zh "$examples/tea_shop_zh.cjm" 3 --view flow --detail
check ja "$examples/saas_trial_ja.cjm" 4 --theme dark
check stages "$examples/dx_b2b.cjm" 5 --stages research..approve

# to standard output
"$cjm" render "$examples/dx_b2b.cjm" --split 12 -T pdf -o - >"$tmp/out.pdf" || fail "-o -: failed"
pages=$(pdfinfo "$tmp/out.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 4 ] || fail "-o -: $pages pages, not 4"

# one page: the whole journey's PDF
"$cjm" render "$examples/smartphone.cjm" --split 100000 -o "$tmp/one.pdf"
"$cjm" render "$examples/smartphone.cjm" -o "$tmp/whole.pdf"
size_of() { pdfinfo "$1" | sed -n 's/^Page size: *//p'; }
[ "$(size_of "$tmp/one.pdf")" = "$(size_of "$tmp/whole.pdf")" ] ||
  fail "one page: $(size_of "$tmp/one.pdf"), the whole journey's PDF $(size_of "$tmp/whole.pdf")"
[ "$(pdftotext "$tmp/one.pdf" -)" = "$(pdftotext "$tmp/whole.pdf" -)" ] || fail "one page: not the whole journey's text"

# a failed render keeps OUT, and leaves no temporary file: Graphviz
# reporting a problem (a broken Fontconfig configuration) fails the document
echo keep >"$tmp/kept.pdf"
printf '<fontconfig><broken\n' >"$tmp/fonts.conf"
status=0
FONTCONFIG_FILE=$tmp/fonts.conf "$cjm" render "$examples/dx_b2b.cjm" --split 12 -o "$tmp/kept.pdf" 2>"$tmp/err" ||
  status=$?
[ "$status" = 1 ] || fail "broken fontconfig: exit $status, not 1"
grep -q "error: Graphviz: Fontconfig error: .* \[render\]$" "$tmp/err" || fail "broken fontconfig: $(cat "$tmp/err")"
[ "$(cat "$tmp/kept.pdf")" = keep ] || fail "a failed split PDF replaced OUT"
[ -z "$(find "$tmp" -name '*.cjm-*')" ] || fail "a temporary file was left behind"
[ ! -e "$tmp/kept-1.pdf" ] || fail "a failed split PDF wrote a numbered page"

finish split_pdf.sh
