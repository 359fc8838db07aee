#!/usr/bin/env bash
# The top-level command line and what every command shares, in a
# temporary directory:
#   cli.sh CJM STDLIB VERSION
# - `cjm` alone (the help on standard error, exit 2), --help and -h,
#   --version, `help`, `help CMD` for every command (the same text as `cjm
#   CMD --help` and `-h`), `help help`, and the usage errors: an unknown
#   command (with a suggestion, or without), an unknown option, `help` with
#   two commands or an unknown one; each command's own usage errors, and
#   outputs that cannot be written;
# - CJM_PATH: split at colons, searched in order after -I, empty entries
#   skipped;
# - the width of -T text: --width, else the terminal's (run under script(1)
#   with stty cols), else $COLUMNS when the output is a pipe or a file
#   (docs/tables.md), else 100; a COLUMNS that is not 20 to 10000 is ignored;
# - `check --list=KIND`: every kind, in journey order, after errors too,
#   and its usage errors;
# - reading: a journey of several hundred KiB from a pipe and a file, one
#   over the 64 MiB limit as a (sparse) file and as a stream, standard input
#   that cannot be read, a directory, a missing file;
# - numbers of more than 15 digits (read by strtod, not the fast path), the
#   same with the flex scanner alone (CJM_LEXER=flex).
set -u
cjm=$(realpath "$1")
export CJM_STDLIB=$(realpath "$2") NO_COLOR=1
version=$3
unset CJM_PATH COLUMNS
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-cli-test
cd "$tmp" || exit 2
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
# run CMD...: sets out, err and status
run() {
  "$@" >out.txt 2>err.txt
  status=$?
  out=$(cat out.txt)
  err=$(cat err.txt)
}

# ---- cjm, --help, --version, help -------------------------------------------------------
run "$cjm"
check "cjm alone: status" 2 "$status"
check "cjm alone: nothing on standard output" "" "$out"
alone=$err
run "$cjm" --help
check "--help: status" 0 "$status"
help=$out
case $help in "usage: cjm COMMAND"*"commands:"*"exit status:"*) ;; *) fail "--help: $help" ;; esac
check "--help: standard error" "" "$err"
check "cjm alone prints --help's text on standard error" "$help" "$alone"
run "$cjm" -h
check "-h is --help" "$help" "$out"
run "$cjm" help
check "help is --help" "$help" "$out"
run "$cjm" --version
check "--version" "cjm $version" "$out"
check "--version: status" 0 "$status"
run "$cjm" help help
check "help help" "usage: cjm help [COMMAND]" "$out"
commands=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' <<<"$help")
[ "$(wc -w <<<"$commands")" -ge 5 ] || fail "--help lists only: $commands"
for command in $commands; do
  [ "$command" = help ] && continue
  run "$cjm" help "$command"
  check "help $command: status" 0 "$status"
  case $out in "usage: cjm $command"*) ;; *) fail "help $command does not start with its usage: $(head -1 out.txt)" ;; esac
  text=$out
  run "$cjm" "$command" --help
  check "$command --help is help $command" "$text" "$out"
  check "$command --help: status" 0 "$status"
  run "$cjm" "$command" -h
  check "$command -h is help $command" "$text" "$out"
done

run "$cjm" chek
check "unknown command: status" 2 "$status"
check "unknown command: suggestion" "cjm: unknown command 'chek'; did you mean 'check'?" "$err"
run "$cjm" hlep
check "a misspelt help" "cjm: unknown command 'hlep'; did you mean 'help'?" "$err"
run "$cjm" zzzzzzzz
check "unknown command: no suggestion" "cjm: unknown command 'zzzzzzzz'; see 'cjm --help'" "$err"
check "unknown command: nothing on standard output" "" "$out"
run "$cjm" --bogus
check "unknown option: status" 2 "$status"
check "unknown option" "cjm: unknown option '--bogus'
see 'cjm help'" "$err"
run "$cjm" help render stats
check "help with two commands: status" 2 "$status"
check "help with two commands" "cjm help: takes at most one command
see 'cjm help help'" "$err"
run "$cjm" help nonesuch
check "help of an unknown command: status" 2 "$status"
check "help of an unknown command" "cjm: unknown command 'nonesuch'; see 'cjm --help'" "$err"

