/**
 * VDXP document exchange over HTTP (specs/vdxp.md §3.3–§3.5): routing one package to several systems,
 * the axis TraceHeader on delivery, transport acknowledgement, duplicates and retries, routing errors,
 * and that a refused package never disturbs what was accepted before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorFor } from '../../emulator/core/schemas.js';
import { hashFileHex } from '../../emulator/platforms/vdxp/wire/xroad-headers.js';
import { edoc, makeApp, statusPkg, type App } from './support/fixtures.js';
import {
  count, docIdOf, documentHistory, documentIdOf, expectFail, fetchPackage, mailbox, nextNumber, parties, pinClock,
  received, sendEdoc, sendVerdicts, sentList, sideClient, signed, warningCodes, type Party,
} from './support/exchange-kit.js';
import { supertestTransport } from './support/sdk-client.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';
const G17 = '000.00.00.G17';
const H29 = '000.00.00.H29';
const H49 = '000.00.00.H49';
const G09 = '000.00.00.G09';
/** Well-formed QCVN 102 code that is not in the seeded directory. */
const UNKNOWN = '000.00.00.G99';

const TRACE = /<edXML:TraceHeader>[\s\S]*?<\/edXML:TraceHeader>/g;

/** Removes the last TraceHeader and the whitespace the axis put before it. */
function stripLastTrace(xml: string): { stripped: string; inserted: string } {
  const start = xml.lastIndexOf('<edXML:TraceHeader>');
  const end = xml.indexOf('</edXML:TraceHeader>', start) + '</edXML:TraceHeader>'.length;
  let from = start;
  while (from > 0 && /\s/.test(xml[from - 1]!)) from--;
  return { stripped: xml.slice(0, from) + xml.slice(end), inserted: xml.slice(start, end) };
}

let app: App;
let g22: Party;
let h41: Party;
let h14: Party;
let g17: Party;
let h29: Party;
let h49: Party;
let g09: Party;

beforeAll(async () => {
  app = await makeApp();
  await pinClock(app);
  [g22] = (await parties(app, 'sys.vpcp', [G22])) as [Party];
  [h41] = (await parties(app, 'sys.nghean', [H41])) as [Party];
  [h14] = (await parties(app, 'sys.caobang', [H14])) as [Party];
  [g17] = (await parties(app, 'sys.bxd', [G17])) as [Party];
  [h29, h49] = (await parties(app, 'sys.multi', [H29, H49])) as [Party, Party];
  [g09] = (await parties(app, 'sys.bnv', [G09], 'strict')) as [Party];
});
afterAll(() => app.close());

