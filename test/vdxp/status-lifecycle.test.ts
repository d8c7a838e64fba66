/**
 * Business status of a document over VDXP (specs/vdxp.md §1.5, §2, §5 checks 10–11): the recipient's
 * progress statuses 01–06 reaching the sender, the order rules (errors in strict mode, warnings in lenient
 * mode), reasons, parties, and revocation / update / replacement answered with 15 or 16.
 *
 * Parties: G22 (strict) sends; H41 (strict) and H14 (lenient) receive the same documents, so each rule is
 * seen both ways on one exchange. G17 is a lenient sender for the lenient side of sender-only rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, statusPkg, type App } from './support/fixtures.js';
import {
  asStatus, count, docIdOf, documentHistory, documentIdOf, expectFail, fetchPackage, mailbox, nextNumber, parties,
  pinClock, received, sendEdoc, sendStatus, sendVerdicts, sentList, signed, warningCodes, type Party,
} from './support/exchange-kit.js';
import { parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';
import type { EdocPackage } from '../../emulator/platforms/vdxp/wire/edxml-model.js';

const G22 = '000.00.00.G22';
const G17 = '000.00.00.G17';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';

let app: App;
let g22: Party;
let g17: Party;
let h41: Party;
let h14: Party;

beforeAll(async () => {
  app = await makeApp();
  await pinClock(app);
  [g22] = (await parties(app, 'sys.vpcp', [G22], 'strict')) as [Party];
  [g17] = (await parties(app, 'sys.bxd', [G17], 'lenient')) as [Party];
  [h41] = (await parties(app, 'sys.nghean', [H41], 'strict')) as [Party];
  [h14] = (await parties(app, 'sys.caobang', [H14], 'lenient')) as [Party];
});
afterAll(() => app.close());

/** Sends a new document from `from` to `to` and acknowledges its delivery; returns its DocumentId. */
async function newDocument(from: Party, to: Party[], extra: { number?: string } = {}): Promise<string> {
  const number = extra.number ?? nextNumber();
  docIdOf(await sendEdoc(from, { to: to.map((p) => p.code), number }));
  for (const p of to) {
    for (const item of await mailbox(p, 'edoc')) expect((await p.conn.client.updateStatus(item.docId, 'done')).json.status).toBe('OK');
  }
  return documentIdOf(from.code, number);
}

/** Accepted status; returns its DocId. */
async function status(p: Party, to: string, documentId: string, code: string, description?: string): Promise<string> {
  return docIdOf(await sendStatus(p, { to, documentId, code, ...(description !== undefined ? { description } : {}) }));
}

/** What a refused package must leave untouched: the sender's status mailbox and the document's record. */
async function stateOf(p: Party, documentId: string) {
  return { statusBox: await received(p, 'status'), statusCount: await count(p, 'status'), history: await documentHistory(app, documentId) };
}

async function ackStatuses(p: Party): Promise<void> {
  for (const item of await received(p, 'status')) await p.conn.client.updateStatus(item.docId, 'done');
}

function sentRow(rows: any[], documentNumber: string, to: string): any {
  return rows.find((r) => r.toCode === to && (r.notation as string).startsWith(`${documentNumber}/`));
}

const numberOf = (documentId: string) => documentId.split(',')[2]!.split('/')[0]!;

