import { pathToFileURL } from 'node:url';
import { buildApp, type BuildAppOptions } from './app.js';

export interface StartOptions extends BuildAppOptions {
  port?: number;
  host?: string;
}

/**
 * Starts the emulator on a port: the only place with process state (listening socket, signal handlers).
 * SIGINT/SIGTERM close the server gracefully: in-flight requests finish, the evidence log is flushed and
 * the store closed, so every acknowledged write is on disk.
 */
export async function start(opts: StartOptions = {}) {
  const app = await buildApp(opts);
  const port = opts.port ?? Number(process.env.PORT ?? 8686);
  const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
  const address = await app.listen({ port, host });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`lienthong: ${signal} received, closing…\n`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`lienthong: error while closing: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return { app, address };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { runCli } = await import('./cli/index.js');
  await runCli(['start', ...process.argv.slice(2)]);
}
