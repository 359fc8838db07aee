// Tests of editors/vscode, the VS Code extension, with node's test runner:
// its JSON files parse and agree with each other, the snippets expand to a
// journey that `cjm check` accepts, and extension.js starts `cjm lsp` with
// the configured path (against stand-ins for the vscode API and
// vscode-languageclient, which only exist inside VS Code and after npm).
// Run by tests/editors/vscode/run.sh with CJM (the binary) and CJM_SOURCE_DIR.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { spawnSync } = require('node:child_process');

const dir = path.join(process.env.CJM_SOURCE_DIR, 'editors', 'vscode');
const readJson = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));

test('every JSON file of the extension parses', () => {
  for (const name of ['package.json', 'language-configuration.json', 'snippets/cjm.json',
    'syntaxes/cjm.tmLanguage.json']) {
    assert.doesNotThrow(() => readJson(name), name);
  }
});

test('package.json contributes the language, grammar, snippets and cjm.path', () => {
  const pkg = readJson('package.json');
  const [language] = pkg.contributes.languages;
  assert.strictEqual(language.id, 'cjm');
  assert.deepStrictEqual(language.extensions, ['.cjm']);
  const [grammar] = pkg.contributes.grammars;
  assert.strictEqual(grammar.scopeName, 'source.cjm');
  assert.strictEqual(readJson(grammar.path).scopeName, 'source.cjm');
  for (const file of [pkg.main, language.configuration, grammar.path,
    pkg.contributes.snippets[0].path]) {
    assert.ok(fs.existsSync(path.join(dir, file)), file);
  }
  assert.strictEqual(pkg.contributes.configuration.properties['cjm.path'].default, 'cjm');
  assert.ok(pkg.dependencies['vscode-languageclient']);
});

test('language configuration: # comments, brackets, quotes closed, words', () => {
  const config = readJson('language-configuration.json');
  assert.strictEqual(config.comments.lineComment, '#');
  assert.ok(config.brackets.length > 0);
  assert.ok(config.autoClosingPairs.some((p) => p.open === '"' && p.close === '"'));
  const word = new RegExp(config.wordPattern, 'g');
  const words = (text) => text.match(word);
  assert.deepStrictEqual(words('step pay by first_buyer, as-is'), ['step', 'pay', 'by', 'first_buyer', 'as-is']);
  assert.deepStrictEqual(words('by 小美，老板'), ['by', '小美', '老板']);
  assert.deepStrictEqual(words('scale -2..2'), ['scale', '-2', '2']);
});

// The text a snippet body gives when every placeholder keeps its default
// (the first choice of a choice), indented by indent.
function expand(body, indent) {
  return body.map((line) => indent + line
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, ''))
    .join('\n').replace(/[ \t]+$/gm, '');
}

test('snippets: a journey, a persona, a stage and a step that check clean', () => {
  const snippets = readJson('snippets/cjm.json');
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  for (const prefix of ['journey', 'persona', 'stage', 'step']) {
    assert.ok(prefixes.includes(prefix), prefix);
  }
  const journey = [
    expand(snippets.journey.body, ''), expand(snippets.persona.body, ''),
    expand(snippets.channel.body, ''), expand(snippets.metric.body, ''),
    expand(snippets.stage.body, ''), expand(snippets.step.body, '  '),
  ].join('\n');
  const check = spawnSync(process.env.CJM, ['check', '--color=never', '-Werror', '-Wno-unused', '-'],
    { input: journey, encoding: 'utf8' });
  assert.strictEqual(check.status, 0, journey + '\n' + check.stderr);
  assert.match(journey, /^  step compare .* by mia via web\n    feel \+1 "curious"\n    thought "/m);
});

// Loads extension.js against stand-ins for vscode and vscode-languageclient
// that record what the extension does.
function loadExtension(settings) {
  const log = { clients: [], commands: {}, configListeners: [], errors: [] };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, running: false });
      log.clients.push(this);
    }
    async start() { this.running = true; }
    async stop() { this.running = false; }
  }
  const vscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      createFileSystemWatcher: (glob) => ({ glob }),
      onDidChangeConfiguration: (listener) => { log.configListeners.push(listener); return {}; },
    },
    commands: {
      registerCommand: (name, fn) => { log.commands[name] = fn; return {}; },
    },
    window: { showErrorMessage: (message) => log.errors.push(message) },
  };
  const stubs = { vscode, 'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0 } } };
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request in stubs ? stubs[request] : load.call(this, request, ...rest);
  };
  try {
    const file = path.join(dir, 'extension.js');
    delete require.cache[require.resolve(file)];
    return { extension: require(file), log };
  } finally {
    Module._load = load;
  }
}

test('extension.js starts `cjm lsp` for cjm files, from cjm.path', async () => {
  const settings = { 'cjm.path': '/opt/cjm/bin/cjm' };
  const { extension, log } = loadExtension(settings);
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(log.clients.length, 1);
  const [client] = log.clients;
  assert.strictEqual(client.running, true);
  assert.deepStrictEqual(client.serverOptions, { command: '/opt/cjm/bin/cjm', args: ['lsp'], transport: 0 });
  assert.deepStrictEqual(client.clientOptions.documentSelector.map((s) => s.language), ['cjm', 'cjm']);
  assert.strictEqual(client.clientOptions.synchronize.fileEvents.glob, '**/*.cjm');
  assert.ok(context.subscriptions.length >= 2);

  // A new cjm.path restarts the server with it; other settings do not.
  settings['cjm.path'] = 'cjm-nightly';
  await log.configListeners[0]({ affectsConfiguration: (s) => s === 'editor.fontSize' });
  assert.strictEqual(log.clients.length, 1);
  await log.configListeners[0]({ affectsConfiguration: (s) => s === 'cjm.path' });
  assert.strictEqual(log.clients.length, 2);
  assert.strictEqual(client.running, false);
  assert.strictEqual(log.clients[1].serverOptions.command, 'cjm-nightly');

  // The restart command, then deactivation, which stops the server.
  await log.commands['cjm.restartServer']();
  assert.strictEqual(log.clients.length, 3);
  await extension.deactivate();
  assert.strictEqual(log.clients[2].running, false);
  assert.deepStrictEqual(log.errors, []);
});

test('extension.js defaults to cjm on the PATH', async () => {
  const { extension, log } = loadExtension({});
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(log.clients[0].serverOptions.command, 'cjm');
  await extension.deactivate();
});