describe('one package G22 → H41, H14, G17 (three systems)', () => {
  let bytes: Buffer;
  let senderDocId: string;
  let documentId: string;
  const items = new Map<string, any>();

  beforeAll(async () => {
    const number = nextNumber();
    documentId = documentIdOf(G22, number);
    bytes = edoc({ from: G22, to: [H41, H14, G17], number });
    senderDocId = docIdOf(await sendEdoc(g22, { to: [] }, bytes));
  });

  it('opens one exchange per recipient for the DocumentId, visible on the control plane', async () => {
    const history = await documentHistory(app, documentId);
    expect(history.exchanges.map((x) => x.recipient_code).sort()).toEqual([G17, H14, H41].sort());
    expect(history.exchanges.every((x) => x.sender_code === G22 && x.sender_doc_id === senderDocId && x.status_code === null)).toBe(true);
    expect(history.packages.map((p) => p.doc_id)).toEqual([senderDocId]);
  });

  it('lists exactly its own item in each recipient mailbox, under distinct receiver docIds', async () => {
    const validate = validatorFor('lienthong:vdxp/reply-received-list');
    for (const p of [h41, h14, g17]) {
      const res = await p.conn.client.getReceivedEdocList('edoc');
      expect(validate(res.json), JSON.stringify(validate.errors)).toBe(true);
      expect(res.json.data).toEqual([
        expect.objectContaining({ from: G22, to: p.code, messageType: 'edoc', serviceType: 'eDoc', status: 'pending', docId: expect.stringMatching(/^[0-9a-f]{24}$/) }),
      ]);
      items.set(p.code, res.json.data[0]);
      expect(await count(p, 'edoc')).toBe(1);
    }
    const ids = [...items.values()].map((i) => i.docId as string);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain(senderDocId);
    // The sender is not a recipient of its own package.
    expect(await received(g22, 'edoc')).toEqual([]);
  });

  it('delivers the package with one axis TraceHeader (000.00.00.G22, virtual-clock time) appended and every other byte unchanged', async () => {
    const sentTraces = bytes.toString('utf8').match(TRACE) ?? [];
    expect(sentTraces).toHaveLength(1);
    const delivered: Buffer[] = [];
    for (const p of [h41, h14, g17]) delivered.push(await fetchPackage(p, items.get(p.code).docId));
    for (const d of delivered) expect(d.equals(delivered[0]!)).toBe(true);

    const xml = delivered[0]!.toString('utf8');
    expect(xml.match(TRACE)).toHaveLength(sentTraces.length + 1);
    const { stripped, inserted } = stripLastTrace(xml);
    expect(inserted).toMatch(/^<edXML:TraceHeader><edXML:OrganId>000\.00\.00\.G22<\/edXML:OrganId><edXML:Timestamp>2026\/11\/24 10:0\d:\d\d<\/edXML:Timestamp><\/edXML:TraceHeader>$/);
    // Inside TraceHeaderList, after the sender's TraceHeader and before Bussiness.
    expect(xml.indexOf(inserted)).toBeGreaterThan(xml.indexOf(sentTraces[0]!));
    expect(xml.indexOf(inserted)).toBeLessThan(xml.indexOf('<edXML:Bussiness>'));
    expect(Buffer.from(stripped, 'utf8').equals(bytes)).toBe(true);
  });

  it('downloadEdoc (GET) streams the same bytes as getEdoc', async () => {
    for (const p of [h41, g17]) {
      const id = items.get(p.code).docId as string;
      const viaGet = await fetchPackage(p, id);
      const dl = await p.conn.client.downloadEdoc(id);
      expect(dl.request.method).toBe('GET');
      expect(dl.httpStatus).toBe(200);
      expect(dl.body.equals(viaGet)).toBe(true);
    }
  });

  it('lets the sender read what it sent, without the axis TraceHeader', async () => {
    expect((await fetchPackage(sideClient(app, g22), senderDocId)).equals(bytes)).toBe(true);
  });

  it("refuses a recipient another recipient's docId, and the sender's DocId (VDXP_DOC_NOT_FOUND)", async () => {
    const other = items.get(H41).docId as string;
    expectFail(await h14.conn.client.getEdoc(other), 'VDXP_DOC_NOT_FOUND', 404);
    expectFail(await g17.conn.client.downloadEdoc(other), 'VDXP_DOC_NOT_FOUND', 404);
    expectFail(await h14.conn.client.getEdoc(senderDocId), 'VDXP_DOC_NOT_FOUND', 404);
    expectFail(await h14.conn.client.updateStatus(other, 'done'), 'VDXP_DOC_NOT_FOUND', 404);
    // …and that refused acknowledgement changed nothing for H41.
    expect((await mailbox(h41, 'edoc')).map((i) => i.docId)).toEqual([other]);
  });

  it('shows the sender one row per recipient, pending and not yet received', async () => {
    const res = await g22.conn.client.getSentEdocList('edoc');
    const validate = validatorFor('lienthong:vdxp/reply-sent-list');
    expect(validate(res.json), JSON.stringify(validate.errors)).toBe(true);
    const rows = (res.json.data as any[]).filter((r) => r.senderDocId === senderDocId);
    expect(rows.map((r) => r.toCode).sort()).toEqual([G17, H14, H41].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ fromCode: G22, receiverDocId: items.get(r.toCode).docId, receiveStatus: 'pending', receivedTime: '', messageType: 'edoc', notation: expect.stringContaining('/VPCP-TTĐT') });
      expect(r.sentTime).toMatch(/^24\/11\/2026 10:0\d:\d\d$/);
    }
  });

  it('updateStatus done removes the item from the list and the count; fail keeps it listed', async () => {
    await pinClock(app, '2026-11-24T04:00:00.000Z'); // 11:00 in Vietnam: received later than sent
    const h41Id = items.get(H41).docId as string;
    const h14Id = items.get(H14).docId as string;
    expect((await h41.conn.client.updateStatus(h41Id, 'done')).json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect((await h14.conn.client.updateStatus(h14Id, 'fail', 'không lưu được')).json).toMatchObject({ status: 'OK', ErrorCode: '0' });

    expect(await received(h41, 'edoc')).toEqual([]);
    expect(await count(h41, 'edoc')).toBe(0);
    expect(await received(h14, 'edoc')).toEqual([expect.objectContaining({ docId: h14Id, status: 'fail' })]);
    expect(await count(h14, 'edoc')).toBe(1);
    // A package acknowledged done is still fetchable (the recipient may need it again).
    expect((await fetchPackage(h41, h41Id)).length).toBeGreaterThan(bytes.length);

    const rows = (await sentList(g22, 'edoc')).filter((r) => r.senderDocId === senderDocId);
    const byTo = new Map(rows.map((r) => [r.toCode as string, r]));
    expect(byTo.get(H41)).toMatchObject({ receiveStatus: 'done', receivedTime: expect.stringMatching(/^24\/11\/2026 11:0\d:\d\d$/) });
    expect(byTo.get(H14)).toMatchObject({ receiveStatus: 'fail', receivedTime: '' });
    expect(byTo.get(G17)).toMatchObject({ receiveStatus: 'pending', receivedTime: '' });

    expect((await h14.conn.client.updateStatus(h14Id, 'done')).json.status).toBe('OK');
    expect(await count(h14, 'edoc')).toBe(0);
    expect((await g17.conn.client.updateStatus(items.get(G17).docId, 'done')).json.status).toBe('OK');
    expect((await sentList(g22, 'edoc')).filter((r) => r.senderDocId === senderDocId).map((r) => r.receiveStatus)).toEqual(['done', 'done', 'done']);
  });
});