describe('progress statuses 01 → 03 → 04 → 05 → 06 reach the sender', () => {
  it('delivers each to the sender, parses as that status and moves the per-recipient statusCode', async () => {
    await ackStatuses(g22);
    const documentId = await newDocument(g22, [h41, h14]);
    const seen: string[] = [];
    for (const code of ['01', '03', '04', '05', '06']) {
      const docId = await status(h41, G22, documentId, code);
      expect(warningCodes(await sendVerdicts(app, docId))).toEqual([]);
      const box = await received(g22, 'status');
      expect(box).toHaveLength(seen.length + 1);
      expect(await count(g22, 'status')).toBe(seen.length + 1);
      const fresh = box.find((i) => !seen.includes(i.docId));
      expect(fresh).toMatchObject({ from: H41, to: G22, messageType: 'status', status: 'pending' });
      expect(fresh.docId).not.toBe(docId);
      seen.push(fresh.docId);

      const pkg = asStatus(await fetchPackage(g22, fresh.docId));
      expect(pkg).toMatchObject({ statusCode: code, from: { organId: H41 }, responseFor: { organId: G22, documentId } });

      const rows = await sentList(g22, 'edoc');
      expect(sentRow(rows, numberOf(documentId), H41)).toMatchObject({ statusCode: code, statusDesc: expect.stringContaining(code) });
      expect(sentRow(rows, numberOf(documentId), H14)).toMatchObject({ statusCode: null });
    }
    // The recipient's own sent list shows the status packages it sent, one row each, with their codes.
    const mine = (await sentList(h41, 'status')).map((r) => r.statusCode);
    expect(mine).toEqual(['01', '03', '04', '05', '06']);
    // Status packages are delivered as sent: the axis adds no TraceHeader to them.
    const first = await fetchPackage(g22, seen[0]!);
    expect(first.toString('utf8')).not.toContain('TraceHeader');
    await ackStatuses(g22);
    expect(await count(g22, 'status')).toBe(0);
  });

  it('01 → 02 with a reason is a complete exchange too', async () => {
    const documentId = await newDocument(g22, [h41]);
    await status(h41, G22, documentId, '01');
    await status(h41, G22, documentId, '02', 'Gửi nhầm cơ quan, không thuộc thẩm quyền');
    const pkgs = (await received(g22, 'status')).filter((i) => i.from === H41);
    const parsed = await Promise.all(pkgs.map(async (i) => asStatus(await fetchPackage(g22, i.docId))));
    expect(parsed.find((p) => p.statusCode === '02')?.description).toBe('Gửi nhầm cơ quan, không thuộc thẩm quyền');
    expect(sentRow(await sentList(g22, 'edoc'), numberOf(documentId), H41)).toMatchObject({ statusCode: '02' });
    await ackStatuses(g22);
  });
});