# ---- usage errors of the commands --------------------------------------------------------------
printf 'journey "U"\npersona p "P"\nstage s "S"\n  step a "A" by p\n    feel 1\n' >u.cjm
printf 'persona p "P\n' >unclosed.cjm
# usage WANT-MESSAGE CJM-ARGS...: exit 2, WANT-MESSAGE and "see 'cjm help CMD'" on standard error
usage() {
  local want=$1
  shift
  run "$cjm" "$@"
  check "cjm $*: status" 2 "$status"
  check "cjm $*: message" "cjm $1: $want
see 'cjm help $1'" "$err"
}
usage "--view takes map or flow, not 'side'" render --view side u.cjm
usage "option '--view' needs a value" render u.cjm --view
usage "option '--persona' needs a value" render u.cjm --persona
usage "unknown option '--bogus'" render --bogus u.cjm
usage "--width takes a number of columns from 20 to 10000, not '5'" render --width 5 u.cjm
usage "--width takes a number of columns from 20 to 10000, not '10001'" stats --width=10001 u.cjm
usage "option '--width' needs a value" render u.cjm --width
usage "--width takes a number of columns from 20 to 10000, not ''" render --width= u.cjm
usage "--width takes a number of columns from 20 to 10000, not '12x'" render --width 12x u.cjm
# the options of pictures: their values, and the formats they apply to
for bad in '' 1x 0.1 11; do
  usage "--scale takes a number from 0.25 to 10 (2: twice the pixels each way), not '$bad'" render --scale="$bad" u.cjm
done
for bad in '' ..b a.. a..b..c; do
  usage "--stages takes FIRST..LAST or one ID (stage identifiers), not '$bad'" render --stages="$bad" u.cjm
done
for bad in '' 0 100001 3x; do
  usage "--split takes a number of steps per page from 1 to 100000, not '$bad'" render --split="$bad" u.cjm
done
usage "--background takes none (as --transparent), not 'blue'" render --background blue u.cjm
usage "--lang takes a language tag such as en, ja, zh-Hans, zh-Hant or ru, not 'x!'" render --lang 'x!' u.cjm
usage "--transparent is for pictures (-T svg, png, pdf or dot), not -T text" render -T text --transparent u.cjm
usage "--scale is for pictures (-T svg, png, pdf or dot), not -T text" render -T text --scale 2 u.cjm
usage "--stages is for pictures (-T svg, png, pdf or dot), not -T text" render -T text --stages s u.cjm
usage "--split is for pictures (-T svg, png, pdf or dot), not -T md" render -T md --split 3 u.cjm
usage "--theme is for pictures (-T svg, png, pdf or dot), not -T text" render -T text --theme dark u.cjm
usage "--scale multiplies a PNG's resolution; -T svg has none (it is a vector format)" render -T svg --scale 2 u.cjm
usage "--transparent is for svg and png (and dot), not pdf" render -T pdf --transparent u.cjm
# CJM_LOCALEDIR names where the catalogues are: the build's own finds the
# Japanese words, a directory without them leaves the English ones
ja_line=$("$cjm" render -T text --lang ja u.cjm | sed -n 2p)
case $ja_line in *2..2*) ;; *) fail "render --lang ja: no scale line: $ja_line" ;; esac
check "CJM_LOCALEDIR of no catalogue: English words" "Journey, feel on a scale of -2..2" \
  "$(CJM_LOCALEDIR=/nonexistent "$cjm" render -T text --lang ja u.cjm | sed -n 2p)"
check "CJM_LOCALEDIR of the build's catalogues: the same words as found by default" "$ja_line" \
  "$(CJM_LOCALEDIR="$(dirname "$cjm")/locale" "$cjm" render -T text --lang ja u.cjm | sed -n 2p)"
[ "$ja_line" != "Journey, feel on a scale of -2..2" ] || fail "render --lang ja: English words"
usage "option '-o' needs a value" stats u.cjm -o
usage "no file to render" render
usage "renders one file at a time" render u.cjm u.cjm
usage "no file to analyse" stats
usage "reads one file at a time" stats u.cjm u.cjm
usage "unknown format 'nope'; formats: svg, png, pdf, dot, text, md, csv, json" render -T nope u.cjm
usage "unknown format 'nope'; formats: text, md, json" stats --format=nope u.cjm
usage "unknown format 'yaml'; formats: text, md, json" stats -o out.yaml u.cjm
usage "--color takes auto, always or never, not 'sometimes'" check --color=sometimes u.cjm
usage "--max-errors takes a whole number (0 for no limit), not '-1'" check --max-errors=-1 u.cjm
usage "option '--max-errors' needs a value" check u.cjm --max-errors
usage "option '-I' needs a value" check u.cjm -I
usage "no file to check" check
usage "standard input ('-') given twice" check - -
usage "takes no file" lsp u.cjm
run "$cjm" check -Wbogus u.cjm
check "an unknown warning: status" 2 "$status"
case $err in "cjm check: unknown warning option '-Wbogus'; warnings are: unused "*) ;; *) fail "an unknown warning: $err" ;; esac
for when in auto always never; do
  run "$cjm" check --color "$when" u.cjm
  check "--color $when (two words): status" 0 "$status"