describe('a system serving two agencies', () => {
  it('gets both mailboxes in one list and one count', async () => {
    const both = docIdOf(await sendEdoc(g22, { to: [H29, H49], number: nextNumber() }));
    const only49 = docIdOf(await sendEdoc(g22, { to: [H49], number: nextNumber() }));
    const list = await received(h29, 'edoc');
    expect(list).toHaveLength(3);
    expect(list.filter((i) => i.to === H29)).toHaveLength(1);
    expect(list.filter((i) => i.to === H49)).toHaveLength(2);
    expect(new Set(list.map((i) => i.docId)).size).toBe(3);
    expect(list.map((i) => i.docId)).not.toContain(both);
    expect(await count(h49, 'edoc')).toBe(3);
    for (const i of list) expect((await fetchPackage(h29, i.docId)).toString('utf8')).toContain(`<edXML:OrganId>${i.to}</edXML:OrganId>`);

    const sent = (await sentList(g22, 'edoc')).filter((r) => r.senderDocId === both || r.senderDocId === only49);
    expect(sent.map((r) => `${r.senderDocId === both ? 'both' : 'only49'}→${r.toCode}`).sort()).toEqual([`both→${H29}`, `both→${H49}`, `only49→${H49}`]);

    for (const i of list) expect((await h49.conn.client.updateStatus(i.docId, 'done')).json.status).toBe('OK');
    expect(await count(h29, 'edoc')).toBe(0);
  });
});

