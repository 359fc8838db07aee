#!/bin/sh
# md.sh CJM DIR: `cjm md` on the documents of DIR. doc.md is rewritten to
# doc.expected.md (every byte but the blocks' as it was), with one SVG per
# block beside it (PNG under -T png); --check writes nothing; bad.md fails
# with exit status 1, exactly the diagnostics of bad.err (located in
# bad.md, the standard library's path written <stdlib>) and nothing
# written, also under --check; a document without blocks is copied as it
# is; binary and non-UTF-8 documents and more than 10,000 blocks are
# clear errors; when OUT.md or an image cannot be written, no image is left.
. "$(dirname "$0")/../lib.sh"
cjm=$1
dir=$2
make_tmpdir cjm-md
keep_going
cd "$dir" || exit 1

fail_context="doc.md"
mkdir "$tmp/out"
"$cjm" md --color=never doc.md -o "$tmp/out/doc.md" || fail "exit status $?"
cmp -s "$tmp/out/doc.md" doc.expected.md || { fail "differs from doc.expected.md"; diff doc.expected.md "$tmp/out/doc.md"; }
for i in 1 2 3; do
  grep -q '<svg' "$tmp/out/doc-$i.svg" 2>/dev/null || fail "doc-$i.svg is not an SVG"
done
[ "$(ls "$tmp/out" | wc -l)" = 4 ] || fail "wrote other files: $(ls "$tmp/out")"

fail_context="-T png"
mkdir "$tmp/png"
"$cjm" md -T png doc.md -o "$tmp/png/page.markdown" || fail "exit status $?"
for i in 1 2 3; do
  head -c 4 "$tmp/png/page-$i.png" 2>/dev/null | grep -q PNG || fail "page-$i.png is not a PNG"
done
grep -q '!\[Booking a table\](page-1.png)' "$tmp/png/page.markdown" || fail "no link to page-1.png"

fail_context="--check"
mkdir "$tmp/check"
(cd "$tmp/check" && "$cjm" md --check "$dir/doc.md") || fail "exit status $?"
[ -z "$(ls "$tmp/check")" ] || fail "wrote files"

fail_context="bad.md"
mkdir "$tmp/bad"
"$cjm" md --color=never bad.md -o "$tmp/bad/bad.md" 2>"$tmp/err"
status=$?
[ "$status" = 1 ] || fail "exit status $status, not 1"
[ -z "$(ls "$tmp/bad")" ] || fail "wrote files: $(ls "$tmp/bad")"
sed "s|$CJM_STDLIB|<stdlib>|g" "$tmp/err" >"$tmp/err.norm"
cmp -s "$tmp/err.norm" bad.err || { fail "diagnostics differ from bad.err"; diff bad.err "$tmp/err.norm"; }
"$cjm" md --check --color=never doc.md bad.md 2>"$tmp/err"
status=$?
[ "$status" = 1 ] || fail "--check: exit status $status, not 1"
sed "s|$CJM_STDLIB|<stdlib>|g" "$tmp/err" >"$tmp/err.norm"
cmp -s "$tmp/err.norm" bad.err || fail "--check: diagnostics differ from bad.err"

fail_context="no blocks"
printf '# Title\r\n\nText with ```cjm inline``` only.\n' >"$tmp/plain.md"
"$cjm" md "$tmp/plain.md" -o "$tmp/plain.out.md" || fail "exit status $?"
cmp -s "$tmp/plain.md" "$tmp/plain.out.md" || fail "not copied byte for byte"
[ ! -e "$tmp/plain.out-1.svg" ] || fail "wrote an image"

fail_context="standard input"
(cd "$tmp" && "$cjm" md --color=never - -o stdin.md) <doc.md 2>"$tmp/err"
[ $? = 1 ] || fail "a module is looked for in the current directory, for standard input"
grep -q "^<stdin>:47:5: error: cannot find module 'shared'" "$tmp/err" || fail "not located in <stdin>: $(head -3 "$tmp/err")"

