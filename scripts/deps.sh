#!/usr/bin/env bash
# Installs the Debian packages cjm needs to build and test, if any is
# missing. Uses sudo when not run as root. Prints what it installs.
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # compiler and build
  flex bison                         # the scanner and parser generators
  libgraphviz-dev graphviz           # cgraph/gvc, for the renderers
  libjansson-dev                     # JSON output (and, later, the language server)
  fonts-dejavu-core                  # the renderers' first font: Latin, Cyrillic, punctuation (text_wrap's widths)
  fonts-noto-cjk                     # CJK glyphs in PNG and PDF, where DejaVu Sans has none
  libcmocka-dev                      # unit tests
  poppler-utils libxml2-utils        # tests: pdffonts, xmllint
)

missing=()
for p in "${packages[@]}"; do
  [[ $p == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "cjm: installing ${missing[*]}"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
