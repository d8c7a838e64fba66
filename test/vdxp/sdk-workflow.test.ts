/**
 * The complete polling workflow of specs/vdxp.md §3.5, driven as the SDK drives it (signed XroadVnpt-*
 * headers, a header map never cleared): send → list → getEdoc → updateStatus done → status 01/03 back →
 * the sender collects the statuses with the same loop → 04, 05, 06 → the sender's sent list tells it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { connect, edoc, makeApp, statusPkg, type App, type Connected } from './support/fixtures.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const DOCUMENT_ID = `${G22},2026/11/24,101/VPCP-TTĐT`;

/** One turn of the receiving loop: list, fetch and parse each package, acknowledge it done. */
async function poll(who: Connected, messagetype: 'edoc' | 'status') {
  const list = await who.client.getReceivedEdocList(messagetype);
  expect(list.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
  const packages = [];
  for (const item of list.json.data as { docId: string }[]) {
    const got = await who.client.getEdoc(item.docId);
    expect(got.json.status).toBe('OK');
    packages.push(parseEdxml(got.edxml as Buffer, { mode: 'strict' }).pkg);
    const ack = await who.client.updateStatus(item.docId, 'done');
    expect(ack.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
  }
  return packages;
}

describe('SDK polling workflow (specs/vdxp.md §3.5)', () => {
  let app: App;
  let vpcp: Connected;
  let nghean: Connected;

  beforeAll(async () => {
    app = await makeApp();
    vpcp = await connect(app, 'vpcp.w00', [G22]);
    nghean = await connect(app, '00.41.W00', [H41]);
  });
  afterAll(() => app.close());

  it('delivers a document and carries every status back to the sender', async () => {
    const sent = await vpcp.client.sendEdoc(edoc({ from: G22, to: [H41] }), { from: G22, messagetype: 'edoc' });
    expect(sent.json).toMatchObject({ status: 'OK', ErrorCode: '0', DocId: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect((await nghean.client.countReceiveEdoc()).json.count).toBe(1);

    // Steps 1–3: the recipient lists, fetches, parses and acknowledges the transport.
    const [doc] = await poll(nghean, 'edoc');
    expect(doc?.kind).toBe('edoc');
    if (doc?.kind !== 'edoc') return;
    expect(doc.header.documentId).toBe(DOCUMENT_ID);
    expect(doc.traces.map((t) => t.organId)).toEqual([G22, G22]); // the sender's, then the axis's
    expect((await nghean.client.getReceivedEdocList('edoc')).json.data).toEqual([]);
    expect((await nghean.client.countReceiveEdoc()).json.count).toBe(0);

    // Step 4: the business acknowledgements 01 then 03 go back through sendEdoc.
    for (const code of ['01', '03']) {
      const r = await nghean.client.sendEdoc(statusPkg({ from: H41, to: G22, documentId: DOCUMENT_ID, code }), { from: H41, messagetype: 'status' });
      expect(r.json, JSON.stringify(r.json)).toMatchObject({ status: 'OK', ErrorCode: '0' });
    }
    // Step 5: the sender runs the same loop for statuses.
    expect((await vpcp.client.countReceiveStatus()).json.count).toBe(2);
    const statuses = await poll(vpcp, 'status');
    expect(statuses.map((s) => (s.kind === 'status' ? s.statusCode : null))).toEqual(['01', '03']);

    for (const code of ['04', '05', '06']) {
      const r = await nghean.client.sendEdoc(statusPkg({ from: H41, to: G22, documentId: DOCUMENT_ID, code }), { from: H41, messagetype: 'status' });
      expect(r.json.status).toBe('OK');
    }
    expect((await poll(vpcp, 'status')).map((s) => (s.kind === 'status' ? s.statusCode : null))).toEqual(['04', '05', '06']);

    const sentList = await vpcp.client.getSentEdocList('edoc');
    expect(sentList.json.data).toEqual([
      expect.objectContaining({ senderDocId: sent.json.DocId, toCode: H41, receiveStatus: 'done', statusCode: '06', statusDesc: 'status 06 (hoàn thành)' }),
    ]);
    // No rule was broken along the way: the evidence log has no warning or error verdict.
    await app.lienthong.evidence.flush();
    const verdicts = (await app.lienthong.evidence.query({ platform: 'vdxp', limit: 1000 })).flatMap((e) => e.verdicts);
    expect(verdicts.filter((v) => v.severity !== 'info')).toEqual([]);
    // The SDK's stale docId header on getSentEdocList is noted, not held against the client.
    expect(verdicts.filter((v) => v.severity === 'info').map((v) => v.code)).toEqual(['VDXP_STALE_HEADER']);
  });
});
