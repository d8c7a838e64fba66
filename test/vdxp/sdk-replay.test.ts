/**
 * Replays, byte for byte, every request the official SDKVXP 2.0.1 jar sent in one captured run
 * (sdk-captures/), over a real socket with the captured headers (Expect: 100-continue included). The
 * emulator must authenticate each one (the HMACs were made with the test secrets), read its parameters
 * and answer in a shape the SDK accepted.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedIds } from '../../emulator/core/ids.js';
import { validatorFor } from '../../emulator/core/schemas.js';
import { makeApp, SPECS_DIR, type App } from './support/fixtures.js';

interface Captured {
  method: 'GET' | 'POST';
  path: string;
  headers: [string, string][];
  bodyLength: number;
  bodyEndsWith: string;
}

const captures: Captured[] = readFileSync(`${SPECS_DIR}sdk-captures/requests.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Captured);
const sentPackage = readFileSync(`${SPECS_DIR}sdk-captures/sent-package.edxml`);
/** The docId the SDK asked for in the capture: the axis of that run handed it to the recipient. */
const CAPTURED_DOC_ID = '5bebcfeff858e3e0cc154762';

/** The body of each captured request, rebuilt from what the capture says of it. */
function bodyOf(c: Captured): Buffer {
  if (c.path.endsWith('/sendEdoc')) return Buffer.concat([sentPackage, Buffer.from('\r\n')]);
  if (c.bodyLength === 2) return Buffer.from('{}');
  return Buffer.alloc(0);
}

function send(port: number, c: Captured, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of c.headers) if (!/^(host|connection)$/i.test(name)) headers[name] = value;
    const req = httpRequest({ host: '127.0.0.1', port, method: c.method, path: c.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('ascii') }));
    });
    req.on('error', reject);
    // With Expect: 100-continue the body follows the server's interim 100 response, as the JVM does.
    if (headers.Expect) req.on('continue', () => req.end(body));
    else req.end(body);
  });
}

describe('replay of the captured SDKVXP 2.0.1 run', () => {
  let app: App;
  let port: number;
  const replies: { c: Captured; status: number; json: Record<string, any> }[] = [];

  beforeAll(async () => {
    // The sender's DocId first, then the recipient's: the capture's getEdoc asks for the recipient's.
    app = await makeApp({ ids: scriptedIds(['5bebcfeff858e3e0cc154761', CAPTURED_DOC_ID]) });
    for (const [systemId, code] of [['sdk.a', '000.00.00.G22'], ['sdk.b', '000.00.00.H41']] as const) {
      const res = await app.inject({ method: 'POST', url: '/_lienthong/vdxp/systems', payload: { systemId, secret: `sdk-secret-${systemId}`, agencies: [{ code }] } });
      expect(res.statusCode).toBe(201);
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    for (const c of captures) {
      const r = await send(port, c, bodyOf(c));
      replies.push({ c, status: r.status, json: JSON.parse(r.text) as Record<string, any> });
    }
  });
  afterAll(() => app.close());

  it('covers the seven captured calls', () => {
    expect(captures.map((c) => c.path.split('/').pop())).toEqual([
      'getAgenciesList', 'sendEdoc', 'getReceivedEdocList', 'getEdoc', 'updateStatus', 'getReceivedEdocList', 'getSentEdocList',
    ]);
  });

  it('authenticates every request and answers status OK, ErrorCode "0"', () => {
    const validate = validatorFor('lienthong:vdxp/reply');
    for (const r of replies) {
      expect(r.json, `${r.c.path}: ${JSON.stringify(r.json)}`).toMatchObject({ status: 'OK', ErrorCode: '0' });
      expect(r.status).toBe(200);
      expect(validate(r.json), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('answers each operation in the shape the SDK accepted', () => {
    const [agencies, sent, listed, got, , relisted, sentList] = replies as unknown as { json: Record<string, any> }[];
    expect(validatorFor('lienthong:vdxp/reply-agencies')(agencies?.json)).toBe(true);
    expect(validatorFor('lienthong:vdxp/reply-send-edoc')(sent?.json)).toBe(true);
    expect(validatorFor('lienthong:vdxp/reply-received-list')(listed?.json)).toBe(true);
    expect(listed?.json.data).toEqual([expect.objectContaining({ docId: CAPTURED_DOC_ID, from: '000.00.00.G22', to: '000.00.00.H41', messageType: 'edoc' })]);
    expect(validatorFor('lienthong:vdxp/reply-get-edoc')(got?.json)).toBe(true);
    const delivered = Buffer.from(got?.json.data as string, 'base64').toString('utf8');
    expect(delivered).toContain('<edXML:DocumentId>000.00.00.G22,2026/11/20,777/VPCP-TTĐT</edXML:DocumentId>');
    // After updateStatus done the item is no longer pending.
    expect(relisted?.json.data).toEqual([]);
    expect(validatorFor('lienthong:vdxp/reply-sent-list')(sentList?.json)).toBe(true);
    expect(sentList?.json.data).toEqual([
      expect.objectContaining({ senderDocId: sent?.json.DocId, receiverDocId: CAPTURED_DOC_ID, toCode: '000.00.00.H41', receiveStatus: 'done', notation: '777/VPCP-TTĐT' }),
    ]);
  });

  it('records each exchange with its system in the evidence log, with no authentication warning', async () => {
    await app.lienthong.evidence.flush();
    const events = await app.lienthong.evidence.query({ platform: 'vdxp', limit: 100 });
    expect(events.map((e) => e.operation)).toEqual(captures.map((c) => c.path.split('/').pop()));
    expect(events.map((e) => e.systemId)).toEqual(captures.map((c) => c.headers.find(([n]) => n === 'XroadVnpt-systemid')?.[1]));
    expect(events.flatMap((e) => e.verdicts).filter((v) => v.severity === 'error')).toEqual([]);
  });
});
