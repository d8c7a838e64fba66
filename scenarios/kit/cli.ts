import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { attestedDriver } from './drivers/attested.js';
import { hookDriver } from './drivers/hook.js';
import { interactiveDriver } from './drivers/interactive.js';
import { EmulatorClient } from './emulator-client.js';
import { catalogProblems, loadRequirements } from './requirements.js';
import { loadScenarios } from './registry.js';
import { runSuite } from './runner.js';
import type { Outcome, ScenarioResult, Suite, SutDriver } from './types.js';

export interface TestCommandOptions {
  suite?: string;
  driver: 'hook' | 'interactive' | 'attested';
  hookUrl?: string;
  attestations?: string;
  emulator?: string;
  port: number;
  /** Start the emulator on the real clock; by default a virtual one (ticking from now) lets deadline scenarios move it. */
  realClock?: boolean;
  only: string[];
  sutAgency?: string;
  sutName?: string;
  sutVersion?: string;
  sutSystem?: string;
  out?: string;
  list?: boolean;
  /** `name=value` scenario inputs; numeric values become numbers. */
  input?: string[];
  /** Write the compliance report set into this folder. */
  report?: string;
  signKey?: string;
  signCert?: string;
  stamp: string;
}

/** `--input waitMs=5000` → `{waitMs: 5000}`. */
export function parseInputs(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--input "${pair}" must be name=value, e.g. waitMs=120000`);
    const value = pair.slice(eq + 1);
    out[pair.slice(0, eq)] = value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return out;
}

const MARK: Record<Outcome, string> = { pass: 'PASS ', fail: 'FAIL ', skip: 'SKIP ', omit: 'OMIT ', error: 'ERROR', wait: 'WAIT ' };
const write = (line: string) => process.stdout.write(`${line}\n`);

function driverFor(o: TestCommandOptions): SutDriver {
  if (o.driver === 'hook') {
    if (!o.hookUrl) throw new Error('--driver hook needs --hook-url <url> (the SUT serves POST <url>/lienthong/actions)');
    return hookDriver(o.hookUrl);
  }
  if (o.driver === 'attested') {
    if (!o.attestations) throw new Error('--driver attested needs --attestations <file>');
    return attestedDriver(o.attestations);
  }
  return interactiveDriver();
}

/** The command line a certifier runs to replay one scenario, with the same SUT and emulator. */
function replayCommand(o: TestCommandOptions, emulatorUrl: string, id: string): string {
  const parts = ['lienthong test', `--suite ${o.suite}`, `--driver ${o.driver}`];
  if (o.hookUrl) parts.push(`--hook-url ${o.hookUrl}`);
  if (o.attestations) parts.push(`--attestations ${o.attestations}`);
  parts.push(`--emulator ${emulatorUrl}`);
  if (o.sutAgency) parts.push(`--sut-agency ${o.sutAgency}`);
  for (const i of o.input ?? []) parts.push(`--input ${i}`);
  parts.push(`--only ${id}`);
  return parts.join(' ');
}

function printResult(r: ScenarioResult): void {
  write(`  ${MARK[r.outcome]} ${r.id}  (${r.level}, ${(r.durationMs / 1000).toFixed(1)} s)${r.reason ? ` — ${r.reason}` : ''}`);
  for (const f of r.failures) {
    write(`         ✗ ${f.requirement} [${f.clause}]: ${f.message}`);
    write(`           expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}${f.evidence.length ? `; evidence ${f.evidence.join(', ')}` : ''}`);
  }
  if (r.outcome === 'fail' || r.outcome === 'error') write(`           replay: ${r.replay}`);
}

/** scenarios/suites.ts, imported by a computed specifier so the kit does not depend on the suites at compile time. */
async function loadSuites(): Promise<{ SUITES: readonly Suite[] }> {
  const specifier = '../suites.js';
  return (await import(specifier)) as { SUITES: readonly Suite[] };
}

/** Runs `lienthong test`; returns the exit code (0 only when every MUST scenario passed). */
export async function runTestCommand(o: TestCommandOptions): Promise<number> {
  const scenarios = await loadScenarios();
  const { SUITES } = await loadSuites();
  if (o.list) {
    for (const s of SUITES) {
      write(`${s.id} ${s.version} — ${s.title} (role ${s.role})`);
      for (const id of s.scenarios) {
        const sc = scenarios.get(id);
        const inputs = Object.entries(sc?.inputs ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v.default)}`);
        write(`  ${id}  ${sc?.title ?? '(missing)'}${inputs.length ? `  [inputs: ${inputs.join(', ')}]` : ''}`);
      }
    }
    return 0;
  }
  const suite = SUITES.find((s) => s.id === o.suite);
  if (!suite) throw new Error(`${o.suite ? `unknown suite "${o.suite}"` : 'no --suite given'}; suites: ${SUITES.map((s) => s.id).join(', ')}`);
  const catalog = loadRequirements();
  const problems = catalogProblems(catalog, suite.scenarios.map((id) => scenarios.get(id)).filter((s) => s !== undefined));
  const unknownRefs = problems.filter((p) => p.includes('unknown requirement'));
  if (unknownRefs.length > 0) throw new Error(`the suite is inconsistent with the requirement catalog: ${unknownRefs.join('; ')}`);

  let emulatorUrl = o.emulator;
  let stop: (() => Promise<void>) | undefined;
  if (!emulatorUrl) {
    const { start } = await import('../../emulator/main.js');
    const started = await start({ port: o.port, data: ':memory:', clock: o.realClock ? 'real' : 'virtual' });
    emulatorUrl = started.address;
    stop = () => started.app.close();
    write(`started an emulator at ${emulatorUrl} (state in memory, ${o.realClock ? 'real' : 'virtual'} clock); point the SUT at it`);
  }
  const inputs = parseInputs(o.input ?? []);
  const driver = driverFor(o);
  try {
    write(`suite ${suite.id} ${suite.version}: ${suite.scenarios.length} scenarios, driver ${driver.kind}, emulator ${emulatorUrl}`);
    const result = await runSuite({
      emulator: new EmulatorClient(emulatorUrl),
      driver,
      suite,
      scenarios,
      catalog,
      ...(o.only.length ? { only: o.only } : {}),
      inputs,
      sut: {
        ...(o.sutAgency ? { agency: o.sutAgency } : {}),
        ...(o.sutName ? { name: o.sutName } : {}),
        ...(o.sutVersion ? { version: o.sutVersion } : {}),
        ...(o.sutSystem ? { systemId: o.sutSystem } : {}),
      },
      replay: (id) => replayCommand(o, emulatorUrl, id),
      onProgress: ({ scenario, result: r }) => (r ? printResult(r) : process.stdout.write(`  …     ${scenario.id}\r`)),
    });
    const out = resolve(o.out ?? `.lienthong/results/${suite.id}-${o.stamp}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    const s = result.summary;
    write(`\n${s.verdict === 'pass' ? 'PASSED' : 'FAILED'}: MUST ${s.byLevel.MUST.pass}/${result.results.filter((r) => r.level === 'MUST' && r.outcome !== 'omit').length} passed; ` + `pass ${s.byOutcome.pass}, fail ${s.byOutcome.fail}, error ${s.byOutcome.error}, skip ${s.byOutcome.skip}, wait ${s.byOutcome.wait}, omit ${s.byOutcome.omit}`);
    write(`result: ${out}`);
    if (o.report) {
      // Built before the emulator stops: the report carries each scenario's exchanges from its evidence log.
      const { buildReport } = await import('../../reports/build.js');
      const { signingKeyFor, writeReportSet } = await import('../../reports/cli.js');
      const report = await buildReport(result, { suite, scenarios, catalog, emulator: new EmulatorClient(emulatorUrl) });
      const signing = await signingKeyFor({ signKey: o.signKey, signCert: o.signCert, emulatorUrl });
      for (const path of writeReportSet(report, o.report, signing?.key)) write(`report: ${path}`);
      write(`signed with ${signing?.source}`);
    }
    return s.verdict === 'pass' ? 0 : 1;
  } finally {
    await driver.close?.();
    await stop?.();
  }
}
