// Turns a terminal screen captured by `tmux capture-pane -e -p` (text with
// SGR colour escapes) into an HTML page of that screen, for screenshot.sh.
// Usage: node ansi2html.js < screen.ansi > screen.html
'use strict';

const fs = require('node:fs');

// The 16 basic colours in a soft dark palette (xterm's pure ones are hard
// to read in a picture), then xterm's 6x6x6 cube and grey ramp.
const basic = ['#282c34', '#e06c75', '#98c379', '#d19a66', '#61afef', '#c678dd', '#56b6c2', '#abb2bf',
  '#5c6370', '#ef7b84', '#a8d389', '#e5c07b', '#74baf5', '#d291e6', '#6ccbd6', '#ffffff'];
function xterm(n) {
  if (n < 16) return basic[n];
  if (n < 232) {
    const c = n - 16;
    const level = (v) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const defaults = { fg: '#d7dae0', bg: '#21252b' };

// The colours carry over from line to line, as on the terminal.
function render(text) {
  let state = {};
  let html = '';
  let open = false;
  const style = () => {
    let fg = state.fg || defaults.fg;
    let bg = state.bg || defaults.bg;
    if (state.reverse) [fg, bg] = [bg, fg];
    return `color:${fg};background:${bg}` + (state.bold ? ';font-weight:bold' : '') +
      (state.italic ? ';font-style:italic' : '') + (state.underline ? ';text-decoration:underline' : '');
  };
  const parts = text.split(/(\x1b\[[0-9;:]*m)/);
  for (const part of parts) {
    const m = /^\x1b\[([0-9;:]*)m$/.exec(part);
    if (!m) {
      if (part) {
        if (!open) { html += `<span style="${style()}">`; open = true; }
        html += escape(part);
      }
      continue;
    }
    if (open) { html += '</span>'; open = false; }
    const codes = m[1] === '' ? [0] : m[1].split(/[;:]/).map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) state = {};
      else if (c === 1) state.bold = true;
      else if (c === 3) state.italic = true;
      else if (c === 4) state.underline = true;
      else if (c === 7) state.reverse = true;
      else if (c === 22) state.bold = false;
      else if (c === 23) state.italic = false;
      else if (c === 24) state.underline = false;
      else if (c === 27) state.reverse = false;
      else if (c >= 30 && c <= 37) state.fg = basic[c - 30];
      else if (c >= 90 && c <= 97) state.fg = basic[c - 90 + 8];
      else if (c >= 40 && c <= 47) state.bg = basic[c - 40];
      else if (c >= 100 && c <= 107) state.bg = basic[c - 100 + 8];
      else if (c === 39) delete state.fg;
      else if (c === 49) delete state.bg;
      else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
        state[c === 38 ? 'fg' : 'bg'] = xterm(codes[i + 2]);
        i += 2;
      } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
        state[c === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
        i += 4;
      }
    }
  }
  if (open) html += '</span>';
  return html;
}

const screen = fs.readFileSync(0, 'utf8').replace(/\n$/, '');
process.stdout.write(`<!doctype html><meta charset="utf-8">
<style>
  body { margin: 0; background: ${defaults.bg}; }
  pre { margin: 0; padding: 8px; font: 15px/1.25 "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace;
        color: ${defaults.fg}; background: ${defaults.bg}; display: inline-block; }
</style>
<pre>${render(screen)}</pre>
`);
