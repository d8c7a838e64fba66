/**
 * The authorisation matrix (docs/decisions/023): several agencies on each platform, and for every operation
 * that lists, reads, acknowledges/updates or deletes an item, every credential mix-up an attacker (agency B,
 * itself connected) can try against agency A's item: own valid credentials on A's item, an unknown systemId,
 * A's systemId with B's or a wrong secret, B's signed headers replayed and retargeted, A's own request
 * replayed later, no credentials, forged, expired and revoked tokens or sessions. Each cell must be refused
 * with the right code, or (for lists and counts, and the portal's TraCuuHoSo) answer without A's items; and
 * A's items must be untouched afterwards. The matrix is printed.
 *
 * Replays (specs/vdxp.md §3.2): the SDK signs one timestamp per service object and the real axis tolerates
 * stale ones, so a replayed header set is accepted as its signer; the matrix proves it cannot be retargeted
 * at another item or another agency, which is what "no agency reaches another's items" needs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import { citizen } from '../../emulator/core/world/index.js';
import { INIT_CHECKSUM_FIELDS, ppChecksumOf, QUERY_CHECKSUM_FIELDS } from '../../emulator/platforms/dvcqg/payment/wire.js';
import { documentPackage, statusPackage } from '../../emulator/platforms/vdxp/packages.js';
import { codeOf, Matrix } from './authz/matrix.js';
import { dossier, TEST_INSTANT, type App, type VdxpSystem } from './corpus/fixture.js';
import { headerObject, opRequest, sendRequest, signedHeaders, type WireHeaders } from './corpus/vdxp-wire.js';

const matrices: Matrix[] = [];
afterAll(() => {
  console.log(matrices.map((m) => m.render()).join('\n\n'));
});

async function newApp(): Promise<App> {
  return buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)) });
}

async function ok(app: App, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await app.inject({ method, url, payload: payload as never, headers });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : undefined;
}

/** A tiny loopback service: a one-stop system for the portal, or a publisher's upstream behind the gateway. */
async function listener(answer: (url: string, headers: Record<string, unknown>) => unknown): Promise<{ url: string; calls: Array<{ url: string; consumer: unknown }>; close(): Promise<void> }> {
  const calls: Array<{ url: string; consumer: unknown }> = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls.push({ url: req.url ?? '', consumer: req.headers['x-consumer-key'] });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(req.url ?? '', req.headers)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// ---------------------------------------------------------------------------------------------------------
// VDXP
// ---------------------------------------------------------------------------------------------------------

describe('authorisation matrix — VDXP', () => {
  const m = new Matrix('VDXP (attacker: system B; target: agency A\'s items)');
  matrices.push(m);
  let app: App;
  const sys = async (systemId: string, agency: string): Promise<VdxpSystem> => {
    const secret = `authz-${systemId}`;
    const b = await ok(app, 'POST', '/_lienthong/vdxp/systems', { systemId, secret, agencies: [{ code: agency }] });
    return { systemId, secret, agency, certificatePem: b.certificatePem, privateKeyPem: b.privateKeyPem };
  };
  let A: VdxpSystem;
  let B: VdxpSystem;
  const mailbox = async (s: VdxpSystem) => (await ok(app, 'GET', `/_lienthong/vdxp/systems/${s.systemId}/mailbox`)).pending as { edoc: any[]; status: any[] };
  const sent = async (s: VdxpSystem) => {
    const res = await app.inject(opRequest(s, 'getSentEdocList', { servicetype: 'eDoc', messagetype: 'edoc' }));
    return res.json().data as any[];
  };
  let item: { edocA: string; statusA: string; sentA: string; edocB: string; statusB: string; sentB: string };
  let before: { a: unknown; b: unknown; sentA: unknown };

  beforeAll(async () => {
    app = await newApp();
    A = await sys('sys.authz.a', '000.00.00.G22');
    B = await sys('sys.authz.b', '000.00.00.H41');
    await sys('sys.authz.c', '000.00.00.H29');
    const send = async (from: VdxpSystem, to: VdxpSystem, n: string) => {
      const res = await app.inject(sendRequest(from, documentPackage({ from: from.agency, to: [to.agency], number: n })));
      expect(res.json().status, res.body).toBe('OK');
      return res.json().DocId as string;
    };
    const status = async (from: VdxpSystem, to: VdxpSystem, n: string) => {
      const bytes = statusPackage({ from: from.agency, to: to.agency, documentId: `${to.agency},2026/11/24,${n}/VPCP-TTĐT`, code: '01' });
      const res = await app.inject(sendRequest(from, bytes, { messagetype: 'status' }));
      expect(res.json().status, res.body).toBe('OK');
    };
    const sentA = await send(A, B, '501');
    const sentB = await send(B, A, '502');
    await status(B, A, '501');
    await status(A, B, '502');
    const [ma, mb] = [await mailbox(A), await mailbox(B)];
    item = { edocA: ma.edoc[0].docId, statusA: ma.status[0].docId, sentA, edocB: mb.edoc[0].docId, statusB: mb.status[0].docId, sentB };
    before = { a: await mailbox(A), b: await mailbox(B), sentA: await sent(A) };
  });
  afterAll(async () => app?.close());

  interface Op {
    name: string;
    op: string;
    method?: 'GET' | 'POST';
    /** Parameters aimed at A's item, and the same call on B's own item (what B could have been seen sending). */
    atA: () => Record<string, string>;
    ownB: () => Record<string, string>;
    /** A list or count answers 200 with the caller's own items: the cell then checks A's are absent. */
    kind: 'item' | 'list' | 'count' | 'mutation';
    /** The id of A's that must never appear in B's answer. */
    secret?: () => string;
  }
  const list = { servicetype: 'eDoc', messagetype: 'edoc' };
  const OPS: Op[] = [
    { name: 'getReceivedEdocList (edoc)', op: 'getReceivedEdocList', atA: () => list, ownB: () => list, kind: 'list', secret: () => item.edocA },
    { name: 'getReceivedEdocList (status)', op: 'getReceivedEdocList', atA: () => ({ ...list, messagetype: 'status' }), ownB: () => ({ ...list, messagetype: 'status' }), kind: 'list', secret: () => item.statusA },
    { name: 'countReceiveEdoc', op: 'countReceiveEdoc', atA: () => ({}), ownB: () => ({}), kind: 'count' },
    { name: 'getEdoc (delivered to A)', op: 'getEdoc', atA: () => ({ docId: item.edocA }), ownB: () => ({ docId: item.edocB }), kind: 'item' },
    { name: 'downloadEdoc (delivered to A)', op: 'downloadEdoc', method: 'GET', atA: () => ({ docId: item.edocA }), ownB: () => ({ docId: item.edocB }), kind: 'item' },
    { name: 'getEdoc (A\'s status item)', op: 'getEdoc', atA: () => ({ docId: item.statusA }), ownB: () => ({ docId: item.statusB }), kind: 'item' },
    { name: 'getEdoc (A\'s sent copy)', op: 'getEdoc', atA: () => ({ docId: item.sentA }), ownB: () => ({ docId: item.sentB }), kind: 'item' },
    { name: 'updateStatus done (ack A\'s item)', op: 'updateStatus', atA: () => ({ docId: item.edocA, status: 'done' }), ownB: () => ({ docId: item.edocB, status: 'done' }), kind: 'mutation' },
    { name: 'updateStatus fail (A\'s status item)', op: 'updateStatus', atA: () => ({ docId: item.statusA, status: 'fail' }), ownB: () => ({ docId: item.statusB, status: 'fail' }), kind: 'mutation' },
    { name: 'getSentEdocList (docId of A\'s)', op: 'getSentEdocList', atA: () => ({ ...list, docId: item.sentA }), ownB: () => ({ ...list, docId: item.sentB }), kind: 'list', secret: () => item.sentA },
    { name: 'deleteAgency (A\'s agency)', op: 'deleteAgency', atA: () => ({ AgencyCode: A.agency }), ownB: () => ({ AgencyCode: B.agency }), kind: 'mutation' },
  ];

  const swap = (h: WireHeaders, from: Record<string, string>, to: Record<string, string>): WireHeaders =>
    h.map(([k, v]) => {
      const name = Object.keys(from).find((p) => k.toLowerCase() === `xroadvnpt-${p.toLowerCase()}`);
      return name && to[name] !== undefined ? [k, to[name]!] : [k, v];
    });
  const editSignHeader = (h: WireHeaders, from: Record<string, string>, to: Record<string, string>): WireHeaders =>
    h.map(([k, v]) => {
      if (k !== 'XroadVnpt-sign-header') return [k, v];
      let out = v;
      for (const p of Object.keys(from)) if (to[p] !== undefined) out = out.split(JSON.stringify(from[p])).join(JSON.stringify(to[p]));
      return [k, out];
    });

  type Mixup = { name: string; headers: (op: Op) => WireHeaders | null };
  const MIXUPS: Mixup[] = [
    { name: 'own creds, A\'s item', headers: (op) => signedHeaders(B, op.atA()) },
    { name: 'unknown systemId', headers: (op) => signedHeaders({ systemId: 'sys.authz.nobody', secret: B.secret }, op.atA()) },
    { name: 'A\'s systemId + own secret', headers: (op) => signedHeaders({ systemId: A.systemId, secret: B.secret }, op.atA()) },
    { name: 'A\'s systemId + wrong secret', headers: (op) => signedHeaders({ systemId: A.systemId, secret: 'not-the-secret' }, op.atA()) },
    // B's captured header set for the same call on B's own item, the parameter header pointed at A's.
    { name: 'B\'s replay, param swapped', headers: (op) => swap(signedHeaders(B, op.ownB()), op.ownB(), op.atA()) },
    // …with the sign-header edited too, the captured HMAC kept.
    { name: 'B\'s replay, sign-header edited', headers: (op) => editSignHeader(swap(signedHeaders(B, op.ownB()), op.ownB(), op.atA()), op.ownB(), op.atA()) },
    // B's captured list call (no docId signed) plus an unsigned header naming A's item.
    {
      name: 'B\'s replay + unsigned param',
      headers: (op) => [...signedHeaders(B, list), ...Object.entries(op.atA()).filter(([k]) => !(k in list)).map(([k, v]): [string, string] => [`XroadVnpt-${k}`, v])],
    },
    { name: 'no credentials', headers: () => [['Content-Type', 'application/json']] },
  ];

  /** The right answer per cell: an error code, or OK when a list or count answers with B's own items. */
  const expected = (op: Op, mix: string): string => {
    const item = op.kind === 'item' || op.kind === 'mutation';
    const signsTarget = op.name.startsWith('getSentEdocList');
    switch (mix) {
      case 'own creds, A\'s item': return op.op === 'deleteAgency' ? 'VDXP_AGENCY_NOT_OWNED' : item ? 'VDXP_DOC_NOT_FOUND' : 'OK';
      case 'unknown systemId': return 'VDXP_AUTH_UNKNOWN_SYSTEM';
      case 'no credentials': return 'VDXP_AUTH_MISSING_HEADER';
      case 'B\'s replay, param swapped': return item || signsTarget ? 'VDXP_AUTH_HEADER_MISMATCH' : 'OK';
      case 'B\'s replay, sign-header edited': return item || signsTarget ? 'VDXP_AUTH_HASH_MISMATCH' : 'OK';
      case 'B\'s replay + unsigned param': return item ? 'VDXP_MISSING_PARAMETER' : 'OK';
      default: return 'VDXP_AUTH_HASH_MISMATCH';
    }
  };

  it('refuses every mix-up on A\'s items, and lists and counts show B only its own', async () => {
    const violations: string[] = [];
    for (const op of OPS) {
      for (const mix of MIXUPS) {
        const headers = mix.headers(op);
        if (!headers) continue;
        const res = await app.inject({ method: op.method ?? 'POST', url: `/vdxp/${op.op}`, headers: headerObject(headers), ...(op.method === 'GET' ? {} : { payload: '{}' }) });
        const code = codeOf(res.body);
        const want = expected(op, mix.name);
        if (res.statusCode >= 400) {
          m.record(op.name, mix.name, code ?? `HTTP ${res.statusCode}`);
          if (code !== want) violations.push(`${op.name} × ${mix.name}: ${code ?? res.statusCode}, expected ${want} — ${res.body.slice(0, 200)}`);
          continue;
        }
        if (want !== 'OK') violations.push(`${op.name} × ${mix.name}: HTTP ${res.statusCode}, expected ${want}`);
        // A 200 is only acceptable for a list or count answered with B's own items.
        const secret = op.secret?.();
        if (op.kind === 'list' && secret && !res.body.includes(secret)) m.record(op.name, mix.name, 'OK: B\'s own items, not A\'s');
        else if (op.kind === 'count' && res.json().count === (await mailbox(B)).edoc.length) m.record(op.name, mix.name, 'OK: B\'s own count');
        else {
          m.record(op.name, mix.name, `LEAK: ${res.statusCode}`);
          violations.push(`${op.name} × ${mix.name}: accepted — ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('replays A\'s own captured request a day later: accepted as A (no replay window on the axis, §3.2), A\'s item only', async () => {
    const captured = OPS.filter((op) => op.kind !== 'mutation').map((op) => ({ op, headers: signedHeaders(A, op.atA()) }));
    await ok(app, 'POST', '/_lienthong/clock', { advance: 'PT24H' });
    for (const { op, headers } of captured) {
      const res = await app.inject({ method: op.method ?? 'POST', url: `/vdxp/${op.op}`, headers: headerObject(headers), ...(op.method === 'GET' ? {} : { payload: '{}' }) });
      expect(res.statusCode, res.body).toBe(200);
      m.record(op.name, 'A\'s own request replayed +24 h', 'OK: A\'s own item (as signed)');
    }
    for (const op of OPS.filter((o) => o.kind === 'mutation')) m.record(op.name, 'A\'s own request replayed +24 h', 'not run (would act on A\'s own item)');
    for (const op of OPS) {
      m.record(op.name, 'expired token', 'n/a: no token; the HMAC has no expiry (§3.2)');
      m.record(op.name, 'revoked credentials', 'n/a: no secret rotation on the axis');
    }
  });

  it('leaves A\'s items untouched: still pending for A, acknowledgements and agency unchanged', async () => {
    expect(await mailbox(A)).toEqual(before.a);
    expect(await mailbox(B)).toEqual(before.b);
    expect(await sent(A)).toEqual(before.sentA);
    const agencies = await ok(app, 'GET', '/_lienthong/vdxp/agencies?q=000.00.00.G22');
    expect(agencies.agencies.find((a: { code: string }) => a.code === A.agency)).toMatchObject({ systemId: A.systemId, deleted: false });
    // Every status item of A still pending, the edoc too: nothing B sent acknowledged them.
    const pending = await mailbox(A);
    expect(pending.edoc.map((d: { docId: string; status: string }) => [d.docId, d.status])).toEqual([[item.edocA, 'pending']]);
    expect(pending.status.map((d: { docId: string; status: string }) => [d.docId, d.status])).toEqual([[item.statusA, 'pending']]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// DVCQG
// ---------------------------------------------------------------------------------------------------------

describe('authorisation matrix — DVCQG', () => {
  const m = new Matrix('DVCQG (attacker: account B; target: agency A\'s dossiers and payments)');
  matrices.push(m);
  let app: App;
  let oneStop: Awaited<ReturnType<typeof listener>>;
  const A = { username: 'mc-authz-a', madonvi: '000.00.01.H22', session: '', pp: { maDoiTac: '', hashKey: '' } };
  const B = { username: 'mc-authz-b', madonvi: '000.00.02.H22', session: '', pp: { maDoiTac: '', hashKey: '' } };
  let proc: { MaTTHC: string; TenTTHC: string; MaLinhVuc: string; TenLinhVuc: string };
  const dA = '000.00.01.H22-261124-0001';
  let pushedA = '';
  let refA = '';
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const inspect = async (maHoSo: string) => {
    const d = await ok(app, 'GET', `/_lienthong/dvcqg/dossiers/${encodeURIComponent(maHoSo)}`);
    return { status: d.TrangThaiHoSo, version: d.version, history: d.history.length, madonvi: d.madonvi };
  };
  let before: Record<string, unknown>;

  beforeAll(async () => {
    app = await newApp();
    oneStop = await listener(() => ({ error_code: 0, message: 'OK' }));
    for (const who of [A, B]) {
      const created = await ok(app, 'POST', '/_lienthong/dvcqg/accounts', { username: who.username, password: 'pw-authz-1', madonvi: who.madonvi, endpoints: { submission: `${oneStop.url}/submit`, lookup: `${oneStop.url}/lookup` } });
      who.pp = { maDoiTac: created.payment.ppdvcqg.maDoiTac, hashKey: created.payment.ppdvcqg.hashKey };
      who.session = (await post('/dvcqg/login', { username: who.username, password: 'pw-authz-1' })).json().session;
    }
    const p = (await post('/dvcqg/service', { session: A.session, madonvi: A.madonvi, service: 'LayDanhSachTTHC', pageSize: 1 })).json().result[0];
    proc = { MaTTHC: p.MATTHC, TenTTHC: p.TENTTHC, MaLinhVuc: p.MALINHVUC, TenLinhVuc: p.TENLINHVUC };
    expect((await post('/dvcqg/service', { session: A.session, madonvi: A.madonvi, service: 'DongBoHoSoMC', isUpdating: 'False', data: [dossier(dA, proc)] })).json().error_code).toBe(0);
    const sub = await ok(app, 'POST', '/_lienthong/dvcqg/submissions', { madonvi: A.madonvi, maTTHC: proc.MaTTHC, applicant: citizen(app.lienthong.world, 3).SoDinhDanh });
    pushedA = sub.maHoSo;
    const init: Record<string, unknown> = { LoaiBanTin: 'INIT', PhienBan: '1.0', MaDoiTac: A.pp.maDoiTac, MaThamChieu: 'AUTHZ-A-0001', SoTien: '50000', LoaiHinhThanhToan: 'PAY', MaKenhThanhToan: '1', MaThietBi: '1', NgonNgu: 'vi', MaTienTe: 'VND', MaNganHang: '', ThongTinGiaoDich: 'Le phi', ThoiGianGD: '20261124100000', Ip: '10.0.0.1' };
    init.MaXacThuc = ppChecksumOf(init, INIT_CHECKSUM_FIELDS, A.pp.hashKey);
    init.ThongTinBienLai = { MaDichVu: 2, MaDonVi: A.madonvi, TenDonVi: 'UBND', MaHoSo: dA, MaDVC: `${proc.MaTTHC}.000.00.01.H22`, TenDVC: proc.TenTTHC, MaTTHC: proc.MaTTHC, TenTTHC: proc.TenTTHC, TKThuHuong: '3511', MaNHThuHuong: 'KBNN', TenTKThuHuong: 'Kho bạc', PhiLePhi: [{ LoaiPhiLePhi: '2', MaPhiLePhi: '1', TenPhiLePhi: 'Lệ phí', SoTien: 50000 }] };
    const started = await post('/dvcqg/payment/init', init);
    expect(started.json().MaLoi, started.body).toBe('00');
    refA = 'AUTHZ-A-0001';
    before = { dA: await inspect(dA), pushedA: await inspect(pushedA), ratings: await ratingsOf(A.madonvi) };
  });
  afterAll(async () => {
    await app?.close();
    await oneStop?.close();
  });

  async function ratingsOf(madonvi: string): Promise<number> {
    const db = app.lienthong.store.db<{ dvcqg_ratings: { madonvi: string } }>();
    const rows = await db.selectFrom('dvcqg_ratings').selectAll().where('madonvi', '=', madonvi).execute();
    return rows.length;
  }
  const receipt = (maDoiTac: string, hashKey: string) => {
    const q: Record<string, unknown> = { LoaiBanTin: 'RECEIPT', PhienBan: '1.0', MaDoiTac: maDoiTac, MaThamChieu: refA, ThoiGianGD: '20261124110000' };
    q.MaXacThuc = ppChecksumOf(q, QUERY_CHECKSUM_FIELDS, hashKey);
    return q;
  };

  /** Each operation on A's item, as B would send it with a given session/madonvi/header. */
  const OPS: Array<{ name: string; body: () => Record<string, unknown> }> = [
    { name: 'TraCuuHoSo (read A\'s dossier)', body: () => ({ service: 'TraCuuHoSo', MaHoSo: dA }) },
    { name: 'DongBoHoSoMC (update A\'s dossier)', body: () => ({ service: 'DongBoHoSoMC', isUpdating: 'True', data: [dossier(dA, proc, { TrangThaiHoSo: '3', DonViXuLy: 'B was here' })] }) },
    { name: 'CapNhatTienDoHoSoMC (progress on A\'s)', body: () => ({ service: 'CapNhatTienDoHoSoMC', data: [{ MaHoSo: dA, NguoiXuLy: 'B', ThoiDiemXuLy: '20261124100000', NoiDungXuLy: 'x', TrangThai: '3' }] }) },
    { name: 'DongBoTrangThaiHoSo (A\'s pushed dossier)', body: () => ({ service: 'DongBoTrangThaiHoSo', type: '2', data: [{ MaHoSo: pushedA, NgayXuLy: '20261124100000', TrangThai: '4' }] }) },
    {
      name: 'DongBoDanhGia (ratings of A)',
      body: () => ({ service: 'DongBoDanhGia', data: [{ Madonvi: A.madonvi, NgayTongHop: '10-2026', TongSoNguoiDanhGia: 10, PhanTramDanhGiaRatHaiLong: '60%', PhanTramDanhGiaHaiLong: '30%', PhanTramDanhGiaChuaHaiLong: '10%', DanhSachNoiDungYKien: [], MaThuTuc: '', NoiDung: 'Mức độ hài lòng' }] }),
    },
  ];
  const MIXUPS: Array<{ name: string; envelope: () => { body: Record<string, unknown>; headers?: Record<string, string> } | null }> = [
    { name: 'own session, A\'s item', envelope: () => ({ body: { session: B.session, madonvi: B.madonvi } }) },
    { name: 'own session + madonvi A', envelope: () => ({ body: { session: B.session, madonvi: A.madonvi } }) },
    { name: 'own session + dstcode A', envelope: () => ({ body: { session: B.session }, headers: { dstcode: A.madonvi } }) },
    { name: 'forged session', envelope: () => ({ body: { session: `${A.session.slice(0, -2)}zz`, madonvi: A.madonvi } }) },
    { name: 'no session', envelope: () => ({ body: { madonvi: A.madonvi } }) },
  ];

  const expected = (op: (typeof OPS)[number], mix: string): string => {
    const service = op.body().service;
    switch (mix) {
      case 'own session, A\'s item': return service === 'TraCuuHoSo' ? 'OK' : service === 'DongBoDanhGia' ? 'DVCQG_AGENCY_MISMATCH' : 'DVCQG_DOSSIER_NOT_OWNER';
      case 'forged session': return 'DVCQG_SESSION_INVALID';
      case 'no session': return 'DVCQG_SESSION_MISSING';
      case 'expired session': return 'DVCQG_SESSION_EXPIRED';
      default: return 'DVCQG_AGENCY_MISMATCH';
    }
  };
  const cell = async (op: (typeof OPS)[number], name: string, body: Record<string, unknown>, headers: Record<string, string> = {}, violations: string[] = []) => {
    const res = await post('/dvcqg/service', { ...body, ...op.body() }, headers);
    const j = res.json();
    const want = expected(op, name);
    if (res.statusCode >= 400) {
      m.record(op.name, name, j.code);
      if (j.code !== want) violations.push(`${op.name} × ${name}: ${j.code}, expected ${want} — ${res.body.slice(0, 200)}`);
    } else if (want !== 'OK') {
      m.record(op.name, name, `LEAK: ${res.statusCode}`);
      violations.push(`${op.name} × ${name}: accepted, expected ${want} — ${res.body.slice(0, 200)}`);
    } else if (op.body().service === 'TraCuuHoSo' && Array.isArray(j.result) && j.result.length === 0) {
      // The portal answers another agency's MaHoSo as absent: nothing is disclosed.
      m.record(op.name, name, 'OK: [] (hidden, not disclosed)');
    } else {
      m.record(op.name, name, `LEAK: ${res.statusCode}`);
      violations.push(`${op.name} × ${name}: accepted — ${res.body.slice(0, 200)}`);
    }
  };

  it('refuses every mix-up on A\'s dossiers, pushed dossiers and ratings', async () => {
    const violations: string[] = [];
    for (const op of OPS) {
      for (const mix of MIXUPS) {
        const env = mix.envelope();
        if (env) await cell(op, mix.name, env.body, env.headers, violations);
      }
      // B logging in as A: A's username with B's password (the only secret B holds).
      const login = await post('/dvcqg/login', { username: A.username, password: 'pw-authz-1-b' });
      m.record(op.name, 'A\'s username + wrong password', `${login.json().code} (no session)`);
      expect(login.json().code).toBe('DVCQG_LOGIN_FAILED');
      m.record(op.name, 'revoked session', 'n/a: §A1 has no logout or revocation');
    }
    expect(violations).toEqual([]);
  });

  it('keeps A\'s payment from another partner: B\'s credentials, or A\'s partner code with B\'s key', async () => {
    const name = 'PP receipt (A\'s transaction)';
    const own = await post('/dvcqg/payment/receipt', receipt(B.pp.maDoiTac, B.pp.hashKey));
    m.record(name, 'own session, A\'s item', own.json().code);
    expect(own.json().code).toBe('DVCQG_PAY_UNKNOWN_REF');
    const claim = await post('/dvcqg/payment/receipt', receipt(A.pp.maDoiTac, B.pp.hashKey));
    m.record(name, 'own session + madonvi A', `${claim.json().code} (A's MaDoiTac, B's hash_key)`);
    expect(claim.json().code).toBe('DVCQG_PAY_CHECKSUM');
    const forged = await post('/dvcqg/payment/receipt', receipt('DT-NOBODY', B.pp.hashKey));
    m.record(name, 'forged session', `${forged.json().code} (unknown MaDoiTac)`);
    expect(forged.json().code).toBe('DVCQG_PAY_UNKNOWN_PARTNER');
    const mine = await post('/dvcqg/payment/receipt', receipt(A.pp.maDoiTac, A.pp.hashKey));
    expect(mine.json().MaLoi, mine.body).toBe('00');
  });

  it('refuses an expired session (the emulator clock moved past its lifetime)', async () => {
    await ok(app, 'POST', '/_lienthong/clock', { advance: 'PT61M' });
    const violations: string[] = [];
    for (const op of OPS) await cell(op, 'expired session', { session: B.session, madonvi: B.madonvi }, {}, violations);
    expect(violations).toEqual([]);
    const res = await post('/dvcqg/service', { session: B.session, madonvi: B.madonvi, ...OPS[0]!.body() });
    expect(res.json().code).toBe('DVCQG_SESSION_EXPIRED');
  });

  it('leaves A\'s dossiers, pushed dossier and ratings untouched', async () => {
    expect({ dA: await inspect(dA), pushedA: await inspect(pushedA), ratings: await ratingsOf(A.madonvi) }).toEqual(before);
    // A's own session still works on A's dossier (after logging in again: the clock moved an hour).
    A.session = (await post('/dvcqg/login', { username: A.username, password: 'pw-authz-1' })).json().session;
    const mine = await post('/dvcqg/service', { session: A.session, madonvi: A.madonvi, service: 'TraCuuHoSo', MaHoSo: dA });
    expect(mine.json().result).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// NDXP
// ---------------------------------------------------------------------------------------------------------

describe('authorisation matrix — NDXP', () => {
  const m = new Matrix('NDXP (attacker: consumer B; target: consumer A\'s APIs, licence, quota and token)');
  matrices.push(m);
  let app: App;
  let upstream: Awaited<ReturnType<typeof listener>>;
  const A = { clientId: 'authz-consumer-a', clientSecret: 'secret-of-a-1234', agency: '000.00.01.H22', token: '' };
  const B = { clientId: 'authz-consumer-b', clientSecret: 'secret-of-b-5678', agency: '000.00.01.H29', token: '' };
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const lgsp = (id: string, secret: string) => Buffer.from(JSON.stringify({ AccessKey: id, SecretKey: secret, AppName: 'x' })).toString('base64');
  const token = async (id: string, secret: string) =>
    app.inject({ method: 'POST', url: '/ndxp/token', headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
  const person = () => citizen(app.lienthong.world, 11);
  const soap = (maDVC: string, maCanBo = '001090000123') => {
    const p = person();
    return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Body><dan:TraCuuThongTinCongDan><dan:MaYeuCau>R1</dan:MaYeuCau><dan:MaDVC>${maDVC}</dan:MaDVC><dan:MaTichHop>037</dan:MaTichHop><dan:MaCanBo>${maCanBo}</dan:MaCanBo><dan:SoDinhDanh>${p.SoDinhDanh}</dan:SoDinhDanh><dan:HoVaTen>${p.HoVaTenKhongDau}</dan:HoVaTen><dan:NgayThangNamSinh><dan:NgayThangNam>${p.NgayThangNamSinh}</dan:NgayThangNam></dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
  };
  const usageOf = async (clientId: string) => (await ok(app, 'GET', `/_lienthong/ndxp/usage?clientId=${clientId}`)).usage;
  let before: { usageA: unknown; upstreamCalls: number };

  beforeAll(async () => {
    app = await newApp();
    upstream = await listener((url, headers) => ({ consumer: headers['x-consumer-key'], records: [`record-of-${String(headers['x-consumer-key'])}`], url }));
    for (const c of [A, B]) {
      await ok(app, 'POST', '/_lienthong/ndxp/consumers', { clientId: c.clientId, clientSecret: c.clientSecret, agency: c.agency, apis: ['apiCSDLDC'], ...(c === A ? { quota: { limit: 100, period: 'P1D' } } : {}) });
      c.token = (await token(c.clientId, c.clientSecret)).json().access_token;
    }
    // A provider's API published for consumer A only (its upstream answers per consumer).
    await ok(app, 'POST', '/_lienthong/ndxp/apis', { context: 'hosoA', version: '1.0', upstream: upstream.url, provider: '000.00.00.H22', consumers: [A.clientId] });
    await ok(app, 'PUT', `/_lienthong/ndxp/population/licences/${A.clientId}`, { procedures: ['PROC-A'], officials: ['001090000123'] });
    await ok(app, 'PUT', `/_lienthong/ndxp/population/licences/${B.clientId}`, { procedures: ['PROC-B'], officials: ['001090000999'] });
    // A uses its API once, so its quota has a count B must not move.
    const mine = await app.inject({ method: 'GET', url: '/ndxp/hosoA/1.0/records', headers: { authorization: `Bearer ${A.token}` } });
    expect(mine.json().consumer).toBe(A.clientId);
    before = { usageA: await usageOf(A.clientId), upstreamCalls: upstream.calls.length };
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  type Call = { name: string; run: (auth: Record<string, string>) => Promise<{ statusCode: number; body: string }> };
  const CALLS: Call[] = [
    { name: 'provider API (A\'s records)', run: async (h) => app.inject({ method: 'GET', url: '/ndxp/hosoA/1.0/records', headers: h }) },
    { name: 'population lookup under A\'s licence (MaDVC)', run: async (h) => app.inject({ method: 'POST', url: '/ndxp/apiCSDLDC/1.0', headers: { ...h, 'content-type': 'text/xml', accept: 'application/json' }, payload: soap('PROC-A') }) },
    { name: 'population lookup as A\'s official (MaCanBo)', run: async (h) => app.inject({ method: 'POST', url: '/ndxp/apiCSDLDC/1.0', headers: { ...h, 'content-type': 'text/xml', accept: 'application/json' }, payload: soap('PROC-B', '001090000123') }) },
  ];
  const OWN: Record<string, string> = {
    'provider API (A\'s records)': 'NDXP_NOT_SUBSCRIBED',
    'population lookup under A\'s licence (MaDVC)': 'NDXP_POP_PROCEDURE_NOT_LICENSED',
    'population lookup as A\'s official (MaCanBo)': 'NDXP_POP_OFFICIAL_NOT_AUTHORISED',
  };
  const EXPECTED: Record<string, string> = {
    'forged token': 'NDXP_INVALID_CREDENTIALS',
    'no credentials': 'NDXP_MISSING_CREDENTIALS',
    'own token + A\'s lgspaccesstoken': 'NDXP_INVALID_CREDENTIALS',
    'revoked token': 'NDXP_INVALID_CREDENTIALS',
    'expired token': 'NDXP_TOKEN_EXPIRED',
  };
  const record = (call: string, mix: string, res: { statusCode: number; body: string }, violations: string[]) => {
    const code = codeOf(res.body);
    const want = mix === 'own token, A\'s item' ? OWN[call] : EXPECTED[mix];
    m.record(call, mix, res.statusCode < 400 ? `LEAK: ${res.statusCode}` : (code ?? `HTTP ${res.statusCode}`));
    if (res.statusCode < 400 || code !== want) violations.push(`${call} × ${mix}: ${res.statusCode} ${code}, expected ${want} — ${res.body.slice(0, 200)}`);
  };

  it('refuses every mix-up on A\'s API, licence and token', async () => {
    const violations: string[] = [];
    const revokedB = (await token(B.clientId, B.clientSecret)).json().access_token as string;
    for (const call of CALLS) {
      record(call.name, 'own token, A\'s item', await call.run({ authorization: `Bearer ${B.token}` }), violations);
      record(call.name, 'forged token', await call.run({ authorization: `Bearer ${A.token.slice(0, -4)}0000` }), violations);
      record(call.name, 'no credentials', await call.run({}), violations);
      record(call.name, 'own token + A\'s lgspaccesstoken', await call.run({ authorization: `Bearer ${B.token}`, lgspaccesstoken: lgsp(A.clientId, 'guess') }), violations);
    }
    // Tokens for A with anything but A's secret.
    for (const [mix, id, secret] of [['unknown client id', 'authz-nobody', B.clientSecret], ['A\'s client id + own secret', A.clientId, B.clientSecret], ['A\'s client id + wrong secret', A.clientId, 'wrong-secret-0']] as const) {
      const res = await token(id, secret);
      for (const call of CALLS) m.record(call.name, mix, `${codeOf(res.body)} (no token)`);
      if (codeOf(res.body) !== 'NDXP_TOKEN_INVALID_CLIENT') violations.push(`token × ${mix}: ${res.body}`);
    }
    // B revoking A's token with B's own credentials: RFC 7009 answers 200 and changes nothing.
    const revokeA = await app.inject({ method: 'POST', url: '/ndxp/revoke', headers: { authorization: basic(B.clientId, B.clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${A.token}` });
    expect(revokeA.statusCode).toBe(200);
    const stillA = await app.inject({ method: 'GET', url: '/ndxp/hosoA/1.0/records', headers: { authorization: `Bearer ${A.token}` } });
    expect(stillA.json().consumer, 'A\'s token survives B\'s revocation attempt').toBe(A.clientId);
    m.record('revoke A\'s token (POST /ndxp/revoke)', 'own token, A\'s item', '200 no-op (RFC 7009): A\'s token still valid');
    // A revoked token of B's, then used.
    await app.inject({ method: 'POST', url: '/ndxp/revoke', headers: { authorization: basic(B.clientId, B.clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${revokedB}` });
    for (const call of CALLS) record(call.name, 'revoked token', await call.run({ authorization: `Bearer ${revokedB}` }), violations);
    expect(violations).toEqual([]);
  });

  it('refuses an expired token (the emulator clock moved past its lifetime)', async () => {
    const violations: string[] = [];
    // B's earlier token was revoked above: a fresh one (the gateway hands out a new token once none is active).
    B.token = (await token(B.clientId, B.clientSecret)).json().access_token;
    await ok(app, 'POST', '/_lienthong/clock', { advance: 'PT2H' });
    for (const call of CALLS) record(call.name, 'expired token', await call.run({ authorization: `Bearer ${B.token}` }), violations);
    for (const call of CALLS) expect(codeOf((await call.run({ authorization: `Bearer ${A.token}` })).body)).toBe('NDXP_TOKEN_EXPIRED');
    expect(violations).toEqual([]);
  });

  it('leaves A\'s per-consumer data untouched: no call of B reached A\'s upstream, only A\'s own calls count against its quota', async () => {
    // A called its API twice (set-up, and after B's revocation attempt); nothing else reached the upstream.
    expect(before.upstreamCalls).toBe(1);
    expect(upstream.calls.map((c) => c.consumer)).toEqual([A.clientId, A.clientId]);
    const usage = (await usageOf(A.clientId)) as Array<{ api: string; kind: string; count: number }>;
    expect(usage.filter((u) => u.api === 'hosoA/1.0' && u.kind === 'quota').reduce((n, u) => n + u.count, 0)).toBe(2);
    expect(before.usageA).toEqual([expect.objectContaining({ clientId: A.clientId, api: 'hosoA/1.0', kind: 'quota', count: 1 })]);
    expect(await usageOf(B.clientId)).toEqual([]);
  });
});
