#!/bin/sh
# words.sh CJM — the words cjm writes follow the journey's language: the map
# and flow pictures (their DOT), the text and Markdown grids and stats of a
# Japanese, a simplified Chinese, a traditional Chinese and a Russian
# journey carry the catalogue's words (po/LANG.po, through gettext) and
# not the English ones; --lang en gives the English words back, and
# --lang ja turns an English journey's words Japanese; the CSV grid stays
# English, the layout `cjm import csv` reads. The keys of a step's
# tooltip (by, via, feel, a built-in lane's entry) are the language's too,
# and so are the words over the flow view's notes (PAIN, OPPORTUNITY) and
# those of a `cjm diff` map's tooltips (earlier, removed, on the old scale,
# was, a persona or channel added or removed). The user's own locale
# (LANGUAGE, LC_ALL) changes nothing.
set -eu
cjm=$1
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-words
journey() { # FILE TITLE STAGE STEP PAIN
  printf 'journey "%s"\n  status as-is\npersona p "%s"\nstage s "%s"\n  step a "%s" by p\n    feel -1\n    pain "%s"\n' \
    "$2" "$2" "$3" "$4" "$5" >"$1"
}
journey "$tmp/ja.cjm" "無料トライアル" "検討" "トライアルに申し込む" "コンテンツが少ない"
journey "$tmp/hans.cjm" "购买奶茶" "选择" "这个价格太贵" "排队时间长"
journey "$tmp/hant.cjm" "購買奶茶" "選擇" "這個價格太貴" "排隊時間長"
journey "$tmp/ru.cjm" "Покупка" "Поиск" "Ищет товар" "Мало отзывов"
journey "$tmp/en.cjm" "Buying" "Search" "Looks for a product" "Few reviews"

fail() {
  echo "words.sh: $*" >&2
  exit 1
}

# has FILE OUTPUT WORD...: OUTPUT (of FILE) contains every WORD.
has() {
  what=$1
  out=$2
  shift 2
  for w in "$@"; do
    printf '%s' "$out" | grep -qF -- "$w" || fail "$what lacks '$w':
$out"
  done
}

# lacks WHAT OUTPUT WORD...: OUTPUT contains none of the WORDs.
lacks() {
  what=$1
  out=$2
  shift 2
  for w in "$@"; do
    if printf '%s' "$out" | grep -qF -- "$w"; then fail "$what still says '$w'"; fi
  done
}

# check FILE MAP-WORDS -- FLOW-WORDS -- GRID-WORDS -- STATS-WORDS
check() {
  f=$1
  map=$("$cjm" render "$f" -T dot)
  flow=$("$cjm" render "$f" -T dot --view flow)
  text=$("$cjm" render "$f" -T text)
  md=$("$cjm" render "$f" -T md)
  stats=$("$cjm" stats "$f")
  statsmd=$("$cjm" stats "$f" -T md)
  name=$(basename "$f")
  shift
  while [ "$1" != -- ]; do has "$name map" "$map" "$1"; shift; done
  shift
  while [ "$1" != -- ]; do has "$name flow" "$flow" "$1"; shift; done
  shift
  while [ "$1" != -- ]; do has "$name text" "$text" "$1"; has "$name md" "$md" "$1"; shift; done
  shift
  for w in "$@"; do has "$name stats" "$stats" "$w"; has "$name stats -T md" "$statsmd" "$w"; done
  for out in "$map" "$flow"; do lacks "$name picture" "$out" "Pains" "Emotion curve" "Mean feel" "Journey flow"; done
  for out in "$text" "$md"; do lacks "$name grid" "$out" "Pains" "Stage" "As-is journey"; done
  lacks "$name stats" "$stats" "Mean feel" "Stages" "Personas"
}

check "$tmp/ja.cjm" "ペインポイント" "感情曲線" "現状" "感情の尺度" "ペイン1件" -- \
  "感情の平均" "破線の枠" -- "ステージ" "ペインポイント" "現状のジャーニー" -- \
  "ステージ" "感情の平均" "ペルソナ" "1ステージ、1ステップ、1ペルソナ。"
check "$tmp/hans.cjm" "痛点" "情绪曲线" "现状" "情绪评分" -- "平均情绪" -- "阶段" "痛点" "现状旅程" -- \
  "阶段" "平均情绪" "用户画像"
check "$tmp/hant.cjm" "痛點" "情緒曲線" "現況" "情緒評分" -- "平均情緒" -- "階段" "痛點" "現況旅程" -- \
  "階段" "平均情緒" "人物誌"
