/**
 * Signed reports: built from a real run (exchanges from the evidence log, secrets redacted), signed with a
 * test-CA key, verified offline; any changed byte, a reformatted file, a swapped signature or an untrusted
 * signer is refused with the reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import { createTestCa, issueCertificate } from '../../emulator/core/test-ca.js';
import { createReferenceAgency } from '../../examples/reference-agency/agency.js';
import { buildReport } from '../../reports/build.js';
import { assertValidReport, InvalidReport, type ComplianceReport } from '../../reports/model.js';
import { canonicalJson, signReport, verifyReport, type SigningKey } from '../../reports/sign.js';
import { inProcessDriver } from '../../scenarios/kit/drivers/in-process.js';
import { EmulatorClient } from '../../scenarios/kit/emulator-client.js';
import { loadScenarios } from '../../scenarios/kit/registry.js';
import { loadRequirements } from '../../scenarios/kit/requirements.js';
import { runSuite } from '../../scenarios/kit/runner.js';
import { SUITES } from '../../scenarios/suites.js';
import { TEST_INSTANT } from '../vdxp/support/fixtures.js';

let report: ComplianceReport;
let key: SigningKey;
let caPem: string;
const secrets: string[] = [];

beforeAll(async () => {
  const app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const agency = createReferenceAgency({ emulatorUrl: url, defects: ['no-status-01'], pollIntervalMs: 200 });
  await agency.start();
  try {
    const suite = SUITES.find((s) => s.id === 'vdxp-qlvb')!;
    const scenarios = await loadScenarios();
    const catalog = loadRequirements();
    const run = await runSuite({ emulator: new EmulatorClient(url), driver: inProcessDriver(agency), suite, scenarios, catalog, only: ['vdxp.send.valid-package', 'vdxp.receive.acknowledge'], inputs: { waitMs: 3_000 }, replay: (id) => `lienthong test --suite vdxp-qlvb --only ${id}` });
    report = await buildReport(run, { suite, scenarios, catalog, emulator: new EmulatorClient(url) });
    for (const id of ['ref.qlvb', 'lienthong.harness']) secrets.push(((await (await fetch(`${url}/_lienthong/vdxp/systems/${id}/credentials`)).json()) as { secret: string }).secret);
    const issued = await app.lienthong.ca.issue('lienthong compliance report');
    key = { privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem };
    caPem = await app.lienthong.ca.certificatePem();
  } finally {
    await agency.stop();
    await app.close();
  }
}, 120_000);

describe('the compliance report', () => {
  it('carries the run: verdict per level, failures with their clause, coverage, and each scenario\'s exchanges', () => {
    expect(report.verdict).toBe('fail');
    expect(report.verdicts.MUST.verdict).toBe('fail');
    const ack = report.scenarios.find((s) => s.id === 'vdxp.receive.acknowledge')!;
    expect(ack.outcome).toBe('fail');
    expect(ack.failures[0]).toMatchObject({ requirement: 'vdxp.receive.ack-01', clause: expect.stringContaining('QĐ 28/2018') });
    expect(ack.evidence.exchanges.some((e) => e.platform === 'vdxp' && e.operation === 'sendEdoc')).toBe(true);
    expect(ack.description).toContain('updateStatus');
    expect(report.scenarios.filter((s) => s.outcome === 'omit').length).toBe(report.scenarios.length - 2);
    expect(report.requirements.find((r) => r.id === 'vdxp.receive.ack-01')).toMatchObject({ outcome: 'fail', text: { vi: expect.any(String), en: expect.any(String) } });
  });

  it('never contains a system secret', () => {
    const json = JSON.stringify(report);
    for (const s of secrets) expect(json).not.toContain(s);
  });

  it('is refused when it breaks its schema, naming the field', () => {
    const broken = { ...report, verdict: 'maybe' };
    expect(() => assertValidReport(broken)).toThrow(InvalidReport);
    expect(() => assertValidReport(broken)).toThrow(/\/verdict/);
  });
});

describe('signing and verifying', () => {
  it('verifies a signed report, and trusts the signer only against the CA given', () => {
    const { json, signature } = signReport(report, key);
    expect(json).toBe(canonicalJson(report));
    const v = verifyReport(json, JSON.stringify(signature), { trustedCaPems: [caPem] });
    expect(v).toMatchObject({ valid: true, problems: [], trusted: true });
    expect(v.signer).toContain('CN=lienthong compliance report');
    expect(verifyReport(json, JSON.stringify(signature)).trusted).toBeNull();
  });

  it('fails when any single byte of the report changes', () => {
    const { json, signature } = signReport(report, key);
    const sig = JSON.stringify(signature);
    // Every position of a sample across the whole file, including structure, keys and values.
    const positions = Array.from({ length: 60 }, (_, i) => Math.floor((i * (json.length - 1)) / 59));
    for (const at of positions) {
      const ch = json[at]!;
      const tampered = json.slice(0, at) + (ch === 'a' ? 'b' : 'a') + json.slice(at + 1);
      const v = verifyReport(tampered, sig);
      expect(v.valid, `byte ${at} changed`).toBe(false);
      expect(v.problems.join(' ')).toMatch(/changed after signing|not JSON|not a valid compliance report|canonical/);
    }
  });

  it('fails a reformatted report, a verdict flipped and re-serialised, and another report\'s signature', () => {
    const { json, signature } = signReport(report, key);
    const sig = JSON.stringify(signature);
    expect(verifyReport(JSON.stringify(JSON.parse(json), null, 2), sig).problems[0]).toMatch(/canonical JSON form/);
    const flipped = canonicalJson({ ...report, verdict: 'pass' });
    expect(verifyReport(flipped, sig).problems).toEqual([expect.stringMatching(/digest .* differs from the signed digest/), expect.stringMatching(/does not verify/)]);
    const other = signReport({ ...report, id: '00000000-0000-4000-8000-000000000000' }, key);
    expect(verifyReport(json, JSON.stringify(other.signature)).problems.join(' ')).toMatch(/signature is for report 00000000/);
  });

  it('fails a signer that does not chain to the trusted CA, and a garbage signature file', async () => {
    const otherCa = await createTestCa({ commonName: 'Another CA', now: new Date() });
    const stranger = await issueCertificate(otherCa, { commonName: 'stranger', now: new Date(), backdateDays: 1 });
    const { json, signature } = signReport(report, { privateKeyPem: stranger.privateKeyPem, certificatePem: stranger.certificatePem });
    const v = verifyReport(json, JSON.stringify(signature), { trustedCaPems: [caPem] });
    expect(v).toMatchObject({ valid: false, trusted: false });
    expect(v.problems).toEqual(['the signer\'s certificate is not issued by any of the trusted CAs given']);
    expect(verifyReport(json, 'not json').problems[0]).toMatch(/not a lienthong-signature\/1 document/);
  });
});
