#!/usr/bin/env bash
# The command line of `cjm fmt` and `cjm diff` in a temporary directory:
#   fmt_cli.sh CJM STDLIB
# fmt: standard output, `-` for standard input, -w (rewrites in place,
# only files that change, through a symbolic link, keeping the mode),
# --check (exit 1 and the first differing line of each file), a file with
# a syntax error (diagnostics as `cjm check` prints them, file untouched,
# exit 1, the other files still done), --textconv, usage and I/O errors.
# a full standard output, a visible difference on a CRLF line.
# diff: exit statuses 0, 1 and 2, a broken file, /dev/null, options; as
# git's diff driver (seven, nine or one argument, colour under git's
# pager); the refusals to draw or to write.
set -u
cjm=$(realpath "$1")
export CJM_STDLIB=$(realpath "$2") NO_COLOR=1
unset CJM_PATH GIT_DIFF_PATH_TOTAL GIT_PAGER_IN_USE
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-fmt-test
cd "$tmp" || exit 2
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }

printf 'channel web    "Web"\npersona mia "Mia"   # who\n' >messy.cjm
printf 'channel web "Web"\n\npersona mia "Mia" # who\n' >want.cjm
cp want.cjm tidy.cjm
printf 'persona mia "Mia\n' >broken.cjm
cp broken.cjm broken.orig

# ---- fmt to standard output, and from standard input --------------------------------
out=$("$cjm" fmt messy.cjm)
check "fmt FILE status" 0 $?
check "fmt FILE output" "$(cat want.cjm)" "$out"
out=$("$cjm" fmt - <messy.cjm)
check "fmt - output" "$(cat want.cjm)" "$out"
out=$("$cjm" fmt messy.cjm tidy.cjm)
check "fmt two files" "$(cat want.cjm want.cjm)" "$out"

# ---- --check ---------------------------------------------------------------------------
out=$("$cjm" fmt --check tidy.cjm messy.cjm 2>&1)
check "--check status" 1 $?
check "--check output" "messy.cjm:1: not in the canonical layout; 'cjm fmt -w' rewrites it
-channel web    \"Web\"
+channel web \"Web\"" "$out"
"$cjm" fmt --check tidy.cjm
check "--check of a formatted file" 0 $?
out=$("$cjm" fmt --check - <messy.cjm)
check "--check - status" 1 $?
check "--check - names stdin" "<stdin>:1: not in the canonical layout; 'cjm fmt -w' rewrites it" "$(head -1 <<<"$out")"
# Differences a terminal does not show are named, not shown as equal lines.
printf 'channel web "Web"' >no_newline.cjm
printf 'channel web "Web"\n\npersona mia "Mia"\r\n' >crlf.cjm
printf '\xEF\xBB\xBFchannel web "Web"\n' >bom.cjm
printf 'channel web "Web" \t\n' >trailing.cjm
printf 'channel web "Web"\n\n\n' >blank_end.cjm
out=$("$cjm" fmt --check no_newline.cjm crlf.cjm bom.cjm trailing.cjm blank_end.cjm)
check "--check: invisible differences status" 1 $?
check "--check: invisible differences" "no_newline.cjm:1: not in the canonical layout (missing newline at end of file); 'cjm fmt -w' rewrites it
crlf.cjm:3: not in the canonical layout (CRLF line ending); 'cjm fmt -w' rewrites it
bom.cjm:1: not in the canonical layout (byte-order mark); 'cjm fmt -w' rewrites it
trailing.cjm:1: not in the canonical layout (trailing whitespace); 'cjm fmt -w' rewrites it
blank_end.cjm:2: not in the canonical layout (blank lines at end of file); 'cjm fmt -w' rewrites it" "$out"

# ---- -w -------------------------------------------------------------------------------------
cp messy.cjm w.cjm
chmod 640 w.cjm
ln -s w.cjm link.cjm
touch -d '2001-01-01' tidy.cjm
"$cjm" fmt -w link.cjm tidy.cjm
check "-w status" 0 $?
check "-w rewrote the target" "$(cat want.cjm)" "$(cat w.cjm)"
[ -L link.cjm ] || fail "-w replaced the symbolic link by a file"
check "-w kept the mode" 640 "$(stat -c %a w.cjm)"
check "-w left a formatted file alone" 2001 "$(date -r tidy.cjm +%Y)"
[ -z "$(ls -A | grep -F .cjm-)" ] || fail "-w left a temporary file: $(ls -A)"
out=$("$cjm" fmt -w - <messy.cjm)
check "-w - writes standard output" "$(cat want.cjm)" "$out"

