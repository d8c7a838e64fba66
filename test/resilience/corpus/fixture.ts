/**
 * The one app every bad-input case runs against, and the parties the cases need: connected VDXP systems
 * (lenient, strict, a recipient) with a delivered document, DVCQG one-stop accounts with sessions, payment
 * partners and a synced dossier, an NDXP consumer with a token. Credentials are fixed where the control plane
 * takes them, so the generated corpus is the same on every run; sessions and tokens are read back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../../../emulator/app.js';
import { virtualClock } from '../../../emulator/core/clock.js';
import { createTestCa, issueCertificate } from '../../../emulator/core/test-ca.js';
import { citizen } from '../../../emulator/core/world/index.js';
import { documentPackage } from '../../../emulator/platforms/vdxp/packages.js';
import { signEdxml } from '../../../emulator/platforms/vdxp/wire/signature.js';
import { hashFileHex, XroadHeaderSigner } from '../../../emulator/platforms/vdxp/wire/xroad-headers.js';
import type { Marker } from './xml-attacks.js';
import { dossier as portalDossier } from '../../dvcqg/support/portal.js';

export type App = Awaited<ReturnType<typeof buildApp>>;

/** 10:00 in Vietnam on 2026/11/24, the builder's PromulgationDate (as the VDXP tests). */
export const TEST_INSTANT = '2026-11-24T03:00:00.000Z';
/** The SDK's timestamp header for every signed call: fixed, so generated headers are byte-identical per run. */
export const SDK_TIMESTAMP = '24112026T100000+0000';
/** Small enough that oversize cases stay cheap, large enough for every real package in the corpus. */
export const MAX_BODY = 2 * 1024 * 1024;

export interface VdxpSystem {
  systemId: string;
  secret: string;
  agency: string;
  certificatePem: string;
  privateKeyPem: string;
}

export interface Fixture {
  app: App;
  vdxp: {
    lenient: VdxpSystem;
    recipient: VdxpSystem;
    strict: VdxpSystem;
    /** A second agency of the lenient system. */
    lenientOther: string;
    /** receiver DocId of a package delivered to the recipient (pending). */
    deliveredDocId: string;
    /** DocumentId of a document the strict system sent to the recipient. */
    strictDocumentId: string;
    /** An agency of the seeded directory that no system owns. */
    unowned: string;
    /** Key and certificate from a CA the emulator does not trust. */
    foreignKey: { certificatePem: string; privateKeyPem: string };
    /** A certificate that expired before the test clock's now (from the foreign CA). */
    expiredKey: { certificatePem: string; privateKeyPem: string };
  };
  dvcqg: {
    madonvi: string;
    session: string;
    strictMadonvi: string;
    strictSession: string;
    proc: { MaTTHC: string; TenTTHC: string; MaLinhVuc: string; TenLinhVuc: string };
    /** A dossier of the lenient agency already on the portal. */
    maHoSo: string;
    pp: { maDoiTac: string; hashKey: string };
    paygov: { partnerCode: string; accessKey: string; secretKey: string };
  };
  ndxp: {
    clientId: string;
    clientSecret: string;
    token: string;
    person: { SoDinhDanh: string; HoVaTen: string; NgayThangNamSinh: string };
  };
  marker: Marker & { content: string; hits: () => number };
  close(): Promise<void>;
}

async function inject(app: App, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({ method, url, payload: payload as never, headers });
  if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as any;
}

async function system(app: App, systemId: string, agency: string, mode?: 'strict'): Promise<VdxpSystem> {
  const secret = `corpus-secret-${systemId}`;
  const body = await inject(app, 'POST', '/_lienthong/vdxp/systems', { systemId, secret, agencies: [{ code: agency }], ...(mode ? { mode } : {}) });
  return { systemId, secret, agency, certificatePem: body.certificatePem, privateKeyPem: body.privateKeyPem };
}

/** Signed sendEdoc as the SDK sends it (the corpus's own builder is in vdxp-wire.ts; this one is for set-up). */
async function send(app: App, s: VdxpSystem, bytes: Buffer): Promise<string> {
  const signer = new XroadHeaderSigner({ systemId: s.systemId, secret: s.secret, timestamp: SDK_TIMESTAMP });
  const headers = signer.headersFor({ from: s.agency, servicetype: 'eDoc', messagetype: 'edoc', 'hash-file': hashFileHex(bytes) }, 'application/octet-stream');
  const res = await app.inject({ method: 'POST', url: '/vdxp/sendEdoc', headers: Object.fromEntries(headers), payload: Buffer.concat([bytes, Buffer.from('\r\n')]) });
  const json = res.json() as { status: string; DocId: string };
  if (json.status !== 'OK') throw new Error(`fixture sendEdoc: ${res.body}`);
  return json.DocId;
}

