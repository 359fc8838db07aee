#!/bin/sh
# emoji.sh CJM — an emoji in a label is drawn in colour (Noto Color Emoji,
# through fontconfig's fallback), never as an empty box: the PNG of an
# English and of a Japanese journey whose step is labelled with emoji has
# coloured pixels where the SVG of the same rendering puts the label
# (png_colour.py), in the map and in the flow. The steps have no feel, so
# that the flow's node is not filled in a colour of the feel scale. A label
# of letters and one of digits (which have an emoji form), drawn the same
# way, have no coloured pixel: the check tells the two apart.
set -eu
cjm=$1
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-emoji
here=$(cd "$(dirname "$0")" && pwd)
printf 'journey "Emoji"\npersona p "Mia"\nstage s "Discover"\n  step a "😍🎉" by p\n  step b "Ab" by p\n  step c "2024" by p\n' >"$tmp/en.cjm"
printf 'journey "絵文字"\n  lang "ja"\npersona p "佐藤さん"\nstage s "認知"\n  step a "😍🎉" by p\n  step b "Ab" by p\n  step c "2024" by p\n' >"$tmp/ja.cjm"
for f in en ja; do
  for view in map flow; do
    "$cjm" render "$tmp/$f.cjm" --view "$view" -o "$tmp/$f.svg"
    "$cjm" render "$tmp/$f.cjm" --view "$view" -o "$tmp/$f.png"
    python3 "$here/png_colour.py" "$tmp/$f.svg" "$tmp/$f.png" "😍🎉" >"$tmp/out" || fail "$f $view: $(cat "$tmp/out")"
    for plain in Ab 2024; do
      if python3 "$here/png_colour.py" "$tmp/$f.svg" "$tmp/$f.png" "$plain" 0.01 >"$tmp/out"; then
        fail "$f $view: '$plain' drawn in colour: $(cat "$tmp/out")"
      fi
    done
  done
done
