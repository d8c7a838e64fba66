import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { DEFAULT_URL } from './remote.js';

async function reach(url: URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new Error(`cannot reach the emulator at ${url.origin} (${(err as Error).message}); start it with \`npm start\` or pass --url`);
  }
}

async function failure(res: Response): Promise<Error> {
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  return new Error(`${json.error?.code ?? res.status}: ${json.error?.message ?? res.statusText}`);
}

/** `lienthong snapshot` and `lienthong restore`: the whole state of a running emulator to a file and back. */
export function registerSnapshotCommands(program: Command): void {
  program
    .command('snapshot')
    .description('save the whole state of a running emulator (every platform, evidence log, test CA, clock) to a file (docs/snapshot.md)')
    .requiredOption('-o, --out <file>', 'file to write (gzip\'d JSON lines, e.g. seed.snapshot.jsonl.gz)')
    .option('--url <url>', 'emulator base URL', DEFAULT_URL)
    .action(async (o: { out: string; url: string }) => {
      const res = await reach(new URL('/_lienthong/snapshot', o.url));
      if (!res.ok || !res.body) throw await failure(res);
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(o.out));
      process.stdout.write(`snapshot of ${o.url} written to ${o.out} (${res.headers.get('x-lienthong-snapshot-rows') ?? '?'} rows)\n`);
    });
  program
    .command('restore')
    .description('replace the whole state of a running emulator with a snapshot file (all or nothing)')
    .argument('<file>', 'a file written by `lienthong snapshot` or GET /_lienthong/snapshot')
    .option('--url <url>', 'emulator base URL', DEFAULT_URL)
    .action(async (file: string, o: { url: string }) => {
      const body = await readFile(file);
      const res = await reach(new URL('/_lienthong/restore', o.url), { method: 'POST', headers: { 'content-type': 'application/gzip' }, body });
      if (!res.ok) throw await failure(res);
      const r = (await res.json()) as { tables: number; rows: number; takenAt: string; clock: { mode: string; now: string; note?: string } };
      process.stdout.write(`restored ${file} into ${o.url}: ${r.rows} rows in ${r.tables} tables, taken ${r.takenAt}; clock ${r.clock.mode} at ${r.clock.now}\n${r.clock.note ? `  note: ${r.clock.note}\n` : ''}`);
    });
}