# ---- a syntax error ------------------------------------------------------------------------
cp messy.cjm other.cjm
out=$("$cjm" fmt -w broken.cjm other.cjm 2>&1 >/dev/null)
check "broken: status" 1 $?
check "broken: diagnostics as cjm check prints them" "$("$cjm" check broken.cjm 2>&1)" "$out"
cmp -s broken.cjm broken.orig || fail "broken: the file was changed"
check "broken: the other file is still formatted" "$(cat want.cjm)" "$(cat other.cjm)"
out=$("$cjm" fmt broken.cjm 2>/dev/null)
check "broken: nothing on standard output" "" "$out"
out=$("$cjm" fmt --textconv broken.cjm messy.cjm 2>/dev/null)
check "--textconv status" 0 $?
check "--textconv: a broken file as it is" "$(cat broken.cjm want.cjm)" "$out"
out=$("$cjm" fmt --textconv broken.cjm 2>&1 >/dev/null)
check "--textconv: one line for a broken file" "cjm fmt: broken.cjm:1:13: missing closing quote; shown as it is" "$out"

# ---- usage and I/O --------------------------------------------------------------------------
"$cjm" fmt 2>/dev/null
check "fmt without a file" 2 $?
"$cjm" fmt --check -w tidy.cjm 2>/dev/null
check "--check with -w" 2 $?
"$cjm" fmt --nonsense tidy.cjm 2>/dev/null
check "unknown option" 2 $?
out=$("$cjm" fmt missing.cjm tidy.cjm 2>&1 >/dev/null)
check "missing file: status" 2 $?
check "missing file: message" "missing.cjm: error: cannot read file: No such file or directory [io]" "$out"

# ---- diff --------------------------------------------------------------------------------------
"$cjm" diff messy.cjm tidy.cjm
check "diff of a reformatting" 0 $?
printf 'channel web "Website"\n\npersona mia "Mia"\n' >relabelled.cjm
out=$("$cjm" diff tidy.cjm relabelled.cjm)
check "diff: status" 1 $?
check "diff: output" '~ channel web "Website" (was "Web")' "$out"
out=$("$cjm" diff - relabelled.cjm <tidy.cjm)
check "diff - NEW" '~ channel web "Website" (was "Web")' "$out"
"$cjm" diff tidy.cjm broken.cjm 2>/dev/null
check "diff of a broken file" 2 $?
"$cjm" diff tidy.cjm missing.cjm 2>/dev/null
check "diff of a missing file" 2 $?
out=$("$cjm" diff /dev/null tidy.cjm)
check "diff from nothing" '+ persona mia "Mia"
+ channel web "Web"' "$out"
# A journey compared with nothing is added (or removed), title and all.
printf 'journey "Shop"\n  status as-is\n\npersona mia "Mia"\n' >journey.cjm
out=$("$cjm" diff /dev/null journey.cjm)
check "diff of an added journey" '+ journey "Shop"
    + status as-is
+ persona mia "Mia"' "$out"
out=$("$cjm" diff journey.cjm /dev/null)
check "diff of a removed journey" '- journey "Shop"
    - status as-is
- persona mia "Mia"' "$out"
out=$("$cjm" diff -T md /dev/null journey.cjm | sed -n 3p)
check "diff -T md counts an added journey" "2 added" "$out"
"$cjm" diff tidy.cjm 2>/dev/null
check "diff of one file" 2 $?
"$cjm" diff -T svg tidy.cjm relabelled.cjm >diff.svg 2>/dev/null
check "diff -T svg" 1 $?
check "diff -T svg writes SVG" '<?xml' "$(head -c 5 diff.svg)"
"$cjm" diff -T yaml tidy.cjm relabelled.cjm 2>/dev/null
check "diff -T yaml" 2 $?
"$cjm" diff --persona nobody tidy.cjm relabelled.cjm 2>/dev/null
check "diff --persona unknown" 2 $?
# diff's options through the shared option helpers: -TVALUE, --opt=VALUE,
# a missing value, a bad --color.
check "diff -Tmd" "### Journey changes" "$("$cjm" diff -Tmd tidy.cjm relabelled.cjm | head -1)"
check "diff --format=json" "{" "$("$cjm" diff --format=json tidy.cjm relabelled.cjm | head -1)"
"$cjm" diff --persona=mia --output=persona.md tidy.cjm relabelled.cjm
check "diff --persona=ID --output=OUT.md" "### Journey changes" "$(head -1 persona.md)"
"$cjm" diff tidy.cjm relabelled.cjm -o 2>/dev/null
check "diff -o without a value" 2 $?
"$cjm" diff --color=sometimes tidy.cjm relabelled.cjm 2>/dev/null
check "diff --color=sometimes" 2 $?
out=$("$cjm" diff --color=always tidy.cjm relabelled.cjm)
check "diff --color=always" $'\033[33m~ channel web "Website" (was "Web")\033[0m' "$out"

