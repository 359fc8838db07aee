#!/usr/bin/env bash
# Regenerates docs/gallery/: the map and flow views of every example, as
# PNG and SVG, drawn by cjm through Graphviz.
#
#   scripts/gallery.sh                 # builds cjm in build/ if needed
#   CJM=/path/to/cjm scripts/gallery.sh
#
# Files: docs/gallery/EXAMPLE.map.{png,svg} and EXAMPLE.flow.{png,svg} for
# each examples/EXAMPLE.cjm, and the flagship's map as its CEO lives it
# (dx_b2b.persona-ceo.map.{png,svg}), which the README shows at its top. The pictures depend on the installed fonts
# (scripts/deps.sh installs fonts-dejavu-core and fonts-noto-cjk): regenerate them on the same
# setup as the tests. Exit status: 0, or 1 if a render fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CJM:-}" ]; then
  cmake -S . -B build >/dev/null
  cmake --build build -j "$(nproc)" --target cjm >/dev/null
  CJM=build/cjm
fi
export CJM_STDLIB=${CJM_STDLIB:-$PWD/stdlib}

out=docs/gallery
mkdir -p "$out"
for example in examples/*.cjm; do
  stem=$(basename "$example" .cjm)
  for view in map flow; do
    for format in png svg; do
      "$CJM" render "$example" --view "$view" -T "$format" -o "$out/$stem.$view.$format"
    done
    echo "$out/$stem.$view.{png,svg}"
  done
done

# The flagship is 35 steps wide: one persona's map reads at README size.
for format in png svg; do
  "$CJM" render examples/dx_b2b.cjm --persona ceo -T "$format" -o "$out/dx_b2b.persona-ceo.map.$format"
done
echo "$out/dx_b2b.persona-ceo.map.{png,svg}"

# The themes and pages of docs/rendering.md: the smartphone map in the dark
# and print themes, and the flagship's map split into pages of at most 12
# steps (--split 12: dx_b2b.split.map-1.png ... -4.png).
for theme in dark print; do
  for format in png svg; do
    "$CJM" render examples/smartphone.cjm --theme "$theme" -T "$format" -o "$out/smartphone.$theme.map.$format"
  done
  echo "$out/smartphone.$theme.map.{png,svg}"
done
rm -f "$out"/dx_b2b.split.map-*.png
"$CJM" render examples/dx_b2b.cjm --split 12 -T png -o "$out/dx_b2b.split.map.png"
echo "$out/dx_b2b.split.map-*.png"
