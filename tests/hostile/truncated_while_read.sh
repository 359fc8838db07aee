#!/usr/bin/env bash
# A file cut short while cjm reads it (hostile input, finding 8): an
# editor saving in place during `cjm check`. Large files used to be
# memory-mapped, and reading past the new end killed cjm with SIGBUS (3
# times in 3). Files are now read, so cjm sees either the whole file or
# the shorter one, and reports on that: any exit status but a signal.
#   truncated_while_read.sh CJM STDLIB
set -u
cjm=$(realpath "$1")
export CJM_STDLIB=$(realpath "$2") NO_COLOR=1
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-truncated
cd "$tmp" || exit 2
keep_going

# A journey of about 20 MB: one stage, 60,000 steps with a feel and a thought.
awk 'BEGIN {
  print "journey \"Long\"\npersona mia \"Mia\"\nstage s \"S\""
  for (i = 0; i < 60000; i++)
    printf "  step s%d \"Step %d of a long journey, written out at length\" by mia\n    feel +1 \"fine\"\n    thought \"%0200d\"\n", i, i, i
}' >long.orig
for attempt in 1 2 3 4 5; do
  cp long.orig long.cjm
  "$cjm" check long.cjm >/dev/null 2>&1 &
  pid=$!
  # cut it short while it is being read or checked
  sleep 0.0$attempt
  : >long.cjm
  wait "$pid"
  status=$?
  [ "$status" -lt 128 ] || fail "attempt $attempt: cjm died of signal $((status - 128))"
done
finish "truncated while read"
