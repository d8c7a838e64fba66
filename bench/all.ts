/**
 * Every benchmark in turn, each in its own process (their output shown as they run), then their headline
 * figures in one table. Quick sizes by default (a few minutes in all); `--full` runs each at its own
 * defaults (the 6,000-document national day, 1 k vs 1 M stored packages: the best part of an hour on
 * two cores). `--only a,b` picks benches by name.
 *
 *   npm run bench [-- --full] [-- --only wiremock,startup]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { environmentLine, printTable, type SummaryRow } from './support.js';

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false }, only: { type: 'string' } } });

/** Name → the arguments of its quick run (a full run passes none). */
const BENCHES: Record<string, string[]> = {
  startup: ['--runs', '3'],
  wiremock: ['--duration', '5', '--warmup', '2'],
  vdxp: ['--docs', '100'],
  'national-day': ['--documents', '300'],
  scale: ['--sizes', '1000,100000', '--calls', '1000'],
  dvcqg: ['--accounts', '2', '--dossiers', '100'],
  ndxp: ['--calls', '1000'],
};

const chosen = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(BENCHES);
const unknown = chosen.filter((b) => !(b in BENCHES));
if (unknown.length > 0) throw new Error(`--only: no bench named ${unknown.join(', ')} (there are ${Object.keys(BENCHES).join(', ')})`);

const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-all-'));
const summaryFile = join(dir, 'summary.jsonl');
const failed: string[] = [];
try {
  for (const name of chosen) {
    const args = values.full ? [] : BENCHES[name]!;
    console.log(`\n=== ${name} ${args.join(' ')}`.trimEnd());
    // tsx's own CLI, run by this Node: no npx lookup, and signals reach the bench directly.
    const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', `bench/${name}.ts`, ...args], { stdio: 'inherit', env: { ...process.env, BENCH_SUMMARY: summaryFile } });
    if (r.status !== 0) failed.push(`${name} (exit ${r.status ?? r.signal})`);
  }
  let rows: SummaryRow[] = [];
  try {
    rows = readFileSync(summaryFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as SummaryRow);
  } catch {
    // no bench wrote a summary
  }
  console.log(`\n=== summary (${values.full ? 'full sizes' : 'quick sizes; npm run bench -- --full for the full ones'})`);
  console.log(`  ${environmentLine()}`);
  printTable(['bench', 'what', 'measure', 'figure'], rows.map((r) => [r.bench, r.subject, r.metric, r.value]), '  ', true);
  if (failed.length > 0) {
    console.log(`  FAILED: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
