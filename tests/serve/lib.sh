# tests/serve/lib.sh — what the tests of `cjm render --watch` and `cjm
# serve` share. Sourced, not run. POSIX sh.
#
# Every test works in its own temporary directory, binds only to the
# loopback (127.0.0.1 or ::1, port 0: a free port) and ends by itself:
# each wait below is bounded, and whatever the test started is stopped on
# exit.

test_name=${test_name:-serve/$(basename "$0" .sh)}

fail() {
  echo "$test_name: FAIL: $*" >&2
  exit 1
}

# make_tmpdir: sets tmp to a new temporary directory, removed on exit
# after the processes in $pids are stopped.
pids=
make_tmpdir() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-serve.XXXXXX")
  trap 'for p in $pids; do kill -TERM "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
}

# save FILE TEXT: writes TEXT to FILE the way editors save, a new file
# renamed over the old one.
save() {
  printf '%s\n' "$2" >"$1.new" && mv -f "$1.new" "$1"
}

# wait_for SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds;
# fails when it has not within SECONDS.
wait_for() {
  limit=$(($1 * 10))
  shift
  n=0
  until "$@"; do
    n=$((n + 1))
    [ "$n" -lt "$limit" ] || return 1
    sleep 0.1
  done
}

# stop_process PID: SIGTERM, then the exit status within 10 s (fails if
# the process is still running then).
stop_process() {
  kill -TERM "$1"
  n=0
  while kill -0 "$1" 2>/dev/null; do
    n=$((n + 1))
    [ "$n" -lt 100 ] || fail "process $1 did not stop within 10 s of SIGTERM"
    sleep 0.1
  done
  wait "$1"
}
