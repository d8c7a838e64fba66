/**
 * The harness proves itself against examples/reference-agency: every suite passes on the correct agency,
 * and every scenario fails on at least one defect switch, naming one of its own requirements. The matrix
 * (scenario × defect) is printed in the test output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import { createReferenceAgency } from '../../examples/reference-agency/agency.js';
import { inProcessDriver } from '../../scenarios/kit/drivers/in-process.js';
import { EmulatorClient } from '../../scenarios/kit/emulator-client.js';
import { catalogProblems, loadRequirements } from '../../scenarios/kit/requirements.js';
import { loadScenarios } from '../../scenarios/kit/registry.js';
import { runSuite } from '../../scenarios/kit/runner.js';
import type { RunResult, Scenario, Suite } from '../../scenarios/kit/types.js';
import { DEFECT_MATRIX, SUITES } from '../../scenarios/suites.js';
import { TEST_INSTANT } from '../vdxp/support/fixtures.js';

const catalog = loadRequirements();
/** The reference agency polls every 200 ms: a defect shows within seconds, so waits are short here. */
const SELF_TEST_INPUTS = { waitMs: 5_000, settleMs: 1_500 };
let scenarios: Map<string, Scenario>;

/** A fresh emulator on a real port and a reference agency (with `defects`) connected to it, for one run. */
async function runAgainstReference(suite: Suite, defects: string[], only?: string[]): Promise<RunResult> {
  const app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const agency = createReferenceAgency({ emulatorUrl: url, defects, pollIntervalMs: 200 });
  await agency.start();
  try {
    return await runSuite({ emulator: new EmulatorClient(url), driver: inProcessDriver(agency), suite, scenarios, catalog, inputs: SELF_TEST_INPUTS, ...(only ? { only } : {}), replay: (id) => `lienthong test --suite ${suite.id} --only ${id}` });
  } finally {
    await agency.stop();
    await app.close();
  }
}

beforeAll(async () => {
  scenarios = await loadScenarios();
});

describe('requirement catalog and suites', () => {
  it('every scenario names only catalogued requirements, and every MUST requirement has a scenario', () => {
    expect(catalogProblems(catalog, [...scenarios.values()])).toEqual([]);
  });

  it('every suite names existing scenarios of its role, and every scenario is in the defect matrix', () => {
    for (const suite of SUITES) {
      for (const id of suite.scenarios) {
        expect(scenarios.get(id), `${suite.id}: ${id}`).toBeDefined();
        expect(scenarios.get(id)!.role).toBe(suite.role);
      }
    }
    const covered = new Set(Object.values(DEFECT_MATRIX).flat());
    for (const suite of SUITES) for (const id of suite.scenarios) expect(covered.has(id), `no defect makes ${id} fail`).toBe(true);
  });
});

for (const suite of SUITES) {
  describe(`suite ${suite.id} ${suite.version} against the reference agency`, () => {
    const matrix = new Map<string, Map<string, string>>();
    afterAll(() => {
      // Only the defects this suite ran (those aimed at its scenarios), plus the correct agency.
      const defects = ['(none)', ...Object.keys(DEFECT_MATRIX).filter((d) => DEFECT_MATRIX[d]!.some((id) => suite.scenarios.includes(id)))];
      const rows = suite.scenarios.map((id) => `${id.padEnd(40)} ${defects.map((d) => (matrix.get(id)?.get(d) ?? '·').padEnd(6)).join(' ')}`);
      console.log(`\nscenario × defect (${suite.id}); columns: ${defects.map((d, i) => `${i + 1}=${d}`).join(', ')}\n${' '.repeat(41)}${defects.map((_, i) => String(i + 1).padEnd(6)).join(' ')}\n${rows.join('\n')}`);
    });

    it('passes every scenario on the correct agency', async () => {
      const run = await runAgainstReference(suite, []);
      const notPassed = run.results.filter((r) => r.outcome !== 'pass').map((r) => ({ id: r.id, outcome: r.outcome, reason: r.reason, failures: r.failures }));
      expect(notPassed).toEqual([]);
      expect(run.summary.verdict).toBe('pass');
      for (const r of run.results) (matrix.get(r.id) ?? matrix.set(r.id, new Map()).get(r.id)!).set('(none)', r.outcome);
    }, 120_000);

    for (const [defect, ids] of Object.entries(DEFECT_MATRIX)) {
      const inSuite = ids.filter((id) => suite.scenarios.includes(id));
      if (inSuite.length === 0) continue;
      it(`fails ${inSuite.join(', ')} with defect ${defect}, naming their requirements`, async () => {
        const run = await runAgainstReference(suite, [defect], inSuite);
        for (const id of inSuite) {
          const r = run.results.find((x) => x.id === id)!;
          (matrix.get(id) ?? matrix.set(id, new Map()).get(id)!).set(defect, r.outcome);
          expect({ id, outcome: r.outcome, reason: r.reason }).toEqual({ id, outcome: 'fail', reason: undefined });
          expect(r.failures.length).toBeGreaterThan(0);
          for (const f of r.failures) expect(scenarios.get(id)!.requirements, `${id} failed on ${f.requirement}`).toContain(f.requirement);
        }
        expect(run.summary.verdict).toBe('fail');
      }, 120_000);
    }
  });
}
