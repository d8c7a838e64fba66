import type { EmulatorContext } from '../../core/context.js';
import type { Verdict } from '../../core/evidence.js';
import { callSut, type OutboundResult } from '../../core/outbound.js';
import type { Account } from './accounts.js';
import { dvcqgError } from './errors.js';
import { statusName } from './status.js';
import type { DvcqgDb } from './store.js';
import { formatVnStamp, formatVnYymmdd } from './wire/dates.js';

type Json = Record<string, unknown>;

/** §A4 [C]: what a one-stop system's /direct lookup returns for a dossier. */
const LOOKUP_FIELDS = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'LoaiDoiTuong', 'TrangThaiHoSo', 'HinhThuc', 'DonViXuLy'] as const;

/**
 * Portal-issued dossier codes use sequence numbers from 9001 so they never collide with the agency's own
 * `<madonvi>-yymmdd-NNNN` numbering (the real portal's scheme for inbound dossiers is not known).
 */
const PORTAL_SEQ_START = 9001;

export interface CallOutcome {
  verdict: 'pass' | 'fail';
  status: number;
  url: string;
  reply: unknown;
  verdicts: Verdict[];
}

function endpoint(account: Account, kind: 'lookup' | 'submission'): string {
  const explicit = account.endpoints[kind];
  if (explicit) return explicit;
  if (!account.callbackUrl) {
    throw dvcqgError('DVCQG_ENDPOINT_NOT_SET', `agency ${account.madonvi} has no callbackUrl nor endpoints.${kind}; set one with PATCH /_lienthong/dvcqg/accounts/${account.username}`, { field: `endpoints.${kind}`, rule: 'configured URL' });
  }
  // OpenCPS paths (§A4): POST …/direct for lookups, …/nps/createdossierfromdvcqg for inbound dossiers.
  return `${account.callbackUrl.replace(/\/+$/, '')}${kind === 'lookup' ? '/direct' : '/nps/createdossierfromdvcqg'}`;
}

function unreachable(url: string, error: string | undefined, status: number): Verdict {
  return { code: 'DVCQG_SUT_UNREACHABLE', severity: 'error', message: `the one-stop system did not answer usefully at ${url}: ${error ?? `HTTP ${status}`}` };
}

/** Judges a /direct lookup reply (§A4) against what the agency synced to the portal. */
function judgeLookup(res: OutboundResult, url: string, maHoSo: string, synced: { trang_thai: number; ma_tthc: string } | undefined): Verdict[] {
  const verdicts: Verdict[] = [];
  const reply = res.json as Json | undefined;
  if (res.status < 200 || res.status > 299 || !reply || typeof reply !== 'object') {
    verdicts.push(unreachable(url, res.error ?? (res.status ? `HTTP ${res.status} with ${reply ? 'a non-object' : 'no JSON'} body` : undefined), res.status));
  } else if (reply.error_code !== undefined && String(reply.error_code) !== '0' && String(reply.error_code) !== '00') {
    // OpenCPS answers HTTP 200 {error_code:"-1", error_message} when it does not have the dossier (§A4).
    verdicts.push(
      synced
        ? { code: 'DVCQG_LOOKUP_DENIED', severity: 'error', message: `the one-stop system answered error_code ${String(reply.error_code)} for ${maHoSo}, which it synced to the portal with ${statusName(synced.trang_thai)}` }
        : { code: 'DVCQG_LOOKUP_NOT_FOUND', severity: 'info', message: `the one-stop system does not know ${maHoSo} (error_code ${String(reply.error_code)}), nor does the portal` },
    );
  } else {
    for (const f of LOOKUP_FIELDS) {
      if (typeof reply[f] !== 'string' || reply[f] === '') verdicts.push({ code: 'DVCQG_LOOKUP_FIELD', severity: 'error', field: f, message: `the lookup reply lacks ${f} (a non-empty string, §A4)` });
    }
    if (typeof reply.MaHoSo === 'string' && reply.MaHoSo !== maHoSo) verdicts.push({ code: 'DVCQG_LOOKUP_MISMATCH', severity: 'error', field: 'MaHoSo', message: `asked for ${maHoSo}, the reply is about ${reply.MaHoSo}` });
    if (synced && typeof reply.TrangThaiHoSo === 'string' && reply.TrangThaiHoSo !== String(synced.trang_thai)) {
      verdicts.push({ code: 'DVCQG_LOOKUP_OUT_OF_SYNC', severity: 'error', field: 'TrangThaiHoSo', message: `the one-stop system says ${statusName(Number(reply.TrangThaiHoSo))}, the portal last received ${statusName(synced.trang_thai)}: a status change was not synced` });
    }
    if (synced && typeof reply.MaTTHC === 'string' && reply.MaTTHC !== synced.ma_tthc) verdicts.push({ code: 'DVCQG_LOOKUP_OUT_OF_SYNC', severity: 'error', field: 'MaTTHC', message: `the reply's MaTTHC ${reply.MaTTHC} differs from the synced ${synced.ma_tthc}` });
    if (!synced) verdicts.push({ code: 'DVCQG_LOOKUP_UNSYNCED', severity: 'warning', message: `the one-stop system has ${maHoSo} but never synced it to the portal (DongBoHoSoMC)` });
  }
  return verdicts;
}

