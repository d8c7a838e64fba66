import type { EmulatorContext, ValidationMode } from '../../core/context.js';
import { vnParts } from '../../core/clock.js';
import type { Account } from './accounts.js';
import { dataArray, type WriteOutcome } from './dossiers.js';
import type { DvcqgDb } from './store.js';
import { Findings } from './wire/findings.js';

type Json = Record<string, unknown>;

const PERCENT = /^(\d{1,3})%$/;
/** §A8: three levels per question pair; "not satisfied" is 100 − the other two, so the three add up to 100. */
const LEVELS = [
  ['PhanTramDanhGiaRatHaiLong', 'PhanTramDanhGiaHaiLong', 'PhanTramDanhGiaChuaHaiLong'],
  ['PhanTramDanhGiaDichVuRatHaiLong', 'PhanTramDanhGiaDichVuHaiLong', 'PhanTramDanhGiaDichVuChuaHaiLong'],
] as const;

export interface RatingRow {
  month: string;
  procedureCode: string;
  total: number;
  veryPct: number;
  satPct: number;
  notPct: number;
}

/** `M-YYYY` → {month, year}, or null. */
export function parseRatingMonth(text: string): { month: number; year: number } | null {
  const m = /^(\d{1,2})-(\d{4})$/.exec(text);
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? { month, year: Number(m[2]) } : null;
}

/** DongBoDanhGia (§A8): monthly satisfaction aggregates; a re-sync of the same month and question replaces it. */
export class Ratings {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: DvcqgDb,
  ) {}

  async sync(account: Account, body: Json, mode: ValidationMode): Promise<WriteOutcome> {
    const f = new Findings(mode);
    const items = dataArray(body);
    const now = vnParts(this.ctx.clock.now());
    const rows = items.map((raw, i) => {
      const path = `data[${i}]`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        f.error('DVCQG_BAD_PARAMETER', path, 'object', `${path} must be an object`);
        return null;
      }
      const o = raw as Json;
      const before = f.errors.length;
      const monthText = typeof o.NgayTongHop === 'string' ? o.NgayTongHop : '';
      const month = parseRatingMonth(monthText);
      if (!month) f.error('DVCQG_RATING_BAD_MONTH', `${path}.NgayTongHop`, '"M-YYYY"', `${path}.NgayTongHop "${String(o.NgayTongHop ?? '')}" must be the month as "M-YYYY", e.g. "11-2026"`);
      else if (month.year * 12 + month.month > now.year * 12 + now.month) f.error('DVCQG_RATING_BAD_MONTH', `${path}.NgayTongHop`, 'not in the future', `${path}.NgayTongHop ${monthText} is a month that has not started yet`);
      const total = o.TongSoNguoiDanhGia;
      const totalNum = typeof total === 'number' ? total : typeof total === 'string' && /^\d+$/.test(total) ? Number(total) : NaN;
      if (!Number.isInteger(totalNum) || totalNum < 0) f.error('DVCQG_BAD_PARAMETER', `${path}.TongSoNguoiDanhGia`, 'integer ≥ 0', `${path}.TongSoNguoiDanhGia must be a whole number of people (got ${JSON.stringify(total)})`);
      else if (typeof total === 'string') f.warn('DVCQG_BAD_PARAMETER', `${path}.TongSoNguoiDanhGia`, 'integer', `${path}.TongSoNguoiDanhGia is sent as a string; OpenCPS sends an integer`);
      const pcts: number[][] = [];
      for (const [gi, group] of LEVELS.entries()) {
        const present = group.filter((k) => o[k] !== undefined);
        if (gi === 1 && present.length === 0) continue; // the service questions are optional
        const values = group.map((k) => {
          const v = o[k];
          const m = typeof v === 'string' ? PERCENT.exec(v) : null;
          if (!m || Number(m[1]) > 100) {
            f.error('DVCQG_RATING_BAD_PERCENT', `${path}.${k}`, '"NN%" from 0% to 100%', `${path}.${k} ${JSON.stringify(v)} must be a whole percentage such as "45%"`);
            return NaN;
          }
          return Number(m[1]);
        });
        if (values.every((v) => !Number.isNaN(v))) {
          const sum = values.reduce((a, b) => a + b, 0);
          if (sum !== 100) f.strict('DVCQG_RATING_BAD_PERCENT', `${path}.${group[2]}`, 'the three levels add up to 100%', `${path}: ${group.join(' + ')} = ${sum}%, not 100% (${group[2]} is 100 − the other two)`);
        }
        pcts.push(values);
      }
      const agency = typeof o.Madonvi === 'string' ? o.Madonvi : account.madonvi;
      if (agency !== account.madonvi) f.error('DVCQG_AGENCY_MISMATCH', `${path}.Madonvi`, 'the logged-in agency', `${path}.Madonvi "${agency}" is not the agency of this account (${account.madonvi})`);
      if (f.errors.length > before || !month) return null;
      const [very = 0, sat = 0, not = 0] = pcts[0] ?? [];
      return { raw: o, month: `${month.month}-${month.year}`, procedure: typeof o.MaThuTuc === 'string' ? o.MaThuTuc : '', question: typeof o.NoiDung === 'string' ? o.NoiDung : '', total: totalNum, very, sat, not };
    });
    f.throwIfErrors();
    const at = this.ctx.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        if (!r) continue;
        const values = { madonvi: account.madonvi, month: r.month, ma_thu_tuc: r.procedure, noi_dung: r.question, total: r.total, very_pct: r.very, sat_pct: r.sat, not_pct: r.not, data: JSON.stringify(r.raw), updated_at: at };
        await trx
          .insertInto('dvcqg_ratings')
          .values(values)
          .onConflict((oc) => oc.columns(['madonvi', 'month', 'ma_thu_tuc', 'noi_dung']).doUpdateSet({ total: r.total, very_pct: r.very, sat_pct: r.sat, not_pct: r.not, data: values.data, updated_at: at }))
          .execute();
      }
    });
    return { result: rows.filter((r) => r !== null).map((r) => ({ MaHoSo: '', NgayTongHop: r.month, MaThuTuc: r.procedure, action: 'recorded' as const })), verdicts: f.verdicts() };
  }

  async of(madonvi: string): Promise<RatingRow[]> {
    const rows = await this.db.selectFrom('dvcqg_ratings').selectAll().where('madonvi', '=', madonvi).execute();
    return rows.map((r) => ({ month: r.month, procedureCode: r.ma_thu_tuc, total: r.total, veryPct: r.very_pct, satPct: r.sat_pct, notPct: r.not_pct }));
  }
}
