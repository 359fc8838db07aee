# tests/lib.sh — the prologue the shell tests share: a temporary directory
# and how a failed check is reported. Sourced, not run, by tests/*.sh and
# tests/render/*.sh:
#
#   . "$(dirname "$0")/lib.sh"        (tests/render: "$(dirname "$0")/../lib.sh")
#
# POSIX sh, so that both the sh and the bash tests can source it.

# The test's name, for messages.
test_name=$(basename "$0")

# make_tmpdir PREFIX: sets tmp to a new temporary directory, removed when
# the test exits.
make_tmpdir() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
}

# fail MESSAGE: a check failed. The test stops at once: exit 1, with
# "NAME: [CONTEXT: ]MESSAGE" on standard error, CONTEXT being $fail_context
# when the test sets it. After `keep_going` instead, "FAIL: MESSAGE" goes
# to standard output, the failure is counted and the test goes on to
# `finish`.
fail() {
  if [ -n "${failures:-}" ]; then
    echo "FAIL: $*"
    failures=$((failures + 1))
  else
    echo "$test_name: ${fail_context:+$fail_context: }$*" >&2
    exit 1
  fi
}

# keep_going: from here on, `fail` counts failures rather than stopping.
keep_going() { failures=0; }

# finish WHAT: ends a test that kept going: exit 1 with the number of
# failed checks, or "WHAT: all checks passed".
finish() {
  if [ "$failures" != 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "$1: all checks passed"
}

# count XPATH SVG: how many nodes of SVG match XPATH.
count() { xmllint --xpath "count($1)" "$2"; }

# node_names SVG: how many texts of SVG are node names (n1, n2...), as a
# node left without a label would show.
node_names() { count "//*[local-name()='text'][starts-with(., 'n') and string(number(substring(., 2))) != 'NaN']" "$1"; }
