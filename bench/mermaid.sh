#!/bin/sh
# bench/mermaid.sh — the comparison users make: the same journeys as
# Mermaid `journey` diagrams (made by `cjm export mermaid`), read by
# Mermaid's own parser in Node and, when mermaid-cli is there, drawn by
# `mmdc`, next to `cjm check` and `cjm render` of the journeys, at SIZES
# steps (default 100 1000 10000 100000). bench/README.md keeps the table.
#
# Each command runs RUNS times (default 3), interleaved; the table gives
# the median wall time, the median processor time (user + system, the
# figure to trust on a loaded machine) and the largest peak RSS.
#
#   node       node bench/mermaid_parse.mjs DIAGRAM: the whole process
#              (Node, jsdom and Mermaid loading, then the parse); its
#              "parse" column is the parse alone, as it reports it
#   render     cjm render -T svg --view flow: Graphviz's layout and SVG
#              (the map view needs about 6 GB at 100,000 steps, so it is
#              left out); only up to RENDER_MAX steps (default 10000)
#   mmdc       mmdc -i DIAGRAM -o OUT.svg with Debian's Chromium
#              (PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium, --no-sandbox
#              as root), when bench/mermaid-cli has been installed with
#              `cd bench/mermaid-cli && PUPPETEER_SKIP_DOWNLOAD=1 npm ci`
#              (no browser download) or MMDC names another mmdc; only up
#              to MMDC_MAX steps (default 1000). Mermaid's maxTextSize is
#              raised (its default, 50,000 characters, is passed at 1,000
#              steps, and mmdc would draw the error message instead). Its
#              peak RSS is that of its largest process, and its processor
#              time leaves Chromium's processes out: compare wall time.
#
# Mermaid and jsdom come from tests/interop/node_modules (scripts/deps.sh).
# Exit status 2 when it cannot be set up.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bench=mermaid.sh
RUNS=${RUNS:-3}
. "$here/lib.sh"
SIZES=${SIZES:-100 1000 10000 100000}
RENDER_MAX=${RENDER_MAX:-10000}
MMDC_MAX=${MMDC_MAX:-1000}
MMDC=${MMDC:-}
[ -z "$MMDC" ] && [ -x "$here/mermaid-cli/node_modules/.bin/mmdc" ] && MMDC=$here/mermaid-cli/node_modules/.bin/mmdc

command -v node >/dev/null || die "needs Node.js"
[ -d "$root/tests/interop/node_modules/mermaid" ] ||
  die "needs tests/interop/node_modules (scripts/deps.sh installs it)"
bench_tmpdir cjm-mermaid
bench_tools
export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
echo '{"args": ["--no-sandbox"]}' >"$tmp/puppeteer.json"
echo '{"maxTextSize": 1000000000}' >"$tmp/mermaid.json"

# row STEPS NAME: one line of the table for the timings of NAME.
row() {
  _parse=-
  [ "$2" = node ] && _parse=$(awk '{ print $5 }' "$tmp/parse.ms" | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  awk -v s="$1" -v n="$2" -v w="$(median "$tmp/$2.ns")" -v c="$(median "$tmp/$2.cpu")" \
      -v r="$(sort -n "$tmp/$2.rss" | tail -1)" -v p="$_parse" 'BEGIN {
    printf "| %s | %s | %.0f | %.0f | %s | %.0f |\n", s, n, w / 1e6, c / 1e6, p, r / 1024 }'
}

echo "| steps | command | wall (ms) | CPU (ms) | parse (ms) | peak RSS (MB) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
for steps in $SIZES; do
  generate "$steps" "$tmp/j.cjm"
  "$CJM" export mermaid "$tmp/j.cjm" -o "$tmp/j.mmd" 2>/dev/null || die "cjm export mermaid failed"
  node "$here/mermaid_parse.mjs" "$tmp/j.mmd" >/dev/null || die "Mermaid cannot parse the diagram of $steps steps"
  names="check node"
  [ "$steps" -le "$RENDER_MAX" ] && names="$names render"
  [ -n "$MMDC" ] && [ "$steps" -le "$MMDC_MAX" ] && names="$names mmdc"
  # shellcheck disable=SC2086
  measure_reset $names
  : >"$tmp/parse.ms"
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    for name in $names; do
      case $name in
        check) measure check "$CJM" check "$tmp/j.cjm" ;;
        node)
          measure node node "$here/mermaid_parse.mjs" "$tmp/j.mmd"
          node "$here/mermaid_parse.mjs" "$tmp/j.mmd" >>"$tmp/parse.ms" ;;
        render) measure render "$CJM" render -T svg --view flow "$tmp/j.cjm" ;;
        mmdc) measure mmdc "$MMDC" -q -p "$tmp/puppeteer.json" -c "$tmp/mermaid.json" -i "$tmp/j.mmd" -o "$tmp/j.svg"
          ! grep -q 'Maximum text size' "$tmp/j.svg" || die "mmdc drew Mermaid's size error at $steps steps" ;;
      esac
      [ "$last_status" -eq 0 ] || die "$name exits $last_status at $steps steps: $(head -3 "$tmp/err")"
    done
    i=$((i + 1))
  done
  for name in $names; do row "$steps" "$name"; done
done
echo "(median of $RUNS interleaved runs; peak RSS the largest seen)"
measured_on