done
run "$cjm" check -- -u.cjm
check "after --, a name with a dash is a file: status" 2 "$status"
case $err in "-u.cjm: error: cannot read file"*) ;; *) fail "after --: $err" ;; esac
# spellings of options: a short option's value attached or apart, a long
# one's after = or apart, --colour, a bare --color, and names that only
# begin like an option
check "-Tjson is -T json" "$("$cjm" render -T json u.cjm)" "$("$cjm" render -Tjson u.cjm)"
check "--format=md is -T md" "$("$cjm" render -T md u.cjm)" "$("$cjm" render --format=md u.cjm)"
"$cjm" render u.cjm --output=o1.csv && "$cjm" render u.cjm -oo2.csv && "$cjm" render u.cjm --output o3.csv
cmp -s o1.csv o2.csv && cmp -s o1.csv o3.csv || fail "--output=, -oFILE and --output FILE wrote different files"
[ "$(head -c 3 o1.csv | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "-o NAME.csv: not CSV with a byte-order mark"
run "$cjm" check --colour=never u.cjm
check "--colour=never: status" 0 "$status"
run "$cjm" check --color u.cjm
check "a bare --color, then a file: status" 0 "$status"
run "$cjm" check --color=always unclosed.cjm
case $err in *$'\033['*) ;; *) fail "--color=always: no colour in the diagnostics: $err" ;; esac
run "$cjm" check --color=never unclosed.cjm
case $err in *$'\033['*) fail "--color=never: colour in the diagnostics: $err" ;; esac
usage "unknown option '--colorful'" check --colorful u.cjm
usage "unknown option '--widthx=3'" render --widthx=3 u.cjm
usage "unknown option '--listing=steps'" check --listing=steps u.cjm
usage "--max-errors takes a whole number (0 for no limit), not ''" check --max-errors= u.cjm
usage "--max-errors takes a whole number (0 for no limit), not '3x'" check --max-errors 3x u.cjm
# warnings past the cap: one not shown (singular), the note in colour under --color=always
printf 'journey "W"\npersona a\npersona b\npersona c\n' >three_unused.cjm
run "$cjm" check --max-errors 2 three_unused.cjm
check "a warning past the cap: status" 0 "$status"
check "a warning past the cap: the note" "cjm: note: 1 more warning not shown after 2 (--max-errors=N raises the limit, 0 removes it)" "$(tail -n 1 <<<"$err")"
run "$cjm" check --color=always --max-errors 2 three_unused.cjm
case $(tail -n 1 <<<"$err") in $'\033[1mcjm:\033[0m '*'1 more warning not shown after 2'*) ;;
  *) fail "--color=always: the note is not in colour: $(tail -n 1 <<<"$err")" ;; esac
run "$cjm" check --max-errors 1 -Iinc u.cjm
check "--max-errors N and -IDIR: status" 0 "$status"
run "$cjm" check -Werror=sparse-feel -Wno-error=sparse-feel -Wall -Wcx -Wunused u.cjm
check "warning options together: status" 0 "$status"

# what cannot be written
run "$cjm" render u.cjm -T text -o nonesuch/out.txt
check "render to a missing directory: status" 2 "$status"
case $err in "cjm render: cannot write nonesuch/out.txt: "*) ;; *) fail "render to a missing directory: $err" ;; esac
run "$cjm" diff -o nonesuch/out.txt u.cjm u.cjm
check "diff to a missing directory: status" 2 "$status"
case $err in "cjm diff: cannot write nonesuch/out.txt: "*) ;; *) fail "diff to a missing directory: $err" ;; esac
if [ -w /dev/full ]; then
  "$cjm" fmt u.cjm >/dev/full 2>err.txt
  check "fmt to a full device: status" 2 $?
  check "fmt to a full device" "cjm fmt: cannot write to standard output: No space left on device" "$(cat err.txt)"
