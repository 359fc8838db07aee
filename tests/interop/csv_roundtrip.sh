#!/bin/sh
# csv_roundtrip.sh CJM JOURNEY: export, import, export again gives the same
# bytes (with and without the byte-order mark), and what `cjm import csv`
# writes checks clean under -Werror and is in the canonical layout.
. "$(dirname "$0")/../lib.sh"
cjm=$1
journey=$2
make_tmpdir cjm-csv-roundtrip
for bom in "" --no-bom; do
  fail_context="render ${bom:-with BOM}"
  "$cjm" render -T csv $bom "$journey" -o "$tmp/a.csv" || fail "render -T csv failed"
  "$cjm" import csv "$tmp/a.csv" -o "$tmp/b.cjm" || fail "import csv failed"
  "$cjm" check --color=never -Werror "$tmp/b.cjm" || fail "the imported journey does not check clean"
  "$cjm" fmt --check "$tmp/b.cjm" || fail "the imported journey is not in the canonical layout"
  "$cjm" render -T csv $bom "$tmp/b.cjm" -o "$tmp/c.csv" || fail "render of the imported journey failed"
  cmp "$tmp/a.csv" "$tmp/c.csv" || fail "export, import, export: the bytes differ"
done
