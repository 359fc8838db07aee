#!/usr/bin/env bash
# The flow view with many `next` edges (hostile input, finding 4): 500
# steps with three `next` each took 13 s in Graphviz's dot (2,000 steps
# did not finish in 400 s and took 1.1 GB), one step with `next` to 2,000
# others over 60 s. cjm now chooses the engine by what the graph would
# cost dot (its nodes and the edges that jump), so both render within a
# small multiple of a plain journey of the same number of steps.
#   flow_edges.sh CJM STDLIB
set -u
. "$(dirname "$0")/budget.sh"
hostile_begin flow-edges "$@"

# steps FILE N NEXT: N steps in stages of ten, each with NEXT `next`
# targets spread over the journey (0: a plain chain).
steps() {
  awk -v n="$2" -v k="$3" 'BEGIN {
    srand(1); print "journey \"Branches\"\npersona mia \"Mia\""
    for (i = 0; i < n; i++) {
      if (i % 10 == 0) print "stage st" i " \"Stage " i "\""
      print "  step s" i " \"Step " i "\" by mia\n    feel +1"
      if (k) {
        line = "    next "
        for (j = 0; j < k; j++) line = line (j ? ", " : "") "s" int(rand() * n)
        print line
      }
    }
  }' >"$1"
}
steps branches.cjm 500 3
steps chain.cjm 500 0
{ printf 'journey "Fan"\npersona mia "Mia"\nstage s "S"\n  step hub "Hub" by mia\n    next s0'
  for i in $(seq 1 1999); do printf ', s%d' "$i"; done
  printf '\n'
  for i in $(seq 0 1999); do printf '  step s%d "S%d" by mia\n' "$i" "$i"; done; } >fan.cjm
steps chain2000.cjm 2000 0

for f in branches fan; do
  "$cjm" render "$f.cjm" --view flow -T svg -o "$f.svg" 2>/dev/null
  [ $? = 0 ] || fail "$f: the flow renders"
  xmllint --noout "$f.svg" 2>/dev/null || fail "$f.svg is not well-formed"
done
within_budget "500 steps with 3 next each" 5 "$cjm" render branches.cjm --view flow -T svg -o b.svg \
  -- "$cjm" render chain.cjm --view flow -T svg -o c.svg
within_budget "one step with next to 2,000" 5 "$cjm" render fan.cjm --view flow -T svg -o f.svg \
  -- "$cjm" render chain2000.cjm --view flow -T svg -o c2.svg
finish "flow edges"