describe('status order (§2): strict refuses, lenient relays with a warning', () => {
  const cases: { name: string; before: [string, string?][]; bad: string; names: string[] }[] = [
    { name: '04 before 03', before: [['01']], bad: '04', names: ['04', '01'] },
    { name: 'anything after 06', before: [['01'], ['03'], ['04'], ['05'], ['06']], bad: '05', names: ['05', '06'] },
    { name: 'anything after 02', before: [['01'], ['02', 'Sai thẩm quyền']], bad: '03', names: ['03', '02'] },
    { name: '03 as the first status', before: [], bad: '03', names: ['03', '01'] },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const documentId = await newDocument(g22, [h41, h14]);
      for (const [code, description] of c.before) {
        await status(h41, G22, documentId, code, description);
        await status(h14, G22, documentId, code, description);
      }
      const last = c.before.at(-1)?.[0] ?? null;
      const before = await stateOf(g22, documentId);

      // A description of its own: the very same bytes again would be an SDK retry, answered with the first DocId.
      const res = await sendStatus(h41, { to: G22, documentId, code: c.bad, description: 'Trạng thái sai thứ tự' });
      const { ErrorDesc } = expectFail(res, 'VDXP_STATUS_TRANSITION', 409);
      expect(res.json.ErrorCode).toBe('27');
      for (const code of c.names) expect(ErrorDesc).toContain(code);
      expect(await stateOf(g22, documentId)).toEqual(before);
      expect(sentRow(await sentList(g22, 'edoc'), numberOf(documentId), H41)).toMatchObject({ statusCode: last });

      const relayed = await status(h14, G22, documentId, c.bad, 'Trạng thái sai thứ tự');
      expect(await sendVerdicts(app, relayed)).toContainEqual(expect.objectContaining({ code: 'VDXP_STATUS_TRANSITION', severity: 'warning' }));
      const box = await received(g22, 'status');
      expect(box).toHaveLength(before.statusBox.length + 1);
      const item = box.find((i) => !before.statusBox.some((b: any) => b.docId === i.docId));
      expect(asStatus(await fetchPackage(g22, item.docId))).toMatchObject({ statusCode: c.bad, from: { organId: H14 } });
      await ackStatuses(g22);
    });
  }

  it('a retried status (the same bytes) after the state moved on gets its first DocId back, nothing relayed again', async () => {
    const documentId = await newDocument(g22, [h41]);
    const first = signed(h41, statusPkg({ from: H41, to: G22, documentId, code: '01' }));
    const firstDocId = docIdOf(await sendStatus(h41, { to: G22, documentId, code: '01' }, first));
    await status(h41, G22, documentId, '03');
    const before = await stateOf(g22, documentId);
    expect(docIdOf(await sendStatus(h41, { to: G22, documentId, code: '01' }, first))).toBe(firstDocId);
    expect(warningCodes(await sendVerdicts(app, firstDocId))).toContain('VDXP_DUPLICATE_DOCUMENT');
    expect(await stateOf(g22, documentId)).toEqual(before);
    // The same code again in a new package (another Description) is a repeat, not a step back: accepted.
    await status(h41, G22, documentId, '03', 'Đã vào sổ văn bản đến');
    expect(sentRow(await sentList(g22, 'edoc'), numberOf(documentId), H41)).toMatchObject({ statusCode: '03' });
    await ackStatuses(g22);
  });

  it('02 and 13 without a reason (empty Description): strict VDXP_EDXML_REASON_REQUIRED, lenient warns', async () => {
    const documentId = await newDocument(g22, [h41, h14]);
    await status(h41, G22, documentId, '01');
    await status(h14, G22, documentId, '01');
    const before = await stateOf(g22, documentId);
    const rejected = await sendStatus(h41, { to: G22, documentId, code: '02', description: '' });
    expect(expectFail(rejected, 'VDXP_EDXML_REASON_REQUIRED', 400).field).toBe('MessageHeader/Description');
    expect(await stateOf(g22, documentId)).toEqual(before);

    const h41Before = await stateOf(h41, documentId);
    const revoke = await sendStatus(g22, { to: H41, documentId, code: '13', description: '' });
    expectFail(revoke, 'VDXP_EDXML_REASON_REQUIRED', 400);
    expect(await stateOf(h41, documentId)).toEqual(h41Before);

    const relayed = await status(h14, G22, documentId, '02', '');
    expect(warningCodes(await sendVerdicts(app, relayed))).toContain('VDXP_EDXML_REASON_REQUIRED');
    await ackStatuses(g22);
  });

  it('a status from the wrong party: VDXP_STATUS_WRONG_PARTY (strict)', async () => {
    const documentId = await newDocument(g22, [h41]);
    const h41Before = await stateOf(h41, documentId);
    // The sender reporting 01 about its own document.
    const own = await sendStatus(g22, { to: H41, documentId, code: '01' });
    expect(expectFail(own, 'VDXP_STATUS_WRONG_PARTY', 403).ErrorDesc).toContain(G22);
    // The recipient trying to revoke the sender's document.
    const before = await stateOf(g22, documentId);
    expectFail(await sendStatus(h41, { to: G22, documentId, code: '13', description: 'Thu hồi' }), 'VDXP_STATUS_WRONG_PARTY', 403);
    expect(await stateOf(h41, documentId)).toEqual(h41Before);
    expect(await stateOf(g22, documentId)).toEqual(before);
  });

  it('a status about a DocumentId never exchanged: strict VDXP_ORIGINAL_NOT_FOUND, lenient warns and relays', async () => {
    const ghost = documentIdOf(G22, '999999');
    const before = await stateOf(g22, ghost);
    const res = await sendStatus(h41, { to: G22, documentId: ghost, code: '01' });
    const { ErrorDesc } = expectFail(res, 'VDXP_ORIGINAL_NOT_FOUND', 404);
    expect(ErrorDesc).toContain(ghost);
    expect(await stateOf(g22, ghost)).toEqual(before);

    const relayed = await status(h14, G22, ghost, '01');
    expect(await sendVerdicts(app, relayed)).toContainEqual(expect.objectContaining({ code: 'VDXP_ORIGINAL_NOT_FOUND', severity: 'warning', field: 'MessageHeader/ResponseFor/DocumentId' }));
    expect((await received(g22, 'status')).filter((i) => i.from === H14)).toHaveLength(1);
    await ackStatuses(g22);
  });
});

