#!/bin/sh
# csv_import.sh CJM DIR: every DIR/NAME.csv imports to DIR/NAME.cjm when
# that file exists (the journey, which checks clean and is canonical), or
# fails with exit status 1, exactly the diagnostics of DIR/NAME.err and
# nothing written. A file of DIR/variants/ imports to DIR/variants.cjm:
# the same grid as spreadsheet programs save it (byte-order mark or not,
# CRLF or LF, comma, semicolon or tab, trailing empty columns and rows).
# Then files made here: a 100 MB file, one of 9,000,000 empty cells, and a
# directory.
. "$(dirname "$0")/../lib.sh"
cjm=$1
dir=$2
make_tmpdir cjm-csv-import
keep_going
cd "$dir" || exit 1
expect_journey() { # CSV EXPECTED
  fail_context=$1
  if ! "$cjm" import csv --color=never "$1" -o "$tmp/got.cjm" 2>"$tmp/err"; then
    fail "import failed: $(cat "$tmp/err")"
    return
  fi
  cmp -s "$tmp/got.cjm" "$2" || { fail "differs from $2:"; diff "$2" "$tmp/got.cjm" | head -20; }
  "$cjm" check --color=never "$tmp/got.cjm" >/dev/null 2>&1 || fail "does not check"
  "$cjm" fmt --check "$tmp/got.cjm" || fail "not canonical"
}
expect_errors() { # CSV EXPECTED-STDERR
  fail_context=$1
  rm -f "$tmp/never.cjm"
  "$cjm" import csv --color=never "$1" -o "$tmp/never.cjm" 2>"$tmp/err"
  status=$?
  [ "$status" = 1 ] || fail "exit status $status, not 1"
  [ -e "$tmp/never.cjm" ] && fail "wrote its output despite the errors"
  cmp -s "$tmp/err" "$2" || { fail "diagnostics differ from $2:"; diff "$2" "$tmp/err" | head -20; }
}
for csv in *.csv; do
  name=${csv%.csv}
  if [ -f "$name.cjm" ]; then expect_journey "$csv" "$name.cjm"
  elif [ -f "$name.err" ]; then expect_errors "$csv" "$name.err"
  else fail "$csv has neither $name.cjm nor $name.err"
  fi
done
for csv in variants/*; do expect_journey "$csv" variants.cjm; done

fail_context="100 MB"
truncate -s 100M "$tmp/big.csv"
"$cjm" import csv --color=never "$tmp/big.csv" -o "$tmp/never.cjm" 2>"$tmp/err"
[ $? = 1 ] || fail "exit status not 1"
grep -q "over the limit" "$tmp/err" || fail "no limit error: $(cat "$tmp/err")"
[ -e "$tmp/never.cjm" ] && fail "wrote its output"
fail_context="too many cells"
head -c 9000000 /dev/zero | tr '\0' ',' >"$tmp/commas.csv"
"$cjm" import csv --color=never "$tmp/commas.csv" -o "$tmp/never.cjm" 2>"$tmp/err"
[ $? = 1 ] || fail "exit status not 1"
grep -q "commas.csv:1:8000001: error: more than 8000000 cells: too many for a journey grid \[limit\]" "$tmp/err" ||
  fail "no limit error: $(head -c 300 "$tmp/err")"
fail_context="a directory"
"$cjm" import csv --color=never "$tmp" 2>"$tmp/err" >/dev/null
[ $? = 2 ] || fail "exit status not 2"
grep -q "not a regular file" "$tmp/err" || fail "no clear error: $(cat "$tmp/err")"
finish "csv import"
