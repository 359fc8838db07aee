#!/bin/sh
# fonts_lang.sh CJM — the font follows the journey's language: a PDF of a
# Japanese journey embeds Noto Sans CJK JP, of simplified Chinese SC, of
# traditional Chinese TC, of Korean KR, whether the language is detected
# from the text, declared with `lang`, or chosen with --lang; a Russian
# journey keeps DejaVu Sans (which has Cyrillic) and no CJK face.
set -eu
cjm=$1
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-fonts-lang
printf 'journey "無料トライアル"\nstage s "検討"\n  step a "トライアルに申し込む"\n    pain "コンテンツが少ない"\n' >"$tmp/ja.cjm"
printf 'journey "购买奶茶"\nstage s "选择"\n  step a "这个价格太贵"\n' >"$tmp/hans.cjm"
printf 'journey "購買奶茶"\nstage s "選擇"\n  step a "這個價格太貴"\n' >"$tmp/hant.cjm"
printf 'journey "고객 여정"\nstage s "검색"\n  step a "제품을 찾는다"\n' >"$tmp/ko.cjm"
printf 'journey "Покупка"\nstage s "Поиск"\n  step a "Ищет товар"\n' >"$tmp/ru.cjm"
printf 'journey "課題認識"\n  lang "ja"\nstage s "情報収集"\n  step a "比較検討"\n' >"$tmp/declared.cjm"

# fonts FILE [OPTION...]: the names of the fonts the PDF of FILE embeds.
fonts() {
  file=$1
  shift
  "$cjm" render "$file" -T pdf -o "$tmp/out.pdf" "$@"
  pdffonts "$tmp/out.pdf" | awk 'NR > 2 && $(NF-4) == "yes" { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u
}

# expect FILE FACE [OPTION...]: the PDF embeds FACE (a pattern) and no other CJK face.
expect() {
  file=$1
  face=$2
  shift 2
  list=$(fonts "$file" "$@")
  if ! printf '%s\n' "$list" | grep -Eq "^$face-(Regular|Bold)\$"; then
    echo "fonts_lang.sh: $(basename "$file") $* does not embed $face:" >&2
    printf '%s\n' "$list" >&2
    exit 1
  fi
  if printf '%s\n' "$list" | grep -v "^$face-" | grep -q NotoSansCJK; then
    echo "fonts_lang.sh: $(basename "$file") $* embeds another CJK face than $face:" >&2
    printf '%s\n' "$list" >&2
    exit 1
  fi
}

for view in map flow; do
  expect "$tmp/ja.cjm" NotoSansCJKjp --view "$view"
  expect "$tmp/hans.cjm" NotoSansCJKsc --view "$view"
  expect "$tmp/hant.cjm" NotoSansCJKtc --view "$view"
  expect "$tmp/ko.cjm" NotoSansCJKkr --view "$view"
done
expect "$tmp/declared.cjm" NotoSansCJKjp
expect "$tmp/hans.cjm" NotoSansCJKjp --lang ja
expect "$tmp/ja.cjm" NotoSansCJKtc --lang zh-Hant
list=$(fonts "$tmp/ru.cjm")
if ! printf '%s\n' "$list" | grep -q '^DejaVuSans$' || printf '%s\n' "$list" | grep -q NotoSansCJK; then
  echo "fonts_lang.sh: the Russian journey should embed DejaVu Sans alone:" >&2
  printf '%s\n' "$list" >&2
  exit 1
fi