check "$tmp/ru.cjm" "Боли" "Кривая эмоций" "ТЕКУЩЕЕ" "Шкала эмоций" "1 боль" -- "Средняя оценка" -- \
  "Этап" "Боли" "Текущий путь клиента" -- "Этапы" "Средняя оценка" "Персоны" "1 этап, 1 шаг, 1 персона."

# The keys of a step's tooltip: who takes part in it ("by: ..."), its feel.
has "ja tooltip" "$("$cjm" render "$tmp/ja.cjm" -T dot)" "ペルソナ: 無料トライアル" "感情: -1"
has "zh-Hans tooltip" "$("$cjm" render "$tmp/hans.cjm" -T dot)" "用户画像: 购买奶茶" "情绪: -1"
has "zh-Hant tooltip" "$("$cjm" render "$tmp/hant.cjm" -T dot --view flow)" "人物誌: 購買奶茶" "情緒: -1"
has "ru tooltip" "$("$cjm" render "$tmp/ru.cjm" -T dot)" "Персона: Покупка" "Эмоция: -1"
has "en tooltip" "$("$cjm" render "$tmp/en.cjm" -T dot)" "by: Buying" "feel: -1"
lacks "ja tooltip" "$("$cjm" render "$tmp/ja.cjm" -T dot)" "by: " "feel: "

# The word over a note of the flow view (--detail): its kind, PAIN or OPPORTUNITY in English.
for pair in "ja ペイン 機会" "hans 痛点 机会点" "hant 痛點 機會點" "ru БОЛЬ ВОЗМОЖНОСТЬ" "en PAIN OPPORTUNITY"; do
  set -- $pair
  printf 'journey "%s"\nstage s "s"\n  step a "a"\n    pain "p"\n    opportunity "o"\n' "$(sed -n 's/^journey "\(.*\)"$/\1/p' "$tmp/$1.cjm")" >"$tmp/notes-$1.cjm"
  flow=$("$cjm" render "$tmp/$1.cjm" -T dot --view flow --detail)
  has "$1 flow notes" "$flow" "<B>$2</B>"
  notes=$("$cjm" render "$tmp/notes-$1.cjm" -T dot --view flow --detail)
  has "$1 flow notes" "$notes" "<B>$2</B>" "<B>$3</B>"
  [ "$1" = en ] || lacks "$1 flow notes" "$notes" "<B>PAIN</B>" "<B>OPPORTUNITY</B>"
done

# The tooltips of a `cjm diff` map: an earlier feel's and a removed one's
# key, the note of a feel on the old scale (-1 on -2..2 reads 2 on 1..5),
# "was" beside an earlier feel, a channel added to or removed from a step,
# and the key of a lane entry (in its cell's tooltip and the step's own).
# What follows in a step's tooltip is the change as `cjm diff` prints it,
# in the language's syntax (identifiers and keywords): not checked here.
diff_pair() { # NAME TITLE PERSONA-1 PERSONA-2 CHANNEL-1 CHANNEL-2 STAGE PAIN
  printf 'journey "%s"\n  scale -2..2\npersona p "%s"\npersona q "%s"\nchannel web "%s"\nchannel tel "%s"\nstage s "%s"\n  step a "%s" by p via web\n    feel -1 for p\n    feel 1 for q\n' \
    "$2" "$3" "$4" "$5" "$6" "$7" "$7" >"$tmp/old-$1.cjm"
  printf 'journey "%s"\n  scale 1..5\npersona p "%s"\npersona q "%s"\nchannel web "%s"\nchannel tel "%s"\nstage s "%s"\n  step a "%s" by p, q via tel\n    feel 5 for p\n    pain "%s"\n' \
    "$2" "$3" "$4" "$5" "$6" "$7" "$7" "$8" >"$tmp/new-$1.cjm"
  "$cjm" diff "$tmp/old-$1.cjm" "$tmp/new-$1.cjm" -T dot 2>/dev/null || true
}
ja_diff=$(diff_pair ja 無料トライアル 担当者 部長 ウェブ 電話 検討 コンテンツが少ない)
has "ja diff" "$ja_diff" \
  "以前: 2 （以前の尺度 −2～+2 では −1） — 担当者" "削除: 4 （以前の尺度 −2～+2 では +1） — 部長" ">以前 2<" \
  "+ チャネル: 電話" "- チャネル: ウェブ" "+ ペイン: コンテンツが少ない"
hans_diff=$(diff_pair hans 购买奶茶 学生 店长 小程序 电话 选择 排队时间长)
has "zh-Hans diff" "$hans_diff" \
  "先前: 2 （旧评分范围 −2 至 +2 中为 −1） — 学生" "删除: 4 （旧评分范围 −2 至 +2 中为 +1） — 店长" ">原为 2<" \
  "- 渠道: 小程序" "+ 痛点: 排队时间长"
