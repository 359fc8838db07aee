#!/bin/sh
# make_pot.sh SOURCE_DIR OUT — writes the template of the catalogues,
# po/cjm.pot, to OUT: the words the C sources of po/POTFILES mark
# (xgettext: cjm_tr, cjm_ntr, cjm_trc, CJM_N_), and the labels of the
# standard library (stdlib/*.cjm), each in the context "standard library"
# (CJM_STDLIB_CONTEXT in runtime/core/words.h) with a comment naming the
# module, the kind and the identifier, so that a translator sees what the
# word stands for. Used by the build's cjm-pot target and by
# tests/po_complete.sh, which compares the result with po/cjm.pot.
#
# A label is read from a declaration's head on one line,
# `stage ID "Label"`, `channel ID "Label"`, `lane ID "Label"`, `persona ID
# "Label"` or `metric ID "Label"`; its escapes \" and \\ are those of a PO
# string. A label with any other escape is refused, and so is a head the
# script cannot read, so that no label of the standard library goes
# untranslated without notice.
set -eu
src=$1
out=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-pot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$src"
xgettext --from-code=UTF-8 --language=C -k -kcjm_tr -kcjm_ntr:1,2 -kcjm_trc:1c,2 -kCJM_N_ \
  --add-comments=TRANSLATORS: --package-name=cjm --no-location --sort-output \
  -f po/POTFILES -o "$tmp/code.pot"
# One entry per label, with a comment line for each declaration that
# carries it (b2b and b2c both declare the channel web "Website").
awk '
  FNR == 1 { module = FILENAME; sub(/^.*\//, "", module); sub(/\.cjm$/, "", module) }
  /^[ \t]*(stage|channel|lane|persona|metric)[ \t]/ {
    if (!match($0, /^[ \t]*(stage|channel|lane|persona|metric)[ \t]+[^ \t"]+[ \t]+"([^"\\]|\\["\\])*"[ \t]*$/)) {
      printf "make_pot.sh: %s:%d: a head whose label cannot be read: %s\n", FILENAME, FNR, $0 > "/dev/stderr"
      failed = 1
      exit 1
    }
    label = $0
    sub(/^[^"]*"/, "", label)
    sub(/"[ \t]*$/, "", label)
    if (!(label in where)) order[++count] = label
    where[label] = where[label] sprintf("#. %s: %s %s\n", module, $1, $2)
  }
  END {
    if (failed) exit 1
    for (i = 1; i <= count; i++)
      printf "%smsgctxt \"standard library\"\nmsgid \"%s\"\nmsgstr \"\"\n\n", where[order[i]], order[i]
  }' stdlib/*.cjm >"$tmp/stdlib.po"
msgcat --sort-output --no-location -o "$out" "$tmp/code.pot" "$tmp/stdlib.po"
