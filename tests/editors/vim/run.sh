#!/bin/sh
# Runs tests/editors/vim/test.vim, the tests of editors/vim, in a headless
# Vim or Neovim with nothing but editors/vim on the runtimepath.
# Usage: tests/editors/vim/run.sh vim|nvim CJM_BINARY SOURCE_DIR
set -eu
editor=$1 cjm=$2 src=$3
test_name="vim/run.sh ($editor)"
. "$(dirname "$0")/../lib.sh"
require "$editor" "the $editor tests of editors/vim"
make_tmpdir

# The test writes one line per test function (ok or FAIL with the failed
# assertions) to $tmp/result and ends with "done".
set -- -u NONE -i NONE -es --cmd 'set encoding=utf-8' --cmd "let g:cjm_test = {'src': '$src', 'cjm': '$cjm', 'tmp': '$tmp'}" \
  -S "$src/tests/editors/vim/test.vim"
if [ "$editor" = nvim ]; then
  nvim --headless "$@" </dev/null >"$tmp/log" 2>&1 || true
else
  vim -N "$@" </dev/null >"$tmp/log" 2>&1 || true
fi
if [ ! -s "$tmp/result" ] || [ "$(tail -n 1 "$tmp/result")" != done ]; then
  echo "$test_name: the test script did not finish; $editor said:" >&2
  cat "$tmp/log" "$tmp/result" >&2 2>/dev/null || true
  exit 1
fi
sed '$d' "$tmp/result"
if grep -q '^FAIL' "$tmp/result"; then
  exit 1
fi
echo "$test_name: $(grep -c '^ok' "$tmp/result") passed, 0 failed, $(grep -c '^skip' "$tmp/result") skipped"
