#!/usr/bin/env bash
# Writes small instances of the hostile inputs (one per finding of the
# adversarial review, the shapes tests/hostile/*.sh generate at full
# size) into DIR, as seeds for the fuzz harnesses (scripts/fuzz.sh): each
# under 64 KB, the fuzzers' largest input.
#   seeds.sh DIR
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"
# 1, 2, 3: control characters and noncharacters in names, labels and titles
cat >controls.cjm <<'CJM'
journey "x\u{1b}]0;pwned\u{7} -- and \u{1} end"
use "\u{1b}[2J\u{1b}]0;pwned\u{7}x"
persona mia "Mia \u{fffe} and \u{ffff}"
stage s "Plain\u{9b}31m"
stage s "Other\u{1b}]0;title\u{7}"
  step a "A \u{fffe}" by mia
    feel +1 "ok\u{ffff}"
CJM
# 4: a flow with many `next` edges, and a fan of them
awk 'BEGIN { srand(1); print "journey \"Branches\"\npersona mia \"Mia\""
  for (i = 0; i < 60; i++) { if (i % 10 == 0) print "stage st" i
    print "  step s" i " by mia\n    feel +1\n    next s" int(rand() * 60) ", s" int(rand() * 60) ", s" int(rand() * 60) } }' >next_edges.cjm
{ printf 'journey "Fan"\npersona mia "Mia"\nstage s\n  step hub by mia\n    next s0'
  for i in $(seq 1 199); do printf ', s%d' "$i"; done; printf '\n'
  for i in $(seq 0 199); do printf '  step s%d\n' "$i"; done; } >fan.cjm
# 5: personas x stages, and a long `by` list
awk 'BEGIN { print "journey \"P x S\""; for (i = 0; i < 40; i++) print "persona p" i
             for (i = 0; i < 40; i++) print "stage s" i "\n  step t" i }' >personas_stages.cjm
awk 'BEGIN { print "journey \"By\""; for (i = 0; i < 300; i++) print "persona p" i
             printf "stage s\n  step t by p0"; for (i = 1; i < 300; i++) printf ", p%d", i; print "" }' >by_list.cjm
# 5: feels and entries that speak for everyone, or for a stage's long `by`,
# beside ones `for` a persona (tests/hostile/shared_speakers.sh)
awk 'BEGIN { print "journey \"Shared\""; for (i = 0; i < 40; i++) print "persona p" i
             for (i = 0; i < 20; i++) print "stage s" i "\n  step t" i "\n    feel 1\n    pain \"x\"\n    feel -1 for p" i
             printf "stage b by p0"; for (i = 1; i < 40; i++) printf ", p%d", i; print ""
             for (i = 0; i < 20; i++) print "  step u" i "\n    feel 2\n    feel 0 for p" i "\n    need \"n\"" }' \
  >shared_speakers.cjm
# many one-step stages: a cluster each (tests/hostile/many_stages.sh)
awk 'BEGIN { print "journey \"Stages\""; print "persona a"
             for (i = 0; i < 300; i++) print "stage s" i "\n  step t" i "\n    feel 1" }' >many_stages.cjm
# 6: many diagnostics on one long line
awk 'BEGIN { print "journey \"J\""; for (i = 0; i < 500; i++) printf "persona p%d ", i; print "" }' >long_line.cjm
# 7: unknown references among many long ids
awk 'BEGIN { srand(3); a = "abcdefghijklmnopqrstuvwxyz_"; print "journey \"Ids\""
  for (i = 0; i < 200; i++) { s = ""; for (k = 0; k < 60; k++) s = s substr(a, int(rand() * 27) + 1, 1); print "channel " s }
  print "stage s"; for (i = 0; i < 20; i++) { s = ""; for (k = 0; k < 60; k++) s = s substr(a, int(rand() * 27) + 1, 1); print "  step st" i " via " s } }' >did_you_mean.cjm
# 11: a use that climbs out
printf 'journey "J"\nuse "../../x"\nuse "../nothing_here"\n' >use_outside.cjm