hant_diff=$(diff_pair hant 購買奶茶 學生 店長 小程式 電話 選擇 排隊時間長)
has "zh-Hant diff" "$hant_diff" \
  "先前: 2 （舊評分範圍 −2 至 +2 中為 −1） — 學生" "刪除: 4 （舊評分範圍 −2 至 +2 中為 +1） — 店長" ">原為 2<" \
  "- 通路: 小程式" "+ 痛點: 排隊時間長"
ru_diff=$(diff_pair ru Покупка Студент Директор Сайт Телефон Поиск 'Мало отзывов')
has "ru diff" "$ru_diff" \
  "ранее: 2 (−1 на прежней шкале от −2 до +2) — Студент" "удалено: 4 (+1 на прежней шкале от −2 до +2) — Директор" \
  ">было 2<" "- Канал: Сайт" "+ Боль: Мало отзывов"
has "en diff" "$(diff_pair en Buying Student Manager Website Phone Search 'Few reviews')" \
  "earlier: 2 (−1 on the old scale −2 to +2) — Student" "removed: 4 (+1 on the old scale −2 to +2) — Manager" \
  ">was 2<" "- via Website" "+ via Phone" "+ pain: Few reviews"
for lang in ja hans hant ru; do
  eval "out=\$${lang}_diff"
  lacks "$lang diff" "$out" "earlier: " "removed: " "on the old scale" ">was " \
    "+ pain: "
done
# the key of a built-in lane's entry in a step's own tooltip
has "ja tooltip" "$("$cjm" render "$tmp/new-ja.cjm" -T dot 2>/dev/null)" "ペイン: コンテンツが少ない"
has "zh-Hans tooltip" "$("$cjm" render "$tmp/new-hans.cjm" -T dot 2>/dev/null)" "痛点: 排队时间长"
has "zh-Hant tooltip" "$("$cjm" render "$tmp/new-hant.cjm" -T dot --view flow 2>/dev/null)" "痛點: 排隊時間長"
has "ru tooltip" "$("$cjm" render "$tmp/new-ru.cjm" -T dot 2>/dev/null)" "Боль: Мало отзывов"
has "en tooltip" "$("$cjm" render "$tmp/new-en.cjm" -T dot 2>/dev/null)" "pain: Few reviews"
lacks "ja tooltip" "$("$cjm" render "$tmp/new-ja.cjm" -T dot 2>/dev/null)" "pain: "

# Russian plural forms: 2 pains, 5 pains.
printf 'journey "Покупка"\nstage s "Поиск"\n  step a "Ищет"\n    pain "А"\n    pain "Б"\n  step b "Сравнивает"\n    pain "В"\n    pain "Г"\n    pain "Д"\nstage t "Оплата"\n  step c "Платит"\n    pain "Е"\n    pain "Ж"\n    pain "З"\n    pain "И"\n    pain "К"\n' >"$tmp/ru5.cjm"
has "ru5 map" "$("$cjm" render "$tmp/ru5.cjm" -T dot)" "5 болей" "5 болей"
has "ru5 stats" "$("$cjm" stats "$tmp/ru5.cjm")" "2 этапа, 3 шага"

# --lang over the journey's language, both ways; the user's locale changes nothing.
has "ja --lang en" "$("$cjm" render "$tmp/ja.cjm" -T text --lang en)" "Stage" "Pains" "As-is journey"
has "en --lang ja" "$("$cjm" render "$tmp/en.cjm" -T text --lang ja)" "ステージ" "ペインポイント"
has "en with LANGUAGE=ja" "$(LANGUAGE=ja LC_ALL=C.UTF-8 "$cjm" render "$tmp/en.cjm" -T text)" "Stage" "Pains"
has "ja with LANGUAGE=ru" "$(LANGUAGE=ru LC_ALL=C "$cjm" stats "$tmp/ja.cjm")" "感情の平均"
# The CSV grid is the layout import csv reads: English headings in every language.
has "ja csv" "$("$cjm" render "$tmp/ja.cjm" -T csv)" "Pains" "Feel"

# A journey's own label wins over a module's: b2b's recognize and web relabelled in Japanese.
printf 'use "b2b"\njourney "導入"\npersona cfo "経理部長"\nchannel web "ウェブサイト"\nstage recognize "課題認識"\n  step a "締めが遅れる" by cfo via web\n' >"$tmp/relabel.cjm"
relabelled=$("$cjm" render "$tmp/relabel.cjm" -T text)
has "relabel text" "$relabelled" "課題認識" "ウェブサイト"
lacks "relabel text" "$relabelled" "Problem recognition"
