#!/bin/sh
# The live preview in a real browser: Debian's headless Chromium, driven
# by browser.mjs through playwright-core (tests/serve/package.json, which
# downloads no browser). Skipped (exit 77) when chromium, node or the npm
# package is missing, except under CI=true, where that is a failure
# (scripts/deps.sh installs them all).
# Usage: browser.sh CJM
set -u
cjm=$1
here=$(cd "$(dirname "$0")" && pwd)
test_name=serve/browser
chromium=${CJM_CHROMIUM:-/usr/bin/chromium}

missing() {
  if [ "${CI:-}" = true ]; then
    echo "$test_name: FAIL: $1 is not installed; scripts/deps.sh installs it" >&2
    exit 1
  fi
  echo "$test_name: skipped: $1 is not installed; scripts/deps.sh installs it"
  exit 77
}
[ -x "$chromium" ] || missing "chromium ($chromium, Debian's package chromium)"
command -v node >/dev/null 2>&1 || missing "node (Debian's nodejs)"
[ -d "$here/node_modules/playwright-core" ] || missing "playwright-core (npm ci in tests/serve)"

exec node "$here/browser.mjs" "$cjm" "$chromium"
