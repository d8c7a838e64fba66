/**
 * One sandbox, two emulator processes: two apps built over the same PostgreSQL schema, as two processes
 * behind a load balancer would be. Whatever a vendor does through one must hold through the other: a
 * document sent through A is received and acknowledged through B, a token or session issued by A works on
 * B, the virtual clock moved on A is B's time, and the evidence of both is one intact hash chain.
 * Needs LIENTHONG_TEST_PG_URL (.ci/run starts a throwaway server); skips saying so otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { openPostgresStore } from '../../emulator/core/store/postgres.js';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { createSdkClient, supertestTransport } from '../vdxp/support/sdk-client.js';
import { edoc, statusPkg, TEST_INSTANT, type App } from '../vdxp/support/fixtures.js';
import { dropSchema, freshSchemaName, PG_SKIP_REASON, sayWhyPostgresSkips, schemaUrl } from './pg.js';

sayWhyPostgresSkips('shared-sandbox');

const G09 = '000.00.00.G09';
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

async function json(app: App, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<{ status: number; body: any }> {
  const res = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

describe.skipIf(PG_SKIP_REASON !== undefined)('a shared sandbox: two emulator processes over one PostgreSQL', () => {
  const schema = PG_SKIP_REASON ? '' : freshSchemaName('shared_sandbox');
  let a: App;
  let b: App;
  let recipientSecret = '';

  /** Both processes' clients for one system: the load balancer may send any call to either. */
  function clients(systemId: string, secret: string) {
    const onA = createSdkClient({ systemId, secret, transport: supertestTransport(a), now: () => a.lienthong.clock.now() });
    const onB = createSdkClient({ systemId, secret, transport: supertestTransport(b), now: () => b.lienthong.clock.now() });
    return { onA, onB };
  }

  async function connect(app: App, systemId: string, codes: string[], extra: Record<string, unknown> = {}) {
    const r = await json(app, 'POST', '/_lienthong/vdxp/systems', { systemId, agencies: codes.map((code) => ({ code })), ...extra });
    expect(r.status).toBe(201);
    return r.body as { secret: string; certificatePem: string; privateKeyPem: string };
  }

  beforeAll(async () => {
    // Each process starts with its own idea of the time; the first one's becomes the sandbox's.
    a = await buildApp({ store: await openPostgresStore({ url: schemaUrl(schema) }), clock: virtualClock(new Date(TEST_INSTANT)), population: 2000, enterprises: 200 });
    b = await buildApp({ store: await openPostgresStore({ url: schemaUrl(schema) }), clock: virtualClock(new Date('2031-01-01T00:00:00Z')), population: 2000, enterprises: 200 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (schema) await dropSchema(schema);
  });

  it('runs one clock: B took A\'s time at start, and a move on either is seen by the other at once', async () => {
    const onA = (await json(a, 'GET', '/_lienthong/clock')).body.now as string;
    const onB = (await json(b, 'GET', '/_lienthong/clock')).body.now as string;
    expect(Math.abs(Date.parse(onB) - Date.parse(onA))).toBeLessThan(2000);
    expect(Math.abs(Date.parse(onA) - Date.parse(TEST_INSTANT))).toBeLessThan(60_000);

    const moved = (await json(a, 'POST', '/_lienthong/clock', { advance: 'P1D' })).body.now as string;
    const seenByB = (await json(b, 'GET', '/_lienthong/clock')).body.now as string;
    expect(Date.parse(seenByB) - Date.parse(moved)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(seenByB) - Date.parse(moved)).toBeLessThan(2000);

    // Moves made at the same moment on both add up: neither is lost.
    const before = Date.parse((await json(a, 'GET', '/_lienthong/clock')).body.now);
    await Promise.all([json(a, 'POST', '/_lienthong/clock', { advance: 'PT1H' }), json(b, 'POST', '/_lienthong/clock', { advance: 'PT2H' })]);
    const after = Date.parse((await json(a, 'GET', '/_lienthong/clock')).body.now);
    expect(after - before).toBeGreaterThanOrEqual(3 * 3600_000);
    expect(after - before).toBeLessThan(3 * 3600_000 + 2000);
    expect(Math.abs(Date.parse((await json(b, 'GET', '/_lienthong/clock')).body.now) - after)).toBeLessThan(2000);

    // Back to the fixtures' day, so the documents below are sent on their signing day (QĐ 28).
    await json(b, 'POST', '/_lienthong/clock', { set: TEST_INSTANT });
    expect(Date.parse((await json(a, 'GET', '/_lienthong/clock')).body.now) - Date.parse(TEST_INSTANT)).toBeLessThan(2000);
  });

  it('delivers a document sent through A to a recipient polling B, and B\'s acknowledgement ends it on A', async () => {
    const sender = await connect(a, 'sys.sender', [G22]);
    const recipient = await connect(b, 'sys.recipient', [H41]);
    recipientSecret = recipient.secret;
    const s = clients('sys.sender', sender.secret);
    const r = clients('sys.recipient', recipient.secret);

    const sent = await s.onA.sendEdoc(edoc({ from: G22, to: [H41], number: '77' }), { from: G22, messagetype: 'edoc' });
    expect(sent.json).toMatchObject({ status: 'OK' });
    const docId = sent.json.DocId as string;

    const listedOnB = (await r.onB.getReceivedEdocList('edoc')).json.data as { docId: string; from: string }[];
    expect(listedOnB.map((d) => d.from)).toEqual([G22]);
    const receiverDocId = listedOnB[0]!.docId;
    const got = await r.onB.getEdoc(receiverDocId);
    expect(got.edxml?.toString('utf8')).toContain('<edXML:CodeNumber>77</edXML:CodeNumber>');
    expect((await r.onB.updateStatus(receiverDocId, 'done')).json).toMatchObject({ status: 'OK' });

    // Acknowledged on B: gone from the mailbox on A as well, and done in the sender's list on A.
    expect((await r.onA.getReceivedEdocList('edoc')).json.data).toEqual([]);
    const sentList = (await s.onA.getSentEdocList('edoc')).json.data as { senderDocId: string; receiveStatus: string }[];
    expect(sentList.find((x) => x.senderDocId === docId)?.receiveStatus).toBe('done');

    // The recipient answers through A; the sender reads the status package through B.
    const documentId = /<edXML:DocumentId>([^<]+)<\/edXML:DocumentId>/.exec(got.edxml!.toString('utf8'))![1]!;
    const answered = await r.onA.sendEdoc(statusPkg({ from: H41, to: G22, documentId, code: '01' }), { from: H41, messagetype: 'status' });
    expect(answered.json).toMatchObject({ status: 'OK' });
    const statuses = (await s.onB.getReceivedEdocList('status')).json.data as { from: string }[];
    expect(statuses.map((x) => x.from)).toEqual([H41]);
  });

  it('accepts exactly one of ten packages with the same DocumentId raced through both processes (strict)', async () => {
    const strict = await connect(a, 'sys.strict', [G09], { mode: 'strict' });
    const signer = { certificatePem: strict.certificatePem, privateKeyPem: strict.privateKeyPem };
    const c = clients('sys.strict', strict.secret);
    const packages = Array.from({ length: 10 }, (_, i) => Buffer.from(signEdxml(edoc({ from: G09, to: [H41], number: '900', subject: `V/v bản thứ ${i}` }).toString('utf8'), signer)));
    const replies = await Promise.all(packages.map((p, i) => (i % 2 === 0 ? c.onA : c.onB).sendEdoc(p, { from: G09, messagetype: 'edoc' })));
    const codes = replies.map((r) => r.json.code ?? r.json.status).sort();
    expect(codes).toEqual(['OK', ...Array(9).fill('VDXP_DUPLICATE_DOCUMENT')].sort());
  });

  it('refuses to start a third process with another world, mode or clock than the sandbox\'s, naming the option', async () => {
    const other = async (opts: Parameters<typeof buildApp>[0]) => {
      const store = await openPostgresStore({ url: schemaUrl(schema) });
      const err = await buildApp({ store, clock: 'virtual', population: 2000, enterprises: 200, ...opts }).catch((e: unknown) => e);
      await store.close();
      return err as { code?: string; message?: string; details?: { field?: string } };
    };
    const seed = await other({ seed: 7 });
    expect(seed).toMatchObject({ code: 'SANDBOX_SETTINGS_MISMATCH', details: { field: 'seed' } });
    expect(seed.message).toMatch(/started with seed 102; this process has seed 7\. Start every process of one sandbox with the same --seed/);
    expect(await other({ mode: 'strict' })).toMatchObject({ code: 'SANDBOX_SETTINGS_MISMATCH', details: { field: 'mode' } });
    expect(await other({ clock: 'real' })).toMatchObject({ code: 'SANDBOX_SETTINGS_MISMATCH', details: { field: 'clock' } });
  });

  it('issues one test CA: a certificate from A verifies on B', async () => {
    const caA = (await json(a, 'POST', '/_lienthong/ca/certificates', { commonName: 'a.example' })).body.caCertificatePem;
    const caB = (await json(b, 'POST', '/_lienthong/ca/certificates', { commonName: 'b.example' })).body.caCertificatePem;
    expect(caA).toBe(caB);
  });

  it('honours an NDXP token issued by A on B, and B\'s revocation on A', async () => {
    const created = await json(a, 'POST', '/_lienthong/ndxp/consumers', { agency: '000.00.01.H22', apis: ['apiCSDLDKDN'] });
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const issued = await a.inject({ method: 'POST', url: '/ndxp/token', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
    expect(issued.statusCode).toBe(200);
    const token = JSON.parse(issued.body).access_token as string;
    const msdn = (await json(b, 'GET', '/_lienthong/ndxp/enterprises?limit=1')).body.enterprises[0].msdn as string;
    const onB = await b.inject({ method: 'GET', url: `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${msdn}`, headers: { authorization: `Bearer ${token}` } });
    expect(onB.statusCode).toBe(200);
    expect(JSON.parse(onB.body)).toMatchObject({ Status: '1', DataCount: 1 });

    const revoked = await b.inject({ method: 'POST', url: '/ndxp/revoke', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
    expect(revoked.statusCode).toBe(200);
    const onA = await a.inject({ method: 'GET', url: `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${msdn}`, headers: { authorization: `Bearer ${token}` } });
    expect(onA.statusCode).toBe(401);
  });

  it('keeps a DVCQG session made on A valid on B, until the shared clock expires it', async () => {
    const madonvi = '000.00.01.H22';
    expect((await json(a, 'POST', '/_lienthong/dvcqg/accounts', { username: 'mc-shared', password: 'mat-khau-1', madonvi })).status).toBe(201);
    const login = await json(a, 'POST', '/dvcqg/login', { username: 'mc-shared', password: 'mat-khau-1' });
    expect(login.body.error_code).toBe(0);
    const session = login.body.session as string;
    const onB = await json(b, 'POST', '/dvcqg/service', { session, madonvi, service: 'LayDanhMucCoQuan' });
    expect(onB.body.error_code).toBe(0);
    await json(a, 'POST', '/_lienthong/clock', { advance: 'PT2H' });
    const expired = await json(b, 'POST', '/dvcqg/service', { session, madonvi, service: 'LayDanhMucCoQuan' });
    expect(expired.body.code).toBe('DVCQG_SESSION_EXPIRED');
  });

  it('writes the evidence of both processes into one intact hash chain, and streams A\'s exchanges to B\'s listeners', async () => {
    const heardOnB: EvidenceEvent[] = [];
    const stop = b.lienthong.evidence.subscribe((e) => heardOnB.push(e));
    try {
      // Both processes append at once: the chain must stay linear.
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => json(i % 2 === 0 ? a : b, 'POST', '/_lienthong/clock', { advance: 'PT1S' })),
      );
      await a.lienthong.evidence.flush();
      await b.lienthong.evidence.flush();
      for (const app of [a, b]) expect((await json(app, 'GET', '/_lienthong/events/verify')).body).toEqual({ intact: true, brokenAt: null });
      const all = (await json(b, 'GET', '/_lienthong/events?limit=1000')).body.events as EvidenceEvent[];
      const seqs = all.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
      const clockMoves = all.filter((e) => e.operation === 'POST /_lienthong/clock' && e.requestBody?.includes('PT1S'));
      expect(clockMoves).toHaveLength(30);
      // B's listener heard all 30, including the 15 made through A, in seq order.
      await expect.poll(() => heardOnB.filter((e) => e.requestBody?.includes('PT1S')).length, { timeout: 5000 }).toBe(30);
      const heardSeqs = heardOnB.map((e) => e.seq);
      expect(heardSeqs).toEqual([...heardSeqs].sort((x, y) => x - y));
    } finally {
      stop();
    }
  });

  it('resets the sandbox for both: B sees the mailbox emptied and the evidence log restarted by A\'s reset', async () => {
    const recipient = clients('sys.recipient', recipientSecret);
    expect((await recipient.onB.getReceivedEdocList('edoc')).json.data.length).toBeGreaterThan(0);
    await b.lienthong.evidence.flush();
    const heardOnB: EvidenceEvent[] = [];
    const stop = b.lienthong.evidence.subscribe((e) => heardOnB.push(e));
    const r = await json(a, 'POST', '/_lienthong/reset', { keepSystems: true });
    expect(r.status).toBe(200);
    // B's live feed follows the log across the reset: the next exchanges arrive, numbered from 1 again.
    await json(a, 'POST', '/_lienthong/clock', { advance: 'PT1S' });
    await expect.poll(() => heardOnB.length, { timeout: 5000 }).toBe(2);
    stop();
    expect(heardOnB.map((e) => e.seq)).toEqual([1, 2]);
    expect(heardOnB.map((e) => e.operation).sort()).toEqual(['POST /_lienthong/clock', 'POST /_lienthong/reset']);
    // Systems were kept: the recipient still authenticates on B, and finds its mailbox empty.
    const after = await recipient.onB.getReceivedEdocList('edoc');
    expect(after.json).toMatchObject({ status: 'OK', data: [] });
    const events = (await json(b, 'GET', '/_lienthong/events')).body;
    // The reset itself (logged after its reply), the clock move and the list call above, numbered from 1 again.
    expect(events.events.map((e: EvidenceEvent) => e.seq)).toEqual([1, 2, 3]);
    expect((await json(b, 'GET', '/_lienthong/events/verify')).body.intact).toBe(true);
  });
});