fi
run "$cjm" fmt --textconv unclosed.cjm
check "fmt --textconv of a broken file: status" 0 "$status"
check "fmt --textconv of a broken file: as it is" "$(cat unclosed.cjm)" "$out"
check "fmt --textconv of a broken file: one line" "cjm fmt: unclosed.cjm:1:11: missing closing quote; shown as it is" "$err"
# fmt: the long -w, a file over the limit, a directory
cp u.cjm w.cjm
run "$cjm" fmt --write w.cjm
check "fmt --write: status" 0 "$status"
check "fmt --write rewrites the file" "$("$cjm" fmt u.cjm)" "$(cat w.cjm)"
truncate -s 65M sparse.cjm
run "$cjm" fmt sparse.cjm
check "fmt of a file over the limit: status" 1 "$status"
check "fmt of a file over the limit" "sparse.cjm: error: file is 68157440 bytes, over the limit of 67108864 bytes [limit]" "$err"
rm -f sparse.cjm
mkdir -p adir
run "$cjm" fmt adir
check "fmt of a directory: status" 2 "$status"
check "fmt of a directory" "adir: error: cannot read file: not a regular file [io]" "$err"
# diff: a persona neither journey has
run "$cjm" diff --persona nobody u.cjm u.cjm
check "diff --persona nobody: status" 2 "$status"
check "diff --persona nobody" "cjm diff: neither journey has a persona 'nobody'" "$err"
# -o names without a usable extension get the default format (svg)
for name in .svg out. dir.x/out; do
  mkdir -p dir.x
  run "$cjm" render u.cjm -o "$name"
  check "render -o $name: status" 0 "$status"
  case $(head -c 5 "$name") in "<?xml") ;; *) fail "render -o $name: not SVG" ;; esac
done
# as git's diff driver: a picture is refused, an unmerged path is named
run "$cjm" diff -T svg path u.cjm 1111111 100644 u.cjm 2222222 100644
check "diff -T svg as git's driver: status" 2 "$status"
GIT_DIFF_PATH_TOTAL=1 run "$cjm" diff u.cjm
check "diff of an unmerged path: status" 0 "$status"
check "diff of an unmerged path" "* Unmerged path u.cjm" "$out"
# the language server, its input closed at once: the client went away
"$cjm" lsp --stdio </dev/null >/dev/null 2>&1
check "lsp --stdio with no client: status" 1 $?

# ---- CJM_PATH ----------------------------------------------------------------------------------
mkdir -p one two inc
printf 'channel from_one "One"\n' >one/shared.cjm
printf 'channel from_two "Two"\n' >two/shared.cjm
printf 'channel only_two "Two only"\n' >two/extra.cjm
printf 'channel from_inc "Inc"\n' >inc/shared.cjm
printf 'use "shared"\nuse "extra"\njourney "P"\n' >paths.cjm
CJM_PATH="one:two" run "$cjm" check --list=channels paths.cjm
check "CJM_PATH one:two" "from_one
only_two" "$out"
CJM_PATH="two:one" run "$cjm" check --list=channels paths.cjm
check "CJM_PATH two:one" "from_two
only_two" "$out"
CJM_PATH="::one:::two:" run "$cjm" check --list=channels paths.cjm
check "CJM_PATH with empty entries" "from_one
only_two" "$out"
check "CJM_PATH with empty entries: status" 0 "$status"
CJM_PATH="one:two" run "$cjm" check -I inc --list=channels paths.cjm
check "-I before CJM_PATH" "from_inc
only_two" "$out"
CJM_PATH="one" run "$cjm" check paths.cjm
check "a module in no directory of CJM_PATH: status" 1 "$status"
case $err in *"'extra'"*) ;; *) fail "a module in no directory of CJM_PATH: $err" ;; esac
CJM_PATH="" run "$cjm" check --list=channels paths.cjm
check "an empty CJM_PATH: status" 1 "$status"

# ---- the width of -T text -------------------------------------------------------------------
cat >wide.cjm <<'EOF'
journey "Wide"
persona p "P"
stage s1 "First stage"
  step a "An action with quite a few words in its label" by p
    feel 1
    pain "A pain that takes a few words to say as well"
  step b "Another action with many words to wrap" by p
    feel -1
stage s2 "Second stage"
  step c "A third action, wordy too, to fill the row" by p
    feel 0
  step d "A fourth action that also says a lot" by p
    feel 2
