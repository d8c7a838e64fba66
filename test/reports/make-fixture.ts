/**
 * Builds test/reports/fixtures/report.json from a real run: a fresh emulator (virtual clock), the reference
 * agency with the `bad-package` defect (so vdxp.send.valid-package fails), a driver that refuses
 * `vdxp.changeDocument` (so vdxp.send.revoke is skipped, as for a SUT without that feature), and `--only`
 * a few scenarios (the rest are omitted). The file is then kept as it is: the golden tests render it, so
 * rerun this only when the report model changes (`npx tsx test/reports/make-fixture.ts`), then
 * `npm run reports:golden`, and review both diffs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import { createReferenceAgency } from '../../examples/reference-agency/agency.js';
import { buildReport } from '../../reports/build.js';
import { renderJson } from '../../reports/render/json.js';
import { inProcessDriver } from '../../scenarios/kit/drivers/in-process.js';
import { EmulatorClient } from '../../scenarios/kit/emulator-client.js';
import { loadScenarios } from '../../scenarios/kit/registry.js';
import { loadRequirements } from '../../scenarios/kit/requirements.js';
import { runSuite } from '../../scenarios/kit/runner.js';
import { SUITES } from '../../scenarios/suites.js';
import { TEST_INSTANT } from '../vdxp/support/fixtures.js';

export const FIXTURE_FILE = new URL('./fixtures/report.json', import.meta.url);
const ONLY = ['vdxp.send.valid-package', 'vdxp.receive.acknowledge', 'vdxp.send.revoke', 'vdxp.send.collect-statuses'];
const UNSUPPORTED = 'vdxp.changeDocument';

const suite = SUITES.find((s) => s.id === 'vdxp-qlvb')!;
const scenarios = await loadScenarios();
const catalog = loadRequirements();
const app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)) });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const agency = createReferenceAgency({ emulatorUrl: url, defects: ['bad-package'], pollIntervalMs: 200 });
await agency.start();
try {
  const emulator = new EmulatorClient(url);
  const sut = {
    perform: (action: string, params: Record<string, unknown>) =>
      action === UNSUPPORTED ? Promise.resolve({ status: 'unsupported' as const, reason: `this build has no ${UNSUPPORTED}` }) : agency.perform(action, params),
  };
  const run = await runSuite({
    emulator,
    driver: inProcessDriver(sut),
    suite,
    scenarios,
    catalog,
    only: ONLY,
    inputs: { waitMs: 5_000, settleMs: 1_500 },
    replay: (id) => `lienthong test --suite ${suite.id} --driver hook --hook-url http://127.0.0.1:9000 --only ${id}`,
  });
  const report = await buildReport(run, { suite, scenarios, catalog, emulator, id: '6f1f6a52-3c1e-4d0b-9a51-0c2f3e1d7a10', generatedAt: new Date(run.endedAt) });
  mkdirSync(new URL('./fixtures/', import.meta.url), { recursive: true });
  // Pretty-printed so a reviewer can read it; the renderers never depend on the file's formatting.
  writeFileSync(FIXTURE_FILE, `${JSON.stringify(JSON.parse(renderJson(report)), null, 2)}\n`);
  console.log(`wrote ${FIXTURE_FILE.pathname}: ${report.scenarios.map((s) => `${s.id}=${s.outcome}`).join(', ')}`);
} finally {
  await agency.stop();
  await app.close();
}
