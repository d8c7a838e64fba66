/**
 * Parameters a client may leave out, unsigned parameter headers, and failures nobody planned for: each
 * answer names the header, and an unexpected failure is a 500 in the platform's dialect that loses none
 * of the data already accepted.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, edoc, makeApp, type App, type Connected } from './support/fixtures.js';
import { hashFileHex } from '../../emulator/platforms/vdxp/wire/xroad-headers.js';
import { rawCall, signer } from './support/raw.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

describe('missing parameters, unsigned headers and internal failures', () => {
  let app: App;
  let vpcp: Connected;
  let nghean: Connected;
  let strict: Connected;
  let acceptedDocId: string;

  beforeAll(async () => {
    app = await makeApp();
    vpcp = await connect(app, 'vpcp', [G22]);
    nghean = await connect(app, 'nghean', [H41]);
    strict = await connect(app, 'bnv', ['000.00.00.G09'], { mode: 'strict' });
    const sent = await vpcp.client.sendEdoc(edoc({ from: G22, to: [H41] }), { from: G22, messagetype: 'edoc' });
    expect(sent.json.status).toBe('OK');
    acceptedDocId = ((await nghean.client.getReceivedEdocList('edoc')).json.data as { docId: string }[])[0]!.docId;
  });
  afterAll(() => app.close());

  const call = (who: Connected, op: string, params: Record<string, string>, body = '{}') =>
    rawCall(app, `/${op}`, signer(who.systemId, who.secret).headersFor(params, 'application/json'), body);

  it.each([
    ['getEdoc', {}, 'XroadVnpt-docId'],
    ['updateStatus', { docId: 'x' }, 'XroadVnpt-status'],
    ['updateStatus', { status: 'done' }, 'XroadVnpt-docId'],
    ['deleteAgency', {}, 'XroadVnpt-AgencyCode'],
  ])('%s without %j names the missing header', async (op, params, field) => {
    const res = await call(nghean, op, params);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 'FAIL', code: 'VDXP_MISSING_PARAMETER', field });
    expect(res.json.ErrorDesc).toContain(field);
  });

  it('strict mode requires hash-file, messagetype and servicetype on sendEdoc; lenient mode warns', async () => {
    const bytes = edoc({ from: '000.00.00.G09', to: [H41], number: '7' });
    for (const name of ['hash-file', 'messagetype', 'servicetype']) {
      const params: Record<string, string> = { servicetype: 'eDoc', messagetype: 'edoc', from: '000.00.00.G09', 'hash-file': hashFileHex(bytes) };
      delete params[name];
      const res = await rawCall(app, '/sendEdoc', signer(strict.systemId, strict.secret).headersFor(params, 'application/octet-stream'), Buffer.concat([bytes, Buffer.from('\r\n')]));
      expect(res.json, name).toMatchObject({ status: 'FAIL', code: 'VDXP_MISSING_PARAMETER', field: `XroadVnpt-${name}` });
    }
    const lenient = await rawCall(app, '/sendEdoc', signer(vpcp.systemId, vpcp.secret).headersFor({ from: G22 }, 'application/octet-stream'), edoc({ from: G22, to: [H41], number: '8' }));
    expect(lenient.json).toMatchObject({ status: 'OK' });
    const events = await app.lienthong.evidence.query({ systemId: 'vpcp', limit: 1000 });
    const codes = events.at(-1)!.verdicts.map((v) => `${v.severity}:${v.code}:${v.field}`);
    expect(codes).toEqual(expect.arrayContaining([
      'warning:VDXP_MISSING_PARAMETER:XroadVnpt-hash-file',
      'warning:VDXP_MISSING_PARAMETER:XroadVnpt-messagetype',
      'warning:VDXP_MISSING_PARAMETER:XroadVnpt-servicetype',
    ]));
  });

  it('does not trust an unsigned XroadVnpt-* header, and records a warning naming it', async () => {
    const headers = signer(nghean.systemId, nghean.secret).headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json');
    // Appended after signing: a docId the HMAC does not cover must not select a document.
    const res = await rawCall(app, '/getEdoc', [...headers, ['XroadVnpt-docId', acceptedDocId]], '{}');
    expect(res.json).toMatchObject({ status: 'FAIL', code: 'VDXP_MISSING_PARAMETER', field: 'XroadVnpt-docId' });
    const last = (await app.lienthong.evidence.query({ systemId: 'nghean', limit: 1000 })).at(-1)!;
    expect(last.verdicts).toContainEqual(expect.objectContaining({ code: 'VDXP_AUTH_WARNING', severity: 'warning', message: expect.stringMatching(/docid/i) }));
  });

  it('answers an unexpected failure with 500 VDXP_INTERNAL in the VDXP dialect and keeps accepted data', async () => {
    const spy = vi.spyOn(app.lienthong.store, 'db').mockImplementationOnce(() => {
      throw new Error('disk on fire');
    });
    const res = await nghean.client.getReceivedEdocList('edoc');
    spy.mockRestore();
    expect(res.httpStatus).toBe(500);
    expect(res.json).toMatchObject({ status: 'FAIL', ErrorCode: '20', code: 'VDXP_INTERNAL' });
    expect(res.json.ErrorDesc).not.toContain('disk on fire');
    const after = await nghean.client.getReceivedEdocList('edoc');
    expect(after.json.data.map((d: { docId: string }) => d.docId)).toContain(acceptedDocId);
  });

  it('answers an unexpected failure of the control plane with 500 INTERNAL', async () => {
    const spy = vi.spyOn(app.lienthong.store, 'db').mockImplementationOnce(() => {
      throw new Error('disk on fire');
    });
    const res = await app.inject({ method: 'GET', url: '/_lienthong/vdxp/systems' });
    spy.mockRestore();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
    expect((await app.inject({ method: 'GET', url: '/_lienthong/vdxp/systems' })).json().systems).toHaveLength(3);
  });
});

describe('sendEdoc failures the official SDK can read', () => {
  it('carry an empty DocId, which KnobstickServiceImp reads without a null check', async () => {
    const app = await makeApp({ maxBodyBytes: 4096 });
    try {
      const a = await connect(app, 'vpcp', [G22]);
      const unknown = await a.client.sendEdoc(edoc({ from: G22, to: ['000.00.00.H99'] }), { from: G22, messagetype: 'edoc' });
      expect(unknown.json).toMatchObject({ status: 'FAIL', code: 'VDXP_RECIPIENT_UNKNOWN', DocId: '' });
      // Refused by the framework before the route runs: the same shape.
      const big = await a.client.sendEdoc(edoc({ from: G22, to: [H41], subject: 'x'.repeat(8000) }), { from: G22, messagetype: 'edoc' });
      expect(big.json).toMatchObject({ status: 'FAIL', code: 'VDXP_BODY_TOO_LARGE', DocId: '' });
      // Other operations do not grow a DocId.
      const other = await a.client.getEdoc('nope');
      expect(other.json.code).toBe('VDXP_DOC_NOT_FOUND');
      expect(other.json).not.toHaveProperty('DocId');
    } finally {
      await app.close();
    }
  });
});
