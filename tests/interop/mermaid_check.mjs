// Checks cjm's Mermaid export and import against Mermaid's own parser
// (the `mermaid` npm package of package.json, run in Node).
//
//   node mermaid_check.mjs export JOURNEY.json DIAGRAM.mmd [JOURNEY.json DIAGRAM.mmd ...]
//     DIAGRAM.mmd is what `cjm export mermaid` wrote for the journey whose
//     `cjm render -T json` is JOURNEY.json: Mermaid must parse it, and its
//     sections, tasks, actors, scores, title, accTitle and accDescr must be
//     what docs/interop.md says the journey becomes.
//   node mermaid_check.mjs import DIAGRAM.mmd JOURNEY.json [...]
//     JOURNEY.json is `cjm render -T json` of what `cjm import mermaid` made
//     of DIAGRAM.mmd: its stages, steps, personas, feels, title and
//     attributes must be what Mermaid reads in the diagram.
//
// Prints one line per pair and "N passed, N failed"; exits 1 on a failure.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { JSDOM } from 'jsdom';

// Mermaid's journey database sanitises its texts through DOMPurify, which
// needs a browser window: jsdom's, set as a global before Mermaid loads.
const { window } = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
const { default: createDOMPurify } = await import('dompurify');
const purify = createDOMPurify(window);
mermaid.initialize({ startOnLoad: false, maxTextSize: 100000000 });

// What Mermaid's sanitizeText does to a title or an accessibility text with
// the default configuration (securityLevel strict, HTML labels).
const sanitize = (text) => purify.sanitize(purify.sanitize(text), { FORBID_TAGS: ['style'] }).toString();

