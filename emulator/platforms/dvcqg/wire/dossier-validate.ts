import { parseVnStamp } from './dates.js';
import type { Findings } from './findings.js';

/** What the dossier validator needs to know about the catalogue (§A7) without depending on its module. */
export interface ProcedureLookup {
  (code: string): { code: string; name: string; fieldCode: string } | undefined;
}

type Json = Record<string, unknown>;

/** §A3 "required in practice" [C]: S1 and S3 always send these. NgayHenTra may be "". */
const REQUIRED = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'LoaiDoiTuong', 'NgayTiepNhan', 'TrangThaiHoSo', 'HinhThuc', 'DonViXuLy'] as const;
const OPTIONAL_DATES = ['NgayTra', 'NgayKetThucXuLy'] as const;
/** Array members of §A3 and the fields each item must carry. */
const ARRAYS: Record<string, { required: readonly string[]; dates: readonly string[] }> = {
  TaiLieuNop: { required: ['TenTepDinhKem'], dates: [] },
  DanhSachGiayToKetQua: { required: ['TenGiayTo'], dates: [] },
  DanhSachLePhi: { required: ['TenPhiLePhi', 'Gia'], dates: [] },
  DanhSachTepDinhKemKhac: { required: ['TenGiayTo'], dates: [] },
  DanhSachHoSoBoSung: { required: ['HoSoBoSungId', 'NgayBoSung'], dates: ['NgayBoSung', 'NgayTiepNhanBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi'] },
};

export interface DossierFacts {
  maHoSo: string;
  maTTHC: string;
  status: number;
  receivedAt: Date;
  dueAt: Date | null;
  /** NgayKetThucXuLy, else NgayTra, when given. */
  endedAt: Date | null;
}

export function isString(v: unknown): v is string {
  return typeof v === 'string';
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function checkDate(f: Findings, obj: Json, key: string, path: string, required: boolean): Date | null {
  const v = obj[key];
  if (isBlank(v)) {
    if (required) f.error('DVCQG_DOSSIER_MISSING_FIELD', path, 'required', `${path} is required (yyyyMMddHHmmss)`);
    return null;
  }
  if (!isString(v)) return null; // reported by the all-strings check
  const d = parseVnStamp(v);
  if (!d) f.error('DVCQG_DOSSIER_BAD_DATE', path, 'yyyyMMddHHmmss', `${path} "${v}" is not a date of the form yyyyMMddHHmmss (Asia/Ho_Chi_Minh)`);
  return d;
}

/** §A3: every value is a string; arrays hold objects whose values are strings (nested arrays allowed in supplements). */
function checkAllStrings(f: Findings, obj: Json, path: string): void {
  for (const [k, v] of Object.entries(obj)) {
    const p = `${path}.${k}`;
    if (Array.isArray(v)) {
      if (!(k in ARRAYS) && !k.startsWith('DanhSach')) f.error('DVCQG_DOSSIER_NOT_STRING', p, 'string', `${p} must be a string, not an array`);
      v.forEach((item, i) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) f.error('DVCQG_DOSSIER_NOT_STRING', `${p}[${i}]`, 'object', `${p}[${i}] must be an object`);
        else checkAllStrings(f, item as Json, `${p}[${i}]`);
      });
    } else if (v !== null && v !== undefined && !isString(v)) {
      f.error('DVCQG_DOSSIER_NOT_STRING', p, 'string', `${p} must be a string (got ${typeof v} ${JSON.stringify(v)}); every §A3 value is a string, e.g. "1" not 1`);
    }
  }
}

export interface DossierRules {
  procedure: ProcedureLookup;
  /** The compiled MaHoSo pattern of the syncing agency. */
  codePattern: RegExp;
}

