/**
 * Set-up for the payment tests: an in-process emulator, a tiny agency (one-stop system) listening on
 * 127.0.0.1:0 to receive callbacks, and messages built as S1 (VietOpenCPS pay-gate-integration) builds them.
 * Checksums are computed here with node:crypto, independently of the emulator's own code.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../../emulator/app.js';
import { virtualClock } from '../../../emulator/core/clock.js';
import { platformTestStore } from '../../store/pg.js';

export type App = Awaited<ReturnType<typeof buildApp>>;

/** 10:00 in Vietnam on 2026-11-24. */
export const TEST_INSTANT = '2026-11-24T03:00:00.000Z';
export const AGENCY = '000.00.00.H30';
export const MA_HO_SO = '000.00.14.H30-261124-0001';

export async function makeApp(opts: BuildAppOptions = {}): Promise<App> {
  // LIENTHONG_TEST_STORE=postgres runs the suite over PostgreSQL, a fresh schema per app (test/store/pg.ts).
  const store = opts.store ?? (opts.data === undefined ? await platformTestStore('payment') : undefined);
  return buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)), ...opts, ...(store ? { store } : {}) });
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const post = (app: App, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload as object, headers });
export const get = (app: App, url: string) => app.inject({ method: 'GET', url });

// ------------------------------------------------------------------ the agency

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  text: string;
  json: Record<string, string>;
}

/** What the agency answers: a status and a JSON body, or `hang` (never answers). */
export type Answer = { status: number; body: unknown } | 'hang';

export interface Agency {
  base: string;
  url: (path?: string) => string;
  received: Received[];
  /** Answers in turn; the last one repeats. */
  answers: Answer[];
  close(): Promise<void>;
}

export async function startAgency(answers: Answer[] = [{ status: 200, body: { MaLoi: '00', MoTaLoi: 'Thành công' } }]): Promise<Agency> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const agency: Agency = {
    base: '',
    url: (path = '/o/pgi/ppdvcqg/dpnhankqthanhtoanhs') => `${agency.base}${path}`,
    received,
    answers,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, string> = {};
      try {
        json = JSON.parse(text) as Record<string, string>;
      } catch {
        json = {};
      }
      received.push({ path: req.url ?? '', headers: req.headers, text, json });
      const answer = agency.answers[Math.min(received.length - 1, agency.answers.length - 1)] ?? { status: 200, body: {} };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agency.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return agency;
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

// ------------------------------------------------------------------ PP DVCQG messages

export interface PpPartner {
  maDoiTac: string;
  hashKey: string;
}

export async function ppPartner(app: App, agency: Agency | null, extra: Record<string, unknown> = {}): Promise<PpPartner> {
  const res = await post(app, '/_lienthong/dvcqg/payment/partners', {
    maDoiTac: 'DVC-H30',
    hashKey: 'hash-key-of-h30-0123',
    agency: AGENCY,
    ...(agency ? { callbackUrl: agency.url() } : {}),
    ...extra,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  const body = res.json() as { maDoiTac: string; hashKey: string };
  return { maDoiTac: body.maDoiTac, hashKey: body.hashKey };
}

export const INIT_ORDER = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'];
export const CALLBACK_ORDER = ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich'];
export const QUERY_ORDER = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'];

export function signPp(body: Record<string, unknown>, order: string[], hashKey: string): string {
  return sha256([...order.map((k) => (body[k] === undefined ? '' : String(body[k]))), hashKey].join('|'));
}

/** A procedure-fee init (MaDichVu 2) shaped like S1's createPaymentPlatformInitTransactionPostParam. */
export function initBody(p: PpPartner, over: Record<string, unknown> = {}, receipt: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    LoaiBanTin: 'INIT',
    PhienBan: '1.0',
    MaDoiTac: p.maDoiTac,
    MaThamChieu: 'PF1001_a1b2c3d4',
    SoTien: '150000',
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: '1',
    MaThietBi: '1',
    NgonNgu: 'vi',
    MaTienTe: 'VND',
    MaNganHang: '',
    ThongTinGiaoDich: 'Thanh toan le phi ho so',
    ThoiGianGD: '20261124100000',
    Ip: '10.0.0.7',
    ThongTinBienLai: {
      MaDichVu: 2,
      MaDonVi: AGENCY,
      TenDonVi: 'UBND tỉnh Hậu Giang',
      MaHoSo: MA_HO_SO,
      MaDVC: '1.004227.000.00.00.H30',
      TenDVC: 'Cấp giấy phép lái xe',
      MaTTHC: '1.004227',
      TenTTHC: 'Cấp giấy phép lái xe',
      TKThuHuong: '3511',
      MaNHThuHuong: 'KBNN',
      TenTKThuHuong: 'Kho bạc Nhà nước Hậu Giang',
      PhiLePhi: [
        { LoaiPhiLePhi: '1', MaPhiLePhi: '2', TenPhiLePhi: 'Phí thẩm định', SoTien: 100000 },
        { LoaiPhiLePhi: '2', MaPhiLePhi: '2', TenPhiLePhi: 'Lệ phí cấp giấy', SoTien: 50000 },
      ],
      MaLoaiHinhThuPhat: '',
      TenLoaiHinhThuPhat: '',
      KhoBac: '',
      NgayQD: '',
      SoQD: '',
      ThoiGianViPham: '',
      DiaDiemViPham: '',
      TenNguoiViPham: '',
      NoiDungThanhToan: 'Lệ phí cấp giấy phép lái xe',
      HoTenNguoiNop: 'Nguyễn Văn An',
      SoCMNDNguoiNop: '093201000123',
      DiaChiNguoiNop: '12 Trần Hưng Đạo, Vị Thanh',
      MaCoQuanQD: '',
      TenCoQuanQD: '',
      DSKhoanNop: [{ NoiDung: 'Lệ phí cấp giấy phép lái xe', SoTien: '150000' }],
      HuyenNguoiNop: 'Vị Thanh',
      TinhNguoiNop: 'Hậu Giang',
      TaiKhoanThuNSNN: '',
      ...receipt,
    },
    ...over,
  };
  body.MaXacThuc = signPp(body, INIT_ORDER, p.hashKey);
  return body;
}

export function queryBody(p: PpPartner, kind: 'RECEIPT' | 'BILL', maThamChieu: string, thoiGianGD: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { LoaiBanTin: kind, PhienBan: '1.0', MaDoiTac: p.maDoiTac, MaThamChieu: maThamChieu, ThoiGianGD: thoiGianGD, ...over };
  body.MaXacThuc = signPp(body, QUERY_ORDER, p.hashKey);
  return body;
}

/** The page reference is the last segment of UrlThanhToan / data.url. */
export function refOf(paymentUrl: string): string {
  return new URL(paymentUrl).pathname.split('/').at(-1) as string;
}

export async function init(app: App, p: PpPartner, over: Record<string, unknown> = {}): Promise<{ ref: string; url: string; body: Record<string, unknown> }> {
  const body = initBody(p, over);
  const res = await post(app, '/dvcqg/payment/init', body);
  expect(res.statusCode, res.body).toBe(200);
  const reply = res.json() as { MaLoi: string; UrlThanhToan: string };
  expect(reply.MaLoi).toBe('00');
  return { ref: refOf(reply.UrlThanhToan), url: reply.UrlThanhToan, body };
}

export async function setDelivery(app: App, retrySchedule: (string | number)[], timeoutMs = 1000): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: '/_lienthong/dvcqg/payment/settings', payload: { retrySchedule, timeoutMs } });
  expect(res.statusCode, res.body).toBe(200);
}

