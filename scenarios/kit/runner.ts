import { createHash } from 'node:crypto';
import { createContext, type ContextState } from './context.js';
import type { EmulatorClient } from './emulator-client.js';
import { HarnessError, ScenarioEnded, ScenarioFailed } from './errors.js';
import type { Catalog } from './requirements.js';
import type { CoverageOutcome, Level, Outcome, RunResult, RunSummary, Scenario, ScenarioResult, Suite, SutDriver, SutIdentity } from './types.js';

export interface RunOptions {
  emulator: EmulatorClient;
  driver: SutDriver;
  suite: Suite;
  scenarios: ReadonlyMap<string, Scenario>;
  catalog: Catalog;
  /** Run only these scenario ids (the others are `omit`). */
  only?: string[];
  /** What the CLI was told about the SUT; merged over what `system.info` answers. */
  sut?: Partial<SutIdentity>;
  /** The command that replays one scenario (`lienthong test … --only <id>`). */
  replay: (scenarioId: string) => string;
  inputs?: Record<string, unknown>;
  onProgress?: (event: { scenario: Scenario; result?: ScenarioResult }) => void;
}

const OUTCOMES: Outcome[] = ['pass', 'fail', 'skip', 'omit', 'error', 'wait'];
const DEFAULT_SCENARIO_TIMEOUT_MS = 60_000;

function levelOf(s: Scenario, catalog: Catalog): Level {
  return s.requirements.some((id) => catalog.requirements.get(id)?.level === 'MUST') ? 'MUST' : 'SHOULD';
}

/** The suite's digest: its id, version and every scenario's id and requirements, so a report names what ran. */
export function suiteDigest(suite: Suite, scenarios: ReadonlyMap<string, Scenario>): string {
  const h = createHash('sha256').update(`${suite.id}@${suite.version}\n`);
  for (const id of suite.scenarios) h.update(`${id}:${(scenarios.get(id)?.requirements ?? []).join(',')}\n`);
  return `sha256:${h.digest('hex')}`;
}

async function identify(opts: RunOptions): Promise<SutIdentity> {
  const given = opts.sut ?? {};
  let info: Record<string, unknown> = {};
  const outcome = await opts.driver.perform('system.info', {}, { scenarioId: '(setup)', timeoutMs: 15_000 }).catch((err: unknown) => {
    if (given.agency) return { status: 'skipped' as const, reason: (err as Error).message };
    throw err;
  });
  if (outcome.status === 'done') info = outcome.result;
  const agencies = Array.isArray(info.agencies) ? (info.agencies as string[]) : [];
  const sut: SutIdentity = {
    name: given.name ?? (typeof info.name === 'string' ? info.name : 'unnamed system'),
    version: given.version ?? (typeof info.version === 'string' ? info.version : 'unknown'),
    ...(given.systemId ?? info.systemId ? { systemId: (given.systemId ?? info.systemId) as string } : {}),
    agency: given.agency ?? agencies[0] ?? '',
    driver: opts.driver.kind,
  };
  if (!sut.agency) throw new HarnessError('the SUT\'s agency code is unknown: its system.info gave none; pass --sut-agency');
  return sut;
}

