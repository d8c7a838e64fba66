/**
 * The harness kit on its own: outcome classification (pass / fail / error / skip / wait / omit, never
 * `fail` for a harness problem), roll-up and verdict, requirement coverage, the catalog checks, and the
 * hook and attested drivers' contracts — against a real emulator on a port, with trivial scenarios.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { attestedDriver } from '../../scenarios/kit/drivers/attested.js';
import { hookDriver } from '../../scenarios/kit/drivers/hook.js';
import { inProcessDriver } from '../../scenarios/kit/drivers/in-process.js';
import { EmulatorClient } from '../../scenarios/kit/emulator-client.js';
import { HarnessError } from '../../scenarios/kit/errors.js';
import { catalogProblems, type Catalog } from '../../scenarios/kit/requirements.js';
import { runSuite } from '../../scenarios/kit/runner.js';
import { defineScenario, type ActionOutcome, type Requirement, type Scenario } from '../../scenarios/kit/types.js';

const req = (id: string, level: 'MUST' | 'SHOULD'): Requirement => ({ id, level, source: `test §${id}`, text: { vi: 'kiểm thử', en: 'test' }, roles: ['qlvb'] });
const catalog: Catalog = { version: '1.0.0', requirements: new Map([req('t.must-a', 'MUST'), req('t.must-b', 'MUST'), req('t.should', 'SHOULD')].map((r) => [r.id, r])) };

const sc = (id: string, requirements: string[], run: Scenario['run'], timeoutMs?: number) =>
  defineScenario({ id, title: id, description: 'test', requirements, role: 'qlvb', platform: 'vdxp', run, ...(timeoutMs ? { timeoutMs } : {}) });

/** A SUT that knows system.info and `echo`, and does not support anything else. */
const fakeSut = {
  async perform(action: string, params: Record<string, unknown>): Promise<ActionOutcome> {
    if (action === 'system.info') return { status: 'done', result: { name: 'Fake QLVB', version: '1.2.3', agencies: ['000.00.00.H41'], systemId: 'fake.sys' } };
    if (action === 'echo') return { status: 'done', result: params };
    return { status: 'unsupported', reason: `no ${action}` };
  },
};

