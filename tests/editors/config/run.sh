#!/bin/sh
# Runs tests/editors/config/config.test.js, the tests of the Helix and Zed
# configurations in editors/helix and editors/zed, with node's test runner.
# Usage: tests/editors/config/run.sh CJM_BINARY SOURCE_DIR
set -eu
cjm=$1 src=$2
test_name="config/run.sh"
. "$(dirname "$0")/../lib.sh"
require node "the tests of editors/helix and editors/zed"
if [ ! -d "$src/tests/editors/node_modules/smol-toml" ]; then
  if [ "${CI:-}" = true ]; then
    echo "$test_name: FAIL: smol-toml is not installed; scripts/deps.sh runs npm ci in tests/editors" >&2
    exit 1
  fi
  echo "$test_name: skipped: smol-toml is not installed (run npm ci in tests/editors, or scripts/deps.sh)"
  exit 77
fi
CJM=$cjm CJM_SOURCE_DIR=$src node --test "$src/tests/editors/config/config.test.js"
