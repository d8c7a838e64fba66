/**
 * Whose signature (docs/decisions/025): a valid edXML signature must be made with the certificate the test
 * CA issued to the system serving From/OrganId — the emulator's stand-in for the issuing agency's own
 * certificate (Nghị định 30/2020/NĐ-CP, QCVN 102:2016). Strict mode refuses another system's certificate;
 * lenient mode relays the package, as the real axis (which checks no signatures) would, with a warning.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../emulator/core/clock.js';
import type { VdxpTables } from '../../emulator/platforms/vdxp/store.js';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { connect, edoc, makeApp, statusPkg, type App, type Connected } from './support/fixtures.js';
import type { SdkResult } from './support/sdk-client.js';

const STRICT_AGENCY = '000.00.00.H44';
const LENIENT_AGENCY = '000.00.00.H45';
const OTHER_AGENCY = '000.00.00.H46';
const RECIPIENT = '000.00.00.H41';

describe('the signer of a package must be its sender', () => {
  let app: App;
  let strict: Connected;
  let lenient: Connected;
  let other: Connected;
  let recipient: Connected;
  let today: string;
  let n = 0;
  const doc = (from: string) => edoc({ from, to: [RECIPIENT], number: String(4000 + ++n), date: today }).toString('utf8');
  const send = (who: Connected, from: string, xml: string) => who.client.sendEdoc(Buffer.from(xml, 'utf8'), { from, messagetype: 'edoc' });
  const pending = async () => (await recipient.client.countReceiveEdoc()).json.count as number;
  const storedPackages = async () =>
    Number((await app.lienthong.store.db<VdxpTables>().selectFrom('vdxp_packages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const lastVerdicts = async () => {
    await app.lienthong.evidence.flush();
    const events = await app.lienthong.evidence.query({ platform: 'vdxp', limit: 1000 });
    return events.filter((e) => e.operation === 'sendEdoc').at(-1)?.verdicts ?? [];
  };
  const signatureStatusOf = async (res: SdkResult) =>
    (await app.inject({ method: 'GET', url: `/_lienthong/vdxp/packages/${res.json.DocId as string}` })).json().signatureStatus as string;

  beforeAll(async () => {
    app = await makeApp();
    today = vnDate(app.lienthong.clock.now());
    strict = await connect(app, 'sys.signer.strict', [STRICT_AGENCY], { mode: 'strict' });
    lenient = await connect(app, 'sys.signer.lenient', [LENIENT_AGENCY], { mode: 'lenient' });
    other = await connect(app, 'sys.signer.other', [OTHER_AGENCY]);
    recipient = await connect(app, 'sys.signer.recipient', [RECIPIENT]);
  });
  afterAll(() => app.close());

  it('a system certificate names its system in subjectAltName', () => {
    const cert = new X509Certificate(strict.certificatePem);
    expect(cert.subjectAltName).toBe('URI:urn:lienthong:vdxp:system:sys.signer.strict');
    expect(cert.subject).toContain('CN=sys.signer.strict');
  });

  it("strict: From its own agency, signed with another system's valid certificate → VDXP_SIGNATURE_SIGNER_MISMATCH, nothing stored or delivered", async () => {
    const [before, stored] = [await pending(), await storedPackages()];
    const res = await send(strict, STRICT_AGENCY, signEdxml(doc(STRICT_AGENCY), other));
    expect({ status: res.httpStatus, code: res.json?.code, ErrorCode: res.json?.ErrorCode }).toEqual({ status: 400, code: 'VDXP_SIGNATURE_SIGNER_MISMATCH', ErrorCode: '24' });
    expect(res.json).toMatchObject({ status: 'FAIL', field: 'edXMLHeader/Signature', DocId: '' });
    const desc = res.json.ErrorDesc as string;
    expect(desc).toContain('CN=sys.signer.other');
    expect(desc).toContain(`From/OrganId ${STRICT_AGENCY}`);
    expect(desc).toContain('issued to system "sys.signer.other"');
    expect(desc).toContain('system "sys.signer.strict"');
    expect(await pending()).toBe(before);
    expect(await storedPackages()).toBe(stored);
    expect(await lastVerdicts()).toContainEqual(expect.objectContaining({ code: 'VDXP_SIGNATURE_SIGNER_MISMATCH', severity: 'error' }));
  });

  it("strict: a status package is judged the same way (From is the organization reporting the status)", async () => {
    const stored = await storedPackages();
    const status = statusPkg({ from: STRICT_AGENCY, to: RECIPIENT, documentId: `${RECIPIENT},2026/11/24,1/UBND-VP`, code: '01' }).toString('utf8');
    const res = await strict.client.sendEdoc(Buffer.from(signEdxml(status, other), 'utf8'), { from: STRICT_AGENCY, messagetype: 'status' });
    expect(res.json?.code).toBe('VDXP_SIGNATURE_SIGNER_MISMATCH');
    expect(await storedPackages()).toBe(stored);
  });

  it('strict: a test-CA certificate whose CN is the systemId, issued outside the system, is not the system\'s', async () => {
    const issued = (await app.inject({ method: 'POST', url: '/_lienthong/ca/certificates', payload: { commonName: 'sys.signer.strict' } })).json() as { certificatePem: string; privateKeyPem: string };
    const res = await send(strict, STRICT_AGENCY, signEdxml(doc(STRICT_AGENCY), issued));
    expect(res.json?.code).toBe('VDXP_SIGNATURE_SIGNER_MISMATCH');
    expect(res.json.ErrorDesc).toContain('to no connected system');
  });

  it("lenient: another system's certificate is relayed with a warning verdict and status signer-mismatch", async () => {
    const before = await pending();
    const res = await send(lenient, LENIENT_AGENCY, signEdxml(doc(LENIENT_AGENCY), other));
    expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const verdicts = await lastVerdicts();
    const mismatch = verdicts.filter((v) => v.code === 'VDXP_SIGNATURE_SIGNER_MISMATCH');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toMatchObject({ severity: 'warning', field: 'edXMLHeader/Signature' });
    expect(mismatch[0]!.message).toContain('CN=sys.signer.other');
    expect(mismatch[0]!.message).toContain(LENIENT_AGENCY);
    expect(verdicts.some((v) => v.severity === 'error')).toBe(false);
    expect(await signatureStatusOf(res)).toBe('signer-mismatch');
    expect(await pending()).toBe(before + 1);
  });

  it.each([
    ['strict', () => strict, STRICT_AGENCY],
    ['lenient', () => lenient, LENIENT_AGENCY],
  ])('%s: signed with its own certificate → accepted, signature valid, no signer finding', async (_mode, who, from) => {
    const before = await pending();
    const res = await send(who(), from, signEdxml(doc(from), who()));
    expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect(await lastVerdicts()).not.toContainEqual(expect.objectContaining({ code: 'VDXP_SIGNATURE_SIGNER_MISMATCH' }));
    expect(await signatureStatusOf(res)).toBe('valid');
    expect(await pending()).toBe(before + 1);
  });

  it('strict: a system certificate issued before decision 025 (no subjectAltName) still signs for its own system only', async () => {
    const legacy = await connect(app, 'sys.signer.legacy', ['000.00.00.H47'], { mode: 'strict' });
    const old = await app.lienthong.ca.issue('sys.signer.legacy', 'sys.signer.legacy');
    expect(new X509Certificate(old.certificatePem).subjectAltName).toBeUndefined();
    await app.lienthong.store
      .db<VdxpTables>()
      .updateTable('vdxp_systems')
      .set({ certificate_pem: old.certificatePem, private_key_pem: old.privateKeyPem })
      .where('system_id', '=', 'sys.signer.legacy')
      .execute();
    const own = await send(legacy, '000.00.00.H47', signEdxml(doc('000.00.00.H47'), old));
    expect(own.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    // The same legacy certificate on another system's package: named by its stored owner.
    const foreign = await send(strict, STRICT_AGENCY, signEdxml(doc(STRICT_AGENCY), old));
    expect(foreign.json?.code).toBe('VDXP_SIGNATURE_SIGNER_MISMATCH');
    expect(foreign.json.ErrorDesc).toContain('the certificate of system "sys.signer.legacy"');
  });
});
