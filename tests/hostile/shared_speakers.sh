#!/usr/bin/env bash
# Shared speakers (hostile input, finding 5, what a feel without `for`
# costs). A feel or lane entry of a step without `by` speaks for every
# persona, and one under a stage's `by` for each persona of that list:
#   - everyone: N personas and N one-step stages, each step with a feel
#     and a pain and no `by` (1.9 MB at N = 30,000);
#   - stage by: one stage `by` N personas and N steps under it, each with a
#     feel and a pain (1.8 MB).
# Every feel and entry speaks for N personas: N x N pairs. cjm check took
# 104 s and 21 GB on the first (the analysis copied each feel into a row
# per persona and stage, the coverage check asked every pair) and 16 s on
# the second; the grids took 24 GB, the diff 95 s, and the Mermaid export
# of the second 98 s, 13 GB and a 6.9 GB diagram. Now the analysis applies a shared list once, the
# sparse commands (check -Wall, fmt, render -T json, stats -T json) must
# cost what an ordinary journey of the same size costs (each step `by` one
# persona, with a feel and a pain), and the views that give every persona
# a row or a curve (the grid, the map, the tables of stats, diff) refuse
# with a `limit` error as fast, never run for minutes (docs/language.md,
# section 7).
#   shared_speakers.sh CJM STDLIB
set -u
. "$(dirname "$0")/budget.sh"
hostile_begin shared-speakers "$@"

n=30000
if grep -q __asan_init "$cjm"; then n=10000; fi

awk -v n=$n 'BEGIN { print "journey \"Everyone\""; for (i = 0; i < n; i++) print "persona p" i
             for (i = 0; i < n; i++) { print "stage s" i; print "  step t" i; print "    feel 1"; print "    pain \"x\"" } }' \
  >everyone.cjm
awk -v n=$n 'BEGIN { print "journey \"Stage by\""; for (i = 0; i < n; i++) print "persona p" i
             printf "stage s by p0"; for (i = 1; i < n; i++) printf ", p%d", i; print ""
             for (i = 0; i < n; i++) { print "  step t" i; print "    feel 1"; print "    pain \"x\"" } }' \
  >stage_by.cjm
# the ordinary journey: as many personas, stages, feels and pains, each
# step by one persona
awk -v n=$n 'BEGIN { print "journey \"Ordinary\""; for (i = 0; i < n; i++) print "persona p" i
             for (i = 0; i < n; i++) { print "stage s" i; print "  step t" i " by p" i; print "    feel 1"
                                       print "    pain \"x\"" } }' >ordinary.cjm

# What the sparse commands say is right: every persona appears in every
# stage (no coverage warning), its mean feel is the feel of everyone.
out=$("$cjm" check -Wall everyone.cjm 2>&1) || fail "check -Wall everyone.cjm: $out"
case $out in *coverage* | *duplicate*) fail "check -Wall: a coverage or duplicate diagnostic: $out" ;; esac
"$cjm" stats everyone.cjm -T json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["analysis"]["stages"][0]
assert s["everyone"] == {"feel": {"mean": 1, "count": 1}, "mentions": 2}, s["everyone"]
assert s["personas"] == [], s["personas"]
p = d["analysis"]["personas"][-1]
assert p["feel"]["count"] == '$n' and p["lowest"]["stage"] == "s0", p
' || fail "stats -T json of everyone.cjm: not the analysis of a feel for everyone"
"$cjm" render stage_by.cjm -T json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
step = d["stages"][0]["steps"][-1]
assert step["feels"][0]["speakers_from"] == "stage", step
rows = d["analysis"]["stages"][0]["personas"]
assert len(rows) == '$n' and rows[-1]["mentions"] == 1 + 2 * '$n', rows[-1]
' || fail "render -T json of stage_by.cjm: not the analysis of a stage by"

for journey in everyone stage_by; do
  sparse=("check -Wall" "fmt" "render -T json" "stats -T json")
  [ $journey = everyone ] && sparse+=("export mermaid")
  for cmd in "${sparse[@]}"; do
    # shellcheck disable=SC2086
    within_budget "$cmd, $journey ($n x $n)" 3 "$cjm" $cmd $journey.cjm -- "$cjm" $cmd ordinary.cjm
  done
  # the dense views: refused, at once, with the reason and what to ask instead
  dense=("render -T text" "render -T csv" "render -T dot" "diff $journey.cjm")
  # (the tables of stats are personas x stages: one stage of stage_by.cjm is drawn)
  [ $journey = everyone ] && dense+=("stats")
  # (Mermaid writes a task's actors on it: a stage's by on each of its tasks)
  [ $journey = stage_by ] && dense+=("export mermaid")
  for cmd in "${dense[@]}"; do
    # shellcheck disable=SC2086
    "$cjm" $cmd $journey.cjm >out.txt 2>err.txt
    status=$?
    [ $status -ne 0 ] && grep -q "over the budget of 10,000,000" err.txt && grep -q "note:" err.txt ||
      fail "$cmd $journey.cjm: exit $status, not the limit error: $(head -c 300 err.txt)"
    [ -s out.txt ] && fail "$cmd $journey.cjm: wrote output although refused"
    # shellcheck disable=SC2086
    within_budget "$cmd (refused), $journey" 3 "$cjm" $cmd $journey.cjm -- "$cjm" check ordinary.cjm
  done
  [ $journey = stage_by ] && within_budget "stats, $journey" 3 "$cjm" stats $journey.cjm -- "$cjm" stats -T json ordinary.cjm
  # one persona's view is within the budget, and drawn
  "$cjm" render -T text --persona p7 $journey.cjm 2>/dev/null | grep -q "t$((n - 1))" ||
    fail "render -T text --persona p7 $journey.cjm: not drawn"
done
finish "shared speakers"
