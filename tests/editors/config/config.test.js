// Tests of editors/helix and editors/zed with node's test runner: the
// configuration files parse, name the .cjm files, `cjm lsp` and `cjm fmt`,
// and the commands they hold run with the real cjm on the examples.
// Run by tests/editors/config/run.sh with CJM and CJM_SOURCE_DIR.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const toml = require(path.join(process.env.CJM_SOURCE_DIR, 'tests/editors/node_modules/smol-toml'));

const src = process.env.CJM_SOURCE_DIR;
const cjm = process.env.CJM;
const example = path.join(src, 'examples', 'smartphone.cjm');

// Runs a configured command with the real cjm in place of "cjm".
function run(command, args, input) {
  assert.strictEqual(command, 'cjm');
  return spawnSync(cjm, args, { input, encoding: 'utf8' });
}

test('helix: languages.toml declares cjm with cjm lsp and cjm fmt', () => {
  // (Through JSON: smol-toml makes objects without a prototype.)
  const config = JSON.parse(JSON.stringify(
    toml.parse(fs.readFileSync(path.join(src, 'editors/helix/languages.toml'), 'utf8'))));
  assert.deepStrictEqual(config['language-server'].cjm, { command: 'cjm', args: ['lsp'] });
  assert.strictEqual(config.language.length, 1);
  const [language] = config.language;
  assert.strictEqual(language.name, 'cjm');
  assert.deepStrictEqual(language['file-types'], ['cjm']);
  assert.deepStrictEqual(language['language-servers'], ['cjm']);
  assert.strictEqual(language['comment-token'], '#');
  assert.deepStrictEqual(language.indent, { 'tab-width': 2, unit: '  ' });
  // The formatter reads standard input and prints the canonical layout.
  const messy = 'journey "x"\n    scale -2..2\npersona mia\nstage s\nstep a by mia\n';
  const formatted = run(language.formatter.command, language.formatter.args, messy);
  assert.strictEqual(formatted.status, 0, formatted.stderr);
  assert.strictEqual(formatted.stdout,
    'journey "x"\n  scale -2..2\n\npersona mia\n\nstage s\n  step a by mia\n');
});

test('zed: settings open .cjm files; tasks check, format and render', () => {
  const settings = JSON.parse(fs.readFileSync(path.join(src, 'editors/zed/settings.json'), 'utf8'));
  assert.deepStrictEqual(Object.values(settings.file_types), [['cjm']]);
  const tasks = JSON.parse(fs.readFileSync(path.join(src, 'editors/zed/tasks.json'), 'utf8'));
  assert.deepStrictEqual(tasks.map((t) => t.label), ['cjm check', 'cjm fmt', 'cjm render']);
  // The check task, with Zed's variables for examples/smartphone.cjm.
  const check = tasks[0];
  const args = check.args.map((a) => a.replace('$ZED_FILE', example));
  const result = run(check.command, args);
  assert.strictEqual(result.status, 0, result.stderr);
  const broken = run(check.command,
    check.args.map((a) => a.replace('$ZED_FILE', path.join(src, 'tests/editors/fixtures/broken.cjm'))));
  assert.strictEqual(broken.status, 1);
  assert.match(broken.stderr, /broken\.cjm:11:31: error: unknown persona 'mai'/);
  assert.deepStrictEqual(tasks[1].args, ['fmt', '-w', '$ZED_FILE']);
});
