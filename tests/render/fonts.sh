#!/bin/sh
# fonts.sh CJM FILE — non-Latin text becomes glyphs: a PDF rendered from
# FILE (the Chinese example) embeds a Noto Sans CJK font, the one the
# renderer names first in its font list (Debian's fonts-noto-cjk).
set -eu
cjm=$1
file=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-fonts
for view in map flow; do
  "$cjm" render "$file" --view "$view" -T pdf -o "$tmp/$view.pdf"
  pdffonts "$tmp/$view.pdf" >"$tmp/fonts.txt"
  if ! grep -Eq 'NotoSansCJK[A-Za-z]*-(Regular|Bold)[[:space:]].*[[:space:]]yes[[:space:]]+yes' "$tmp/fonts.txt"; then
    echo "fonts.sh: the $view view's PDF embeds no Noto Sans CJK font:" >&2
    cat "$tmp/fonts.txt" >&2
    exit 1
  fi
done
