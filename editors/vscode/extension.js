// The cjm extension for VS Code: starts the cjm language server (`cjm lsp`,
// LSP 3.17 over stdio) for .cjm files through vscode-languageclient.
// Highlighting, snippets, comments and brackets come from package.json's
// contributions and need no code.
//
// Settings: cjm.path (the cjm program, default "cjm" from the PATH) and
// cjm.trace.server. Changing cjm.path restarts the server; so does the
// command "cjm: Restart the language server".
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** The running client, or undefined. */
let client;

/** The server command from the settings: cjm.path and the argument lsp. */
function serverOptions() {
  const command = vscode.workspace.getConfiguration('cjm').get('path') || 'cjm';
  return { command, args: ['lsp'], transport: TransportKind.stdio };
}

/** The client options: cjm documents on disk and unsaved, watched .cjm files. */
function clientOptions() {
  return {
    documentSelector: [
      { scheme: 'file', language: 'cjm' },
      { scheme: 'untitled', language: 'cjm' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cjm'),
    },
  };
}

/** Starts a client with the current settings. */
async function start() {
  client = new LanguageClient('cjm', 'cjm language server', serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (err) {
    const command = serverOptions().command;
    vscode.window.showErrorMessage(
      `cjm: could not start "${command} lsp" (${err && err.message ? err.message : err}). ` +
        'Set cjm.path to the cjm program.');
  }
}

/** Stops the client, if one runs. */
async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop().catch(() => {});
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('cjm.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('cjm.path')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverOptions };
