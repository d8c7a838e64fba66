import type { Transaction } from 'kysely';
import type { EmulatorContext, ValidationMode } from '../../core/context.js';
import type { Verdict } from '../../core/evidence.js';
import { compileCodePattern, type Account } from './accounts.js';
import { dvcqgError } from './errors.js';
import { CLOSING_STATUSES, checkTransition, statusName } from './status.js';
import type { DvcqgDb, DvcqgTables } from './store.js';
import { parseVnStamp } from './wire/dates.js';
import { validateDossier, validateProgress, type DossierFacts, type ProcedureLookup } from './wire/dossier-validate.js';
import { Findings } from './wire/findings.js';

/** Largest `data` array one call may carry; the real limit is unknown, this bounds one transaction. */
export const MAX_BATCH = 500;

type Json = Record<string, unknown>;
type Trx = Transaction<DvcqgTables>;
type DossierRow = DvcqgTables['dvcqg_dossiers'];

export interface WriteOutcome {
  result: Array<{ MaHoSo: string; action: 'created' | 'updated' | 'recorded' }>;
  verdicts: Verdict[];
}

export interface Timeliness {
  dueAt: string | null;
  finishedAt: string | null;
  /** true: finished by the due date; false: late or overdue now; null: no due date. */
  onTime: boolean | null;
  /** Still open and past its due date at the emulator's now. */
  overdue: boolean;
}

/** On time against NgayHenTra, by the emulator clock for dossiers still open. */
export function timeliness(row: Pick<DossierRow, 'due_at' | 'finished_at'>, now: Date): Timeliness {
  const due = row.due_at ? new Date(row.due_at) : null;
  const finished = row.finished_at ? new Date(row.finished_at) : null;
  if (!due) return { dueAt: null, finishedAt: row.finished_at, onTime: null, overdue: false };
  if (finished) return { dueAt: row.due_at, finishedAt: row.finished_at, onTime: finished <= due, overdue: false };
  const overdue = now > due;
  return { dueAt: row.due_at, finishedAt: null, onTime: !overdue, overdue };
}

export function dataArray(body: Json): unknown[] {
  const data = body.data;
  if (!Array.isArray(data)) {
    throw dvcqgError('DVCQG_MISSING_PARAMETER', '"data" must be an array of objects (e.g. {"data":[{…}]})', { field: 'data', rule: 'array' });
  }
  if (data.length === 0) throw dvcqgError('DVCQG_MISSING_PARAMETER', '"data" is empty; send at least one item', { field: 'data', rule: 'at least 1 item' });
  if (data.length > MAX_BATCH) throw dvcqgError('DVCQG_BATCH_TOO_LARGE', `"data" holds ${data.length} items; at most ${MAX_BATCH} per call`, { field: 'data', rule: `at most ${MAX_BATCH} items` });
  return data;
}

/** `isUpdating` "True"/"False" (§A2; S3 sends it as a query parameter, some clients as a boolean). */
function parseIsUpdating(v: unknown): boolean | null {
  if (v === undefined || v === null || v === '') return null;
  if (v === true || v === 'True' || v === 'true') return true;
  if (v === false || v === 'False' || v === 'false') return false;
  throw dvcqgError('DVCQG_BAD_PARAMETER', `isUpdating "${String(v)}" must be "True" or "False"`, { field: 'isUpdating', rule: '"True" or "False"' });
}

