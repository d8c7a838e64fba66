/**
 * Concurrent senders must not slip past the rules that a sequential sender meets. The duplicate and
 * business-state checks and the write happen in one transaction. On SQLite every query completes without
 * real I/O, so handlers do not interleave there anyway; these tests pin the behaviour for stores that
 * do real I/O (the PostgreSQL backend to come), where only the transaction keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { connect, edoc, makeApp, type App, type Connected } from './support/fixtures.js';

const G09 = '000.00.00.G09';
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

describe('concurrent sendEdoc', () => {
  let app: App;
  let strict: Connected;
  let lenient: Connected;
  let nghean: Connected;

  beforeAll(async () => {
    app = await makeApp();
    strict = await connect(app, 'bnv', [G09], { mode: 'strict' });
    lenient = await connect(app, 'vpcp', [G22]);
    nghean = await connect(app, 'nghean', [H41]);
  });
  afterAll(() => app.close());

  it('accepts exactly one of ten different packages racing with the same DocumentId (strict)', async () => {
    const packages = Array.from({ length: 10 }, (_, i) =>
      Buffer.from(signEdxml(edoc({ from: G09, to: [H41], number: '900', subject: `V/v bản thứ ${i}` }).toString('utf8'), strict)),
    );
    const replies = await Promise.all(packages.map((p) => strict.client.sendEdoc(p, { from: G09, messagetype: 'edoc' })));
    const codes = replies.map((r) => r.json.code ?? r.json.status).sort();
    expect(codes).toEqual(['OK', ...Array(9).fill('VDXP_DUPLICATE_DOCUMENT')].sort());
    const mine = (await nghean.client.getReceivedEdocList('edoc')).json.data.filter((d: { from: string }) => d.from === G09);
    expect(mine).toHaveLength(1);
  });

  it('answers ten concurrent retries of the same bytes with one DocId and one delivery', async () => {
    const bytes = edoc({ from: G22, to: [H41], number: '901' });
    const replies = await Promise.all(Array.from({ length: 10 }, () => lenient.client.sendEdoc(bytes, { from: G22, messagetype: 'edoc' })));
    expect(new Set(replies.map((r) => r.json.DocId)).size).toBe(1);
    const mine = (await nghean.client.getReceivedEdocList('edoc')).json.data.filter((d: { from: string }) => d.from === G22);
    expect(mine).toHaveLength(1);
  });
});
