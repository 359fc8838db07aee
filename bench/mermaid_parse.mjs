// mermaid_parse — Mermaid's own parser on one `journey` diagram, for
// bench/mermaid.sh: what a user of Mermaid waits for before anything is
// drawn. Mermaid and jsdom come from tests/interop/node_modules (installed
// by scripts/deps.sh with `npm ci`), resolved from there, so the benchmark
// needs no packages of its own.
//
//   node bench/mermaid_parse.mjs DIAGRAM.mmd
//
// Prints the number of sections and tasks Mermaid read, and the time the
// parse alone took (ms), after Mermaid and jsdom have loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const interop = createRequire(new URL('../tests/interop/package.json', import.meta.url));
const load = async (name) => import(pathToFileURL(interop.resolve(name)).href);

// Mermaid sanitises its texts through DOMPurify, which needs a window.
const { JSDOM } = await load('jsdom');
const { window } = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await load('mermaid');
mermaid.initialize({ startOnLoad: false, maxTextSize: 1e9 });

const text = readFileSync(process.argv[2], 'utf8');
const start = process.hrtime.bigint();
const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
if (diagram.type !== 'journey') throw new Error(`Mermaid reads a '${diagram.type}' diagram`);
console.log(`${diagram.db.getSections().length} sections ${diagram.db.getTasks().length} tasks ${ms.toFixed(1)} ms`);
