#!/bin/sh
# stdlib_labels.sh CJM SOURCE_DIR — the standard library's labels follow the
# journey's language. A journey that uses every module (b2b, b2c, aisas,
# blueprint) and every stage, channel and lane they declare, written in
# Japanese, simplified Chinese, traditional Chinese and Russian (each with
# its `lang`), shows every label in the language's words (the catalogue's
# msgstr in the context "standard library", po/LANG.po) and no English one,
# in `render -T text` and `-T md` and in the DOT of the map and the flow;
# a label the journey writes itself wins over the catalogue's; a label of
# a module that is not the standard library's stays as written, however
# English it is; --lang en, and an English journey, keep the English labels.
set -eu
cjm=$1
src=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-stdlib-labels
export CJM_STDLIB="$src/stdlib" LC_ALL=C.UTF-8

# The labels of the standard library, one a line, as po/make_pot.sh reads them.
sed -n 's/^[[:space:]]*\(stage\|channel\|lane\)[[:space:]][^"]*"\(.*\)"[[:space:]]*$/\2/p' "$src"/stdlib/*.cjm |
  sort -u >"$tmp/english"
[ "$(wc -l <"$tmp/english")" -ge 30 ] || fail "read only $(wc -l <"$tmp/english") labels of the standard library"

# translations LANG: the catalogue's words for the labels, one a line.
translations() {
  msgattrib --no-wrap --no-obsolete "$src/po/$1.po" |
    awk '/^msgctxt "standard library"$/ { c = 1; next }
         c && /^msgstr / { sub(/^msgstr "/, ""); sub(/"$/, ""); print; c = 0 }'
}

# A module of the map's own, beside it, with an English label.
printf 'channel kiosk "Website"\n' >"$tmp/own.cjm"

# journey FILE LANG TITLE PERSONA STEP RELABEL: a journey in LANG that uses
# every module and writes one entry in every lane of the standard library,
# through every channel; it relabels the stage research as RELABEL.
journey() {
  cat >"$1" <<CJM
use "b2b"
use "b2c"
use "aisas"
use "blueprint"
use "own"
journey "$3"
  lang "$2"
persona p "$4"
stage research "$6"
  step s1 "$5" by p via web, email, webinar, sales, tradeshow, phone, app, store, social, chat, kiosk
    feel -1
    content "$5"
    frontstage "$5"
    backstage "$5"
    support "$5"
    evidence "$5"
CJM
}
journey "$tmp/ja.cjm" ja "経費精算ツールの導入" "経理担当" "比較記事を読む" "情報を集める"
journey "$tmp/zh-Hans.cjm" zh-Hans "引入报销系统" "财务专员" "阅读对比文章" "搜集资料"
journey "$tmp/zh-Hant.cjm" zh-Hant "導入報銷系統" "財務專員" "閱讀比較文章" "蒐集資料"
journey "$tmp/ru.cjm" ru "Внедрение системы расходов" "Бухгалтер" "Читает обзор" "Ищет сведения"
journey "$tmp/en.cjm" en "Introducing an expense tool" "Accountant" "Reads a review" "Looks around"

# has WHAT OUTPUT WORD...: OUTPUT contains every WORD.
has() {
  what=$1 out=$2
  shift 2
  for w in "$@"; do
    printf '%s' "$out" | grep -qF -- "$w" || fail "$what lacks '$w'"
  done
}
# lacks WHAT OUTPUT WORD...: OUTPUT contains none of the WORDs, as words.
lacks() {
  what=$1 out=$2
  shift 2
  for w in "$@"; do
    if printf '%s' "$out" | grep -qwF -- "$w"; then fail "$what still says '$w'"; fi
  done
}

for lang in ja zh_Hans zh_Hant ru; do
  tag=$(printf '%s' "$lang" | tr _ -)
  f="$tmp/$tag.cjm"
  translations "$lang" >"$tmp/words"
  [ "$(wc -l <"$tmp/words")" -eq "$(wc -l <"$tmp/english")" ] || fail "po/$lang.po: not one word per label"
  # research is relabelled by the journey: its catalogue words must not show.
  research=$(awk -v lang="$lang" 'BEGIN {
      w["ja"] = "情報収集"; w["zh_Hans"] = "信息收集"; w["zh_Hant"] = "資訊蒐集"; w["ru"] = "Сбор информации"
      print w[lang] }')
  grep -vxF "$research" "$tmp/words" >"$tmp/shown"
  set --
  while IFS= read -r w; do set -- "$@" "$w"; done <"$tmp/shown"
  relabel=$(sed -n 's/^stage research "\(.*\)"$/\1/p' "$f")
  text=$("$cjm" render "$f" -T text --width 400)
  md=$("$cjm" render "$f" -T md)
  map=$("$cjm" render "$f" -T dot)
  flow=$("$cjm" render "$f" -T dot --view flow)
  # the text grid and the map wrap long labels: the first four characters
  # of a label, up to its first space, are on its first line
  for w in "$@" "$relabel" Website; do
    start=$(printf '%s' "$w" | sed 's/ .*//; s/^\(....\).*/\1/')
    has "$tag text" "$text" "$start"
    has "$tag map" "$map" "$start"
  done
  has "$tag md" "$md" "$@" "$relabel" "Website"
  # the flow shows stages and steps (its channels and lanes are in the tooltips of the map)
  has "$tag flow" "$flow" "$relabel"
  # the own module's channel is labelled Website: that one stays
  while IFS= read -r english; do
    [ "$english" = Website ] && continue
    lacks "$tag text" "$text" "$english"
    lacks "$tag md" "$md" "$english"
    lacks "$tag map" "$map" "$english"
  done <"$tmp/english"
  lacks "$tag" "$text$md$map$flow" "$research"
  # --lang en: the English labels again
  has "$tag --lang en" "$("$cjm" render "$f" -T text --lang en)" "Problem recognition" "Awareness" "Attention"
done

# An English journey keeps the English labels.
en=$("$cjm" render "$tmp/en.cjm" -T md)
has "en md" "$en" "Problem recognition" "Awareness" "Attention" "Frontstage actions" "Content to provide" \
  "Sales representative" "Live chat"
