import { paymentsOf } from './payment/index.js';
import { computeKpi, type KpiDossier, type KpiResult } from './kpi/index.js';
import type { DvcqgService } from './service.js';

type Json = Record<string, unknown>;

function nonEmptyArray(v: unknown, withField?: string): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  return withField === undefined || v.some((x) => x !== null && typeof x === 'object' && typeof (x as Json)[withField] === 'string' && (x as Json)[withField] !== '');
}

/** `000.00.01.H22` → `000.00.00.H22`: the level-1 body whose procedures a sub-unit carries out. */
function levelOneOf(code: string): string {
  const m = /^\d{3}\.\d{2}\.\d{2}\.([A-Z]\d{2})$/.exec(code);
  return m ? `000.00.00.${m[1]}` : code;
}

/** Gathers what the agencies synced (dossiers, progress, ratings, payments) into the QĐ 766 computation. */
export class KpiService {
  constructor(private readonly svc: DvcqgService) {}

  /** Agencies scored: the one asked for, else every agency with a portal account or a dossier. */
  async agencies(root: string | null): Promise<string[]> {
    if (root) return [root];
    const fromAccounts = (await this.svc.accounts.list()).map((a) => a.madonvi);
    const fromDossiers = (await this.svc.db.selectFrom('dvcqg_dossiers').select('madonvi').distinct().execute()).map((r) => r.madonvi);
    return [...new Set([...fromAccounts, ...fromDossiers])].sort();
  }

  async compute(madonvi: string, period: { from: Date; to: Date }): Promise<KpiResult> {
    const { ctx, db, catalogue } = this.svc;
    const rows = await db.selectFrom('dvcqg_dossiers').selectAll().where('madonvi', '=', madonvi).execute();
    const feeEvents = new Set((await db.selectFrom('dvcqg_dossier_events').innerJoin('dvcqg_dossiers', 'dvcqg_dossiers.ma_ho_so', 'dvcqg_dossier_events.ma_ho_so').select('dvcqg_dossier_events.ma_ho_so').where('dvcqg_dossiers.madonvi', '=', madonvi).where('dvcqg_dossier_events.trang_thai', '=', 6).execute()).map((r) => r.ma_ho_so));
    const paid = new Set((await paymentsOf(ctx, { agency: madonvi })).filter((p) => p.paid).map((p) => p.MaHoSo));
    const dossiers: KpiDossier[] = rows.map((r) => {
      const data = JSON.parse(r.data) as Json;
      return {
        code: r.ma_ho_so,
        procedureCode: r.ma_tthc,
        online: r.hinh_thuc === '1' || r.origin === 'portal',
        receivedAt: new Date(r.received_at),
        dueAt: r.due_at ? new Date(r.due_at) : null,
        finishedAt: r.finished_at ? new Date(r.finished_at) : null,
        status: r.trang_thai,
        syncedToPortal: true,
        feeRequired: nonEmptyArray(data.DanhSachLePhi) || feeEvents.has(r.ma_ho_so) || paid.has(r.ma_ho_so),
        paidOnline: paid.has(r.ma_ho_so),
        digitised: nonEmptyArray(data.TaiLieuNop),
        electronicResult: nonEmptyArray(data.DanhSachGiayToKetQua, 'DuongDanTepTinKetQua'),
      };
    });
    // The agency's procedures: those of its level-1 body in the catalogue, plus any it has dossiers for.
    const codes = new Set(catalogue.data.proceduresOf(levelOneOf(madonvi)).map((p) => p.code));
    for (const d of dossiers) codes.add(d.procedureCode);
    const procedures = [...codes].flatMap((code) => {
      const p = catalogue.procedure(code);
      return p ? [{ code: p.code, online: p.online, hasFee: p.hasFee }] : [];
    });
    const name = catalogue.data.agency(madonvi)?.name ?? catalogue.data.agency(levelOneOf(madonvi))?.name ?? madonvi;
    return computeKpi({ agency: { code: madonvi, name }, period, now: ctx.clock.now(), procedures, dossiers, ratings: await this.svc.ratings.of(madonvi) });
  }
}
