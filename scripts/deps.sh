#!/usr/bin/env bash
# Installs the Debian packages cjm needs to build and test, if any is
# missing. Uses sudo when not run as root. Prints what it installs.
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # compiler and build (and dpkg-shlibdeps, for the Debian package)
  clang                              # the second compiler scripts/test.sh builds with
  libclang-rt-14-dev                 # clang's sanitizer runtimes and libFuzzer (scripts/fuzz.sh)
  python3                            # tests: the language server's sessions, fuzz_lsp's seeds
  flex bison                         # the scanner and parser generators
  gettext                            # msgfmt compiles po/*.po (the words on maps and tables); xgettext, msgcmp: tests
  libgraphviz-dev graphviz           # cgraph/gvc, for the renderers
  libcairo2-dev                      # cairo: the one PDF of --split N -T pdf (runtime/render/graphviz/document.c)
  libjansson-dev                     # JSON output (and, later, the language server)
  libmicrohttpd-dev                  # the HTTP server of `cjm serve` (runtime/serve)
  fonts-dejavu-core                  # the renderers' first font: Latin, Cyrillic, punctuation (text_wrap's widths)
  fonts-noto-cjk                     # CJK glyphs in PNG and PDF, where DejaVu Sans has none
  fonts-noto-color-emoji             # emoji in colour in PNG and PDF (the renderers' font list names it)
  libcmocka-dev                      # unit tests
  poppler-utils libxml2-utils        # tests: pdffonts, xmllint
  vim neovim emacs-nox elpa-eglot    # tests: editors/ in Vim, Neovim and Emacs (tests/editors)
  git                                # tests: git/review (the diff driver and the pre-commit hook)
  groff-base                         # tests: docs/cjm.1 formats without a warning
  chromium curl                      # tests: cjm serve in a headless browser, and its refusals (tests/serve)
  zsh fish                           # tests: the shell completions (editors/completions)
  time                               # tests: /usr/bin/time, the peak memory of tests/hostile/personas_stages.sh
)

missing=()
for p in "${packages[@]}"; do
  [[ $p == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm for the editor tests (tests/editors) and the Mermaid
# tests (tests/interop, Mermaid's own parser): Debian's packages,
# unless node and npm are already there (NodeSource's nodejs includes npm,
# and conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -ne 0 ]; then
  echo "cjm: installing ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The editor tests' npm tools (vscode-tmgrammar-test, smol-toml), as pinned
# in tests/editors/package-lock.json, when they are not installed yet.
editor_tests=$(cd "$(dirname "$0")/../tests/editors" && pwd)
if [ ! -d "$editor_tests/node_modules" ]; then
  echo "cjm: installing the editor tests' npm packages (npm ci in tests/editors)"
  (cd "$editor_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The preview tests' npm package (playwright-core, which drives Debian's
# chromium and downloads no browser), as pinned in
# tests/serve/package-lock.json, when it is not installed yet.
serve_tests=$(cd "$(dirname "$0")/../tests/serve" && pwd)
if [ ! -d "$serve_tests/node_modules" ]; then
  echo "cjm: installing the preview tests' npm package (npm ci in tests/serve)"
  (cd "$serve_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Mermaid tests' npm packages (mermaid, jsdom), as pinned in
# tests/interop/package-lock.json, when they are not installed yet.
interop_tests=$(cd "$(dirname "$0")/../tests/interop" && pwd)
if [ ! -d "$interop_tests/node_modules" ]; then
  echo "cjm: installing the Mermaid tests' npm packages (npm ci in tests/interop)"
  (cd "$interop_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi
