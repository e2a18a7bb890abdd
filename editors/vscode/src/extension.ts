import { commands, ExtensionContext, OutputChannel, window, workspace } from 'vscode';
import {
  CloseAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

/** Until the server has started, a failure is reported once, by startClient(), not by the client. */
class PolicylintClient extends LanguageClient {
  starting = true;

  override createDefaultErrorHandler(maxRestartCount?: number): ErrorHandler {
    const handler = super.createDefaultErrorHandler(maxRestartCount);
    return {
      error: (error, message, count) => handler.error(error, message, count),
      // A server that exits before answering `initialize` (say, without pygls) is not restarted.
      closed: () => (this.starting ? { action: CloseAction.DoNotRestart, handled: true } : handler.closed()),
    };
  }

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.starting ? false : showNotification);
  }
}

let client: PolicylintClient | undefined;
let output: OutputChannel;

export async function activate(context: ExtensionContext): Promise<void> {
  output = window.createOutputChannel('policylint');
  context.subscriptions.push(
    output,
    workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('policylint.path')) {
        await stopClient();
        await startClient();
      }
    }),
  );
  await startClient();
}

export function deactivate(): Promise<void> {
  return stopClient();
}

async function startClient(): Promise<void> {
  const command = workspace.getConfiguration('policylint').get<string>('path') || 'policylint';
  // Stdio is the default transport: naming TransportKind.stdio would add "--stdio" to the arguments.
  const serverOptions: ServerOptions = { command, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    outputChannel: output,
    initializationFailedHandler: () => false, // no retry, and no notification of its own
  };
  const started = new PolicylintClient('policylint', 'policylint', serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch {
    // Reported below. start() can also resolve without a running server, when it exits early.
  }
  if (started.isRunning()) {
    started.starting = false;
  } else {
    // The client wrote the reason to the output channel; the notification must not hold up activation.
    void window
      .showErrorMessage(
        `policylint: could not start the language server "${command} lsp". Install it with ` +
          `pip install 'policylint[lsp]', or set "policylint.path" to the policylint executable.`,
        'Open Settings',
        'Show Output',
      )
      .then((choice) => {
        if (choice === 'Open Settings') {
          void commands.executeCommand('workbench.action.openSettings', 'policylint.path');
        } else if (choice === 'Show Output') {
          output.show();
        }
      });
  }
}

async function stopClient(): Promise<void> {
  const running = client?.isRunning() ? client : undefined;
  client = undefined;
  await running?.dispose();
}
