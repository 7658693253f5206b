// A language client for `devlife lsp`: VS Code has no generic one, so this
// is all the extension does. It runs beside the clangd extension.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate() {
  const config = vscode.workspace.getConfiguration('devlife');
  const server = {
    command: config.get('path'),
    args: ['lsp', ...config.get('arguments')],
  };
  client = new LanguageClient('devlife', 'devlife', server, {
    documentSelector: [{ scheme: 'file', language: 'c' }],
  });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
