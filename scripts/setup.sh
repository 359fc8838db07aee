#!/usr/bin/env bash
# Installs what is missing, builds cjm, and checks the flagship example.
# Usage: scripts/setup.sh   (from anywhere; builds into ./build of the repo)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"

echo "cjm: checking the flagship example, examples/dx_b2b.cjm"
./build/cjm check examples/dx_b2b.cjm
echo "cjm: examples/dx_b2b.cjm checks clean; the binary is build/cjm"