describe('revocation, update and replacement answered with 15/16', () => {
  it('status 13 with a reason reaches the recipient; 15 revokes; a later 05 is refused', async () => {
    const documentId = await newDocument(g22, [h41, h14]);
    await status(h41, G22, documentId, '01');
    await status(h41, G22, documentId, '03');
    await ackStatuses(g22);

    await status(g22, H41, documentId, '13', 'Văn bản ban hành sai thể thức');
    const box = await received(h41, 'status');
    expect(box).toEqual([expect.objectContaining({ from: G22, to: H41, messageType: 'status' })]);
    expect(await count(h41, 'status')).toBe(1);
    expect(asStatus(await fetchPackage(h41, box[0].docId))).toMatchObject({ statusCode: '13', description: 'Văn bản ban hành sai thể thức', responseFor: { organId: H41, documentId } });
    expect((await received(h14, 'status'))).toEqual([]);
    expect((await documentHistory(app, documentId)).exchanges.find((x) => x.recipient_code === H41)).toMatchObject({ change_pending: 'revoke', revoked: 0 });
    await ackStatuses(h41);

    await status(h41, G22, documentId, '15', 'Đồng ý thu hồi');
    const history = await documentHistory(app, documentId);
    expect(history.exchanges.find((x) => x.recipient_code === H41)).toMatchObject({ change_pending: null, revoked: 1, status_code: '03' });
    expect(history.exchanges.find((x) => x.recipient_code === H14)).toMatchObject({ change_pending: null, revoked: 0 });
    const rows = await sentList(g22, 'edoc');
    expect(sentRow(rows, numberOf(documentId), H41)).toMatchObject({ revoked: true });
    expect(sentRow(rows, numberOf(documentId), H14)).toMatchObject({ revoked: false });
    expect(asStatus(await fetchPackage(g22, (await received(g22, 'status')).at(-1).docId))).toMatchObject({ statusCode: '15', from: { organId: H41 } });

    const before = await stateOf(g22, documentId);
    const after = await sendStatus(h41, { to: G22, documentId, code: '05' });
    expect(expectFail(after, 'VDXP_STATUS_TRANSITION', 409).ErrorDesc).toMatch(/05[\s\S]*revoked|revoked[\s\S]*05/);
    expect(await stateOf(g22, documentId)).toEqual(before);
    // Revoking twice is refused too.
    expectFail(await sendStatus(g22, { to: H41, documentId, code: '13', description: 'Thu hồi lần hai' }), 'VDXP_STATUS_TRANSITION', 409);
    await ackStatuses(g22);
  });

  it('a BussinessDocType 1 package (same DocumentId) reaches the recipients; 16 is accepted; a 15/16 with nothing pending is refused', async () => {
    const number = nextNumber();
    const documentId = await newDocument(g22, [h41, h14], { number });
    // Nothing pending yet: a spontaneous 15 is out of order.
    const early = await sendStatus(h41, { to: G22, documentId, code: '15' });
    expectFail(early, 'VDXP_STATUS_TRANSITION', 409);

    docIdOf(await sendEdoc(g22, { to: [H41, H14], number, type: '1', changes: documentId, reason: 'Thu hồi do sai sót' }));
    for (const p of [h41, h14]) {
      const items = await mailbox(p, 'edoc');
      expect(items).toHaveLength(1);
      const { pkg } = parseEdxml(await fetchPackage(p, items[0].docId), { mode: 'lenient' });
      expect((pkg as EdocPackage).header.documentId).toBe(documentId);
      expect((pkg as EdocPackage).business).toMatchObject({ docType: '1', documentId, docReason: 'Thu hồi do sai sót' });
      await p.conn.client.updateStatus(items[0].docId, 'done');
    }
    expect((await documentHistory(app, documentId)).exchanges.map((x) => x.change_pending)).toEqual(['revoke', 'revoke']);
    const revokeRows = (await sentList(g22, 'edoc')).filter((r) => r.businessType === 'revoke' && r.notation.startsWith(`${number}/`));
    expect(revokeRows.map((r) => r.toCode).sort()).toEqual([H14, H41]);

    await status(h41, G22, documentId, '16', 'Không đồng ý thu hồi');
    await status(h14, G22, documentId, '15', 'Đồng ý thu hồi');
    const history = await documentHistory(app, documentId);
    expect(history.exchanges.find((x) => x.recipient_code === H41)).toMatchObject({ change_pending: null, revoked: 0 });
    expect(history.exchanges.find((x) => x.recipient_code === H14)).toMatchObject({ change_pending: null, revoked: 1 });

    const before = await stateOf(g22, documentId);
    const again = await sendStatus(h41, { to: G22, documentId, code: '15', description: 'Đổi ý' });
    expectFail(again, 'VDXP_STATUS_TRANSITION', 409);
    expect(await stateOf(g22, documentId)).toEqual(before);
    // The recipient that refused the revocation carries on with the document.
    await status(h41, G22, documentId, '01');
    await ackStatuses(g22);
  });

  it('a BussinessDocType 2 update with its own DocumentId: 15 may reference the update or the original', async () => {
    const original = await newDocument(g22, [h41, h14]);
    const updateNumber = nextNumber();
    const update = documentIdOf(G22, updateNumber);
    docIdOf(await sendEdoc(g22, { to: [H41, H14], number: updateNumber, type: '2', changes: original, reason: 'Cập nhật nơi nhận' }));
    for (const p of [h41, h14]) {
      const items = await mailbox(p, 'edoc');
      expect(items).toHaveLength(1);
      const { pkg } = parseEdxml(await fetchPackage(p, items[0].docId), { mode: 'lenient' });
      expect((pkg as EdocPackage).header.documentId).toBe(update);
      expect((pkg as EdocPackage).business).toMatchObject({ docType: '2', documentId: original });
      await p.conn.client.updateStatus(items[0].docId, 'done');
    }
    expect((await documentHistory(app, original)).exchanges.filter((x) => x.document_id === original).map((x) => x.change_pending)).toEqual(['update', 'update']);

    await status(h41, G22, update, '15', 'Đồng ý cập nhật');
    await status(h14, G22, original, '15', 'Đồng ý cập nhật');
    const history = await documentHistory(app, original);
    expect(history.exchanges.map((x) => x.change_pending)).toEqual([null, null, null, null]);
    expect(history.exchanges.filter((x) => x.document_id === update).map((x) => x.change_of)).toEqual([original, original]);
    expect(history.exchanges.every((x) => x.revoked === 0)).toBe(true);

    // Both answered: a further 16 about either DocumentId has nothing to answer.
    expectFail(await sendStatus(h41, { to: G22, documentId: update, code: '16', description: 'Đổi ý' }), 'VDXP_STATUS_TRANSITION', 409);
    expectFail(await sendStatus(h41, { to: G22, documentId: original, code: '16', description: 'Đổi ý' }), 'VDXP_STATUS_TRANSITION', 409);
    await ackStatuses(g22);
  });

  it('a BussinessDocType 3 replacement is delivered and answered', async () => {
    const original = await newDocument(g22, [h41]);
    const replacementNumber = nextNumber();
    const replacement = documentIdOf(G22, replacementNumber);
    docIdOf(await sendEdoc(g22, { to: [H41], number: replacementNumber, type: '3', replaces: [{ documentId: original, organIds: [H41] }], reason: 'Thay thế văn bản' }));
    const items = await mailbox(h41, 'edoc');
    expect(items).toHaveLength(1);
    const { pkg } = parseEdxml(await fetchPackage(h41, items[0].docId), { mode: 'lenient' });
    expect((pkg as EdocPackage).business?.replacements).toEqual([expect.objectContaining({ documentId: original, organIds: [H41] })]);
    await h41.conn.client.updateStatus(items[0].docId, 'done');
    expect((await documentHistory(app, original)).exchanges.find((x) => x.document_id === original)).toMatchObject({ change_pending: 'replace' });

    await status(h41, G22, replacement, '16', 'Không đồng ý thay thế');
    expect((await documentHistory(app, original)).exchanges.map((x) => x.change_pending)).toEqual([null, null]);
    // The replacement is a document of its own: its progress starts at 01.
    await status(h41, G22, replacement, '01');
    expect(sentRow(await sentList(g22, 'edoc'), replacementNumber, H41)).toMatchObject({ statusCode: '01', businessType: 'replace' });
    await ackStatuses(g22);
  });

  it('revoke/update of a DocumentId never sent: strict VDXP_ORIGINAL_NOT_FOUND, lenient accepted with a warning', async () => {
    const ghost = documentIdOf(G22, '888888');
    const h41Before = await received(h41, 'edoc');
    const revoke = await sendEdoc(g22, { to: [H41], number: '888888', type: '1', changes: ghost });
    expect(expectFail(revoke, 'VDXP_ORIGINAL_NOT_FOUND', 404).ErrorDesc).toContain(ghost);
    const update = await sendEdoc(g22, { to: [H41], number: nextNumber(), type: '2', changes: ghost });
    expect(expectFail(update, 'VDXP_ORIGINAL_NOT_FOUND', 404).field).toBe('Bussiness/DocumentId');
    const replace = await sendEdoc(g22, { to: [H41], number: nextNumber(), type: '3', replaces: [{ documentId: ghost, organIds: [H41] }] });
    expectFail(replace, 'VDXP_ORIGINAL_NOT_FOUND', 404);
    const revoke13 = await sendStatus(g22, { to: H41, documentId: ghost, code: '13', description: 'Thu hồi' });
    expectFail(revoke13, 'VDXP_ORIGINAL_NOT_FOUND', 404);
    expect(await received(h41, 'edoc')).toEqual(h41Before);
    expect(await received(h41, 'status')).toEqual([]);
    expect((await documentHistory(app, ghost)).packages).toEqual([]);

    const lenientGhost = documentIdOf(G17, '888888');
    for (const spec of [
      { number: '888888', type: '1' as const, changes: lenientGhost },
      { number: nextNumber(), type: '2' as const, changes: lenientGhost },
    ]) {
      const docId = docIdOf(await sendEdoc(g17, { to: [H14], ...spec }));
      expect(await sendVerdicts(app, docId)).toContainEqual(expect.objectContaining({ code: 'VDXP_ORIGINAL_NOT_FOUND', severity: 'warning' }));
    }
    // Relaying the revocation did not make the never-sent document "sent": statuses about it still warn…
    const relayedStatus = await status(h14, G17, lenientGhost, '01');
    expect(warningCodes(await sendVerdicts(app, relayedStatus))).toContain('VDXP_ORIGINAL_NOT_FOUND');
    // …and the real original, sent late, is a new document, not a duplicate.
    const late = docIdOf(await sendEdoc(g17, { to: [H14], number: '888888' }));
    expect(warningCodes(await sendVerdicts(app, late))).not.toContain('VDXP_DUPLICATE_DOCUMENT');
    const delivered = (await mailbox(h14, 'edoc')).filter((i) => i.from === G17);
    expect(delivered).toHaveLength(3);
    for (const i of delivered) await h14.conn.client.updateStatus(i.docId, 'done');
  });
});
