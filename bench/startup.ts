/**
 * Start-up time and idle memory: from spawning `node bin/lienthong.mjs start` to the first 200 on
 * /_lienthong/health, then the resident set size (VmRSS) once idle, for a default and a small synthetic
 * world, on a new data file (migrations, directory seed, test CA keys) and on a restart over the same
 * file; WireMock (java -jar, to /__admin/health) for reference. Repeated N times: median, min, max.
 *
 *   npx tsx bench/startup.ts [--runs 5] [--idle 1]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { currentRssMb, environmentLine, freePort, median, printTable, summarise, waitForOk } from './support.js';
import { javaVersion, startWiremock, wiremockUnavailable } from './wiremock-process.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, idle: { type: 'string', default: '1' } } });
const RUNS = Number(values.runs);
const IDLE_S = Number(values.idle);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 100) throw new Error('--runs must be an integer from 1 to 100');
if (!Number.isFinite(IDLE_S) || IDLE_S < 0) throw new Error('--idle must be a number of seconds ≥ 0');

interface Sample {
  readyMs: number;
  rssMb: number;
}

const WORLDS = [
  { name: 'default world (100,000 citizens, 20,000 enterprises)', args: [] as string[] },
  { name: 'small world (1,000 citizens, 100 enterprises)', args: ['--population', '1000', '--enterprises', '100'] },
];

/** One start: spawn, poll health until 200, let it idle, read VmRSS, stop it (SIGTERM, wait for exit). */
async function startOnce(dataFile: string, args: string[]): Promise<Sample> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/lienthong.mjs', 'start', '--port', String(port), '-q', '--data', dataFile, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`lienthong exited with ${code} before answering: ${stderr.slice(-500)}`))));
  try {
    await Promise.race([waitForOk(`http://127.0.0.1:${port}/_lienthong/health`, 60_000, 2), exited]);
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    return { readyMs, rssMb: currentRssMb(child.pid as number) };
  } finally {
    exited.catch(() => undefined);
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }
}

async function wiremockOnce(dir: string): Promise<Sample> {
  const t0 = performance.now();
  const wm = await startWiremock(dir, await freePort());
  const readyMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const rssMb = currentRssMb(wm.pid);
  await wm.stop();
  return { readyMs, rssMb };
}

function row(name: string, samples: Sample[]): string[] {
  const t = samples.map((s) => s.readyMs);
  const r = samples.map((s) => s.rssMb);
  return [name, median(t).toFixed(0), Math.min(...t).toFixed(0), Math.max(...t).toFixed(0), median(r).toFixed(0), Math.min(...r).toFixed(0), Math.max(...r).toFixed(0)];
}

async function main(): Promise<void> {
  console.log(`Start-up: spawn → first 200 on the health endpoint, then VmRSS after ${IDLE_S} s idle; ${RUNS} runs each`);
  console.log(`  ${environmentLine()}`);
  const rows: string[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-startup-'));
  try {
    // Runs outermost: a burst of load from elsewhere on the machine then falls on every case alike.
    const fresh: Sample[][] = WORLDS.map(() => []);
    const restart: Sample[][] = WORLDS.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      for (const [w, world] of WORLDS.entries()) {
        const file = join(dir, `w${w}-r${i}`, 'state.sqlite');
        fresh[w]!.push(await startOnce(file, world.args));
        restart[w]!.push(await startOnce(file, world.args));
      }
    }
    for (const [w, world] of WORLDS.entries()) rows.push(row(`lienthong, ${world.name}, new data file`, fresh[w]!), row(`lienthong, ${world.name}, restart on it`, restart[w]!));
    const skip = wiremockUnavailable();
    if (skip) rows.push(['WireMock (reference)', '—', '—', '—', '—', '—', '—']);
    else {
      const wm: Sample[] = [];
      for (let i = 0; i < RUNS; i++) wm.push(await wiremockOnce(join(dir, `wm-${i}`)));
      rows.push(row(`WireMock ${javaVersion() === 'unknown' ? '' : `(Java ${javaVersion()}) `}no stubs, request journal off`, wm));
    }
    console.log('');
    printTable(['server', 'ready median ms', 'min', 'max', 'idle RSS median MB', 'min', 'max'], rows);
    if (skip) console.log(`  WireMock skipped: ${skip}`);
    console.log('  lienthong runs through tsx (TypeScript compiled at load, cached after the first run); "new data file" includes');
    console.log('  creating the SQLite schema, seeding the agency directory and generating the test CA keys. The synthetic world is');
    console.log('  generated on demand, so its size should not change start-up: a difference between the worlds is noise.');
    summarise(rows.map((r) => ({ bench: 'startup', subject: r[0]!, metric: 'ready ms | idle RSS (medians)', value: `${r[1]} ms | ${r[4]} MB` })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