// The title of a diagram's front matter, which Mermaid's render() hands
// to the diagram (getDiagramFromText() takes it as metadata): Mermaid's
// own pattern for the front matter, a one-line `title:` in it.
function frontMatterTitle(text) {
  const matches = text.replace(/\r\n?/g, '\n').match(/^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s);
  const title = matches && matches[2].match(/^title:\s*(.*?)\s*$/m);
  return title ? title[1].replace(/^(["'])(.*)\1$/, '$2') : undefined;
}

// Mermaid's reading of a diagram.
async function parse(text) {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text, { title: frontMatterTitle(text) });
  if (diagram.type !== 'journey') throw new Error(`Mermaid reads a '${diagram.type}' diagram`);
  const db = diagram.db;
  return {
    title: db.getDiagramTitle(),
    accTitle: db.getAccTitle(),
    accDescr: db.getAccDescription(),
    sections: [...db.getSections()],
    tasks: db.getTasks().map((t) => ({ ...t, people: [...t.people] })),
    actors: [...db.getActors()],
  };
}

// ---- the export mapping of docs/interop.md, written again from the document ----

const KEYWORD = /^(journey\b|title\s|section\s|acc(title|descr)\s*[:{])/i;

// A text as it may stand in a place of a Mermaid journey: task, section,
// actor, title, line (accTitle, accDescr) or block (accDescr { }).
function clean(text, place, fallback) {
  let t = text.trim();
  if (!t && fallback !== undefined) t = fallback;
  t = t.replace(/\r\n?/g, '\n');
  const named = place === 'task' || place === 'section' || place === 'actor';
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\n') out += place === 'block' ? '\n' : '↵';
    else if (c === ':' && named) out += '：';
    else if (c === '#' && place !== 'line' && place !== 'block') out += '＃';
    else if (c === ';' && place !== 'line' && place !== 'block') out += '；';
    else if (c === ',' && place === 'actor') out += '，';
    else if (c === '}' && place === 'block') out += '｝';
    else if (c === '%' && ((i > 0 && t[i - 1] === '%') || (i === 0 && place === 'task'))) out += '％';
    else if (c === '#' && /^#\w+;/.test(t.slice(i))) out += '＃'; // an entity to Mermaid
    else out += c;
  }
  if (place === 'task' && KEYWORD.test(t)) out = '\u2060' + out;
  return out;
}

// A step's mean feel as Mermaid's score.
function score(step, scale) {
  if (!step.feels.length) return 3;
  const mean = step.feels.reduce((sum, f) => sum + f.score, 0) / step.feels.length;
  if (scale.min === 1 && scale.max === 5) return Math.round(mean * 100) / 100;
  const mapped = Math.floor(1 + (4 * (mean - scale.min)) / (scale.max - scale.min) + 0.5);
  return Math.min(5, Math.max(1, mapped));
}

function expectEqual(problems, what, got, want) {
  const a = JSON.stringify(got), b = JSON.stringify(want);
  if (a !== b) problems.push(`${what}: Mermaid reads ${a}, expected ${b}`);
}

function checkExport(json, m) {
  const problems = [];
  const label = new Map(json.personas.map((p) => [p.id, p.label]));
  const actor = (id) => clean(label.get(id) ?? id, 'actor', id);
  const sections = [], tasks = [];
  json.stages.forEach((stage, i) => {
    let section = '';
    if (i > 0 || stage.label.trim()) {
      section = clean(stage.label, 'section', stage.id);
      sections.push(section);
    }
    for (const step of stage.steps) {
      const by = step.by.length ? step.by : stage.by;
      tasks.push({ section, task: clean(step.label, 'task', step.id), score: score(step, json.journey.scale),
                   people: by.map(actor) });
    }
  });
  expectEqual(problems, 'sections', m.sections.map((s) => s.trim()), sections);
  expectEqual(problems, 'task count', m.tasks.length, tasks.length);
  m.tasks.forEach((t, i) => {
    if (!tasks[i]) return;
    expectEqual(problems, `task ${i + 1}`, { section: t.section.trim(), task: t.task.trim(), score: t.score, people: t.people },
                tasks[i]);
  });
  expectEqual(problems, 'actors', m.actors, [...new Set(tasks.flatMap((t) => t.people))].sort());
  const title = json.journey.title ?? '';
  expectEqual(problems, 'title', m.title.trim(), title.trim() ? sanitize(clean(title, 'title')).trim() : '');
  const attr = (key) => (json.journey.attributes.find((a) => a.key === key) || {}).value;
  const accTitle = attr('acc_title') ?? (title.trim() ? title : undefined);
  expectEqual(problems, 'accTitle', m.accTitle, accTitle === undefined ? '' : sanitize(clean(accTitle, 'line')));
  const goal = attr('goal');
  const descr = goal === undefined ? ''
    : /[\r\n]/.test(goal) ? clean(goal, 'block').trim().replace(/\n\s+/g, '\n') : clean(goal, 'line');
  expectEqual(problems, 'accDescr', m.accDescr, goal === undefined ? '' : sanitize(descr).replace(/\n\s+/g, '\n'));
  return problems;
}

// ---- the import mapping ----

function checkImport(m, json) {
  const problems = [];
  const label = new Map(json.personas.map((p) => [p.id, p.label]));
  const steps = json.stages.flatMap((stage) => stage.steps.map((step) => ({ stage, step })));
  expectEqual(problems, 'step count', steps.length, m.tasks.length);
  m.tasks.forEach((t, i) => {
    if (!steps[i]) return;
    const { stage, step } = steps[i];
    const want = {
      section: t.section.trim() || (t.section ? 'section' : ''),
      task: t.task.trim().replace(/^\u2060/, ''),
      people: [...new Set(t.people.filter((p) => p !== ''))],
      feel: Number.isNaN(t.score) ? null : Math.min(5, Math.max(1, t.score)),
    };
    const got = {
      section: stage.label,
      task: step.label,
      people: step.by.map((id) => label.get(id)),
      feel: step.feels.length ? step.feels[0].score : null,
    };
    expectEqual(problems, `task ${i + 1} (${JSON.stringify(t.task)})`, got, want);
  });
  // every section is a stage, in order, after the stage of the tasks before any section
  const stages = json.stages.map((s) => s.label);
  if (m.tasks.length && m.tasks[0].section === '' && stages[0] === '') stages.shift();
  expectEqual(problems, 'sections', stages, m.sections.map((s) => s.trim() || 'section'));
  expectEqual(problems, 'actors', json.personas.map((p) => p.label).sort(), m.actors.filter((a) => a !== ''));
  const attr = (key) => (json.journey.attributes.find((a) => a.key === key) || {}).value ?? '';
  expectEqual(problems, 'title', sanitize(json.journey.title ?? ''), m.title.trim());
  // an accTitle equal to the title is not kept: it comes back from the title
  const accTitle = attr('acc_title') || (m.accTitle && m.accTitle === m.title.trim() ? json.journey.title : '');
  expectEqual(problems, 'accTitle', sanitize(accTitle), m.accTitle);
  expectEqual(problems, 'accDescr', sanitize(attr('goal')).replace(/\n\s+/g, '\n'), m.accDescr);
  return problems;
}

// ---- main ----

const [mode, ...files] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'import') || files.length === 0 || files.length % 2) {
  console.error('usage: node mermaid_check.mjs export|import FILE FILE [FILE FILE ...]');
  process.exit(2);
}
let passed = 0, failed = 0;
for (let i = 0; i < files.length; i += 2) {
  const [jsonPath, mmdPath] = mode === 'export' ? [files[i], files[i + 1]] : [files[i + 1], files[i]];
  const name = basename(mode === 'export' ? jsonPath : mmdPath);
  let problems;
  try {
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    const m = await parse(readFileSync(mmdPath, 'utf8'));
    problems = mode === 'export' ? checkExport(json, m) : checkImport(m, json);
  } catch (e) {
    problems = [`Mermaid cannot read it: ${e.message.split('\n')[0]}`];
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${mode} ${name}`);
    for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  } else {
    passed++;
    console.log(`ok ${mode} ${name}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
