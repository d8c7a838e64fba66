/**
 * GET /_lienthong/vdxp/systems/:id/mailbox: a connected system's pending items (documents and statuses not
 * yet acknowledged done) read through the control plane, for the console and the harness. It must agree with
 * what the system itself lists through getReceivedEdocList, and reading it must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type App } from './support/fixtures.js';
import { docIdOf, nextNumber, parties, pinClock, received, sendEdoc, sendStatus, documentIdOf, type Party } from './support/exchange-kit.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';

interface MailboxReply {
  systemId: string;
  pending: { edoc: Array<Record<string, string>>; status: Array<Record<string, string>> };
}

let app: App;
let g22: Party;
let h41: Party;
let h14: Party;
const number = nextNumber();

async function mailboxOf(systemId: string): Promise<MailboxReply> {
  const res = await app.inject({ method: 'GET', url: `/_lienthong/vdxp/systems/${systemId}/mailbox` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as MailboxReply;
}

beforeAll(async () => {
  app = await makeApp();
  await pinClock(app);
  [g22] = (await parties(app, 'sys.vpcp', [G22])) as [Party];
  // One system serving two agencies: its mailbox holds the items of both.
  [h41, h14] = (await parties(app, 'sys.tinh', [H41, H14])) as [Party, Party];
});
afterAll(() => app.close());

describe('GET /_lienthong/vdxp/systems/:id/mailbox', () => {
  it('is empty for a system nothing was sent to', async () => {
    expect(await mailboxOf('sys.tinh')).toEqual({ systemId: 'sys.tinh', pending: { edoc: [], status: [] } });
  });

  it('lists a delivered document for each agency the system serves, as getReceivedEdocList does', async () => {
    docIdOf(await sendEdoc(g22, { to: [H41, H14], number }));
    const box = await mailboxOf('sys.tinh');
    expect(box.pending.edoc.map((i) => i.to).sort()).toEqual([H14, H41]);
    expect(box.pending.edoc.every((i) => i.from === G22 && i.messageType === 'edoc' && i.status === 'pending')).toBe(true);
    expect(box.pending.edoc).toEqual(await received(h41, 'edoc'));
    // The sender's own mailbox does not hold what it sent.
    expect((await mailboxOf('sys.vpcp')).pending.edoc).toEqual([]);
  });

  it('lists statuses separately, and drops an item once acknowledged done', async () => {
    for (const item of (await mailboxOf('sys.tinh')).pending.edoc) {
      expect((await h41.conn.client.updateStatus(item.docId!, 'done')).json.status).toBe('OK');
    }
    expect((await mailboxOf('sys.tinh')).pending.edoc).toEqual([]);
    const documentId = documentIdOf(G22, number);
    docIdOf(await sendStatus(h14, { to: G22, documentId, code: '01' }));
    const sender = await mailboxOf('sys.vpcp');
    expect(sender.pending.status).toHaveLength(1);
    expect(sender.pending.status[0]).toMatchObject({ from: H14, to: G22, messageType: 'status' });
  });

  it('reads without side effects: no evidence event, the item stays pending', async () => {
    const before = await app.lienthong.evidence.lastSeq();
    await mailboxOf('sys.vpcp');
    await mailboxOf('sys.vpcp');
    expect(await app.lienthong.evidence.lastSeq()).toBe(before);
    expect((await mailboxOf('sys.vpcp')).pending.status).toHaveLength(1);
  });

  it('answers 404 for a system that is not connected', async () => {
    const res = await app.inject({ method: 'GET', url: '/_lienthong/vdxp/systems/sys.none/mailbox' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'systemId' });
  });
});