EOF
# widest: the width of the widest line on standard input (the tables are
# drawn with --ascii, so bytes are columns)
widest() { awk '{ n = length($0); if (n > w) w = n } END { print w + 0 }'; }
default=$("$cjm" render wide.cjm -T text --ascii | widest)
[ "$default" -le 100 ] && [ "$default" -gt 60 ] || fail "default width: the widest line is $default, not 61 to 100"
got=$(COLUMNS=60 "$cjm" render wide.cjm -T text --ascii | widest)
[ "$got" -le 60 ] && [ "$got" -gt 40 ] || fail "COLUMNS=60 to a pipe: the widest line is $got"
COLUMNS=60 "$cjm" render wide.cjm -T text --ascii -o w60.txt
check "COLUMNS=60 with -o" "$got" "$(widest <w60.txt)"
check "COLUMNS=60 is --width 60" "$(COLUMNS=60 "$cjm" render wide.cjm -T text --ascii)" "$("$cjm" render wide.cjm -T text --ascii --width 60)"
check "--width wins over COLUMNS" "$("$cjm" render wide.cjm -T text --ascii --width 80)" "$(COLUMNS=40 "$cjm" render wide.cjm -T text --ascii --width 80)"
for bad in abc 19 10001 "" 60x -80; do
  check "COLUMNS='$bad' is ignored" "$default" "$(COLUMNS=$bad "$cjm" render wide.cjm -T text --ascii | widest)"
done
got=$(COLUMNS=50 "$cjm" stats wide.cjm -T text --ascii | widest)
[ "$got" -le 50 ] || fail "stats with COLUMNS=50: the widest line is $got"
# On a terminal (script(1) gives the command one), its width wins over COLUMNS.
if command -v script >/dev/null 2>&1; then
  COLUMNS=45 script -qec "stty cols 70 rows 50; '$cjm' render wide.cjm --ascii --color=never" /dev/null |
    tr -d '\r' >tty.txt
  got=$(widest <tty.txt)
  [ "$got" -le 70 ] && [ "$got" -gt 45 ] || fail "on a 70-column terminal with COLUMNS=45: the widest line is $got"
  check "on a terminal, text is the default" "" "$(grep -c '<svg' tty.txt | grep -v '^0$')"
else
  fail "script(1) not found (util-linux, bsdutils)"
fi

# ---- check --list ---------------------------------------------------------------------------------
cat >list.cjm <<'EOF'
journey "List"
persona zed "Z"
persona amy "A"
channel web "Web"
lane ideas "Ideas"
metric nps "NPS"
stage later "Later"
  step s2 "Two" by zed
stage early "Early"
  step s1 "One" by amy
EOF
for kind in personas channels metrics stages steps; do
  run "$cjm" check --list="$kind" list.cjm
  check "--list=$kind: status" 0 "$status"
  case $kind in
  personas) want="zed amy" ;; channels) want="web" ;; metrics) want="nps" ;;
  stages) want="later early" ;; steps) want="s2 s1" ;;
  esac
  check "--list=$kind" "$want" "$(echo $out)"
done
run "$cjm" check --list lanes list.cjm
case $(echo $out) in *" ideas") ;; *) fail "--list lanes: the declared lane is not last: $out" ;; esac
run "$cjm" check --list=personas list.cjm paths.cjm
check "--list of two files: status" 1 "$status"
check "--list of two files" "zed amy" "$(echo $out)"
printf 'persona amy "A"\nstage s "S"\n  step a "A" by nobody\n' >broken.cjm
run "$cjm" check --list=personas broken.cjm
check "--list after an error: status" 1 "$status"
check "--list after an error" "amy" "$out"
run "$cjm" check --list=personas missing.cjm
check "--list of a missing file: status" 2 "$status"
check "--list of a missing file" "" "$out"
run "$cjm" check --list=people list.cjm
check "--list=people: status" 2 "$status"
check "--list=people" "cjm check: --list takes personas, channels, lanes, metrics, stages or steps, not 'people'
see 'cjm help check'" "$err"
run "$cjm" check list.cjm --list
check "--list without a value: status" 2 "$status"
check "--list without a value" "cjm check: option '--list' needs a value
see 'cjm help check'" "$err"