# diff as git's diff driver (seven arguments, nine for a rename, one for
# an unmerged path): a header, status 0 whatever changed; colour when
# git's pager shows it, unless NO_COLOR or a dumb terminal says not.
out=$(NO_COLOR= GIT_PAGER_IN_USE=true TERM=xterm "$cjm" diff maps/shop.cjm tidy.cjm 1111 100644 relabelled.cjm 2222 100644)
check "git driver: status" 0 $?
check "git driver under git's pager: colour" $'\033[1m--- a/maps/shop.cjm\n+++ b/maps/shop.cjm\033[0m\n\033[33m~ channel web "Website" (was "Web")\033[0m' "$out"
out=$(NO_COLOR= GIT_PAGER_IN_USE=1 TERM=dumb "$cjm" diff shop.cjm tidy.cjm 1111 100644 relabelled.cjm 2222 100644)
check "git driver, a dumb terminal: no colour" '--- a/shop.cjm
+++ b/shop.cjm
~ channel web "Website" (was "Web")' "$out"
out=$(GIT_PAGER_IN_USE=true "$cjm" diff shop.cjm tidy.cjm 1111 100644 relabelled.cjm 2222 100644)
check "git driver, NO_COLOR: no colour" '--- a/shop.cjm' "$(head -1 <<<"$out")"
out=$(GIT_PAGER_IN_USE=false TERM=xterm NO_COLOR= "$cjm" diff shop.cjm tidy.cjm 1111 100644 relabelled.cjm 2222 100644)
check "git driver, not in git's pager: no colour" '--- a/shop.cjm' "$(head -1 <<<"$out")"
out=$("$cjm" diff old.cjm tidy.cjm 1111 100644 relabelled.cjm 2222 100644 new/shop.cjm 'similarity index 90%')
check "git driver, a rename" '--- a/old.cjm
+++ b/new/shop.cjm
~ channel web "Website" (was "Web")' "$out"
out=$(GIT_DIFF_PATH_TOTAL=1 "$cjm" diff shop.cjm)
check "git driver, an unmerged path: status" 0 $?
check "git driver, an unmerged path" "* Unmerged path shop.cjm" "$out"
out=$("$cjm" diff -T svg shop.cjm tidy.cjm 1111 100644 relabelled.cjm 2222 100644 2>&1 >/dev/null)
check "git driver -T svg: status" 2 $?
check "git driver -T svg" "cjm diff: -T svg draws a picture; as git's diff driver use text, md or json" "$(head -1 <<<"$out")"
# diff's refusals to draw, to write; --persona of one side only
out=$("$cjm" diff --persona mia /dev/null relabelled.cjm)
check "diff --persona of the new journey only: status" 1 $?
check "diff --persona of the new journey only" '+ persona mia "Mia"
+ channel web "Website"' "$out"
out=$("$cjm" diff -T svg relabelled.cjm /dev/null 2>&1 >/dev/null)
check "diff -T svg of nothing: status" 2 $?
check "diff -T svg of nothing" "cjm diff: -T svg draws the new journey, and /dev/null is empty" "$out"
printf 'persona bob "Bob"\n' >bob.cjm
out=$("$cjm" diff -T svg --persona mia relabelled.cjm bob.cjm 2>&1 >/dev/null)
check "diff -T svg of a persona the new journey lacks: status" 2 $?
check "diff -T svg of a persona the new journey lacks" "cjm diff: -T svg draws the new journey, and bob.cjm has no persona 'mia'" "$out"
out=$("$cjm" diff tidy.cjm relabelled.cjm -o no-such-dir/diff.txt 2>&1)
check "diff -o in a missing directory: status" 2 $?
check "diff -o in a missing directory" "cjm diff: cannot write no-such-dir/diff.txt: no such directory" "$out"
out=$("$cjm" diff tidy.cjm relabelled.cjm --persona 2>&1)
check "diff --persona without a value: status" 2 $?
check "diff --persona without a value" "cjm diff: option '--persona' needs a value" "$(head -1 <<<"$out")"

# fmt: a full standard output is an I/O error, also under --textconv; a
# visible difference on a CRLF line is shown without its CR.
if [ -w /dev/full ]; then
  out=$("$cjm" fmt messy.cjm 2>&1 >/dev/full)
  check "fmt >/dev/full: status" 2 $?
  check "fmt >/dev/full" "cjm fmt: cannot write to standard output: No space left on device" "$out"
  "$cjm" fmt --textconv broken.cjm >/dev/full 2>/dev/null
  check "fmt --textconv >/dev/full: status" 2 $?
fi
printf 'channel web    "Web"\r\n' >crlf_messy.cjm
out=$("$cjm" fmt --check crlf_messy.cjm)
check "--check of a CRLF line: status" 1 $?
check "--check of a CRLF line" "crlf_messy.cjm:1: not in the canonical layout; 'cjm fmt -w' rewrites it
-channel web    \"Web\"
+channel web \"Web\"" "$out"

finish "fmt and diff command line"
