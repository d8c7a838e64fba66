/**
 * Shared set-up for the DVCQG HTTP tests: an in-process app on the virtual clock, one-stop accounts, and a
 * client that speaks §A1 (login, then {session, madonvi, service, …}). Dossier objects follow §A3.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BuildAppOptions } from '../../../emulator/app.js';
import { makeApp, type App } from '../../vdxp/support/fixtures.js';

export { makeApp, TEST_INSTANT, type App } from '../../vdxp/support/fixtures.js';

export interface Reply {
  status: number;
  body: Record<string, any>;
}

export async function post(app: App, url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await app.inject({ method: 'POST', url, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Record<string, any>) : {} };
}

export async function get(app: App, url: string): Promise<Reply> {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, any> };
}

export interface OneStop {
  madonvi: string;
  username: string;
  password: string;
  session: string;
  /** Calls a service with this account's session and agency. */
  call(service: string, params?: Record<string, unknown>): Promise<Reply>;
  /** Logs in again (a new session), as a client does when its session expired. */
  login(): Promise<void>;
}

/** Creates a one-stop account through the control plane and logs it in. */
export async function oneStop(app: App, madonvi = '000.00.01.H22', extra: Record<string, unknown> = {}): Promise<OneStop> {
  const username = `mc-${madonvi}`;
  const password = 'mat-khau-1';
  const created = await post(app, '/_lienthong/dvcqg/accounts', { username, password, madonvi, ...extra });
  if (created.status !== 201) throw new Error(`account: ${JSON.stringify(created.body)}`);
  const one: OneStop = {
    madonvi,
    username,
    password,
    session: '',
    call: (service, params = {}) => post(app, '/dvcqg/service', { session: one.session, madonvi, service, ...params }),
    async login() {
      const r = await post(app, '/dvcqg/login', { username, password });
      if (r.body.error_code !== 0) throw new Error(`login: ${JSON.stringify(r.body)}`);
      one.session = String(r.body.session);
    },
  };
  await one.login();
  return one;
}

export async function portalApp(opts: BuildAppOptions = {}): Promise<App> {
  return makeApp(opts);
}

/** A national procedure of the catalogue, for dossiers that must pass the MaTTHC check. */
export async function someProcedure(s: OneStop): Promise<{ MaTTHC: string; TenTTHC: string; MaLinhVuc: string; TenLinhVuc: string }> {
  const r = await s.call('LayDanhSachTTHC', { pageSize: 1 });
  const p = r.body.result[0];
  return { MaTTHC: p.MATTHC, TenTTHC: p.TENTTHC, MaLinhVuc: p.MALINHVUC, TenLinhVuc: p.TENLINHVUC };
}

/** A §A3 dossier with every required field; `over` replaces or adds fields. */
export function dossier(madonvi: string, proc: { MaTTHC: string; TenTTHC: string; MaLinhVuc: string; TenLinhVuc: string }, seq: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: `${madonvi}-261124-${String(seq).padStart(4, '0')}`,
    ...proc,
    LoaiDoiTuong: '1',
    NgayTiepNhan: '20261124090000',
    NgayHenTra: '20261127170000',
    TrangThaiHoSo: '2',
    HinhThuc: '0',
    DonViXuLy: 'UBND huyện thử nghiệm',
    ChuHoSo: 'Nguyễn Văn An',
    TaiLieuNop: [{ TepDinhKemId: '1', TenTepDinhKem: 'to-khai.pdf', IsDeleted: 'False', MaThanhPhanHoSo: 'TP1', DuongDanTaiTepTin: 'http://mc.example/f/1' }],
    DanhSachGiayToKetQua: [],
    DanhSachLePhi: [],
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: [],
    ...over,
  };
}

export function progress(maHoSo: string, trangThai: string, at: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { MaHoSo: maHoSo, NguoiXuLy: 'Trần Thị Bình', ChucDanh: 'Chuyên viên', ThoiDiemXuLy: at, PhongBanXuLy: 'Bộ phận một cửa', NoiDungXuLy: `Chuyển bước - trạng thái ${trangThai}`, TrangThai: trangThai, ...over };
}

/** A one-stop system's own HTTP server, answering the portal's calls with `handler`. */
export async function fakeOneStop(handler: (path: string, body: any) => { status?: number; body: unknown }): Promise<{ url: string; calls: Array<{ path: string; body: any }>; close(): Promise<void> }> {
  const calls: Array<{ path: string; body: any }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = data ? JSON.parse(data) : undefined;
      calls.push({ path: req.url ?? '', body });
      const out = handler(req.url ?? '', body);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
