/**
 * edXML XML-DSig over HTTP (specs/vdxp.md §1.4): a strict-mode system must sign with a certificate of the
 * emulator's test CA; lenient mode relays the official samples' dummy signature with a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../emulator/core/clock.js';
import { createTestCa, issueCertificate } from '../../emulator/core/test-ca.js';
import { parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { signEdxml, verifyEdxmlSignature } from '../../emulator/platforms/vdxp/wire/signature.js';
import { connect, edoc, makeApp, sample, type App, type Connected } from './support/fixtures.js';
import type { SdkResult } from './support/sdk-client.js';

const SENDER = '000.00.00.H44';
const RECIPIENT = '000.00.00.H41';
const AXIS = '000.00.00.G22';

describe('edXML signatures over HTTP', () => {
  let app: App;
  let strict: Connected;
  let recipient: Connected;
  let today: string;
  let n = 0;
  const doc = () => edoc({ from: SENDER, to: [RECIPIENT], number: String(3000 + ++n), date: today }).toString('utf8');
  const send = (who: Connected, xml: string, from = SENDER) => who.client.sendEdoc(Buffer.from(xml, 'utf8'), { from, messagetype: 'edoc' });

  const pending = async () => (await recipient.client.countReceiveEdoc()).json.count as number;

  const lastVerdicts = async () => {
    await app.lienthong.evidence.flush();
    const events = await app.lienthong.evidence.query({ platform: 'vdxp', limit: 1000 });
    return events.filter((e) => e.operation === 'sendEdoc').at(-1)?.verdicts ?? [];
  };

  function expectRefused(res: SdkResult, code: string) {
    expect({ status: res.httpStatus, code: res.json?.code }).toEqual({ status: 400, code });
    expect(res.json).toMatchObject({ status: 'FAIL', field: 'edXMLHeader/Signature' });
    expect(res.json.ErrorCode).not.toBe('0');
    // The SDK reads DocId unguarded: a refusal carries an empty one, never a real DocId.
    expect(res.json.DocId).toBe('');
  }

  beforeAll(async () => {
    app = await makeApp();
    today = vnDate(app.lienthong.clock.now());
    strict = await connect(app, 'sys.strict', [SENDER], { mode: 'strict' });
    recipient = await connect(app, 'sys.recipient', [RECIPIENT]);
  });
  afterAll(() => app.close());

  it('the control plane hands a strict system a key pair and a certificate from the test CA', async () => {
    expect(strict.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(strict.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const ca = await app.inject({ method: 'GET', url: '/_lienthong/vdxp/ca' });
    const signed = signEdxml(doc(), strict);
    expect(verifyEdxmlSignature(signed, { trustedCaPems: [ca.json().certificatePem] }).status).toBe('valid');
  });

  it('strict: an unsigned package → VDXP_SIGNATURE_MISSING, nothing delivered', async () => {
    const before = await pending();
    const res = await send(strict, doc());
    expectRefused(res, 'VDXP_SIGNATURE_MISSING');
    expect(await pending()).toBe(before);
    expect(await lastVerdicts()).toContainEqual(expect.objectContaining({ code: 'VDXP_SIGNATURE_MISSING', severity: 'error' }));
  });

  it('strict: signed with its own key → accepted; the recipient gets it with the axis TraceHeader', async () => {
    const before = await pending();
    const signed = signEdxml(doc(), strict);
    const res = await send(strict, signed);
    expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect(await lastVerdicts()).not.toContainEqual(expect.objectContaining({ severity: 'error' }));
    expect(await pending()).toBe(before + 1);

    const list = await recipient.client.getReceivedEdocList('edoc');
    const item = (list.json.data as { docId: string; from: string }[]).at(-1)!;
    expect(item.from).toBe(SENDER);
    const got = await recipient.client.getEdoc(item.docId);
    const delivered = got.edxml!.toString('utf8');
    const traces = parseEdxml(delivered, { mode: 'lenient' }).pkg;
    const sentTraces = parseEdxml(signed, { mode: 'lenient' }).pkg;
    expect(traces.kind).toBe('edoc');
    if (traces.kind !== 'edoc' || sentTraces.kind !== 'edoc') return;
    expect(traces.traces).toHaveLength(sentTraces.traces.length + 1);
    expect(traces.traces[0]?.organId).toBe(SENDER);
    expect(traces.traces.at(-1)?.organId).toBe(AXIS);
    expect(traces.traces.at(-1)?.timestamp).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    // The signature travels on; the sender's own copy is the exact signed bytes, still verifiable.
    expect(delivered).toContain('SignatureValue');
    const own = await strict.client.getEdoc(res.json.DocId);
    expect(own.edxml?.toString('utf8')).toBe(signed);
    const ca = (await app.inject({ method: 'GET', url: '/_lienthong/vdxp/ca' })).json().certificatePem as string;
    expect(verifyEdxmlSignature(own.edxml!.toString('utf8'), { trustedCaPems: [ca] }).status).toBe('valid');
  });

  it('strict: tampered after signing → VDXP_SIGNATURE_INVALID, nothing delivered', async () => {
    const signed = signEdxml(doc(), strict);
    const tampered = signed.replace('V/v kiểm thử liên thông văn bản', 'V/v nội dung đã bị sửa');
    expect(tampered).not.toBe(signed);
    const before = await pending();
    const res = await send(strict, tampered);
    expectRefused(res, 'VDXP_SIGNATURE_INVALID');
    expect(await pending()).toBe(before);
  });

  it('strict: signed by a key from another CA → VDXP_SIGNATURE_UNTRUSTED, nothing delivered', async () => {
    const now = app.lienthong.clock.now();
    const otherCa = await createTestCa({ commonName: 'Not the emulator CA', now });
    const impostor = await issueCertificate(otherCa, { commonName: 'sys.strict', organization: 'UBND tỉnh Phú Thọ', now });
    const signed = signEdxml(doc(), impostor);
    const before = await pending();
    const res = await send(strict, signed);
    expectRefused(res, 'VDXP_SIGNATURE_UNTRUSTED');
    expect(await pending()).toBe(before);
  });

  it("lenient: the official sample's dummy signature is accepted with a warning verdict", async () => {
    const from = await connect(app, 'sys.sample.from', ['002.00.20.H13']);
    const to = await connect(app, 'sys.sample.to', ['28.22.H17']);
    const bytes = sample('edoc_new.edxml');
    expect(bytes.toString('utf8')).toContain('<SignatureValue>');
    const res = await from.client.sendEdoc(bytes, { from: '002.00.20.H13', messagetype: 'edoc' });
    expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const verdicts = await lastVerdicts();
    const sig = verdicts.filter((v) => v.field === 'edXMLHeader/Signature');
    expect(sig).toHaveLength(1);
    expect(sig[0]).toMatchObject({ severity: 'warning', code: expect.stringMatching(/^VDXP_SIGNATURE_(INVALID|UNTRUSTED)$/) });
    expect(verdicts.some((v) => v.severity === 'error')).toBe(false);
    expect((await to.client.countReceiveEdoc()).json.count).toBe(1);
  });
});
