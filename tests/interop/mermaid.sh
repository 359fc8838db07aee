#!/usr/bin/env bash
# `cjm import mermaid` and `cjm export mermaid`:
#   mermaid.sh cli CJM STDLIB      what cjm alone can check
#   mermaid.sh parser CJM STDLIB   the same files against Mermaid's own parser
#
# cli: every diagram of tests/interop/mermaid/ imports to its golden
# NAME.cjm with its warnings in NAME.stderr (UPDATE=1 rewrites them), and
# what it imports checks (exit 0) and is in the canonical layout; round
# trips are stable (import, export, import gives the first import again when
# the diagram has no comment and imports without a warning, and always a
# fixed point after one round; a journey exported, imported and exported
# again gives the same diagram);
# bad input (binary, not a journey, invalid UTF-8, over the size limit, a
# syntax error) is a located error with exit 1 and leaves -o untouched;
# usage and I/O errors exit 2; --quiet leaves the note out.
#
# parser: Mermaid (tests/interop/node_modules, installed by scripts/deps.sh
# with `npm ci`) parses the export of every example and of every journey of
# tests/interop/journeys/, and each diagram of tests/interop/mermaid/, and
# mermaid_check.mjs compares what it reads with the journeys. Without Node
# or the packages the test is skipped (exit 77), except under CI=true,
# where it fails: CI must prove the export parses, never skip it.
set -u
mode=$1
cjm=$(realpath "$2")
export CJM_STDLIB=$(realpath "$3") NO_COLOR=1
unset CJM_PATH
here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
# shellcheck source=SCRIPTDIR/../lib.sh
. "$here/../lib.sh"
make_tmpdir cjm-mermaid-test
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }

