import type { ValidationMode } from '../../core/context.js';
import type { Verdict } from '../../core/evidence.js';
import type { Account } from './accounts.js';
import { dvcqgError } from './errors.js';
import type { DvcqgService } from './service.js';

type Json = Record<string, unknown>;

export interface ServiceCall {
  account: Account;
  body: Json;
  mode: ValidationMode;
  query: Record<string, string | undefined>;
}

export interface ServiceOutput {
  verdicts?: Verdict[];
  [key: string]: unknown;
}

export type ServiceHandler = (svc: DvcqgService, call: ServiceCall) => Promise<ServiceOutput>;

function text(body: Json, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = body[n];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function positiveInt(body: Json, name: string, fallback: number, max: number): number {
  const v = body[name];
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw dvcqgError('DVCQG_BAD_PARAMETER', `${name} ${JSON.stringify(v)} must be an integer from 1 to ${max}`, { field: name, rule: `integer 1..${max}` });
  return n;
}

/** The services of §A2, by the value of `service`. */
export const SERVICES: Readonly<Record<string, ServiceHandler>> = {
  async DongBoHoSoMC(svc, { account, body, query }) {
    const out = await svc.dossiers.sync(account, { ...body, isUpdating: body.isUpdating ?? query.isUpdating });
    return { result: out.result, verdicts: out.verdicts };
  },
  async CapNhatTienDoHoSoMC(svc, { account, body }) {
    const out = await svc.dossiers.progress(account, body);
    return { result: out.result, verdicts: out.verdicts };
  },
  async DongBoTrangThaiHoSo(svc, { account, body }) {
    const out = await svc.dossiers.statusSync(account, body);
    return { result: out.result, verdicts: out.verdicts };
  },
  async TraCuuHoSo(svc, { account, body }) {
    return { result: await svc.dossiers.lookup(account, text(body, 'MaHoSo', 'maHoSo', 'mahoso')) };
  },
  async LayThuTuc(svc, { body }) {
    // OpenCPS sends maTTHC; older code MaTTHC (§A2).
    const code = text(body, 'maTTHC', 'MaTTHC');
    if (!code) throw dvcqgError('DVCQG_MISSING_PARAMETER', 'LayThuTuc needs "maTTHC", the procedure code (e.g. 1.001193)', { field: 'maTTHC', rule: 'required' });
    return { result: [svc.catalogue.thuTuc(code)] };
  },
  async LayDanhSachTTHC(svc, { body }) {
    const page = positiveInt(body, 'page', 1, 100_000);
    const pageSize = positiveInt(body, 'pageSize', 50, 1000);
    const out = svc.catalogue.list({ agency: text(body, 'maCoQuan', 'MaCoQuan'), field: text(body, 'maLinhVuc', 'MaLinhVuc'), keyword: text(body, 'keyword', 'tuKhoa'), page, pageSize });
    return { total: out.total, page, pageSize, result: out.items };
  },
  async LayDVC(svc, { body }) {
    const page = positiveInt(body, 'page', 1, 100_000);
    const pageSize = positiveInt(body, 'pageSize', 50, 1000);
    const out = svc.catalogue.services({ agency: text(body, 'maCoQuan', 'MaCoQuan', 'madonviApDung'), code: text(body, 'maTTHC', 'MaTTHC'), page, pageSize });
    // §A7: LayDVC's records are under result.data.
    return { result: { total: out.total, page, pageSize, data: out.items } };
  },
  async LayDanhMucCoQuan(svc) {
    return { result: svc.catalogue.agencies() };
  },
  async LayDanhMucLinhVuc(svc) {
    return { result: svc.catalogue.fields() };
  },
  async TraCuuTechID(svc, { body }) {
    const id = text(body, 'mstorcmnd');
    if (!id) throw dvcqgError('DVCQG_MISSING_PARAMETER', 'TraCuuTechID needs "mstorcmnd", an ID number (CCCD/CMND) or a tax code', { field: 'mstorcmnd', rule: 'required' });
    const provider = body.provider;
    if (provider !== undefined && provider !== 'wso2is') throw dvcqgError('DVCQG_BAD_PARAMETER', `provider "${String(provider)}" is not "wso2is" (the identity provider clients name, §A2)`, { field: 'provider', rule: '"wso2is"' });
    const techId = svc.techIdOf(id);
    if (!techId) throw dvcqgError('DVCQG_CITIZEN_UNKNOWN', `no DVCQG account has ID number or tax code "${id}"`, { field: 'mstorcmnd', rule: 'an account of the portal' });
    return { result: [{ TECHNICALID: techId }] };
  },
  async DongBoDanhGia(svc, { account, body, mode }) {
    const out = await svc.ratings.sync(account, body, mode);
    return { result: out.result, verdicts: out.verdicts };
  },
};
