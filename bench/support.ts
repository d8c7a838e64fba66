/** What every benchmark shares: the emulator as its own process, a bounded worker pool, percentiles, RSS. */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { control } from '../emulator/cli/remote.js';
import { createSdkClient, mergeHeaders, parseMaybeJson, type SdkClient, type SdkResult, type SdkTransport } from '../emulator/platforms/vdxp/client.js';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
}

/** Peak resident memory of a process so far (Linux VmHWM). */
export const peakRssMb = (pid: number): number => procStatusMb(pid, 'VmHWM');
export const currentRssMb = (pid: number): number => procStatusMb(pid, 'VmRSS');

/**
 * Starts `lienthong start --quiet` on a free port; resolves once it listens. `store` is a SQLite file, or a
 * `postgres://…` location (passed as --store).
 */
export async function startEmulator(store: string, args: string[] = []): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const where = /^postgres(ql)?:\/\//i.test(store) ? ['--store', store] : ['--data', store];
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), 'bin/lienthong.mjs', 'start', '--quiet', '--port', '0', ...where, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `work(i)` for i in [0, n) with at most `limit` in flight. */
export async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

// ------------------------------------------------------------------------------------------ shared helpers

/**
 * 08:00 in Vietnam on 2026/11/24, the PromulgationDate of the built-in packages: benches put a virtual
 * clock here so the QĐ 28 sending deadline never turns their documents into late ones (extra warnings,
 * extra work) whatever day the bench runs.
 */
export const BENCH_INSTANT = '2026-11-24T01:00:00.000Z';

/** The emulator on a virtual clock set to BENCH_INSTANT (it runs on from there with real time). */
export async function startBenchEmulator(store: string, args: string[] = []): Promise<Awaited<ReturnType<typeof startEmulator>>> {
  const emu = await startEmulator(store, ['--virtual-clock', ...args]);
  await control(emu.url, 'POST', '/_lienthong/clock', { set: BENCH_INSTANT });
  return emu;
}

/** Connects a system with one or more agencies and returns an SDK-faithful client for it on `transport`. */
export async function connectSystem(url: string, systemId: string, codes: string[], transport: SdkTransport): Promise<SdkClient> {
  const { secret } = await control<{ secret: string }>(url, 'POST', '/_lienthong/vdxp/systems', { systemId, agencies: codes.map((code) => ({ code })) });
  return createSdkClient({ systemId, secret, transport });
}

/**
 * SDK transport over node:http with a keep-alive agent: one pooled connection per worker, and a lighter
 * client than fetch, so more of the shared CPU is left to the server being measured.
 */
export function keepAliveTransport(baseUrl: string, agent: http.Agent): SdkTransport {
  const base = new URL(baseUrl.replace(/\/+$/, ''));
  return (req) =>
    new Promise((resolve, reject) => {
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
      const headers: Record<string, string | number> = Object.fromEntries(mergeHeaders(req.headers));
      if (body !== undefined) headers['Content-Length'] = body.length;
      const r = http.request({ agent, host: base.hostname, port: base.port, method: req.method, path: base.pathname + req.path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body: bytes, json: parseMaybeJson(bytes, res.headers['content-type']) });
        });
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(body);
    });
}

/** A port that was free a moment ago (for processes that must be told their port up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Latencies in ms by operation; `time` records only successful calls (`ok` decides) and throws on failure. */
export class Latencies {
  readonly byOp = new Map<string, number[]>();

  add(op: string, ms: number): void {
    (this.byOp.get(op) ?? this.byOp.set(op, []).get(op)!).push(ms);
  }

  async time<T extends SdkResult>(op: string, run: () => Promise<T>, ok: (r: T) => boolean = (r) => r.json?.status === 'OK'): Promise<T> {
    const t0 = performance.now();
    const r = await run();
    const ms = performance.now() - t0;
    if (!ok(r)) throw new Error(`${op} failed: HTTP ${r.httpStatus} ${r.body.toString('utf8').slice(0, 300)}`);
    this.add(op, ms);
    return r;
  }

  stats(op: string): { n: number; p50: number; p95: number; p99: number; max: number } {
    const s = [...(this.byOp.get(op) ?? [])].sort((a, b) => a - b);
    return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
  }

  count(): number {
    return [...this.byOp.values()].reduce((n, l) => n + l.length, 0);
  }
}

/**
 * Runs `work(i)` on `concurrency` workers until `count` calls are done or `durationMs` has passed,
 * whichever comes first; returns how many completed and over how many seconds.
 */
export async function drive(opts: { concurrency: number; durationMs?: number; count?: number }, work: (i: number) => Promise<void>): Promise<{ done: number; seconds: number }> {
  const t0 = performance.now();
  const until = opts.durationMs === undefined ? Infinity : t0 + opts.durationMs;
  const max = opts.count ?? Infinity;
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < max && performance.now() < until) {
        await work(next++);
        done++;
      }
    }),
  );
  return { done, seconds: (performance.now() - t0) / 1000 };
}

export const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Prints rows under a header, columns padded; numeric-looking cells right-aligned unless `leftAligned`. */
export function printTable(header: string[], rows: string[][], indent = '  ', leftAligned = false): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = /^[-+]?[\d.,]+( ?(ms|MB|s|%|\/s))?$|^—$/;
  const line = (r: string[]) => indent + r.map((cell, c) => (!leftAligned && c > 0 && numeric.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(indent + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** One headline figure for `npm run bench`, which runs every bench and prints their figures in one table. */
export interface SummaryRow {
  bench: string;
  subject: string;
  metric: string;
  value: string;
}

/** Appends headline figures to the file named by BENCH_SUMMARY (set by bench/all.ts); no-op otherwise. */
export function summarise(rows: SummaryRow[]): void {
  const file = process.env.BENCH_SUMMARY;
  if (file) appendFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** Polls `url` every few ms until it answers 200; returns the time it took (ms since the call). */
export async function waitForOk(url: string, timeoutMs: number, intervalMs = 5): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** What the figures depend on: printed under every bench's title (the machine is often shared). */
export function environmentLine(): string {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `node ${process.version}, ${os.cpus().length} CPU cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, load average at start ${load}`;
}