diagrams=("$here"/mermaid/*.mmd)
journeys=("$repo"/examples/*.cjm "$here"/journeys/*.cjm)

if [ "$mode" = parser ]; then
  if ! command -v node >/dev/null || [ ! -d "$here/node_modules/mermaid" ] || [ ! -d "$here/node_modules/jsdom" ]; then
    why="Node.js or the packages of tests/interop/package.json are missing (scripts/deps.sh installs them)"
    if [ "${CI:-}" = true ]; then
      echo "$test_name: $why; under CI the export must be checked by Mermaid itself" >&2
      exit 1
    fi
    echo "$test_name: skipped: $why"
    exit 77
  fi
  exports=() imports=()
  for j in "${journeys[@]}"; do
    name=$(basename "$j" .cjm)
    "$cjm" export mermaid "$j" -o "$tmp/$name.mmd" 2>/dev/null || fail "export $name: exit $?"
    "$cjm" render -T json "$j" -o "$tmp/$name.json" 2>/dev/null || fail "render -T json $name: exit $?"
    exports+=("$tmp/$name.json" "$tmp/$name.mmd")
  done
  for d in "${diagrams[@]}"; do
    name=$(basename "$d" .mmd)
    "$cjm" import mermaid "$d" -o "$tmp/$name.cjm" 2>/dev/null || fail "import $name: exit $?"
    "$cjm" render -T json "$tmp/$name.cjm" -o "$tmp/$name.imported.json" 2>/dev/null || fail "render $name: exit $?"
    imports+=("$d" "$tmp/$name.imported.json")
  done
  node "$here/mermaid_check.mjs" export "${exports[@]}" || fail "Mermaid reads an export otherwise (above)"
  node "$here/mermaid_check.mjs" import "${imports[@]}" || fail "Mermaid reads a diagram otherwise than cjm imported it (above)"
  finish "$test_name parser"
  exit 0
fi

# ---- every diagram: the golden import, its warnings, check, fmt --check ----------------
for d in "${diagrams[@]}"; do
  name=$(basename "$d" .mmd)
  (cd "$here/mermaid" && "$cjm" import mermaid "$name.mmd") >"$tmp/$name.cjm" 2>"$tmp/$name.stderr"
  check "import $name exit" 0 $?
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/$name.cjm" "$here/mermaid/$name.cjm"
    cp "$tmp/$name.stderr" "$here/mermaid/$name.stderr"
  fi
  diff -u "$here/mermaid/$name.cjm" "$tmp/$name.cjm" || fail "import $name differs from $name.cjm"
  diff -u "$here/mermaid/$name.stderr" "$tmp/$name.stderr" || fail "import $name: warnings differ from $name.stderr"
  "$cjm" check "$tmp/$name.cjm" 2>"$tmp/check.err"
  check "check of the import of $name" 0 $?
  "$cjm" fmt --check "$tmp/$name.cjm" || fail "the import of $name is not in the canonical layout"

  # round trip: import, export, import
  "$cjm" export mermaid "$tmp/$name.cjm" -o "$tmp/$name.2.mmd" 2>/dev/null || fail "export of $name: exit $?"
  "$cjm" import mermaid "$tmp/$name.2.mmd" -o "$tmp/$name.2.cjm" 2>/dev/null || fail "second import of $name: exit $?"
  "$cjm" export mermaid "$tmp/$name.2.cjm" -o "$tmp/$name.3.mmd" 2>/dev/null || fail "second export of $name: exit $?"
  "$cjm" import mermaid "$tmp/$name.3.mmd" -o "$tmp/$name.3.cjm" 2>/dev/null || fail "third import of $name: exit $?"
  cmp -s "$tmp/$name.2.cjm" "$tmp/$name.3.cjm" || fail "round trip of $name is not a fixed point: $(diff "$tmp/$name.2.cjm" "$tmp/$name.3.cjm" | head -5)"
  grep -v '^%%' "$tmp/$name.2.mmd" | cmp -s - "$tmp/$name.3.mmd" || fail "export of $name's round trip changes"
  # nothing lost (no warning) and no comment: the second import is the first
  if [ ! -s "$tmp/$name.stderr" ] && ! grep -q '^[[:space:]]*\(%%\|#\)' "$d"; then
    cmp -s "$tmp/$name.cjm" "$tmp/$name.2.cjm" || fail "import, export, import of $name differs: $(diff "$tmp/$name.cjm" "$tmp/$name.2.cjm" | head -5)"
  fi
done

# ---- every journey: export, import, export gives the same diagram ----------------------
for j in "${journeys[@]}"; do
  name=$(basename "$j" .cjm)
  "$cjm" export mermaid --quiet "$j" -o "$tmp/$name.q.mmd" 2>/dev/null || fail "export --quiet $name: exit $?"
  "$cjm" export mermaid "$j" -o "$tmp/$name.n.mmd" 2>/dev/null || fail "export $name: exit $?"
  grep -v '^%%' "$tmp/$name.n.mmd" | cmp -s - "$tmp/$name.q.mmd" || fail "--quiet changes more than the note of $name"
  if grep -q '^%% cjm export:' "$tmp/$name.q.mmd"; then fail "--quiet wrote the note for $name"; fi
  "$cjm" import mermaid "$tmp/$name.n.mmd" -o "$tmp/$name.c1.cjm" 2>"$tmp/$name.c1.err" || fail "import of the export of $name: exit $?"
  if grep -q '^#' "$tmp/$name.c1.cjm"; then fail "the note of the export of $name was imported as comments"; fi
  "$cjm" export mermaid --quiet "$tmp/$name.c1.cjm" -o "$tmp/$name.q2.mmd" 2>/dev/null || fail "second export of $name: exit $?"
  cmp -s "$tmp/$name.q.mmd" "$tmp/$name.q2.mmd" || fail "export, import, export of $name differs: $(diff "$tmp/$name.q.mmd" "$tmp/$name.q2.mmd" | head -5)"
done
"$cjm" export mermaid "$repo/examples/smartphone.cjm" | head -n 1 | grep -q '^%% cjm export: ' ||
  fail "the export of smartphone.cjm has no note of what Mermaid cannot show"

# ---- bad input: a located error, exit 1, nothing written -------------------------------
cd "$tmp" || exit 2
echo "keep me" >out.cjm
# expect_error NAME FILE PATTERN: import FILE fails with exit 1, a message
# matching PATTERN, and leaves out.cjm as it was
expect_error() {
  "$cjm" import mermaid "$2" -o out.cjm 2>err.txt
  check "$1: exit status" 1 $?
  grep -q -- "$3" err.txt || fail "$1: no message matching '$3' in: $(head -c 300 err.txt)"
  check "$1: -o untouched" "keep me" "$(cat out.cjm)"
}
printf 'journey\n  section A\n    x: 3\0\0\1\2binary\n' >binary.mmd
expect_error binary binary.mmd '^binary.mmd:3:9: error: NUL byte: this is a binary file'
head -c 3000 /dev/urandom >random.bin
printf '\0' >>random.bin
"$cjm" import mermaid random.bin -o out.cjm 2>err.txt
check "random bytes: exit status" 1 $?
check "random bytes: -o untouched" "keep me" "$(cat out.cjm)"
printf 'flowchart TD\n  A --> B\n' >flow.mmd
expect_error "not a journey" flow.mmd "^flow.mmd:1:1: error: not a Mermaid journey diagram: it starts with 'flowchart'"
printf '%%%% only a comment\n\n' >empty.mmd
expect_error "no diagram" empty.mmd "^empty.mmd: error: no Mermaid diagram in this file"
printf 'journey\n  section Caf\xe9\n    x: 3\n' >latin1.mmd
expect_error "invalid UTF-8" latin1.mmd "^latin1.mmd:2:14: error: invalid UTF-8 (byte 0xE9)"
printf 'journey\n  section A\n    Task without score\n    Other: 3: A; B\n    : 4\n' >syntax.mmd
expect_error "syntax errors" syntax.mmd "^syntax.mmd:3:23: error: a task wants ':' and a score"
grep -q "^syntax.mmd:4:16: error: Mermaid's journey diagrams have no ';'" err.txt || fail "syntax: the second error is not reported"
grep -q "^syntax.mmd:5:5: error: a ':' with no task name" err.txt || fail "syntax: the third error is not reported"
printf 'journey\n  %%%%{init: {"theme": "dark"}\n  section A\n' >directive.mmd
expect_error "unclosed directive" directive.mmd "^directive.mmd:2:3: error: a directive '%%{' that is never closed"
{ printf 'journey\n  section A\n'; head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; } >huge.mmd
expect_error "huge file" huge.mmd "^huge.mmd:1:1: error: file is [0-9]* bytes, over the limit of 67108864 bytes \[limit\]"
{ printf 'journey\n  section A\n    '; head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; printf ': 3\n'; } >long.mmd
expect_error "long task" long.mmd "^long.mmd:3:5: error: a text of 2097152 bytes, over cjm's limit"

# a journey with errors is not exported; nothing is written
printf 'journey "x"\nstage s\n  step a by nobody\n' >broken.cjm
echo "keep me" >out.mmd
"$cjm" export mermaid broken.cjm -o out.mmd 2>err.txt
check "export of a broken journey: exit status" 1 $?
check "export of a broken journey: -o untouched" "keep me" "$(cat out.mmd)"

# usage and I/O errors
"$cjm" import mermaid no-such-file.mmd 2>/dev/null
check "import of a missing file" 2 $?
"$cjm" import 2>/dev/null
check "import without a format" 2 $?
"$cjm" import plantuml x 2>/dev/null
check "import of an unknown format" 2 $?
"$cjm" export mermaid 2>/dev/null
check "export without a file" 2 $?
"$cjm" export mermaid "$repo/examples/smartphone.cjm" -o /no/such/dir/x.mmd 2>/dev/null
check "export to a missing directory" 2 $?
"$cjm" import mermaid "$here/mermaid/my_working_day.mmd" --bogus 2>/dev/null
check "import with an unknown option" 2 $?
"$cjm" export yaml "$repo/examples/smartphone.cjm" 2>err.txt
check "export to an unknown format" 2 $?
grep -q "cjm export: unknown format 'yaml'; formats: mermaid" err.txt || fail "export yaml: $(cat err.txt)"
"$cjm" export mermaid -q "$repo/examples/smartphone.cjm" | head -n 1 | grep -q '^%% cjm export: ' &&
  fail "export -q wrote the note"

# a diagram longer than Mermaid draws by default: a warning at the journey
# (at the file when it has no journey line: it was unlocated, "cjm:"),
# the diagram written all the same
{
  printf 'journey "Long"\npersona p "P"\nstage s "S"\n'
  awk 'BEGIN { for (i = 0; i < 1200; i++) printf "  step s%d \"A step with a label of some fifty characters %d\" by p\n", i, i }'
} >long.cjm
"$cjm" export mermaid --color=never long.cjm -o long.mmd 2>err.txt
check "a long diagram: exit status" 0 $?
grep -q "^long.cjm:1:1: warning: the diagram has [0-9]* characters; Mermaid draws at most 50000 unless its maxTextSize setting allows more \[export\]" err.txt ||
  fail "a long diagram: $(cat err.txt)"
grep -q 'A step with a label of some fifty characters 1199' long.mmd || fail "a long diagram: not written whole"
sed 1d long.cjm >untitled.cjm
"$cjm" export mermaid --color=never untitled.cjm -o untitled.mmd 2>err.txt
check "a long diagram without a journey line: exit status" 0 $?
grep -q "^untitled.cjm: warning: the diagram has [0-9]* characters" err.txt ||
  fail "a long diagram without a journey line: $(cat err.txt)"
"$cjm" import mermaid - <"$here/mermaid/my_working_day.mmd" | cmp -s - "$here/mermaid/my_working_day.cjm" ||
  fail "import from standard input differs"
"$cjm" --help | grep -q '^  export ' || fail "cjm --help does not list export"
"$cjm" --help | grep -q '^  import ' || fail "cjm --help does not list import"
"$cjm" help export | grep -q 'mermaid' || fail "cjm help export does not name mermaid"

finish "$test_name cli"