# ---- reading journeys ----------------------------------------------------------------------------
{
  printf 'journey "Big"\npersona p "P"\n'
  for s in $(seq 1 40); do
    printf 'stage s%d "Stage %d"\n' "$s" "$s"
    for t in $(seq 1 60); do
      printf '  step x%d_%d "Step %d of stage %d, with a label long enough to weigh" by p\n    feel %d\n' "$s" "$t" "$t" "$s" $((t % 5 - 2))
    done
  done
} >big.cjm
[ "$(wc -c <big.cjm)" -gt 200000 ] || fail "big.cjm is only $(wc -c <big.cjm) bytes"
run "$cjm" check -Wno-unreachable big.cjm
check "a big file: status" 0 "$status"
check "a big file: diagnostics" "" "$err"
run "$cjm" check -Wno-unreachable - < <(cat big.cjm)
check "a big journey from a pipe: status" 0 "$status"
check "a big journey from a pipe: diagnostics" "" "$err"
check "a big journey from a pipe: its steps" 2400 "$(cat big.cjm | "$cjm" check --list=steps - | wc -l)"
truncate -s 65M sparse.cjm
run "$cjm" check sparse.cjm
check "a file over the limit: status" 1 "$status"
check "a file over the limit" "sparse.cjm:1:1: error: file is 68157440 bytes, over the limit of 67108864 bytes [limit]" "$err"
run "$cjm" check - < <(head -c 67108865 /dev/zero | tr '\0' ' ')
check "a stream over the limit: status" 1 "$status"
check "a stream over the limit" "<stdin>:1:1: error: file is 67108865 bytes, over the limit of 67108864 bytes [limit]" "$err"
run "$cjm" check - <sparse.cjm
check "standard input over the limit: status" 1 "$status"
check "standard input over the limit" "<stdin>:1:1: error: file is 68157440 bytes, over the limit of 67108864 bytes [limit]" "$err"
rm -f sparse.cjm
# streams: standard input by name and an unnamed pipe are read; a named
# FIFO or a device is refused at once (it could wait for ever)
run "$cjm" check /dev/stdin <u.cjm
check "/dev/stdin: status" 0 "$status"
run "$cjm" check <(cat u.cjm)
check "a pipe by name (<(...)): status" 0 "$status"
mkfifo fifo
run timeout 10 "$cjm" check fifo
check "a named FIFO: status" 2 "$status"
check "a named FIFO" "fifo: error: cannot read file: not a regular file [io]" "$err"
run "$cjm" check /dev/zero <u.cjm
check "a device: status" 2 "$status"
check "a device" "/dev/zero: error: cannot read file: not a regular file [io]" "$err"
run "$cjm" check - 0>wo.txt
check "unreadable standard input: status" 2 "$status"
check "unreadable standard input" "<stdin>: error: cannot read file: Bad file descriptor [io]" "$err"
run "$cjm" check one
check "a directory: status" 2 "$status"
check "a directory" "one: error: cannot read file: not a regular file [io]" "$err"
run "$cjm" check nonesuch.cjm
check "a missing file: status" 2 "$status"
case $err in "nonesuch.cjm: error: cannot read file: No such file or directory [io]"*) ;; *) fail "a missing file: $err" ;; esac

# ---- numbers of more than 15 digits ---------------------------------------------------------
cat >numbers.cjm <<'EOF'
journey "Numbers"
metric big "Big"
  target 1234567890123456789012345
metric fine "Fine"
  target 0.12345678901234567890123
metric neg "Negative"
  target -98765432109876543.21
metric short "Fifteen digits"
  target 123456789.012345
persona p "P"
stage s "S"
  step a "A" by p
    feel 1
    measure big 12345678901234567
    measure fine -0.000000000000000000001
EOF
for lexer in default flex; do
  if [ "$lexer" = flex ]; then export CJM_LEXER=flex; fi
  targets=$("$cjm" render numbers.cjm -T json 2>/dev/null | sed -n 's/^ *"target": //p' | tr -d ',' | tr '\n' ' ')
  check "long numbers ($lexer): targets" "1.23456789012346e24 0.123456789012346 -9.87654321098765e16 123456789.012345 " "$targets"
  values=$("$cjm" render numbers.cjm -T json 2>/dev/null | sed -n 's/^ *"value": //p' | tr -d ',' | sort -u | tr '\n' ' ')
  check "long numbers ($lexer): measures" "-1e-21 1.23456789012346e16 " "$values"
  unset CJM_LEXER
done
check "long numbers keep their text" "  target 1234567890123456789012345" "$("$cjm" fmt numbers.cjm | grep -xF '  target 1234567890123456789012345')"
finish "command line"
