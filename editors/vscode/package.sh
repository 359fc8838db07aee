#!/bin/sh
# Packages the cjm VS Code extension as editors/vscode/cjm.vsix, with
# vscode-languageclient bundled, using @vscode/vsce (a development
# dependency, installed here by npm). Not run by CI: it needs the npm
# registry. Install the result with
#   code --install-extension editors/vscode/cjm.vsix
set -eu
cd "$(dirname "$0")"
npm install --no-audit --no-fund
npx vsce package --out cjm.vsix --allow-missing-repository --skip-license
echo "cjm: wrote $(pwd)/cjm.vsix"
