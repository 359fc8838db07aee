#!/bin/sh
# Makes docs/editors/vim.png, the picture in docs/editors.md: Vim with
# editors/vim showing examples/smartphone.cjm with a typo, after :make, with
# cjm's diagnostics in the quickfix window. Vim runs in tmux; the screen is
# captured with its colours, turned into HTML (ansi2html.js) and
# photographed by headless Chromium.
# Needs: vim, tmux, node, chromium, fonts-noto-cjk.
# Usage: docs/editors/screenshot.sh CJM_BINARY
set -eu
cjm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cjm-screenshot.XXXXXX")
session=cjm-screenshot-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cols=94 rows=33

# The journey, with the persona mistyped in one step.
sed 's/by mia via social/by mai via social/' "$src/examples/smartphone.cjm" >"$tmp/smartphone.cjm"
cat >"$tmp/vimrc" <<VIM
set nocompatible
set runtimepath^=$src/editors/vim
filetype plugin indent on
syntax on
set t_Co=256 t_RB= background=dark number laststatus=2 noshowmode nocursorline
colorscheme default
autocmd VimEnter * set background=dark
VIM

cd "$tmp"
tmux -2 new-session -d -s "$session" -x "$cols" -y "$rows" \
  "PATH=$(dirname "$cjm"):$PATH TERM=tmux-256color vim -u $tmp/vimrc -i NONE smartphone.cjm"
sleep 1
# (:make takes a | as its own argument: one command at a time.)
for command in 'silent make!' 'copen 5' 'wincmd p' 'cfirst' 'redraw!'; do
  tmux send-keys -t "$session" ":$command" Enter
  sleep 0.5
done
sleep 1
tmux capture-pane -e -p -t "$session" >"$tmp/screen.ansi"
node "$here/ansi2html.js" <"$tmp/screen.ansi" >"$tmp/screen.html"
# Noto Sans Mono CJK at 15 px: 7.5 px a column, 18.75 px a row, 8 px margins.
width=$(( cols * 15 / 2 + 16 )) height=$(( rows * 75 / 4 + 16 ))
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="$width,$height" --screenshot="$tmp/vim.png" "file://$tmp/screen.html" 2>/dev/null
cp "$tmp/vim.png" "$here/vim.png"
echo "wrote $here/vim.png ($(wc -c <"$here/vim.png") bytes)"