fail_context="bad input"
printf '# T\n\0\n' >"$tmp/binary.md"
"$cjm" md --color=never "$tmp/binary.md" -o "$tmp/never.md" 2>"$tmp/err"
[ $? = 1 ] || fail "binary: exit status not 1"
grep -q "binary.md:2:1: error: a NUL byte: this is a binary file, not Markdown text" "$tmp/err" || fail "binary: $(cat "$tmp/err")"
printf '# T\n\n\377\n' >"$tmp/latin.md"
"$cjm" md --color=never "$tmp/latin.md" -o "$tmp/never.md" 2>"$tmp/err"
[ $? = 1 ] || fail "invalid UTF-8: exit status not 1"
grep -q "latin.md:3:1: error: invalid UTF-8 (byte 0xFF)" "$tmp/err" || fail "invalid UTF-8: $(cat "$tmp/err")"
[ ! -e "$tmp/never.md" ] || fail "wrote output for bad input"
fail_context="too many blocks"
awk 'BEGIN { for (i = 0; i < 10001; i++) printf "```cjm\njourney \"%d\"\n```\n", i }' >"$tmp/many.md"
"$cjm" md --check --color=never "$tmp/many.md" 2>"$tmp/err"
[ $? = 1 ] || fail "exit status not 1"
grep -q "many.md:30001:1: error: more than 10000 cjm blocks in one document \[limit\]" "$tmp/err" || fail "$(head -3 "$tmp/err")"
fail_context="unwritable output"
# The images are written first; when OUT.md cannot be, they are removed:
# a directory named page.md, or an image's path taken by a directory.
mkdir -p "$tmp/unwritable/page.md"
"$cjm" md --color=never doc.md -o "$tmp/unwritable/page.md" 2>"$tmp/err"
[ $? = 2 ] || fail "a directory as OUT.md: exit status not 2"
grep -q "cannot write $tmp/unwritable/page.md" "$tmp/err" || fail "no message: $(cat "$tmp/err")"
[ "$(ls "$tmp/unwritable")" = page.md ] || fail "images left behind: $(ls "$tmp/unwritable")"
mkdir -p "$tmp/image-taken/page-2.svg"
"$cjm" md --color=never doc.md -o "$tmp/image-taken/page.md" 2>"$tmp/err"
[ $? = 2 ] || fail "a directory as an image: exit status not 2"
grep -q "cannot write $tmp/image-taken/page-2.svg" "$tmp/err" || fail "no message: $(cat "$tmp/err")"
[ "$(ls "$tmp/image-taken")" = page-2.svg ] || fail "files left behind: $(ls "$tmp/image-taken")"
fail_context="usage"
"$cjm" md doc.md 2>/dev/null
[ $? = 2 ] || fail "no -o: not a usage error"
usage() { # usage MESSAGE ARGS...: cjm md ARGS is a usage error saying MESSAGE, and writes nothing
  want=$1
  shift
  "$cjm" md "$@" 2>"$tmp/err"
  [ $? = 2 ] || fail "md $*: not a usage error"
  grep -q -- "$want" "$tmp/err" || fail "md $*: $(cat "$tmp/err")"
}
usage "cjm md: no Markdown file" -o "$tmp/never.md"
usage "writes one document at a time (--check takes several)" doc.md bad.md -o "$tmp/never.md"
usage "-o OUT.md is needed: the images are written beside it" doc.md -o -
usage "unknown image format 'gif'; formats: svg, png, pdf, dot" doc.md -o "$tmp/never.md" -T gif
usage "-T" doc.md -o "$tmp/never.md" -T
[ ! -e "$tmp/never.md" ] || fail "a usage error wrote its output"

# Block options (view=map, detail, tabs between words, a persona, twice);
# the alt text escaped, "journey map" for a journey without a title; image
# names that a link must escape; --format; an OUT without .md.
fail_context="block options and links"
mkdir "$tmp/links"
printf '%s\n' '```cjm view=map	detail   persona=ann' 'journey "A [b] \\ c\td"' 'persona ann "Ann"' 'stage s "S"' \
  '  step a "Ann step" by ann' '```' '' '```cjm view=flow persona=bob persona=ann' 'persona ann "Ann"' \
  'stage s "S"' '  step a "A" by ann' '```' >"$tmp/links/in.md"
"$cjm" md --color=never "$tmp/links/in.md" --format dot -o "$tmp/links/my (page) <1>.md" 2>"$tmp/err" ||
  fail "exit status $?: $(cat "$tmp/err")"
grep -q '^!\[A \\\[b\\\] \\\\ c d\](my%20%28page%29%20%3C1%3E-1.dot)$' "$tmp/links/my (page) <1>.md" ||
  fail "link 1: $(cat "$tmp/links/my (page) <1>.md")"
grep -q '^!\[journey map\](my%20%28page%29%20%3C1%3E-2.dot)$' "$tmp/links/my (page) <1>.md" ||
  fail "link 2: $(cat "$tmp/links/my (page) <1>.md")"
grep -q 'digraph' "$tmp/links/my (page) <1>-1.dot" || fail "image 1 is no DOT"
grep -q 'Ann step' "$tmp/links/my (page) <1>-1.dot" || fail "image 1 lacks the step"
"$cjm" md "$tmp/links/in.md" -T svg -o "$tmp/links/page.txt" || fail "OUT.txt: exit status $?"
[ -f "$tmp/links/page.txt-1.svg" ] && [ -f "$tmp/links/page.txt-2.svg" ] || fail "OUT.txt: $(ls "$tmp/links")"
"$cjm" md "$tmp/links/in.md" -T svg -o "$tmp/links/.md" || fail ".md: exit status $?"
[ -f "$tmp/links/.md-1.svg" ] || fail ".md: $(ls -a "$tmp/links")"

# A block naming a persona its journey lacks, an unknown word: located,
# nothing written.
fail_context="block option errors"
mkdir "$tmp/opts"
printf '%s\n' 'Text.' '```cjm  persona=nobody' 'journey "J"' 'persona ann "Ann"' 'stage s "S"' '  step a "A" by ann' \
  '```' '```cjm colour=red' 'journey "K"' '```' >"$tmp/opts/in.md"
"$cjm" md --color=never "$tmp/opts/in.md" -o "$tmp/opts/out.md" 2>"$tmp/err"
[ $? = 1 ] || fail "exit status not 1"
grep -q "in.md:2:9: error: the journey of this block has no persona 'nobody' \[md\]" "$tmp/err" || fail "$(cat "$tmp/err")"
grep -q "in.md:8:8: error: unknown option 'colour=red' for a cjm block \[md\]" "$tmp/err" || fail "$(cat "$tmp/err")"
[ "$(ls "$tmp/opts")" = in.md ] || fail "wrote files: $(ls "$tmp/opts")"
finish "cjm md"