/** Validates one §A3 dossier object; returns its facts when it has no errors. */
export function validateDossier(f: Findings, raw: unknown, path: string, rules: DossierRules): DossierFacts | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    f.error('DVCQG_BAD_PARAMETER', path, 'object', `${path} must be a dossier object`);
    return null;
  }
  const d = raw as Json;
  const before = f.errors.length;
  checkAllStrings(f, d, path);
  for (const key of REQUIRED) {
    if (isBlank(d[key])) f.error('DVCQG_DOSSIER_MISSING_FIELD', `${path}.${key}`, 'required', `${path}.${key} is required and must not be empty`);
  }
  if (!('NgayHenTra' in d)) f.error('DVCQG_DOSSIER_MISSING_FIELD', `${path}.NgayHenTra`, 'required', `${path}.NgayHenTra is required (may be "" when there is no due date)`);

  const str = (k: string) => (isString(d[k]) ? (d[k] as string) : '');
  const loai = str('LoaiDoiTuong');
  if (loai && !['1', '2'].includes(loai)) {
    // OpenCPS sends "3" with a TODO (§A3): tolerated in lenient mode.
    f.strict('DVCQG_DOSSIER_BAD_ENUM', `${path}.LoaiDoiTuong`, 'one of "1" (công dân), "2" (doanh nghiệp)', `${path}.LoaiDoiTuong "${loai}" must be "1" (citizen, công dân) or "2" (business, doanh nghiệp)`);
  }
  const hinhThuc = str('HinhThuc');
  if (hinhThuc && !['0', '1'].includes(hinhThuc)) f.error('DVCQG_DOSSIER_BAD_ENUM', `${path}.HinhThuc`, 'one of "0", "1"', `${path}.HinhThuc "${hinhThuc}" must be "0" or "1"`);
  const statusText = str('TrangThaiHoSo');
  const status = Number(statusText);
  if (statusText && !(/^\d{1,2}$/.test(statusText) && status >= 1 && status <= 10)) {
    f.error('DVCQG_DOSSIER_BAD_ENUM', `${path}.TrangThaiHoSo`, '1..10 (§A5)', `${path}.TrangThaiHoSo "${statusText}" is not a DVCQG status 1–10 (OpenCPS sends "11" for statuses it cannot map)`);
  }

  const maHoSo = str('MaHoSo');
  if (maHoSo && !rules.codePattern.test(maHoSo)) {
    f.strict('DVCQG_DOSSIER_BAD_CODE', `${path}.MaHoSo`, rules.codePattern.source, `${path}.MaHoSo "${maHoSo}" does not match the agency's dossier-code pattern ${rules.codePattern.source}`);
  }
  const maTTHC = str('MaTTHC');
  const proc = maTTHC ? rules.procedure(maTTHC) : undefined;
  if (maTTHC && !proc) f.error('DVCQG_PROCEDURE_UNKNOWN', `${path}.MaTTHC`, 'in the national catalogue', `${path}.MaTTHC "${maTTHC}" is not a procedure of the national catalogue (LayDanhSachTTHC lists them)`);
  if (proc && str('TenTTHC') && str('TenTTHC') !== proc.name) {
    f.warn('DVCQG_BAD_PARAMETER', `${path}.TenTTHC`, 'catalogue name', `${path}.TenTTHC differs from the catalogue name of ${proc.code} ("${proc.name}")`);
  }
  if (proc && str('MaLinhVuc') && str('MaLinhVuc') !== proc.fieldCode) {
    f.warn('DVCQG_BAD_PARAMETER', `${path}.MaLinhVuc`, 'catalogue field', `${path}.MaLinhVuc "${str('MaLinhVuc')}" is not the field of ${proc.code} in the catalogue (${proc.fieldCode})`);
  }

  const receivedAt = checkDate(f, d, 'NgayTiepNhan', `${path}.NgayTiepNhan`, false);
  const dueAt = checkDate(f, d, 'NgayHenTra', `${path}.NgayHenTra`, false);
  let endedAt: Date | null = null;
  for (const key of OPTIONAL_DATES) {
    const at = checkDate(f, d, key, `${path}.${key}`, false);
    if (key === 'NgayKetThucXuLy' && at) endedAt = at;
    if (key === 'NgayTra' && at && !endedAt) endedAt = at;
  }
  if (receivedAt && dueAt && dueAt < receivedAt) {
    f.error('DVCQG_DOSSIER_DATE_ORDER', `${path}.NgayHenTra`, 'NgayHenTra ≥ NgayTiepNhan', `${path}.NgayHenTra ${str('NgayHenTra')} is before NgayTiepNhan ${str('NgayTiepNhan')}`);
  }

  for (const [key, spec] of Object.entries(ARRAYS)) {
    const v = d[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) {
      f.error('DVCQG_BAD_PARAMETER', `${path}.${key}`, 'array', `${path}.${key} must be an array`);
      continue;
    }
    v.forEach((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
      const it = item as Json;
      const p = `${path}.${key}[${i}]`;
      for (const r of spec.required) if (isBlank(it[r])) f.error('DVCQG_DOSSIER_MISSING_FIELD', `${p}.${r}`, 'required', `${p}.${r} is required`);
      for (const k of spec.dates) checkDate(f, it, k, `${p}.${k}`, false);
      if ('IsDeleted' in it && !['True', 'False', 'true', 'false'].includes(String(it.IsDeleted))) {
        f.error('DVCQG_DOSSIER_BAD_ENUM', `${p}.IsDeleted`, '"True" or "False"', `${p}.IsDeleted must be "True" or "False"`);
      }
      if (key === 'DanhSachLePhi' && isString(it.Gia) && it.Gia !== '' && !/^\d+(\.\d+)?$/.test(it.Gia)) {
        f.error('DVCQG_BAD_PARAMETER', `${p}.Gia`, 'amount in VND', `${p}.Gia "${it.Gia}" must be an amount in VND written with digits`);
      }
    });
  }
  if (f.errors.length > before || !receivedAt) return null;
  return { maHoSo, maTTHC: proc?.code ?? maTTHC, status, receivedAt, dueAt, endedAt };
}

/** §A3 progress object (CapNhatTienDoHoSoMC). */
export interface ProgressFacts {
  maHoSo: string;
  status: number;
  at: Date;
}

const PROGRESS_REQUIRED = ['MaHoSo', 'NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', 'TrangThai'] as const;

export function validateProgress(f: Findings, raw: unknown, path: string): ProgressFacts | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    f.error('DVCQG_BAD_PARAMETER', path, 'object', `${path} must be a progress object`);
    return null;
  }
  const p = raw as Json;
  const before = f.errors.length;
  checkAllStrings(f, p, path);
  for (const key of PROGRESS_REQUIRED) {
    if (isBlank(p[key])) f.error('DVCQG_DOSSIER_MISSING_FIELD', `${path}.${key}`, 'required', `${path}.${key} is required and must not be empty`);
  }
  const statusText = isString(p.TrangThai) ? p.TrangThai : '';
  const status = Number(statusText);
  if (statusText && !(/^\d{1,2}$/.test(statusText) && status >= 1 && status <= 10)) {
    f.error('DVCQG_DOSSIER_BAD_ENUM', `${path}.TrangThai`, '1..10 (§A5)', `${path}.TrangThai "${statusText}" is not a DVCQG status 1–10`);
  }
  const at = checkDate(f, p, 'ThoiDiemXuLy', `${path}.ThoiDiemXuLy`, false);
  checkDate(f, p, 'NgayBatDau', `${path}.NgayBatDau`, false);
  checkDate(f, p, 'NgayKetThucTheoQuyDinh', `${path}.NgayKetThucTheoQuyDinh`, false);
  if (f.errors.length > before || !at) return null;
  return { maHoSo: String(p.MaHoSo), status, at };
}
