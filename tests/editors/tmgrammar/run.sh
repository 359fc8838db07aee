#!/bin/sh
# Runs the TextMate grammar tests: each tests/editors/tmgrammar/*.cjm holds
# lines of cjm, each followed by comment lines whose carets name the scopes
# editors/vscode/syntaxes/cjm.tmLanguage.json must give the characters
# above them. The runner is vscode-tmgrammar-test, which scripts/deps.sh
# installs with `npm ci` in tests/editors.
# Usage: tests/editors/tmgrammar/run.sh SOURCE_DIR
set -eu
src=$1
test_name="tmgrammar/run.sh"
. "$(dirname "$0")/../lib.sh"
require node "the TextMate grammar tests"
runner=$src/tests/editors/node_modules/.bin/vscode-tmgrammar-test
if [ ! -x "$runner" ]; then
  if [ "${CI:-}" = true ]; then
    echo "$test_name: FAIL: vscode-tmgrammar-test is not installed; scripts/deps.sh runs npm ci in tests/editors" >&2
    exit 1
  fi
  echo "$test_name: skipped: vscode-tmgrammar-test is not installed (run npm ci in tests/editors, or scripts/deps.sh)"
  exit 77
fi
grammar=$src/editors/vscode/syntaxes/cjm.tmLanguage.json
set -- "$src"/tests/editors/tmgrammar/*.cjm
"$runner" --grammar "$grammar" "$@"
echo "$test_name: $# passed, 0 failed"
