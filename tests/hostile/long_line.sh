#!/usr/bin/env bash
# Many diagnostics on one long line (hostile input, finding 6): 20,000
# `persona pN` on one line (289 KB), each unused. Every diagnostic used to
# measure its whole source line for the snippet, and warnings had no cap:
# 98 s and hundreds of MB of output. Now a snippet costs the window it
# shows, and warnings stop at the cap with one note saying how many more.
#   long_line.sh CJM STDLIB
set -u
. "$(dirname "$0")/budget.sh"
hostile_begin long-line "$@"

awk 'BEGIN { print "journey \"J\""; for (i = 0; i < 20000; i++) printf "persona p%d ", i; print "" }' >long.cjm
awk 'BEGIN { print "journey \"J\""; for (i = 0; i < 20000; i++) print "persona p" i
             print "stage s"; for (i = 0; i < 20000; i++) print "  step s" i " by p" i }' >ordinary.cjm

"$cjm" check long.cjm >out.txt 2>&1
[ $? = 0 ] || fail "warnings only: exit status 0"
size=$(wc -c <out.txt)
[ "$size" -lt 100000 ] || fail "the output is $size bytes; the warnings are not capped"
grep -q "more warnings not shown" out.txt || fail "no note says how many warnings were left out"
[ "$(grep -c 'warning:' out.txt)" = 50 ] || fail "not 50 warnings shown"
within_budget "20,000 warnings on one line" 5 "$cjm" check long.cjm -- "$cjm" check ordinary.cjm
finish "long line"