/** The portal's own calls to one-stop systems (§A4); every call and its judgement go to the evidence log. */
export class PortalCalls {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: DvcqgDb,
  ) {}

  /** Looks a dossier up on the agency's system and judges the answer against what the agency synced. */
  async lookup(account: Account, maHoSo: string): Promise<CallOutcome> {
    const url = endpoint(account, 'lookup');
    const synced = await this.db.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', maHoSo).where('madonvi', '=', account.madonvi).executeTakeFirst();
    const body = { madonvi: account.madonvi, service: 'TraCuuHoSo', masohoso: maHoSo };
    const res = await callSut(this.ctx, { platform: 'dvcqg', operation: 'portal.lookup', agency: account.madonvi, url, body, timeoutMs: 6_000 }, (r) => judgeLookup(r, url, maHoSo, synced));
    const reply = res.json as Json | undefined;
    return { verdict: res.verdicts.some((v) => v.severity === 'error') ? 'fail' : 'pass', status: res.status, url, reply: reply ?? res.text, verdicts: res.verdicts };
  }

  /** An online submission on the portal (status 1, Mới đăng ký), pushed to the agency's one-stop system. */
  async submit(account: Account, input: { maTTHC: string; procedureName: string; applicant: Json; files: Array<{ name: string; base64: string }> }): Promise<CallOutcome & { maHoSo: string }> {
    const url = endpoint(account, 'submission');
    const now = this.ctx.clock.now();
    const prefix = `${account.madonvi}-${formatVnYymmdd(now)}-`;
    const iso = now.toISOString();
    let maHoSo = '';
    let payload: Json = {};
    // The dossier exists on the portal from the moment the citizen submits, whatever the agency answers.
    // The next number is taken in the same transaction as the insert: two submissions at once (on one
    // process or two over a shared store) never get the same code.
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('dvcqg_dossiers').select('ma_ho_so').where('ma_ho_so', 'like', `${prefix}9%`).execute();
      maHoSo = `${prefix}${PORTAL_SEQ_START + taken.length}`;
      payload = {
        MaHoSo: maHoSo,
        MaTTHC: input.maTTHC,
        TenTTHC: input.procedureName,
        NgayNop: formatVnStamp(now),
        ...input.applicant,
        TaiLieuNop: input.files.map((f) => ({ TenTepDinhKem: f.name, Base64: f.base64 })),
      };
      await trx
        .insertInto('dvcqg_dossiers')
        .values({ ma_ho_so: maHoSo, madonvi: account.madonvi, ma_tthc: input.maTTHC, trang_thai: 1, hinh_thuc: '1', loai_doi_tuong: payload.MaSoThue ? '2' : '1', received_at: iso, due_at: null, finished_at: null, origin: 'portal', data: JSON.stringify({ ...payload, TaiLieuNop: input.files.map((f) => ({ TenTepDinhKem: f.name })) }), version: 1, created_at: iso, updated_at: iso })
        .execute();
      await trx.insertInto('dvcqg_dossier_events').values({ ma_ho_so: maHoSo, kind: 'submitted', trang_thai: 1, at: iso, data: '{}', warnings: '[]', created_at: iso }).execute();
    });
    const res = await callSut(this.ctx, { platform: 'dvcqg', operation: 'portal.submission', agency: account.madonvi, url, body: payload, timeoutMs: 10_000 }, (r) => {
      const reply = r.json as Json | undefined;
      if (r.status < 200 || r.status > 299) return [unreachable(url, r.error, r.status)];
      if (reply && typeof reply === 'object' && reply.error_code !== undefined && !['0', '00'].includes(String(reply.error_code))) {
        return [{ code: 'DVCQG_SUBMISSION_REFUSED', severity: 'error', message: `the one-stop system refused the submission ${maHoSo}: error_code ${String(reply.error_code)} ${String(reply.error_message ?? reply.message ?? '')}` }];
      }
      return [];
    });
    return { maHoSo, verdict: res.verdicts.some((v) => v.severity === 'error') ? 'fail' : 'pass', status: res.status, url, reply: res.json ?? res.text, verdicts: res.verdicts };
  }
}
