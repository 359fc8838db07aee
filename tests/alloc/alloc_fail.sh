#!/usr/bin/env bash
# alloc_fail — the allocation-failure test: cjm check, fmt, diff, render
# with the table backends and stats, export and import (Mermaid, CSV),
# md, and a scripted language-server session, over one journey, and the
# live preview's page state and pictures (alloc_preview), with each
# allocation failing in turn (CJM_ALLOC_FAIL_AT=N, honoured by a build
# with -DCJM_ALLOC_TESTING=ON, lang/arena.c). Each run must end with exit
# status 2 and one "cjm: out of memory" message, no sanitizer report (run
# it on an ASan build: LeakSanitizer checks what is left at exit), no
# output file (nor md's images) and no temporary file (.cjm-XXXXXX)
# beside it, nothing on standard output (but for the language server,
# which answers as it goes), and a file rewritten by fmt -w unchanged.
#
# The inputs of the imports, md and the session are made from the journey
# first, with no allocation failing: its Mermaid export, its CSV grid, a
# Markdown page holding it in a ```cjm block, and framed JSON-RPC
# messages (initialize, open it, hover, completion, references, symbols,
# semantic tokens, formatting, a change, shutdown, exit).
#
# A case's allocations are counted first (CJM_ALLOC_COUNT=1). When there
# are at most BUDGET of them, each one fails in turn; beyond, every one
# of the first and last BUDGET/4 and a stride between them, about BUDGET
# runs in all (the line printed per case says which). BUDGET 0 means every
# allocation. The Graphviz renderers are left out: Graphviz allocates
# through its own malloc, which cjm cannot make fail (md and the preview
# draw through it, and what cjm allocates around it is tested).
#
# Usage: alloc_fail.sh CJM SOURCE_DIR JOURNEY [BUDGET [ALLOC_PREVIEW]]
# (default 200; CTest runs examples/smartphone.cjm with 100 and the other
# examples with 20; without ALLOC_PREVIEW, the preview case is left out)
set -euo pipefail
cjm=$1
src=$2
journey=$3
budget=${4:-200}
preview=${5:-}
export CJM_STDLIB=$src/stdlib
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset CJM_ALLOC_FAIL_AT CJM_ALLOC_COUNT

# The inputs made from the journey, with no allocation failing.
"$cjm" export mermaid --quiet "$journey" -o "$tmp/in.mmd"
"$cjm" render -T csv "$journey" -o "$tmp/in.csv"
{ printf '# A page\n\nProse before.\n\n```cjm\n'; cat "$journey"; printf '```\n\nProse after.\n'; } >"$tmp/in.md"
cp "$journey" "$tmp/$(basename "$journey")"
persona=$(sed -n 's/^persona \([^ ]*\).*/\1/p' "$journey" | head -1)
python3 - "$journey" "$tmp/in.lsp" <<'PY'
import json, os, sys
text = open(sys.argv[1], encoding="utf-8").read()
uri = "file://" + os.path.abspath(sys.argv[1])
lines = text.split("\n")
step = next((i for i, l in enumerate(lines) if l.startswith("  step ")), 0)
msgs = [("initialize", {"capabilities": {}, "initializationOptions": {"warnings": ["-Wall"]}}),
        ("initialized", {}),
        ("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cjm", "version": 1, "text": text}})]
at = {"textDocument": {"uri": uri}, "position": {"line": step, "character": 8}}
msgs += [("textDocument/hover", at), ("textDocument/definition", at),
         ("textDocument/references", dict(at, context={"includeDeclaration": True})),
         ("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": step, "character": len(lines[step])}}),
         ("textDocument/documentSymbol", {"textDocument": {"uri": uri}}),
         ("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}}),
         ("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {}}),
         ("textDocument/prepareRename", at),
         ("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                     "contentChanges": [{"range": {"start": {"line": step, "character": 2},
                                                                   "end": {"line": step, "character": 2}},
                                                         "text": "# a comment\n  "}]}),
         ("workspace/symbol", {"query": ""}),
         ("shutdown", None), ("exit", None)]
with open(sys.argv[2], "wb") as f:
    for n, (method, params) in enumerate(msgs):
        m = {"jsonrpc": "2.0", "method": method}
        if not method.startswith(("initialized", "textDocument/did", "exit")):
            m["id"] = n
        if params is not None:
            m["params"] = params
        body = json.dumps(m).encode()
        f.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
PY