export interface TxnView {
  ref: string;
  state: string;
  agency: string;
  maHoSo: string | null;
  amount: number;
  bankTransactionId: string | null;
  callback: null | {
    state: string;
    attempts: number;
    nextAttemptAt: string | null;
    lastError: string | null;
    history: { n: number; status: number; outcome: string; detail: string }[];
  };
  callbacks: unknown[];
}

export async function txn(app: App, ref: string): Promise<TxnView> {
  const res = await get(app, `/_lienthong/dvcqg/payment/transactions/${ref}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TxnView;
}

export async function complete(app: App, ref: string, outcome: 'paid' | 'failed' | 'cancelled', wait = true): Promise<TxnView & { returnTo: string | null }> {
  const res = await post(app, `/_lienthong/dvcqg/payment/transactions/${ref}/complete`, { outcome, wait });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TxnView & { returnTo: string | null };
}

// ------------------------------------------------------------------ PayGov messages

export interface PaygovPartner {
  partnerCode: string;
  accessKey: string;
  secretKey: string;
}

export const LGSP_HEADERS = { authorization: 'Bearer lgsp-token-abc', lgspaccesstoken: 'lgsp-access-xyz' };

export async function paygovPartner(app: App, agency: Agency | null, extra: Record<string, unknown> = {}): Promise<PaygovPartner> {
  const res = await post(app, '/_lienthong/dvcqg/payment/paygov-partners', {
    partnerCode: 'PAYGOV-HAUGIANG',
    accessKey: 'access-hg-01',
    secretKey: 'secret-of-hau-giang',
    agency: AGENCY,
    ...(agency ? { callbackUrl: agency.url('/o/pgi/paygov/dpnhankqthanhtoanhs') } : {}),
    ...extra,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as PaygovPartner;
}

/** A create body as S1 getUrlRedirectToPaygov builds it for the Hậu Giang partner (with checksum). */
export function paygovCreateBody(p: PaygovPartner, over: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    partnerCode: p.partnerCode,
    accessKey: p.accessKey,
    serviceCode: 'DVC',
    returnUrl: 'http://onestop.example/thanh-toan/ket-qua',
    orderId: `${AGENCY}-${MA_HO_SO}-01`,
    amount: '200000',
    orderInfo: 'Le phi cap giay phep',
    requestCode: '42171700000000001',
    ipAddress: '10.0.0.8',
    ...over,
  };
  if (!('checksum' in over)) {
    body.checksum = sha256(`${p.secretKey}${p.accessKey}${p.partnerCode}${String(body.orderId)}${String(body.requestCode)}${String(body.amount)}`);
  }
  return body;
}
