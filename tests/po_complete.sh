#!/bin/sh
# po_complete.sh SOURCE_DIR — the catalogues are complete: every source file
# that marks words (cjm_tr, cjm_ntr, cjm_trc, CJM_N_) is listed in
# po/POTFILES; the words xgettext finds there, and the labels of the
# standard library (po/make_pot.sh), are all in po/cjm.pot and translated in every
# po/LANG.po (msgcmp); each catalogue passes msgfmt --check (format
# directives and plural forms).
set -eu
src=$1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-po
cd "$src"
grep -rlE 'cjm_n?trc?\(\"|cjm_n?tr\(|CJM_N_\(' runtime --include='*.c' | grep -v 'runtime/core/words.c' | sort >"$tmp/marked"
sort po/POTFILES >"$tmp/listed"
if ! cmp -s "$tmp/marked" "$tmp/listed"; then
  echo "po_complete.sh: po/POTFILES and the files that mark words differ (< marked, > listed):" >&2
  diff "$tmp/marked" "$tmp/listed" >&2 || true
  exit 1
fi
po/make_pot.sh . "$tmp/now.pot" 2>/dev/null
msgcmp --use-untranslated po/cjm.pot "$tmp/now.pot" || { echo "po_complete.sh: po/cjm.pot is out of date: cmake --build BUILD --target cjm-pot" >&2; exit 1; }
for po in po/*.po; do
  msgcmp "$po" "$tmp/now.pot" || { echo "po_complete.sh: $po lacks words (msgmerge -U $po po/cjm.pot, then translate)" >&2; exit 1; }
  msgfmt --check -o /dev/null "$po"
  if msgattrib --untranslated --no-obsolete "$po" | grep -q '^msgid "[^"]'; then
    echo "po_complete.sh: $po has untranslated words" >&2
    exit 1
  fi
done
