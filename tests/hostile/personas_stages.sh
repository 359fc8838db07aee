#!/usr/bin/env bash
# Personas x stages (hostile input, finding 5). Two journeys:
#   - 2,000 personas and 2,000 one-step stages (75 KB), no `by`, so every
#     step speaks for everyone. The JSON lists each persona's feel in each
#     stage and the persona x stage coverage: 4,000,000 pairs, 637 MB,
#     which the schema of version 1 asks for. `render -T json` built it as
#     a jansson tree (45 s, 5.0 GB) and `stats` drew it from dense arrays
#     (11.8 s, 535 MB).
#   - 1,000,000 ids in one `by` list (25 MB): `render -T json` 6.1 GB.
# Now the JSON is written as it is walked, the analysis is sparse and the
# JSON of version 2 lists a stage's personas sparsely too: each command
# must cost what its output costs, and the JSON what the journey says. Time: within 3x the same
# command on an ordinary journey whose output is as large (the same
# numbers of personas and stages, each step `by` one persona with a
# feel; the same ids in `by` lists of 100). Memory: peak RSS within 3x
# input + output (docs/language.md, section 7).
#   personas_stages.sh CJM STDLIB
set -u
. "$(dirname "$0")/budget.sh"
hostile_begin personas-stages "$@"

# within_memory WHAT INPUT CMD...: runs CMD (its output counted, not
# kept) under /usr/bin/time and fails unless its peak RSS is at most 3x
# the size of INPUT plus the output, with 64 MB for the program itself.
# Not under AddressSanitizer, which keeps freed memory in quarantine and
# pads every allocation (2.6 times the peak of a Release build here).
within_memory() {
  local what=$1 input=$2
  shift 2
  if [ ! -x /usr/bin/time ]; then
    echo "$what: no /usr/bin/time, memory not measured"
    return
  fi
  if grep -q __asan_init "$cjm"; then
    echo "$what: built with AddressSanitizer, memory not measured"
    return
  fi
  local out in rss limit
  out=$(/usr/bin/time -f %M -o rss.txt "$@" 2>/dev/null | wc -c)
  in=$(wc -c <"$input")
  rss=$(($(tail -1 rss.txt) * 1024))
  limit=$((3 * (in + out) + 64 * 1024 * 1024))
  echo "$what: peak RSS $((rss >> 20)) MB for $((in >> 10)) KB in, $((out >> 20)) MB out (budget $((limit >> 20)) MB)"
  [ "$rss" -le "$limit" ] || fail "$what: peak RSS $((rss >> 20)) MB is over 3x input + output"
}

# The sizes: under AddressSanitizer, which runs everything several times
# slower, a quarter of the work (still tens of seconds for the old code).
n=2000 ids=1000000
if grep -q __asan_init "$cjm"; then n=1000 ids=250000; fi

# personas x stages: the first says nothing in its steps; in the ordinary
# one each step is `by` one persona and has a feel.
awk -v n=$n 'BEGIN { print "journey \"Personas x stages\""
             for (i = 0; i < n; i++) print "persona p" i
             for (i = 0; i < n; i++) { print "stage s" i; print "  step t" i } }' >stages.cjm
awk -v n=$n 'BEGIN { print "journey \"Personas x stages\""
             for (i = 0; i < n; i++) print "persona p" i
             for (i = 0; i < n; i++) { print "stage s" i; print "  step t" i " by p" i; print "    feel 1" } }' \
  >stages_ordinary.cjm
# 1,000,000 personas in one `by` list, or in 10,000 lists of 100.
awk -v ids=$ids 'BEGIN { print "journey \"One by list\""; for (i = 0; i < ids; i++) print "persona p" i
             print "stage s"; printf "  step t by p0"; for (i = 1; i < ids; i++) printf ", p%d", i; print "" }' \
  >by_list.cjm
awk -v ids=$ids 'BEGIN { print "journey \"One by list\""; for (i = 0; i < ids; i++) print "persona p" i
             print "stage s"
             for (k = 0; k < ids / 100; k++) { printf "  step t%d by p%d", k, k * 100
                                           for (i = 1; i < 100; i++) printf ", p%d", k * 100 + i; print "" } }' \
  >by_list_ordinary.cjm

# The documents are those of the schema, version 2: a stage lists only the
# personas it names (none here: its `everyone` part speaks for them all),
# so the document is linear in the journey, not personas x stages.
last=p$((n - 1))
"$cjm" render stages.cjm -T json 2>/dev/null | awk -v want="\"persona\": \"$last\"" 'index($0, want) { c++ } END { exit c != 1 }' ||
  fail "render -T json: $last listed other than once (in the analysis' personas)"
"$cjm" render stages_ordinary.cjm -T json 2>/dev/null | awk -v want="\"persona\": \"$last\"" 'index($0, want) { c++ } END { exit c != 2 }' ||
  fail "render -T json: $last not listed in the stage that names it"
json_bytes=$("$cjm" render stages.cjm -T json 2>/dev/null | wc -c)
[ "$json_bytes" -le $((64 * $(wc -c <stages.cjm))) ] ||
  fail "render -T json: $json_bytes bytes for $(wc -c <stages.cjm) of journey, more than 64 times"
"$cjm" stats stages.cjm -T md 2>/dev/null | grep -q "^| s$((n - 1)) | — | 0 | — " ||
  fail "stats -T md: no row for stage s$((n - 1)) with its personas' empty feels"

within_budget "render -T json, $n personas x $n stages" 3 "$cjm" render stages.cjm -T json -- \
  "$cjm" render stages_ordinary.cjm -T json
within_memory "render -T json, $n personas x $n stages" stages.cjm "$cjm" render stages.cjm -T json
within_budget "stats, $n personas x $n stages" 3 "$cjm" stats stages.cjm -- \
  "$cjm" stats stages_ordinary.cjm
within_memory "stats, $n personas x $n stages" stages.cjm "$cjm" stats stages.cjm
within_budget "render -T json, $ids ids in one by list" 3 "$cjm" render by_list.cjm -T json -- \
  "$cjm" render by_list_ordinary.cjm -T json
within_memory "render -T json, $ids ids in one by list" by_list.cjm "$cjm" render by_list.cjm -T json
finish "personas x stages"
