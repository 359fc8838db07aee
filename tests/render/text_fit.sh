#!/bin/sh
# text_fit.sh CJM SOURCE_DIR — no text touches the border of its card: the
# SVG of the map and of the flow (--detail) of a Japanese, a simplified
# Chinese, a traditional Chinese, a Russian and an English journey, the
# examples and journeys of long labels that wrap to two and three lines,
# each checked by svg_text_fit.py: every text of a step card, a lane entry,
# a measure, a flow step or note inside its card with a margin of 1.5
# points, and the lines of a card apart (CJK lines a tenth of an em clear
# of each other, which the leading between them gives).
set -eu
cjm=$1
src=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-text-fit
export CJM_STDLIB="$src/stdlib"
here=$(cd "$(dirname "$0")" && pwd)
glyphs="$src/runtime/render/graphviz/glyph_advance.tsv"

# long FILE LANG TITLE PERSONA STAGE STEP STEP2 PAIN OPPORTUNITY METRIC
long() {
  cat >"$1" <<CJM
journey "$3"
  lang "$2"
persona p "$4"
persona q "$4 2"
metric m "${10}"
  unit "%"
  target 25
stage s "$5"
  step a "$6" by p
    feel -1 "$8"
    pain "$8"
    opportunity "$9"
    measure m 18
  step b "$7" by q
    feel +1
    thought "$9"
stage t "$7"
  step c "$6" by p, q
    feel 0
CJM
}
long "$tmp/ja.cjm" ja "長いラベル" "経理担当の佐藤さん" "課題認識と情報収集と比較検討の長いステージ名" \
  "インサイドセールスと年間契約を結ぶための稟議書を作成して部長に回す" "年間契約を結ぶ" \
  "既存の会計ソフトと連携できるかどうかが分からない" "連携テンプレートを提供して導入初日から使えるようにする" \
  "トライアルから本契約への転換率"
long "$tmp/zh-Hans.cjm" zh-Hans "长标签" "财务专员小王" "发现问题、收集信息和比较评估的长阶段名称" \
  "为了签订年度合同而起草审批报告并提交给部门经理审阅" "签订年度合同" \
  "不知道能否与现有的会计软件对接，担心数据迁移" "提供对接模板，让客户从第一天就能直接使用" "试用转正式合同的转化率"
long "$tmp/zh-Hant.cjm" zh-Hant "長標籤" "財務專員小王" "發現問題、蒐集資訊與比較評估的長階段名稱" \
  "為了簽訂年度合約而起草簽核報告並提交給部門經理審閱" "簽訂年度合約" \
  "不知道能否與現有的會計軟體串接，擔心資料移轉" "提供串接範本，讓客戶從第一天就能直接使用" "試用轉正式合約的轉換率"
long "$tmp/ru.cjm" ru "Длинные подписи" "Бухгалтер Анна Сергеевна" "Осознание проблемы, сбор информации и сравнение" \
  "Готовит служебную записку для согласования годового договора с руководителем" "Подписывает договор" \
  "Непонятно, получится ли связать систему с текущей бухгалтерской программой" \
  "Дать готовый шаблон интеграции, чтобы всё работало с первого дня" "Конверсия из пробного периода в договор"
long "$tmp/en.cjm" en "Long labels" "Anna, the accountant of a mid-size firm" \
  "Problem recognition, information gathering and comparison" \
  "Writes the approval memo for the annual contract and sends it to her manager" "Signs the contract" \
  "Unclear whether the tool connects to the accounting software already in use" \
  "Offer a ready-made integration template that works from the first day" "Trial-to-contract conversion rate"

for f in "$tmp"/*.cjm "$src/examples/saas_trial_ja.cjm" "$src/examples/tea_shop_zh.cjm" \
  "$src/examples/online_store_ru.cjm" "$src/examples/smartphone.cjm" "$src/examples/dx_b2b.cjm"; do
  for view in map flow; do
    "$cjm" render "$f" --view "$view" --detail -o "$tmp/out.svg"
    python3 "$here/svg_text_fit.py" "$glyphs" "$tmp/out.svg" >"$tmp/fit" || fail "$(basename "$f") $view: $(head -8 "$tmp/fit")"
  done
done
