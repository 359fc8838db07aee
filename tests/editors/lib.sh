# tests/editors/lib.sh — what the editor tests share. Sourced, not run:
#
#   . "$(dirname "$0")/lib.sh"            (from tests/editors/*/run.sh: ../lib.sh)
#
# POSIX sh.

test_name=${test_name:-$(basename "$(dirname "$0")")/$(basename "$0")}

# require TOOL WHY: the test needs the program TOOL. When it is missing the
# test fails with a clear message if CI=true (CI must run every editor
# test: scripts/deps.sh installs them all) and is skipped otherwise
# (exit 77, which CMake's SKIP_RETURN_CODE turns into "Skipped").
require() {
  if command -v "$1" >/dev/null 2>&1; then
    return 0
  fi
  if [ "${CI:-}" = true ]; then
    echo "$test_name: FAIL: '$1' is not installed ($2); scripts/deps.sh installs it" >&2
    exit 1
  fi
  echo "$test_name: skipped: '$1' is not installed ($2); scripts/deps.sh installs it"
  exit 77
}

# make_tmpdir: sets tmp to a new temporary directory, removed on exit.
make_tmpdir() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-editors.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
}