async function runOne(scenario: Scenario, opts: RunOptions, sut: SutIdentity, catalog: Catalog): Promise<ScenarioResult> {
  const started = Date.now();
  const startSeq = await opts.emulator.lastSeq();
  const state: ContextState = { failures: [], messages: [] };
  const timeoutMs = scenario.timeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS;
  const inputs = Object.fromEntries(Object.entries(scenario.inputs ?? {}).map(([k, spec]) => [k, opts.inputs?.[k] ?? spec.default]));
  const t = createContext(scenario, { emulator: opts.emulator, driver: opts.driver, sut, startSeq, inputs, deadline: started + timeoutMs }, state);
  let outcome: Outcome = 'pass';
  let reason: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      scenario.run(t),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HarnessError(`the scenario did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    if (err instanceof ScenarioFailed) state.failures.push(err.failure);
    else if (err instanceof ScenarioEnded) {
      outcome = err.outcome;
      reason = err.reason;
    } else {
      outcome = 'error';
      reason = err instanceof HarnessError ? err.message : `unexpected ${(err as Error)?.name ?? 'error'}: ${(err as Error)?.message ?? String(err)}`;
    }
  } finally {
    clearTimeout(timer);
  }
  // A scenario that found a broken rule fails, even if it was cut short afterwards (the reason is kept).
  if (state.failures.length > 0) outcome = 'fail';
  const lastSeq = await opts.emulator.lastSeq().catch(() => startSeq);
  return {
    id: scenario.id,
    title: scenario.title,
    outcome,
    requirements: scenario.requirements,
    level: levelOf(scenario, catalog),
    failures: state.failures.map((f) => ({ ...f, clause: catalog.requirements.get(f.requirement)?.source ?? '(not in the catalog)' })),
    messages: state.messages,
    evidence: { first: lastSeq > startSeq ? startSeq + 1 : null, last: lastSeq > startSeq ? lastSeq : null },
    durationMs: Date.now() - started,
    replay: opts.replay(scenario.id),
    ...(reason ? { reason } : {}),
  };
}

export function summarise(results: readonly ScenarioResult[]): RunSummary {
  const zero = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byOutcome = zero();
  const byLevel = { MUST: zero(), SHOULD: zero() };
  for (const r of results) {
    byOutcome[r.outcome]++;
    byLevel[r.level][r.outcome]++;
  }
  const must = results.filter((r) => r.level === 'MUST' && r.outcome !== 'omit');
  return { byOutcome, byLevel, verdict: must.length > 0 && must.every((r) => r.outcome === 'pass') ? 'pass' : 'fail' };
}

/** Runs a suite against the SUT and judges it; never throws for a scenario's sake (only for set-up). */
export async function runSuite(opts: RunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const unknown = opts.suite.scenarios.filter((id) => !opts.scenarios.has(id));
  if (unknown.length > 0) throw new HarnessError(`suite ${opts.suite.id} names unknown scenarios: ${unknown.join(', ')}`);
  const badOnly = (opts.only ?? []).filter((id) => !opts.suite.scenarios.includes(id));
  if (badOnly.length > 0) throw new HarnessError(`--only names scenarios not in suite ${opts.suite.id}: ${badOnly.join(', ')}`);
  const info = await opts.emulator.info();
  const sut = await identify(opts);
  const results: ScenarioResult[] = [];
  for (const id of opts.suite.scenarios) {
    const scenario = opts.scenarios.get(id)!;
    opts.onProgress?.({ scenario });
    const result =
      opts.only && !opts.only.includes(id)
        ? { id, title: scenario.title, outcome: 'omit' as const, requirements: scenario.requirements, level: levelOf(scenario, opts.catalog), failures: [], messages: [], evidence: { first: null, last: null }, durationMs: 0, replay: opts.replay(id), reason: 'not selected (--only)' }
        : await runOne(scenario, opts, sut, opts.catalog);
    results.push(result);
    opts.onProgress?.({ scenario, result });
  }
  const coverage = [...opts.catalog.requirements.values()]
    .filter((r) => r.roles.includes(opts.suite.role))
    .map((r) => {
      const rs = results.filter((x) => x.requirements.includes(r.id) && x.outcome !== 'omit');
      // fail only when a failure names this requirement; a scenario that failed on another one left it unproven.
      const outcome: CoverageOutcome =
        rs.length === 0
          ? 'untested'
          : rs.some((x) => x.failures.some((f) => f.requirement === r.id))
            ? 'fail'
            : rs.every((x) => x.outcome === 'pass')
              ? 'pass'
              : (rs.find((x) => x.outcome !== 'pass' && x.outcome !== 'fail')?.outcome ?? 'unproven');
      return { requirement: r.id, level: r.level, scenarios: rs.map((x) => x.id), outcome };
    });
  return {
    format: 'lienthong-run/1',
    suite: { id: opts.suite.id, version: opts.suite.version, digest: suiteDigest(opts.suite, opts.scenarios) },
    emulator: { url: opts.emulator.url, version: info.version, seed: info.seed, clockMode: info.clock.mode },
    sut,
    startedAt,
    endedAt: new Date().toISOString(),
    results,
    coverage,
    summary: summarise(results),
  };
}
