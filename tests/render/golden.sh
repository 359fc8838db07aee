#!/bin/sh
# golden.sh CJM GOLDEN RENDER-ARGS... — the graph before layout.
#
# Runs `CJM render RENDER-ARGS... -T dot` (the graph as cjm hands it to
# Graphviz's layout engine, written by agwrite) and compares it with the
# file GOLDEN. With UPDATE=1 in the environment, writes GOLDEN instead.
# SVG and PNG bytes depend on the installed fonts; this graph does not.
set -eu
cjm=$1
golden=$2
shift 2
tmp=$(mktemp "${TMPDIR:-/tmp}/cjm-golden.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"$cjm" render "$@" -T dot -o "$tmp"
if [ "${UPDATE:-}" = 1 ]; then
  mkdir -p "$(dirname "$golden")"
  cp "$tmp" "$golden"
  echo "updated $golden"
  exit 0
fi
if ! cmp -s "$tmp" "$golden"; then
  echo "golden.sh: the graph differs from $golden (UPDATE=1 regenerates it):" >&2
  diff -u "$golden" "$tmp" | head -60 >&2 || true
  exit 1
fi
