#!/usr/bin/env bash
# Many stages (hostile input, found after the review). Each stage is a
# cluster of the picture, and Graphviz 2.42 asks every subgraph of a graph
# whether it holds a node, for each node, when it writes DOT and when it
# frees a layout: 16,000 one-step stages took `render --view flow -T dot`
# 100 s, and a diff picture of 8,000 changed one-step stages 60 s, where
# the same steps in one stage take a second. The clusters now sit in one
# holder subgraph. Held: each picture of N one-step stages within 3x the
# same picture of N steps in one stage.
#   many_stages.sh CJM STDLIB
set -u
. "$(dirname "$0")/budget.sh"
hostile_begin many-stages "$@"

n=8000
if grep -q __asan_init "$cjm"; then n=3000; fi

# stages.cjm: n one-step stages; one_stage.cjm: the same steps in one
# stage; *_changed.cjm: every step renamed (a diff of n removed and n
# added steps)
for renamed in t u; do
  awk -v n=$n -v r=$renamed 'BEGIN { print "journey \"Stages\""; print "persona a"
               for (i = 0; i < n; i++) { print "stage s" i; print "  step " r i; print "    feel 1" } }' >stages_$renamed.cjm
  awk -v n=$n -v r=$renamed 'BEGIN { print "journey \"Stages\""; print "persona a"; print "stage s"
               for (i = 0; i < n; i++) { print "  step " r i; print "    feel 1" } }' >one_stage_$renamed.cjm
done

within_budget "render --view flow -T dot, $n stages" 3 "$cjm" render --view flow -T dot stages_t.cjm -- \
  "$cjm" render --view flow -T dot one_stage_t.cjm
within_budget "render --view flow -T svg, $n stages" 3 "$cjm" render --view flow -T svg stages_t.cjm -- \
  "$cjm" render --view flow -T svg one_stage_t.cjm
within_budget "diff -T svg, $n stages changed" 3 "$cjm" diff stages_t.cjm stages_u.cjm -T svg -- \
  "$cjm" diff one_stage_t.cjm one_stage_u.cjm -T svg
within_budget "diff -T dot, $n stages changed" 3 "$cjm" diff stages_t.cjm stages_u.cjm -T dot -- \
  "$cjm" diff one_stage_t.cjm one_stage_u.cjm -T dot
# the pictures are whole: a cluster per stage, every step drawn
clusters=$("$cjm" render --view flow -T dot stages_t.cjm 2>/dev/null | grep -c "subgraph cluster_")
[ "$clusters" -eq $n ] || fail "render --view flow -T dot: $clusters stage clusters, not $n"
"$cjm" render --view flow -T svg stages_t.cjm 2>/dev/null | grep -q "t$((n - 1))" || fail "flow svg: the last step is not drawn"
finish "many stages"
