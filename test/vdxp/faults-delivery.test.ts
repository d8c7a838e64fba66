/**
 * The axis misbehaving with what it delivers (fault kinds duplicate, out-of-order, tamper): what a
 * recipient sees on the wire — an acknowledged item listed again (same or new docId), statuses handed over
 * newest first with the oldest held back, a package whose XML-DSig no longer verifies — per agency, with
 * count honoured and each hit in the evidence log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyEdxmlSignature } from '../../emulator/platforms/vdxp/wire/signature.js';
import { docIdOf, parties, sendEdoc, sendStatus, signed, type Party } from './support/exchange-kit.js';
import { edoc, makeApp, type App } from './support/fixtures.js';

let app: App;
let g22: Party;
let h41: Party;
let h42: Party;

beforeEach(async () => {
  app = await makeApp();
  g22 = (await parties(app, 'sys.g22', ['000.00.00.G22']))[0]!;
  // One recipient system serving two agencies: per-agency rules must tell them apart.
  [h41, h42] = (await parties(app, 'sys.h41', ['000.00.00.H41', '000.00.00.H42'])) as [Party, Party];
});
afterEach(async () => app.close());

const fault = async (payload: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url: '/_lienthong/faults', payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string };
};
const rule = async (id: string) => (await app.inject({ method: 'GET', url: `/_lienthong/faults/${id}` })).json() as { hits: number };
const pending = async (p: Party, type: 'edoc' | 'status' = 'edoc') => ((await p.conn.client.getReceivedEdocList(type)).json.data as { docId: string; to: string }[]);
const ack = async (p: Party, docId: string) => expect((await p.conn.client.updateStatus(docId, 'done')).json.status).toBe('OK');

async function faultVerdicts(operation: string): Promise<string[]> {
  await app.lienthong.evidence.flush();
  const { events } = (await app.inject({ method: 'GET', url: '/_lienthong/events?platform=vdxp' })).json() as { events: { operation: string; verdicts: { code: string; message: string }[] }[] };
  return events.filter((e) => e.operation === operation).flatMap((e) => e.verdicts.filter((v) => v.code === 'FAULT_INJECTED').map((v) => v.message));
}

describe('duplicate: the axis delivers an acknowledged item again', () => {
  it('same-docid: after updateStatus done the item is listed and counted again, with the same bytes, `count` times', async () => {
    const { id } = await fault({ platform: 'vdxp', kind: 'duplicate', count: 1 });
    docIdOf(await sendEdoc(g22, { to: ['000.00.00.H41'], number: '11' }));
    const [item] = await pending(h41);
    const first = await h41.conn.client.getEdoc(item!.docId);
    await ack(h41, item!.docId);
    // The acknowledgement was "lost": the same docId is pending again, the same package behind it.
    expect((await pending(h41)).map((i) => i.docId)).toEqual([item!.docId]);
    expect((await h41.conn.client.countReceiveEdoc()).json.count).toBe(1);
    expect((await h41.conn.client.getEdoc(item!.docId)).edxml!.equals(first.edxml!)).toBe(true);
    // The count is used up: the second acknowledgement holds.
    await ack(h41, item!.docId);
    expect(await pending(h41)).toEqual([]);
    expect((await rule(id)).hits).toBe(1);
    const [message] = await faultVerdicts('updateStatus');
    expect(message).toContain(id);
    expect(message).toContain(item!.docId);
  });

  it('new-docid: a second delivery of the same package under a new docId; the sender sees both', async () => {
    await fault({ platform: 'vdxp', kind: 'duplicate', redelivery: 'new-docid', count: 1 });
    const sent = docIdOf(await sendEdoc(g22, { to: ['000.00.00.H41'], number: '12' }));
    const [item] = await pending(h41);
    const original = (await h41.conn.client.getEdoc(item!.docId)).edxml!;
    await ack(h41, item!.docId);
    const again = await pending(h41);
    expect(again).toHaveLength(1);
    expect(again[0]!.docId).not.toBe(item!.docId);
    // Same package: a recipient must recognise it by its content (From, DocumentId), not by docId.
    expect((await h41.conn.client.getEdoc(again[0]!.docId)).edxml!.equals(original)).toBe(true);
    const rows = (await g22.conn.client.getSentEdocList('edoc')).json.data as { senderDocId: string; receiveStatus: string }[];
    expect(rows.filter((r) => r.senderDocId === sent).map((r) => r.receiveStatus).sort()).toEqual(['done', 'pending']);
  });

  it('per agency and message type: only deliveries to that agency, of that type', async () => {
    await fault({ platform: 'vdxp', kind: 'duplicate', agency: '000.00.00.H42', messageType: 'edoc' });
    docIdOf(await sendEdoc(g22, { to: ['000.00.00.H41', '000.00.00.H42'], number: '13' }));
    const items = await pending(h41);
    expect(items.map((i) => i.to).sort()).toEqual(['000.00.00.H41', '000.00.00.H42']);
    for (const i of items) await ack(h41, i.docId);
    expect((await pending(h41)).map((i) => i.to)).toEqual(['000.00.00.H42']);
    // A status acknowledged by H42's system is not an edoc: not redelivered.
    await sendStatus(h42, { to: '000.00.00.G22', documentId: '000.00.00.G22,2026/11/24,13/VPCP-TTĐT', code: '03' });
    const [status] = await pending(g22, 'status');
    await ack(g22, status!.docId);
    expect(await pending(g22, 'status')).toEqual([]);
  });
});

describe('out-of-order: statuses handed over in another order than sent', () => {
  const documentId = '000.00.00.G22,2026/11/24,21/VPCP-TTĐT';
  beforeEach(async () => {
    docIdOf(await sendEdoc(g22, { to: ['000.00.00.H41'], number: '21' }));
    for (const code of ['03', '04', '05']) docIdOf(await sendStatus(h41, { to: '000.00.00.G22', documentId, code, timestamp: `2026/11/24 09:0${code.at(1)}:00` }));
  });
  const codesOf = async (items: { docId: string }[]) =>
    Promise.all(items.map(async (i) => /<(?:\w+:)?StatusCode>(\d+)</.exec((await g22.conn.client.getEdoc(i.docId)).edxml!.toString('utf8'))![1]));

  it('lists the sender order without a rule', async () => {
    expect(await codesOf(await pending(g22, 'status'))).toEqual(['03', '04', '05']);
  });

  it('holds the oldest back and lists the rest newest first; the held one arrives after the others are acknowledged', async () => {
    const { id } = await fault({ platform: 'vdxp', kind: 'out-of-order', count: 1 });
    const first = await pending(g22, 'status');
    expect(await codesOf(first)).toEqual(['05', '04']);
    for (const i of first) await ack(g22, i.docId);
    const late = await pending(g22, 'status');
    expect(await codesOf(late)).toEqual(['03']);
    expect((await rule(id)).hits).toBe(1);
    expect((await faultVerdicts('getReceivedEdocList'))[0]).toMatch(/held back/);
  });

  it('does not use a hit on a list with one status, nor on statuses for another agency', async () => {
    const { id } = await fault({ platform: 'vdxp', kind: 'out-of-order', agency: '000.00.00.H42' });
    expect(await codesOf(await pending(g22, 'status'))).toEqual(['03', '04', '05']);
    expect((await rule(id)).hits).toBe(0);
  });
});

describe('tamper: the recipient gets a package whose signature no longer verifies', () => {
  const verify = async (xml: Buffer) => verifyEdxmlSignature(xml.toString('utf8'), { trustedCaPems: [await app.lienthong.ca.certificatePem()], now: app.lienthong.clock.now() });

  it('a signed status verifies as delivered, and fails verification when tampered; unsigned packages keep the hit', async () => {
    const { id } = await fault({ platform: 'vdxp', kind: 'tamper', count: 1 });
    docIdOf(await sendEdoc(g22, { to: ['000.00.00.H41'], number: '31' }));
    const documentId = '000.00.00.G22,2026/11/24,31/VPCP-TTĐT';
    // Unsigned: nothing a recipient could detect, so the rule waits for a signed package.
    const unsigned = await h41.conn.client.sendEdoc(
      Buffer.from((await import('../../emulator/platforms/vdxp/packages.js')).statusPackage({ from: '000.00.00.H41', to: '000.00.00.G22', documentId, code: '03' })),
      { from: '000.00.00.H41', messagetype: 'status' },
    );
    docIdOf(unsigned);
    docIdOf(await sendStatus(h41, { to: '000.00.00.G22', documentId, code: '04' }));
    const [plain, signedItem] = await pending(g22, 'status');
    expect((await verify((await g22.conn.client.getEdoc(plain!.docId)).edxml!)).status).toBe('absent');
    expect((await rule(id)).hits).toBe(0);
    const tampered = (await g22.conn.client.getEdoc(signedItem!.docId)).edxml!;
    const verdict = await verify(tampered);
    expect(verdict.status).toBe('invalid');
    expect((await rule(id)).hits).toBe(1);
    // A second fetch (count used up) is the package as sent: a client may retry once before refusing.
    expect((await verify((await g22.conn.client.getEdoc(signedItem!.docId)).edxml!)).status).toBe('valid');
    expect((await faultVerdicts('getEdoc'))[0]).toMatch(/SignatureValue altered/);
  });

  it('a signed document: with the axis TraceHeader taken out it verifies, tampered it does not (downloadEdoc too)', async () => {
    const bytes = signed(g22, edoc({ from: '000.00.00.G22', to: ['000.00.00.H41'], number: '32' }));
    docIdOf(await sendEdoc(g22, { to: ['000.00.00.H41'] }, bytes));
    const [item] = await pending(h41);
    const sent = bytes.toString('utf8');
    // The axis inserts its TraceHeader into the text and keeps every other byte: find what it inserted.
    const genuine = (await h41.conn.client.getEdoc(item!.docId)).edxml!.toString('utf8');
    let head = 0;
    while (sent[head] === genuine[head]) head++;
    const inserted = genuine.slice(head, head + genuine.length - sent.length);
    expect(inserted).toMatch(/TraceHeader/);
    expect(genuine.replace(inserted, '')).toBe(sent);
    expect((await verify(Buffer.from(genuine.replace(inserted, '')))).status).toBe('valid');

    await fault({ platform: 'vdxp', kind: 'tamper', messageType: 'edoc', agency: '000.00.00.H41', count: 1 });
    const tampered = (await h41.conn.client.downloadEdoc(item!.docId)).body.toString('utf8');
    const verdict = await verify(Buffer.from(tampered.replace(inserted, '')));
    expect(verdict.status).toBe('invalid');
    // Only the signature value changed: a client that does not verify would read the same document.
    expect(tampered.replace(/<(\w+:)?SignatureValue>[^<]*</, '')).toBe(genuine.replace(/<(\w+:)?SignatureValue>[^<]*</, ''));
  });
});
