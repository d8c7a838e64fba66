/**
 * What `lienthong test --report`, `lienthong report` and `lienthong verify` do with reports: write every
 * rendering and the detached signature into a folder, re-render a saved result, verify a signed report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmulatorClient } from '../scenarios/kit/emulator-client.js';
import { loadScenarios } from '../scenarios/kit/registry.js';
import { loadRequirements } from '../scenarios/kit/requirements.js';
import type { RunResult, Suite } from '../scenarios/kit/types.js';
import { buildReport } from './build.js';
import { assertValidReport, REPORT_FORMAT, type ComplianceReport } from './model.js';
import { RENDERERS, type Format } from './render/index.js';
import { signReport, verifyReport, type SigningKey } from './sign.js';

export const SIGNATURE_FILE = 'report.json.sig';

/** A key the certifying agency provides (PEM files), or one issued by the emulator's test CA. */
export async function signingKeyFor(o: { signKey?: string; signCert?: string; emulatorUrl?: string }): Promise<{ key: SigningKey; source: string } | undefined> {
  if (o.signKey || o.signCert) {
    if (!o.signKey || !o.signCert) throw new Error('--sign-key and --sign-cert go together (PEM private key and its certificate)');
    return { key: { privateKeyPem: readFileSync(o.signKey, 'utf8'), certificatePem: readFileSync(o.signCert, 'utf8') }, source: `the key in ${o.signKey}` };
  }
  if (!o.emulatorUrl) return undefined;
  const issued = await new EmulatorClient(o.emulatorUrl).request<{ certificatePem: string; privateKeyPem: string; caCertificatePem: string }>('POST', '/_lienthong/ca/certificates', {
    commonName: 'lienthong compliance report',
    organization: 'lienthong harness (NOT FOR PRODUCTION)',
  });
  return { key: { privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem, chainPems: [issued.caCertificatePem] }, source: 'the emulator\'s test CA (not a certifying agency\'s key)' };
}

/** Writes report.json (canonical), its signature when a key is given, and every other rendering. */
export function writeReportSet(report: ComplianceReport, dir: string, key: SigningKey | undefined, formats: Format[] = Object.keys(RENDERERS) as Format[]): string[] {
  assertValidReport(report);
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const f of formats) {
    const r = RENDERERS[f];
    if (!r) throw new Error(`no renderer for format ${f}; formats: ${Object.keys(RENDERERS).join(', ')}`);
    const path = join(out, r.file);
    writeFileSync(path, f === 'json' ? r.render(report) : `${r.render(report)}\n`);
    written.push(path);
  }
  if (key) {
    const { json, signature } = signReport(report, key);
    writeFileSync(join(out, RENDERERS.json!.file), json);
    if (!written.includes(join(out, RENDERERS.json!.file))) written.push(join(out, RENDERERS.json!.file));
    writeFileSync(join(out, SIGNATURE_FILE), `${JSON.stringify(signature, null, 2)}\n`);
    written.push(join(out, SIGNATURE_FILE));
  }
  return written;
}

async function loadSuites(): Promise<readonly Suite[]> {
  const specifier = '../scenarios/suites.js';
  return ((await import(specifier)) as { SUITES: readonly Suite[] }).SUITES;
}

/** A saved report, or a saved run result turned into one (exchanges only when an emulator is given). */
export async function loadOrBuildReport(file: string, emulatorUrl?: string): Promise<ComplianceReport> {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { format?: string };
  if (doc.format === REPORT_FORMAT) {
    assertValidReport(doc);
    return doc;
  }
  if (doc.format !== 'lienthong-run/1') throw new Error(`${file} is neither a report (${REPORT_FORMAT}) nor a run result (lienthong-run/1)`);
  const run = doc as RunResult;
  const suite = (await loadSuites()).find((s) => s.id === run.suite.id);
  if (!suite) throw new Error(`${file} ran suite ${run.suite.id}, which this version of lienthong does not have`);
  return buildReport(run, { suite, scenarios: await loadScenarios(), catalog: loadRequirements(), ...(emulatorUrl ? { emulator: new EmulatorClient(emulatorUrl) } : {}) });
}

/** `lienthong verify`: prints the verdict and why; returns the exit code (0 valid, 1 not). */
export function runVerify(o: { report: string; signature?: string; ca: string[] }, write: (line: string) => void): number {
  const sigFile = o.signature ?? `${o.report}.sig`;
  let reportBytes: Buffer;
  let sigBytes: Buffer;
  try {
    reportBytes = readFileSync(o.report);
    sigBytes = readFileSync(sigFile);
  } catch (err) {
    write(`INVALID: ${(err as Error).message}`);
    return 1;
  }
  const v = verifyReport(reportBytes, sigBytes, { trustedCaPems: o.ca.map((f) => readFileSync(f, 'utf8')) });
  if (!v.valid) {
    write(`INVALID: ${o.report}`);
    for (const p of v.problems) write(`  - ${p}`);
    return 1;
  }
  const r = v.report!;
  write(`VALID: ${o.report} — suite ${r.suite.id} ${r.suite.version}, ${r.sut.name} ${r.sut.version} (${r.sut.agency}), verdict ${r.verdict.toUpperCase()}`);
  write(`  signed by ${v.signer} (issuer ${v.issuer})`);
  write(v.trusted === null ? '  the signer was not checked against a trusted CA: pass --ca <pem> to do so' : `  the signer chains to a trusted CA given with --ca`);
  return 0;
}
