#!/usr/bin/env bash
# Installs what is missing, builds cjm, then checks and renders the
# flagship example. Usage: scripts/setup.sh (from anywhere; builds into
# ./build of the repository).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"

flagship=examples/dx_b2b.cjm
echo "cjm: checking $flagship"
build/cjm check "$flagship"
echo "cjm: rendering $flagship to build/dx_b2b.svg, build/dx_b2b.png and build/dx_b2b.flow.svg"
build/cjm render "$flagship" -o build/dx_b2b.svg
build/cjm render "$flagship" -o build/dx_b2b.png
build/cjm render "$flagship" --view flow -o build/dx_b2b.flow.svg
echo "cjm: the same journey as a table (cjm render $flagship -T text --width 120):"
build/cjm render "$flagship" -T text --width 120
echo "cjm: done; the binary is build/cjm"