describe('duplicates', () => {
  it('the very same bytes sent twice (an SDK retry) get the same DocId and one delivery per recipient', async () => {
    const bytes = edoc({ from: G22, to: [H41, H14], number: nextNumber() });
    const first = docIdOf(await sendEdoc(g22, { to: [] }, bytes));
    expect(warningCodes(await sendVerdicts(app, first))).not.toContain('VDXP_DUPLICATE_DOCUMENT');
    const again = docIdOf(await sendEdoc(g22, { to: [] }, bytes));
    expect(again).toBe(first);
    expect(warningCodes(await sendVerdicts(app, again))).toContain('VDXP_DUPLICATE_DOCUMENT');

    for (const p of [h41, h14]) {
      const mine = (await mailbox(p, 'edoc')).filter((i) => i.from === G22);
      expect(mine).toHaveLength(1);
      await p.conn.client.updateStatus(mine[0].docId, 'done');
    }
    expect((await sentList(g22, 'edoc')).filter((r) => r.senderDocId === first)).toHaveLength(2);
  });

  it('the same bytes re-sent after the retry window are a new package, judged as a duplicate DocumentId', async () => {
    const bytes = edoc({ from: G22, to: [H41], number: nextNumber() });
    const first = docIdOf(await sendEdoc(g22, { to: [] }, bytes));
    await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT11M' } });
    const later = docIdOf(await sendEdoc(g22, { to: [] }, bytes));
    expect(later).not.toBe(first);
    expect(await sendVerdicts(app, later)).toContainEqual(expect.objectContaining({ code: 'VDXP_DUPLICATE_DOCUMENT', field: 'MessageHeader/DocumentId' }));
    const mine = (await mailbox(h41, 'edoc')).filter((i) => i.from === G22);
    expect(mine).toHaveLength(2);
    for (const i of mine) await h41.conn.client.updateStatus(i.docId, 'done');
  });

  it('a strict sender retrying the same bytes is answered the same DocId, not refused as a duplicate DocumentId', async () => {
    const bytes = signed(g09, edoc({ from: G09, to: [H41], number: nextNumber() }));
    const first = docIdOf(await sendEdoc(g09, { to: [] }, bytes));
    expect(docIdOf(await sendEdoc(g09, { to: [] }, bytes))).toBe(first);
    const mine = (await mailbox(h41, 'edoc')).filter((i) => i.from === G09);
    expect(mine).toHaveLength(1);
    await h41.conn.client.updateStatus(mine[0].docId, 'done');
  });

  it('another package reusing a DocumentId as a new document (type 0): strict 409, nothing stored', async () => {
    const number = nextNumber();
    const first = docIdOf(await sendEdoc(g09, { to: [H41], number, subject: 'V/v bản đầu' }));
    const before = await mailbox(h41, 'edoc');
    const res = await sendEdoc(g09, { to: [H41], number, subject: 'V/v bản khác, cùng mã văn bản' });
    const { ErrorDesc } = expectFail(res, 'VDXP_DUPLICATE_DOCUMENT', 409);
    expect(ErrorDesc).toContain(documentIdOf(G09, number));
    expect(await mailbox(h41, 'edoc')).toEqual(before);
    expect((await documentHistory(app, documentIdOf(G09, number))).packages.map((p) => p.doc_id)).toEqual([first]);
    for (const i of before) await h41.conn.client.updateStatus(i.docId, 'done');
  });

  it('another package reusing a DocumentId as a new document (type 0): lenient accepts it with a warning', async () => {
    const number = nextNumber();
    const first = docIdOf(await sendEdoc(g22, { to: [H41], number, subject: 'V/v bản đầu' }));
    const second = docIdOf(await sendEdoc(g22, { to: [H41], number, subject: 'V/v bản khác, cùng mã văn bản' }));
    expect(second).not.toBe(first);
    const verdicts = await sendVerdicts(app, second);
    expect(verdicts).toContainEqual(expect.objectContaining({ code: 'VDXP_DUPLICATE_DOCUMENT', severity: 'warning', field: 'MessageHeader/DocumentId' }));
    const mine = (await mailbox(h41, 'edoc')).filter((i) => i.from === G22);
    expect(mine).toHaveLength(2);
    for (const i of mine) await h41.conn.client.updateStatus(i.docId, 'done');
  });
});