/** Dossier sync, progress and status (§A2–§A5): all-or-nothing per call, checked then written in one transaction. */
export class Dossiers {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: DvcqgDb,
    private readonly procedure: ProcedureLookup,
  ) {}

  private modeOf(account: Account): ValidationMode {
    return account.mode ?? this.ctx.mode;
  }

  /** DongBoHoSoMC: upsert dossiers. */
  async sync(account: Account, body: Json): Promise<WriteOutcome> {
    const f = new Findings(this.modeOf(account));
    const isUpdating = parseIsUpdating(body.isUpdating);
    const items = dataArray(body);
    const rules = { procedure: this.procedure, codePattern: compileCodePattern(account.dossierCodePattern, account.madonvi) };
    const facts: Array<{ raw: Json; facts: DossierFacts }> = [];
    const seen = new Set<string>();
    items.forEach((raw, i) => {
      const fact = validateDossier(f, raw, `data[${i}]`, rules);
      if (!fact) return;
      if (seen.has(fact.maHoSo)) f.error('DVCQG_DOSSIER_DUPLICATE_IN_BATCH', `data[${i}].MaHoSo`, 'unique in the call', `data[${i}].MaHoSo "${fact.maHoSo}" appears twice in this call`);
      seen.add(fact.maHoSo);
      facts.push({ raw: raw as Json, facts: fact });
    });
    f.throwIfErrors();
    const now = this.ctx.clock.now().toISOString();

    return this.db.transaction().execute(async (trx) => {
      const existing = new Map<string, DossierRow>();
      for (const [i, { facts: d }] of facts.entries()) {
        const row = await trx.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', d.maHoSo).executeTakeFirst();
        const path = `data[${i}]`;
        if (row && row.madonvi !== account.madonvi) {
          f.error('DVCQG_DOSSIER_NOT_OWNER', `${path}.MaHoSo`, 'owned by madonvi', `${path}.MaHoSo "${d.maHoSo}" belongs to agency ${row.madonvi}, not ${account.madonvi}`);
          continue;
        }
        if (row) existing.set(d.maHoSo, row);
        if (row && isUpdating === false) {
          f.strict('DVCQG_DOSSIER_EXISTS', 'isUpdating', '"True" when TraCuuHoSo finds the dossier', `${path}.MaHoSo "${d.maHoSo}" is already on the portal but isUpdating is "False"; send "True" for an update`);
        }
        if (!row && isUpdating === true) {
          f.strict('DVCQG_DOSSIER_NOT_FOUND', 'isUpdating', '"False" for a new dossier', `${path}.MaHoSo "${d.maHoSo}" is not on the portal but isUpdating is "True"; send "False" for a new dossier`);
        }
        const check = checkTransition(row ? row.trang_thai : null, d.status);
        if (!check.ok) f.strict('DVCQG_STATUS_TRANSITION', `${path}.TrangThaiHoSo`, 'legal transition (§A5)', `${path} ${d.maHoSo}: ${check.reason}`);
      }
      f.throwIfErrors();
      const result: WriteOutcome['result'] = [];
      for (const { raw, facts: d } of facts) {
        const row = existing.get(d.maHoSo);
        const finished = row?.finished_at ?? (CLOSING_STATUSES.has(d.status) ? (d.endedAt ?? new Date(now)).toISOString() : null);
        const next: DossierRow = {
          ma_ho_so: d.maHoSo,
          madonvi: account.madonvi,
          ma_tthc: d.maTTHC,
          trang_thai: d.status,
          hinh_thuc: String(raw.HinhThuc),
          loai_doi_tuong: String(raw.LoaiDoiTuong),
          received_at: d.receivedAt.toISOString(),
          due_at: d.dueAt ? d.dueAt.toISOString() : null,
          finished_at: finished,
          origin: row?.origin ?? 'sync',
          data: JSON.stringify(raw),
          version: (row?.version ?? 0) + 1,
          created_at: row?.created_at ?? now,
          updated_at: now,
        };
        if (row) await trx.updateTable('dvcqg_dossiers').set(next).where('ma_ho_so', '=', d.maHoSo).execute();
        else await trx.insertInto('dvcqg_dossiers').values(next).execute();
        await this.event(trx, d.maHoSo, 'sync', d.status, now, raw, f, now);
        result.push({ MaHoSo: d.maHoSo, action: row ? 'updated' : 'created' });
      }
      return { result, verdicts: f.verdicts() };
    });
  }

  /** CapNhatTienDoHoSoMC: progress events; a new TrangThai moves the dossier's status. */
  async progress(account: Account, body: Json): Promise<WriteOutcome> {
    const f = new Findings(this.modeOf(account));
    const items = dataArray(body);
    const facts = items.map((raw, i) => ({ raw: raw as Json, fact: validateProgress(f, raw, `data[${i}]`), i }));
    f.throwIfErrors();
    const now = this.ctx.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      // Status as it evolves within the call: several steps of one dossier may come together.
      const state = new Map<string, { row: DossierRow; status: number; lastAt: Date | null }>();
      for (const { fact, i } of facts) {
        if (!fact) continue;
        const path = `data[${i}]`;
        let s = state.get(fact.maHoSo);
        if (!s) {
          const row = await trx.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', fact.maHoSo).executeTakeFirst();
          if (!row) {
            f.error('DVCQG_DOSSIER_NOT_FOUND', `${path}.MaHoSo`, 'synced with DongBoHoSoMC first', `${path}.MaHoSo "${fact.maHoSo}" is not on the portal; sync it with DongBoHoSoMC before its progress`);
            continue;
          }
          if (row.madonvi !== account.madonvi) {
            f.error('DVCQG_DOSSIER_NOT_OWNER', `${path}.MaHoSo`, 'owned by madonvi', `${path}.MaHoSo "${fact.maHoSo}" belongs to agency ${row.madonvi}, not ${account.madonvi}`);
            continue;
          }
          const last = await trx.selectFrom('dvcqg_dossier_events').select('at').where('ma_ho_so', '=', fact.maHoSo).where('kind', '=', 'progress').orderBy('id', 'desc').executeTakeFirst();
          s = { row, status: row.trang_thai, lastAt: last ? new Date(last.at) : null };
          state.set(fact.maHoSo, s);
        }
        const check = checkTransition(s.status, fact.status);
        if (!check.ok) f.strict('DVCQG_STATUS_TRANSITION', `${path}.TrangThai`, 'legal transition (§A5)', `${path} ${fact.maHoSo}: ${check.reason}`);
        if (fact.at < new Date(s.row.received_at)) {
          f.strict('DVCQG_DOSSIER_DATE_ORDER', `${path}.ThoiDiemXuLy`, 'not before NgayTiepNhan', `${path}.ThoiDiemXuLy is before the dossier was received (${s.row.received_at})`);
        }
        if (s.lastAt && fact.at < s.lastAt) {
          f.warn('DVCQG_DOSSIER_DATE_ORDER', `${path}.ThoiDiemXuLy`, 'in time order', `${path}.ThoiDiemXuLy is earlier than the previous progress step of ${fact.maHoSo}: steps should be reported in the order they happened`);
        }
        s.status = fact.status;
        s.lastAt = fact.at;
      }
      f.throwIfErrors();
      const result: WriteOutcome['result'] = [];
      for (const { raw, fact } of facts) {
        if (!fact) continue;
        const s = state.get(fact.maHoSo);
        if (!s) continue;
        await this.moveStatus(trx, s.row, fact.status, fact.at, now);
        await this.event(trx, fact.maHoSo, 'progress', fact.status, fact.at.toISOString(), raw, f, now);
        result.push({ MaHoSo: fact.maHoSo, action: 'recorded' });
      }
      return { result, verdicts: f.verdicts() };
    });
  }

  /** DongBoTrangThaiHoSo (§A4): status of a dossier the portal pushed to the agency (`type` "2"). */
  async statusSync(account: Account, body: Json): Promise<WriteOutcome> {
    const f = new Findings(this.modeOf(account));
    if (body.type !== undefined && String(body.type) !== '2') {
      f.strict('DVCQG_BAD_PARAMETER', 'type', '"2"', `type "${String(body.type)}" is not "2" (the only DongBoTrangThaiHoSo type clients send)`);
    }
    const items = dataArray(body);
    const parsed = items.map((raw, i) => {
      const path = `data[${i}]`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        f.error('DVCQG_BAD_PARAMETER', path, 'object', `${path} must be an object`);
        return null;
      }
      const o = raw as Json;
      for (const key of ['MaHoSo', 'NgayXuLy', 'TrangThai']) {
        if (typeof o[key] !== 'string' || o[key] === '') f.error('DVCQG_DOSSIER_MISSING_FIELD', `${path}.${key}`, 'required string', `${path}.${key} is required (a non-empty string)`);
      }
      const status = Number(o.TrangThai);
      if (typeof o.TrangThai === 'string' && !(/^\d{1,2}$/.test(o.TrangThai) && status >= 1 && status <= 10)) {
        f.error('DVCQG_DOSSIER_BAD_ENUM', `${path}.TrangThai`, '1..10 (§A5)', `${path}.TrangThai "${o.TrangThai}" is not a DVCQG status 1–10`);
      }
      const at = typeof o.NgayXuLy === 'string' && o.NgayXuLy !== '' ? parseVnStamp(o.NgayXuLy) : null;
      if (typeof o.NgayXuLy === 'string' && o.NgayXuLy !== '' && !at) f.error('DVCQG_DOSSIER_BAD_DATE', `${path}.NgayXuLy`, 'yyyyMMddHHmmss', `${path}.NgayXuLy "${o.NgayXuLy}" is not yyyyMMddHHmmss`);
      return at ? { raw: o, maHoSo: String(o.MaHoSo), status, at, path } : null;
    });
    f.throwIfErrors();
    const now = this.ctx.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const rows = new Map<string, DossierRow>();
      for (const p of parsed) {
        if (!p) continue;
        const row = rows.get(p.maHoSo) ?? (await trx.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', p.maHoSo).executeTakeFirst());
        if (!row || row.origin !== 'portal') {
          f.error('DVCQG_DOSSIER_NOT_FOUND', `${p.path}.MaHoSo`, 'a dossier the portal pushed', `${p.path}.MaHoSo "${p.maHoSo}" is not a dossier the portal pushed to this agency (DongBoTrangThaiHoSo is for those; use CapNhatTienDoHoSoMC for synced ones)`);
          continue;
        }
        if (row.madonvi !== account.madonvi) {
          f.error('DVCQG_DOSSIER_NOT_OWNER', `${p.path}.MaHoSo`, 'owned by madonvi', `${p.path}.MaHoSo "${p.maHoSo}" was pushed to agency ${row.madonvi}, not ${account.madonvi}`);
          continue;
        }
        const check = checkTransition(row.trang_thai, p.status);
        if (!check.ok) f.strict('DVCQG_STATUS_TRANSITION', `${p.path}.TrangThai`, 'legal transition (§A5)', `${p.path} ${p.maHoSo}: ${check.reason}`);
        rows.set(p.maHoSo, { ...row, trang_thai: p.status });
      }
      f.throwIfErrors();
      const result: WriteOutcome['result'] = [];
      for (const p of parsed) {
        if (!p) continue;
        const row = await trx.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', p.maHoSo).executeTakeFirstOrThrow();
        await this.moveStatus(trx, row, p.status, p.at, now);
        await this.event(trx, p.maHoSo, 'status', p.status, p.at.toISOString(), p.raw, f, now);
        result.push({ MaHoSo: p.maHoSo, action: 'recorded' });
      }
      return { result, verdicts: f.verdicts() };
    });
  }

  /** TraCuuHoSo: the dossier as last synced, with its current status; `[]` when not on the portal. */
  async lookup(account: Account, maHoSo: unknown): Promise<Json[]> {
    if (typeof maHoSo !== 'string' || maHoSo === '') throw dvcqgError('DVCQG_MISSING_PARAMETER', 'TraCuuHoSo needs "MaHoSo" (a non-empty string)', { field: 'MaHoSo', rule: 'required string' });
    const row = await this.db.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', maHoSo).executeTakeFirst();
    // Another agency's dossier is not disclosed: it looks absent, as to a client it is.
    if (!row || row.madonvi !== account.madonvi) return [];
    return [{ ...(JSON.parse(row.data) as Json), TrangThaiHoSo: String(row.trang_thai) }];
  }

  private async moveStatus(trx: Trx, row: DossierRow, status: number, at: Date, now: string): Promise<void> {
    if (row.trang_thai === status) return;
    const finished = row.finished_at ?? (CLOSING_STATUSES.has(status) ? at.toISOString() : null);
    await trx.updateTable('dvcqg_dossiers').set({ trang_thai: status, finished_at: finished, updated_at: now, version: row.version + 1 }).where('ma_ho_so', '=', row.ma_ho_so).execute();
    row.trang_thai = status;
    row.finished_at = finished;
    row.version += 1;
  }

  private async event(trx: Trx, maHoSo: string, kind: string, status: number, at: string, raw: Json, f: Findings, now: string): Promise<void> {
    const warnings = f.warnings.filter((w) => w.message.includes(maHoSo)).map((w) => w.message);
    await trx.insertInto('dvcqg_dossier_events').values({ ma_ho_so: maHoSo, kind, trang_thai: status, at, data: JSON.stringify(raw), warnings: JSON.stringify(warnings), created_at: now }).execute();
  }

  /** For the control plane and the harness: the dossier, its history and whether it is on time. */
  async inspect(maHoSo: string) {
    const row = await this.db.selectFrom('dvcqg_dossiers').selectAll().where('ma_ho_so', '=', maHoSo).executeTakeFirst();
    if (!row) return null;
    const events = await this.db.selectFrom('dvcqg_dossier_events').selectAll().where('ma_ho_so', '=', maHoSo).orderBy('id').execute();
    return {
      MaHoSo: row.ma_ho_so,
      madonvi: row.madonvi,
      MaTTHC: row.ma_tthc,
      TrangThaiHoSo: row.trang_thai,
      status: statusName(row.trang_thai),
      origin: row.origin,
      receivedAt: row.received_at,
      version: row.version,
      timeliness: timeliness(row, this.ctx.clock.now()),
      data: JSON.parse(row.data) as Json,
      history: events.map((e) => ({ kind: e.kind, TrangThai: e.trang_thai, at: e.at, recordedAt: e.created_at, data: JSON.parse(e.data) as Json, warnings: JSON.parse(e.warnings) as string[] })),
    };
  }

  async list(filter: { madonvi?: string; status?: number; limit: number }) {
    let q = this.db.selectFrom('dvcqg_dossiers').selectAll();
    if (filter.madonvi) q = q.where('madonvi', '=', filter.madonvi);
    if (filter.status !== undefined) q = q.where('trang_thai', '=', filter.status);
    const rows = await q.orderBy('updated_at', 'desc').limit(filter.limit).execute();
    const now = this.ctx.clock.now();
    return rows.map((r) => ({ MaHoSo: r.ma_ho_so, madonvi: r.madonvi, MaTTHC: r.ma_tthc, TrangThaiHoSo: r.trang_thai, status: statusName(r.trang_thai), origin: r.origin, receivedAt: r.received_at, timeliness: timeliness(r, now) }));
  }
}
