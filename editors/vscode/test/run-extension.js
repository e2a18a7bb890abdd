// Runs the compiled extension with the real vscode-languageclient against a stand-in for the
// `vscode` module, as tests/test_vscode_extension.py does:
//
//   node test/run-extension.js OUT_DIR '{"path": "/some/policylint"}'
//
// activates OUT_DIR/extension.js with those settings ("path", "trace.server"; "settleMs": how
// long to wait for a notification), waits for the client to start or fail, deactivates it and
// prints what a user would have seen, as JSON: the notifications shown, the text of the
// "policylint" output channel, and the promise rejections nothing handled.
'use strict';
const Module = require('module');
const path = require('path');

const [outDir, settingsJson] = process.argv.slice(2);
const settings = JSON.parse(settingsJson || '{}');
const shown = { error: [], warning: [], info: [] };
let outputText = '';
// vscode-languageclient leaves some promises of a failed start unhandled; VS Code only logs them.
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));

// Anything the client touches that this file does not define is a callable, constructible,
// iterable no-op (so that registering providers, watchers and listeners just works).
function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'dispose') return () => undefined;
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

function withStubs(name, object) {
  return new Proxy(object, {
    get(target, key) {
      return key in target ? target[key] : stub(`${name}.${String(key)}`)[key];
    },
  });
}

class Disposable {
  constructor(callOnDispose) { this.callOnDispose = callOnDispose; }
  static from(...items) { return new Disposable(() => items.forEach((item) => item?.dispose?.())); }
  dispose() { this.callOnDispose?.(); }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return new Disposable(() => this.listeners.delete(listener));
    };
  }
  fire(value) { for (const listener of [...this.listeners]) listener(value); }
  dispose() { this.listeners.clear(); }
}

class Uri {
  constructor(fsPath) { this.scheme = 'file'; this.fsPath = fsPath; this.path = fsPath; }
  static file(fsPath) { return new Uri(fsPath); }
  static parse(value) { return new Uri(value.replace(/^file:\/\//, '')); }
  toString() { return `file://${this.fsPath}`; }
}

const noEvent = () => new Disposable();
function notify(kind) {
  return (message) => {
    shown[kind].push(message);
    return Promise.resolve(undefined); // the user clicks no button
  };
}

const vscode = withStubs('vscode', {
  version: '1.82.0',
  Disposable,
  EventEmitter,
  Uri,
  CancellationError: class CancellationError extends Error {},
  env: withStubs('env', { appName: 'Visual Studio Code', language: 'en' }),
  commands: withStubs('commands', { executeCommand: () => Promise.resolve(undefined) }),
  window: withStubs('window', {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    showErrorMessage: notify('error'),
    showWarningMessage: notify('warning'),
    showInformationMessage: notify('info'),
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeVisibleTextEditors: noEvent,
    createOutputChannel: () => ({
      name: 'policylint',
      append: (text) => { outputText += text; },
      appendLine: (text) => { outputText += `${text}\n`; },
      clear: () => { outputText = ''; },
      show: () => undefined,
      hide: () => undefined,
      replace: (text) => { outputText = text; },
      dispose: () => undefined,
    }),
  }),
  workspace: withStubs('workspace', {
    workspaceFolders: undefined,
    textDocuments: [],
    getConfiguration: (section) => ({
      get: (key, fallback) => {
        const value = section === 'policylint' ? settings[key] : undefined;
        return value === undefined ? fallback : value;
      },
      has: () => false,
      inspect: () => undefined,
      update: () => Promise.resolve(),
    }),
    onDidChangeConfiguration: noEvent,
    onDidOpenTextDocument: noEvent,
    onDidCloseTextDocument: noEvent,
    onDidChangeTextDocument: noEvent,
    onDidSaveTextDocument: noEvent,
    onWillSaveTextDocument: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
  }),
  languages: withStubs('languages', {
    match: () => 0,
    createDiagnosticCollection: () => withStubs('diagnostics', { dispose: () => undefined }),
  }),
});

const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscode : load.call(this, request, parent, isMain);
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const extension = require(path.resolve(outDir, 'extension.js'));
  const subscriptions = [];
  await extension.activate({ subscriptions, extensionPath: process.cwd(), asAbsolutePath: (p) => p });
  // A failed start or a crash is reported asynchronously: wait for the first notification
  // (and a little longer, for any second one), or settleMs.
  const deadline = Date.now() + Number(settings.settleMs ?? 500);
  const count = () => shown.error.length + shown.warning.length + shown.info.length;
  while (count() === 0 && Date.now() < deadline) await sleep(20);
  if (count() > 0) await sleep(300);
  await extension.deactivate();
  subscriptions.forEach((item) => item.dispose?.());
  process.stdout.write(JSON.stringify({ shown, output: outputText, unhandled }));
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