export async function setUpFixture(): Promise<Fixture> {
  const app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)), maxBodyBytes: MAX_BODY });

  // ---- the marker file and the loopback listener every XXE id points at ----
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-xxe-'));
  const content = `LIENTHONG-XXE-MARKER-${process.pid}-9f3c1e7a`;
  const file = join(dir, 'marker.txt');
  writeFileSync(file, `${content}\n`);
  let hits = 0;
  const listener: Server = createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(content);
    req.resume();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as AddressInfo).port;

  // ---- VDXP ----
  const lenient = await system(app, 'sys.corpus.a', '000.00.00.G22');
  await inject(app, 'POST', '/_lienthong/vdxp/systems/sys.corpus.a/agencies', { code: '000.00.00.G03' });
  const recipient = await system(app, 'sys.corpus.b', '000.00.00.H41');
  const strict = await system(app, 'sys.corpus.strict', '000.00.00.G06', 'strict');
  await send(app, lenient, documentPackage({ from: lenient.agency, to: [recipient.agency], number: '9001' }));
  const mailbox = await inject(app, 'GET', '/_lienthong/vdxp/systems/sys.corpus.b/mailbox');
  const deliveredDocId = mailbox.pending.edoc[0].docId as string;
  const strictDoc = documentPackage({ from: strict.agency, to: [recipient.agency], number: '9002' });
  await send(app, strict, Buffer.from(signEdxml(strictDoc.toString('utf8'), strict), 'utf8'));
  const agencies = await inject(app, 'GET', '/_lienthong/vdxp/agencies?level=1');
  const foreignCa = await createTestCa({ commonName: 'Foreign CA (not trusted)', now: new Date(TEST_INSTANT) });
  const foreignKey = await issueCertificate(foreignCa, { commonName: 'sys.corpus.strict', now: new Date(TEST_INSTANT) });
  const expiredKey = await issueCertificate(foreignCa, { commonName: 'expired', now: new Date('2020-01-01T00:00:00Z'), validityDays: 30 });
  const unowned = (agencies.agencies as Array<{ code: string; systemId: string | null }>).find((a) => !a.systemId && /^000\.00\.00\.G\d\d$/.test(a.code))!.code;

  // ---- DVCQG ----
  const account = async (username: string, madonvi: string, mode?: 'strict') => {
    const created = await inject(app, 'POST', '/_lienthong/dvcqg/accounts', { username, password: 'mat-khau-corpus', madonvi, ...(mode ? { mode } : {}) });
    const login = await inject(app, 'POST', '/dvcqg/login', JSON.stringify({ username, password: 'mat-khau-corpus' }), { 'content-type': 'application/json' });
    return { created, session: login.session as string };
  };
  const one = await account('mc-corpus', '000.00.01.H22');
  const two = await account('mc-corpus-strict', '000.00.02.H22', 'strict');
  const call = (session: string, madonvi: string, service: string, params: Record<string, unknown> = {}) =>
    inject(app, 'POST', '/dvcqg/service', JSON.stringify({ session, madonvi, service, ...params }), { 'content-type': 'application/json' });
  const list = await call(one.session, '000.00.01.H22', 'LayDanhSachTTHC', { pageSize: 1 });
  const p = list.result[0];
  const proc = { MaTTHC: p.MATTHC, TenTTHC: p.TENTTHC, MaLinhVuc: p.MALINHVUC, TenLinhVuc: p.TENLINHVUC };
  const maHoSo = '000.00.01.H22-261124-0001';
  await call(one.session, '000.00.01.H22', 'DongBoHoSoMC', { isUpdating: 'False', data: [dossier(maHoSo, proc)] });

  // ---- NDXP ----
  const consumer = await inject(app, 'POST', '/_lienthong/ndxp/consumers', { agency: '000.00.01.H22', clientId: 'corpus-consumer', clientSecret: 'corpus-consumer-secret', apis: ['apiCSDLDC', 'apiCSDLDKDN', 'dmdc'] });
  const basic = Buffer.from(`${consumer.clientId}:${consumer.clientSecret}`).toString('base64');
  const tok = await inject(app, 'POST', '/ndxp/token', 'grant_type=client_credentials', { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' });
  const c = citizen(app.lienthong.world, 7);

  return {
    app,
    vdxp: { lenient, recipient, strict, lenientOther: '000.00.00.G03', deliveredDocId, strictDocumentId: `${strict.agency},2026/11/24,9002/VPCP-TTĐT`, unowned, foreignKey, expiredKey },
    dvcqg: {
      madonvi: '000.00.01.H22',
      session: one.session,
      strictMadonvi: '000.00.02.H22',
      strictSession: two.session,
      proc,
      maHoSo,
      pp: { maDoiTac: one.created.payment.ppdvcqg.maDoiTac, hashKey: one.created.payment.ppdvcqg.hashKey },
      paygov: { partnerCode: one.created.payment.paygov.partnerCode, accessKey: one.created.payment.paygov.accessKey, secretKey: one.created.payment.paygov.secretKey },
    },
    ndxp: {
      clientId: consumer.clientId,
      clientSecret: consumer.clientSecret,
      token: tok.access_token,
      person: { SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau, NgayThangNamSinh: c.NgayThangNamSinh },
    },
    marker: { fileUrl: pathToFileURL(file).href, httpBase: `http://127.0.0.1:${port}`, content, hits: () => hits },
    async close() {
      await app.close();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A §A3 dossier with every required field: the portal tests' own builder, under the corpus's code. */
export function dossier(maHoSo: string, proc: Fixture['dvcqg']['proc'], over: Record<string, unknown> = {}): Record<string, unknown> {
  return portalDossier('', proc, 0, { MaHoSo: maHoSo, ...over });
}