# The cases: "NAME|ARGUMENTS", where OUT stands for the output file (a
# new path each run), COPY for a copy of the journey (fmt -w), and
# <FILE for standard input.
other=$src/examples/smartphone.cjm
[ "$journey" != "$other" ] || other=$src/tests/golden/diff/feels_measures/old.cjm
cases=("check|check -Wall -Wcx $journey"
       "fmt|fmt $journey"
       "fmt-w|fmt -w COPY"
       "render-text|render -T text --width 80 $journey -o OUT"
       "render-md|render -T md $journey -o OUT"
       "render-csv|render -T csv $journey -o OUT"
       "render-json|render -T json $journey -o OUT"
       "stats-text|stats -T text $journey -o OUT"
       "stats-md|stats -T md $journey -o OUT"
       "stats-json|stats -T json $journey -o OUT"
       "diff-text|diff $other $journey -o OUT"
       "diff-md|diff -T md $journey $other -o OUT"
       "diff-json|diff -T json $journey $other -o OUT"
       "export-mermaid|export mermaid $journey -o OUT"
       "import-mermaid|import mermaid $tmp/in.mmd -o OUT"
       "import-csv|import csv $tmp/in.csv -o OUT"
       "md|md -T dot $tmp/in.md -o OUT"
       "md-check|md --check $tmp/in.md"
       "lsp|lsp <$tmp/in.lsp")
[ -z "$preview" ] || cases+=("serve-preview|PREVIEW $tmp/$(basename "$journey") $src/stdlib $persona")

failures=0
total_runs=0
# fail CASE N WHAT: reports one failed run.
fail() {
  echo "FAIL $1, allocation $2: $3" >&2
  failures=$((failures + 1))
}

for case in "${cases[@]}"; do
  name=${case%%|*}
  read -r -a template <<<"${case#*|}"
  # run N: runs the case with allocation N failing (0: none fails), into
  # $tmp/run; sets status, and leaves stderr in $tmp/run/err.
  run() {
    rm -rf "$tmp/run"
    mkdir "$tmp/run"
    cp "$journey" "$tmp/run/copy.cjm"
    local args=() a program=$cjm input=/dev/null
    for a in "${template[@]}"; do
      case $a in
        OUT) args+=("$tmp/run/out") ;;
        COPY) args+=("$tmp/run/copy.cjm") ;;
        PREVIEW) program=$preview ;;
        \<*) input=${a#<} ;;
        *) args+=("$a") ;;
      esac
    done
    status=0
    if [ "$1" = 0 ]; then
      CJM_ALLOC_COUNT=1 "$program" "${args[@]}" <"$input" >"$tmp/run/stdout" 2>"$tmp/run/err" || status=$?
    else
      CJM_ALLOC_FAIL_AT=$1 "$program" "${args[@]}" <"$input" >"$tmp/run/stdout" 2>"$tmp/run/err" || status=$?
    fi
  }
  run 0
  count=$(sed -n 's/^cjm: \([0-9]*\) allocations$/\1/p' "$tmp/run/err" | tail -1)
  if [ -z "$count" ] || [ "$status" -gt 1 ]; then
    fail "$name" 0 "the run without failure ended with status $status: $(head -3 "$tmp/run/err")"
    continue
  fi
  # Which allocations fail: all, or the first and last quarter-budget and a stride.
  if [ "$budget" -eq 0 ] || [ "$count" -le "$budget" ]; then
    points=$(seq 1 "$count")
    how="all $count allocations"
  else
    edge=$((budget / 4))
    stride=$(((count - 2 * edge) / (budget / 2) + 1))
    points=$( { seq 1 "$edge"; seq $((edge + 1)) "$stride" $((count - edge)); seq $((count - edge + 1)) "$count"; } )
    how="$(echo "$points" | wc -l) of $count allocations (the first and last $edge, then one in $stride)"
  fi
  runs=0
  for n in $points; do
    run "$n"
    runs=$((runs + 1))
    oom=$(grep -c 'out of memory' "$tmp/run/err" || true)
    if [ "$status" -ne 2 ]; then
      fail "$name" "$n" "exit status $status, not 2: $(grep -v '^ ' "$tmp/run/err" | head -5)"
    elif [ "$oom" -ne 1 ]; then
      fail "$name" "$n" "$oom 'out of memory' messages: $(head -5 "$tmp/run/err")"
    elif grep -qE 'Sanitizer|runtime error' "$tmp/run/err"; then
      fail "$name" "$n" "a sanitizer report: $(grep -E 'Sanitizer|SUMMARY' "$tmp/run/err" | head -3)"
    elif [ -e "$tmp/run/out" ]; then
      fail "$name" "$n" "an output file was left"
    elif compgen -G "$tmp/run/out-*" >/dev/null; then
      fail "$name" "$n" "an image was left: $(ls "$tmp/run")"
    elif compgen -G "$tmp/run/.cjm-*" >/dev/null; then
      fail "$name" "$n" "a temporary file was left: $(ls -a "$tmp/run")"
    elif ! cmp -s "$journey" "$tmp/run/copy.cjm"; then
      fail "$name" "$n" "fmt -w changed the file"
    elif [ -s "$tmp/run/stdout" ] && [ "$name" != lsp ]; then
      fail "$name" "$n" "something was written to standard output"
    fi
  done
  total_runs=$((total_runs + runs))
  echo "$name $(basename "$journey"): $how failed in turn"
done
echo "alloc_fail $(basename "$journey"): $total_runs runs, $failures failures"
[ "$failures" -eq 0 ]
