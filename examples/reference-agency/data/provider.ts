/**
 * The reference agency as a data provider: a small HTTP service (tra cứu tình trạng hồ sơ, the dossier
 * status of UBND tỉnh Quảng Ninh's one-stop office) that it publishes on the gateway. The gateway proxies
 * consumers' calls to it and names the caller in `X-Consumer-Key` / `X-Consumer-Agency` (decision 010 §6);
 * the service answers only such calls (a caller it cannot name did not come through the gateway: S4's
 * providers refuse them with AUTHEN_ERROR), records who asked for what, and answers in the registry
 * envelope clients already parse (`{Data, DataCount, Status, Message}`, §B4).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderBehaviour {
  /** Answers an unknown dossier with 200 text/plain instead of 404 JSON (ndxp-provider-bad-reply). */
  badReply: boolean;
  /** Records calls without the consumer the gateway named (ndxp-provider-no-audit). */
  noAudit: boolean;
  /** Serves calls that carry no X-Consumer-* headers (ndxp-provider-open). */
  open: boolean;
}

export interface AccessEntry {
  at: string;
  method: string;
  resource: string;
  status: number;
  consumerKey: string | null;
  consumerAgency: string | null;
}

interface Dossier {
  SoHoSo: string;
  TenThuTuc: string;
  ChuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThai: string;
  TenTrangThai: string;
}

/** Dossiers of the one-stop office (Bộ phận Một cửa), as the service's database would hold them. */
export const DOSSIERS: readonly Dossier[] = [
  { SoHoSo: 'H49.22-261120-0001', TenThuTuc: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', ChuHoSo: 'NGUYỄN VĂN AN', NgayTiepNhan: '20/11/2026', NgayHenTra: '04/12/2026', TrangThai: '2', TenTrangThai: 'Đang xử lý' },
  { SoHoSo: 'H49.22-261121-0002', TenThuTuc: 'Đăng ký thành lập hộ kinh doanh', ChuHoSo: 'TRẦN THỊ BÌNH', NgayTiepNhan: '21/11/2026', NgayHenTra: '26/11/2026', TrangThai: '4', TenTrangThai: 'Đã có kết quả' },
];

const JSON_TYPE = 'application/json; charset=utf-8';
const header = (req: IncomingMessage, name: string): string | null => {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : null;
};

export class DossierService {
  private server: Server | undefined;
  private readonly log: AccessEntry[] = [];
  /** Base URL of the service (what is published as the API's upstream), after start. */
  url = '';

  constructor(private readonly behaviour: ProviderBehaviour) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  entries(limit: number): AccessEntry[] {
    return this.log.slice(-limit);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // The body is not used (GET only), but is drained so keep-alive connections stay usable.
    req.resume();
    const url = new URL(req.url ?? '/', 'http://service');
    const consumerKey = header(req, 'x-consumer-key');
    const consumerAgency = header(req, 'x-consumer-agency');
    const send = (status: number, type: string, body: string) => {
      this.log.push({
        at: new Date().toISOString(),
        method: req.method ?? '',
        resource: `${url.pathname.replace(/^\/api/, '')}${url.search}`,
        status,
        consumerKey: this.behaviour.noAudit ? null : consumerKey,
        consumerAgency: this.behaviour.noAudit ? null : consumerAgency,
      });
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const envelope = (status: number, data: unknown, message: string, errorCode?: string) =>
      send(status, JSON_TYPE, JSON.stringify({ Data: data, DataCount: data ? 1 : 0, Status: data ? '1' : '0', Message: message, ...(errorCode ? { ErrorCode: errorCode } : {}) }));

    if (!this.behaviour.open && (!consumerKey || !consumerAgency)) {
      return envelope(401, null, 'AUTHEN_ERROR: the call did not come through the data-sharing gateway (no X-Consumer-Key / X-Consumer-Agency)', '100');
    }
    if (req.method !== 'GET' || url.pathname.replace(/\/+$/, '') !== '/api/hoSo') {
      return envelope(404, null, `no resource ${req.method} ${url.pathname.replace(/^\/api/, '')}; this service answers GET /hoSo?soHoSo=…`, 'RESOURCE_NOT_FOUND');
    }
    const soHoSo = url.searchParams.get('soHoSo')?.trim();
    if (!soHoSo) return envelope(400, null, 'soHoSo (số hồ sơ) is required', 'PARAM_MISSING');
    const found = DOSSIERS.find((d) => d.SoHoSo === soHoSo);
    if (found) return envelope(200, found, 'Success (thành công)');
    if (this.behaviour.badReply) return send(200, 'text/plain; charset=utf-8', `Khong tim thay ho so ${soHoSo}`);
    return envelope(404, null, `no dossier (hồ sơ) ${soHoSo}`, 'RECORD_NOT_FOUND');
  }
}
