#!/bin/sh
# Runs tests/editors/vscode/extension.test.js, the tests of the VS Code
# extension in editors/vscode, with node's test runner.
# Usage: tests/editors/vscode/run.sh CJM_BINARY SOURCE_DIR
set -eu
cjm=$1 src=$2
test_name="vscode/run.sh"
. "$(dirname "$0")/../lib.sh"
require node "the tests of editors/vscode"
CJM=$cjm CJM_SOURCE_DIR=$src node --test "$src/tests/editors/vscode/extension.test.js"