describe('runner: outcomes, roll-up, coverage', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let emulator: EmulatorClient;
  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: 'virtual' });
    emulator = new EmulatorClient(await app.listen({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(async () => app.close());

  const scenarios = new Map<string, Scenario>(
    [
      sc('t.pass', ['t.must-a'], async (t) => {
        const r = await t.act('echo', { x: 1 });
        t.check('t.must-a', r.x === 1, { message: 'echo' });
      }),
      sc('t.fail-check', ['t.must-b'], async (t) => {
        t.check('t.must-b', false, { message: 'the SUT broke rule b', expected: '01', actual: '02', evidence: [7] });
        t.log('went on after the failed check');
      }),
      sc('t.fail-require', ['t.should'], async (t) => {
        t.require('t.should', false, { message: 'stop here' });
        throw new Error('not reached');
      }),
      sc('t.error', ['t.must-a'], async () => {
        throw new TypeError('harness bug');
      }),
      sc('t.skip', ['t.must-a'], async (t) => {
        await t.act('vdxp.processDocument', {});
      }),
      sc('t.wait-timeout', ['t.must-a'], async (t) => {
        await t.waitFor('something that never comes', async () => undefined, { timeoutMs: 300, intervalMs: 50, requirement: 't.must-a' });
      }),
      sc('t.slow', ['t.should'], async () => new Promise((r) => setTimeout(r, 5_000)), 300),
      sc('t.clock', ['t.should'], async (t) => {
        const before = await t.clock.now();
        const after = await t.clock.advance('P1D');
        t.check('t.should', after.getTime() - before.getTime() >= 86_400_000, { message: 'clock moved a day' });
        await t.control('GET', '/_lienthong/health');
        t.check('t.should', (await t.events({ platform: 'lienthong' })).some((e) => e.operation === 'POST /_lienthong/clock'), { message: 'the clock change is evidence of this scenario' });
      }),
    ].map((s) => [s.id, s]),
  );
  const suite = { id: 'test-suite', version: '0.0.1', title: 'test', role: 'qlvb' as const, scenarios: [...scenarios.keys()] };

  it('classifies each scenario, names requirement and clause, and rolls up the MUST verdict', async () => {
    const run = await runSuite({ emulator, driver: inProcessDriver(fakeSut), suite, scenarios, catalog, replay: (id) => `replay ${id}` });
    const by = Object.fromEntries(run.results.map((r) => [r.id, r]));
    expect(Object.fromEntries(run.results.map((r) => [r.id, r.outcome]))).toEqual({
      't.pass': 'pass',
      't.fail-check': 'fail',
      't.fail-require': 'fail',
      't.error': 'error',
      't.skip': 'skip',
      't.wait-timeout': 'fail',
      't.slow': 'error',
      't.clock': 'pass',
    });
    expect(by['t.fail-check']!.failures).toEqual([{ requirement: 't.must-b', clause: 'test §t.must-b', message: 'the SUT broke rule b', expected: '01', actual: '02', evidence: [7] }]);
    expect(by['t.fail-check']!.messages).toContain('went on after the failed check');
    expect(by['t.error']!.reason).toMatch(/TypeError: harness bug/);
    expect(by['t.skip']!.reason).toMatch(/does not support vdxp.processDocument/);
    expect(by['t.wait-timeout']!.failures[0]).toMatchObject({ requirement: 't.must-a', message: expect.stringContaining('never comes') });
    expect(by['t.slow']!.reason).toMatch(/did not finish within 0.3 s/);
    expect(by['t.fail-check']!.replay).toBe('replay t.fail-check');
    expect(by['t.clock']!.evidence.first).not.toBeNull();
    expect(run.sut).toEqual({ name: 'Fake QLVB', version: '1.2.3', systemId: 'fake.sys', agency: '000.00.00.H41', driver: 'in-process' });
    expect(run.summary.verdict).toBe('fail');
    expect(run.summary.byLevel.MUST).toMatchObject({ pass: 1, fail: 2, error: 1, skip: 1 });
    expect(run.summary.byLevel.SHOULD).toMatchObject({ pass: 1, fail: 1, error: 1 });
    expect(run.suite.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const cov = Object.fromEntries(run.coverage.map((c) => [c.requirement, c.outcome]));
    expect(cov).toEqual({ 't.must-a': 'fail', 't.must-b': 'fail', 't.should': 'fail' });
  }, 30_000);

  it('passes only when every MUST scenario passes, and omits what --only leaves out', async () => {
    const run = await runSuite({ emulator, driver: inProcessDriver(fakeSut), suite, scenarios, catalog, only: ['t.pass'], replay: (id) => id });
    expect(run.results.filter((r) => r.outcome !== 'omit').map((r) => r.id)).toEqual(['t.pass']);
    expect(run.results.find((r) => r.id === 't.error')).toMatchObject({ outcome: 'omit', reason: expect.stringContaining('--only') });
    expect(run.summary.verdict).toBe('pass');
    expect(run.coverage.find((c) => c.requirement === 't.must-b')?.outcome).toBe('untested');
    await expect(runSuite({ emulator, driver: inProcessDriver(fakeSut), suite, scenarios, catalog, only: ['nope.x'], replay: (id) => id })).rejects.toThrow(/--only names scenarios not in suite/);
  });

  it('needs the SUT\'s agency: from system.info or the command line', async () => {
    const silent = { perform: async (): Promise<ActionOutcome> => ({ status: 'unsupported', reason: 'no' }) };
    await expect(runSuite({ emulator, driver: inProcessDriver(silent), suite, scenarios, catalog, only: ['t.pass'], replay: (id) => id })).rejects.toThrow(HarnessError);
    const run = await runSuite({ emulator, driver: inProcessDriver(silent), suite, scenarios, catalog, only: ['t.clock'], sut: { agency: '000.00.01.H22' }, replay: (id) => id });
    expect(run.sut.agency).toBe('000.00.01.H22');
  });

  it('waits (outcome wait) when an attestation is missing, skips when attested as skipped', async () => {
    const driver = attestedDriver({ 'system.info': { name: 'Manual QLVB', version: '9', agencies: ['000.00.00.H41'] }, actions: { 't.pass': { echo: { skip: 'no such button' } } } });
    const run = await runSuite({ emulator, driver, suite, scenarios, catalog, only: ['t.pass', 't.skip'], replay: (id) => id });
    expect(run.results.find((r) => r.id === 't.pass')).toMatchObject({ outcome: 'skip', reason: expect.stringContaining('no such button') });
    expect(run.results.find((r) => r.id === 't.skip')).toMatchObject({ outcome: 'wait' });
  });
});

describe('catalog checks', () => {
  it('reports unknown requirements and MUST requirements without a scenario', () => {
    const s = [sc('t.one', ['t.must-a', 't.ghost'], async () => {})];
    expect(catalogProblems(catalog, s)).toEqual(['scenario t.one names unknown requirement t.ghost', 'MUST requirement t.must-b has no scenario']);
  });
});

describe('hook driver', () => {
  let server: Server;
  let url: string;
  const bodies: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as { action: string };
        bodies.push(body);
        res.setHeader('content-type', 'application/json');
        if (req.url !== '/sut/lienthong/actions') return void ((res.statusCode = 404), res.end('{}'));
        if (body.action === 'system.info') return void res.end('{"result":{"name":"Hooked","version":"1","agencies":["000.00.00.H41"]}}');
        if (body.action === 'broken') return void ((res.statusCode = 500), res.end('{"error":"internal","message":"database down"}'));
        if (body.action === 'garbage') return void res.end('<html>');
        res.statusCode = 501;
        res.end('{"error":"unsupported","message":"not here"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sut`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it('speaks the contract: done, unsupported, and harness errors for failures and bad bodies', async () => {
    const d = hookDriver(url);
    const opts = { scenarioId: 'x.y', timeoutMs: 2_000 };
    expect(await d.perform('system.info', {}, opts)).toEqual({ status: 'done', result: { name: 'Hooked', version: '1', agencies: ['000.00.00.H41'] } });
    expect(bodies[0]).toEqual({ action: 'system.info', params: {}, scenario: 'x.y' });
    expect(await d.perform('vdxp.receive', {}, opts)).toEqual({ status: 'unsupported', reason: 'not here' });
    await expect(d.perform('broken', {}, opts)).rejects.toThrow(/HTTP 500 internal database down/);
    await expect(d.perform('garbage', {}, opts)).rejects.toThrow(/not JSON/);
    await expect(hookDriver('http://127.0.0.1:9').perform('system.info', {}, opts)).rejects.toThrow(HarnessError);
  });
});