describe('routing errors', () => {
  let keptSenderDocId: string;
  let keptReceiverDocId: string;
  let keptBytes: Buffer;

  beforeAll(async () => {
    keptBytes = edoc({ from: G22, to: [H14], number: nextNumber(), subject: 'V/v văn bản đã nhận trước' });
    keptSenderDocId = docIdOf(await sendEdoc(g22, { to: [] }, keptBytes));
    const mine = (await mailbox(h14, 'edoc')).filter((i) => i.from === G22);
    expect(mine).toHaveLength(1);
    keptReceiverDocId = mine[0].docId;
  });

  async function snapshot() {
    return {
      h41: await received(h41, 'edoc'),
      g17: await received(g17, 'edoc'),
      h14: await received(h14, 'edoc'),
      g22Status: await received(g22, 'status'),
      sent: await sentList(g22, 'edoc'),
    };
  }

  it('an unknown recipient: 400 VDXP_RECIPIENT_UNKNOWN naming the code, and no delivery to the known recipients either', async () => {
    const before = await snapshot();
    const number = nextNumber();
    const res = await sendEdoc(g22, { to: [H41, UNKNOWN, G17], number });
    const { ErrorDesc, field } = expectFail(res, 'VDXP_RECIPIENT_UNKNOWN', 400);
    expect(res.json.ErrorCode).toBe('18');
    expect(field).toBe('MessageHeader/To/OrganId');
    expect(ErrorDesc).toContain(UNKNOWN);
    expect(ErrorDesc).not.toContain(H41);
    expect(await snapshot()).toEqual(before);
    expect((await documentHistory(app, documentIdOf(G22, number))).packages).toEqual([]);
    // Strict mode refuses it the same way.
    expectFail(await sendEdoc(g09, { to: [UNKNOWN, H41], number: nextNumber() }), 'VDXP_RECIPIENT_UNKNOWN', 400);
    expect(await snapshot()).toEqual(before);
  });

  it('From not owned by the calling system: 403 VDXP_SENDER_UNREGISTERED', async () => {
    const before = await snapshot();
    // H41 is another system's agency; G01 is in the directory but connected nowhere.
    for (const from of [H41, '000.00.00.G01']) {
      const res = await g22.conn.client.sendEdoc(edoc({ from, to: [G17], number: nextNumber() }), { from: G22, messagetype: 'edoc' });
      const { ErrorDesc } = expectFail(res, 'VDXP_SENDER_UNREGISTERED', 403);
      expect(res.json.field).toBe('MessageHeader/From/OrganId');
      expect(ErrorDesc).toContain(from);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('messagetype that does not match the body: VDXP_EDXML_MESSAGETYPE_MISMATCH', async () => {
    const before = await snapshot();
    const status = statusPkg({ from: G22, to: H14, documentId: documentIdOf(G22, '1'), code: '13', description: 'Thu hồi' });
    const asEdoc = await g22.conn.client.sendEdoc(status, { from: G22, messagetype: 'edoc' });
    expect(expectFail(asEdoc, 'VDXP_EDXML_MESSAGETYPE_MISMATCH', 400).field).toBe('XroadVnpt-messagetype');
    const document = edoc({ from: G22, to: [H41], number: nextNumber() });
    expectFail(await g22.conn.client.sendEdoc(document, { from: G22, messagetype: 'status' }), 'VDXP_EDXML_MESSAGETYPE_MISMATCH', 400);
    expect(await snapshot()).toEqual(before);
  });

  it('a hash-file that is not the SHA-256 of the body: VDXP_HASH_FILE_MISMATCH', async () => {
    const before = await snapshot();
    const bytes = edoc({ from: G22, to: [H41], number: nextNumber() });
    const wrong = hashFileHex(edoc({ from: G22, to: [H41], number: nextNumber() }));
    // Correctly signed headers (the HMAC is right), only the declared file hash is wrong.
    const headers = g22.conn.client.signer.headersFor({ from: G22, servicetype: 'eDoc', messagetype: 'edoc', 'hash-file': wrong }, 'application/octet-stream');
    const reply = await supertestTransport(app)({ method: 'POST', path: '/sendEdoc', headers, body: Buffer.concat([bytes, Buffer.from('\r\n')]) });
    const res = { httpStatus: reply.status, json: reply.json, body: reply.body, request: { method: 'POST' as const, path: '/sendEdoc', headers } };
    expect(expectFail(res, 'VDXP_HASH_FILE_MISMATCH', 400).field).toBe('XroadVnpt-hash-file');
    expect(await snapshot()).toEqual(before);
    // The same request with the right hash goes through: the refusal was about the hash alone.
    const ok = docIdOf(await g22.conn.client.sendEdoc(bytes, { from: G22, messagetype: 'edoc' }));
    const mine = (await mailbox(h41, 'edoc')).filter((i) => i.from === G22);
    expect(mine).toHaveLength(1);
    expect((await sentList(g22, 'edoc')).filter((r) => r.senderDocId === ok)).toHaveLength(1);
    await h41.conn.client.updateStatus(mine[0].docId, 'done');
  });

  it('after every refusal, the documents accepted before are still listed and fetchable', async () => {
    expect((await mailbox(h14, 'edoc')).map((i) => i.docId)).toContain(keptReceiverDocId);
    const delivered = await fetchPackage(h14, keptReceiverDocId);
    expect(Buffer.from(stripLastTrace(delivered.toString('utf8')).stripped, 'utf8').equals(keptBytes)).toBe(true);
    expect((await fetchPackage(sideClient(app, g22), keptSenderDocId)).equals(keptBytes)).toBe(true);
    expect((await sentList(g22, 'edoc')).filter((r) => r.senderDocId === keptSenderDocId)).toEqual([
      expect.objectContaining({ toCode: H14, receiverDocId: keptReceiverDocId, receiveStatus: 'pending' }),
    ]);
  });
});
