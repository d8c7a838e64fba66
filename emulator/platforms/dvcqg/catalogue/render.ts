/**
 * Wire shapes of the catalogue services (spec dvcqg-ndxp.md A2, A7): UPPERCASE keys as S1 parses them.
 * Pure functions; the HTTP layer wraps them in `{error_code, result…}`.
 *
 * Value types the spec does not state are inferred [I]: `KENH`, `SOTIEN`, `TRANGTHAI` are integers like
 * `THOIGIANGIAIQUYET` and `MUCDO` (which A7 marks int).
 */
import {
  DAY_UNIT,
  foldText,
  type Catalogue,
  type CatalogueAgency,
  type CatalogueField,
  type Channel,
  type MucDo,
  type OnlineLevel,
  type Procedure,
} from './generate.js';
import type { ProcedureLevel } from './fields.js';

export interface LinhVucWire {
  MALINHVUC: string;
  TENLINHVUC: string;
}

export interface CoQuanWire {
  MADONVI: string;
  TENDONVI: string;
}

export interface PhiLePhiWire {
  MAPHILEPHI: string;
  SOTIEN: number;
  DONVI: string;
  MOTA: string;
}

/** `LayThuTuc` → `result[0]` (A7). */
export interface ThuTucWire {
  TENTTHC: string;
  MATTHC: string;
  LINHVUCTHUCHIEN: LinhVucWire[];
  TRINHTUTHUCHIEN: Array<{ TRUONGHOP: string; TRINHTU: Array<{ TENTRINHTU: string }> }>;
  CACHTHUCTHUCHIEN: Array<{
    KENH: Channel;
    THOIGIAN: Array<{ THOIGIANGIAIQUYET: number; DONVITINH: string; MOTA: string; PHILEPHI: PhiLePhiWire[] }>;
  }>;
  THANHPHANHOSO: Array<{ GIAYTO: Array<{ MAGIAYTO: string; TENGIAYTO: string; TENMAUDON: string; URL: string }> }>;
  YEUCAU: string;
  MOTADOITUONGTHUCHIEN: string;
  KETQUATHUCHIEN: Array<{ MAKETQUA: string; TENKETQUA: string }>;
  CANCUPHAPLY: Array<{ SOVANBAN: string; TENVANBAN: string }>;
  COQUANTHUCHIEN: CoQuanWire[];
  TRANGTHAI: number;
}

/** `LayDVC` → one element of `result.data[]` (A7). */
export interface DvcWire {
  MADVC: string;
  TENDVC: string;
  MATTHC: string;
  TENTTHC: string;
  TENCOQUANBANHANH: string;
  TENLINHVUC: string;
  APDUNGDVC: Array<{ MACOQUANTHUCHIEN: string; MUCDO: MucDo }>;
}

/**
 * `LayDanhSachTTHC` item. The real shape is NOT in the spec (A2 names the service only): this compact form
 * is OUR inference, reusing A7 key names.
 */
export interface TthcListItemWire {
  MATTHC: string;
  TENTTHC: string;
  MALINHVUC: string;
  TENLINHVUC: string;
  CAPTHUCHIEN: string;
  MUCDO: MucDo;
}

/** `DONVI` of fees (currency unit; value ours [I]). */
export const FEE_UNIT = 'Đồng';

/** `CAPTHUCHIEN` labels, as DVCQG shows levels [M]. */
export const LEVEL_LABEL: Readonly<Record<ProcedureLevel, string>> = { central: 'Cấp Bộ', provincial: 'Cấp Tỉnh', commune: 'Cấp Xã' };

export function renderLinhVuc(field: CatalogueField): LinhVucWire {
  return { MALINHVUC: field.code, TENLINHVUC: field.name };
}

export function renderCoQuan(agency: CatalogueAgency): CoQuanWire {
  return { MADONVI: agency.code, TENDONVI: agency.name };
}

export function renderThuTuc(proc: Procedure): ThuTucWire {
  const fees: PhiLePhiWire[] = proc.fees.map((f) => ({ MAPHILEPHI: f.code, SOTIEN: f.amount, DONVI: FEE_UNIT, MOTA: f.note || f.name }));
  return {
    TENTTHC: proc.name,
    MATTHC: proc.code,
    LINHVUCTHUCHIEN: proc.fields.map(renderLinhVuc),
    TRINHTUTHUCHIEN: proc.cases.map((c) => ({ TRUONGHOP: c.name, TRINHTU: c.steps.map((s) => ({ TENTRINHTU: s })) })),
    CACHTHUCTHUCHIEN: proc.channels.map((k) => ({
      KENH: k,
      THOIGIAN: [{ THOIGIANGIAIQUYET: proc.processingDays, DONVITINH: DAY_UNIT, MOTA: proc.timeNote, PHILEPHI: fees.map((f) => ({ ...f })) }],
    })),
    THANHPHANHOSO: [{ GIAYTO: proc.documents.map((d) => ({ MAGIAYTO: d.code, TENGIAYTO: d.name, TENMAUDON: d.form, URL: d.url })) }],
    YEUCAU: proc.requirements,
    MOTADOITUONGTHUCHIEN: proc.applicantText,
    KETQUATHUCHIEN: proc.results.map((r) => ({ MAKETQUA: r.code, TENKETQUA: r.name })),
    CANCUPHAPLY: proc.legalBases.map((l) => ({ SOVANBAN: l.number, TENVANBAN: l.title })),
    COQUANTHUCHIEN: proc.agencies.map(renderCoQuan),
    TRANGTHAI: proc.status,
  };
}

/**
 * `LayDVC` entry. `agencyCode` (the caller's `madonvi`) narrows `APDUNGDVC` to that agency: empty when the
 * agency is unknown to the catalogue or does not implement the procedure. Without it, every implementing agency.
 */
export function renderDvc(proc: Procedure, catalogue: Catalogue, agencyCode?: string): DvcWire {
  let agencies: readonly CatalogueAgency[] = proc.agencies;
  if (agencyCode !== undefined) {
    const agency = catalogue.agency(agencyCode);
    agencies = agency && proc.agencies.includes(agency) ? [agency] : [];
  }
  return {
    MADVC: proc.dvcCode,
    TENDVC: proc.name,
    MATTHC: proc.code,
    TENTTHC: proc.name,
    TENCOQUANBANHANH: proc.issuer,
    TENLINHVUC: proc.fields[0]?.name ?? '',
    APDUNGDVC: agencies.map((a) => ({ MACOQUANTHUCHIEN: a.code, MUCDO: proc.mucDo })),
  };
}

export function renderTthcListItem(proc: Procedure): TthcListItemWire {
  const field = proc.fields[0];
  return {
    MATTHC: proc.code,
    TENTTHC: proc.name,
    MALINHVUC: field?.code ?? '',
    TENLINHVUC: field?.name ?? '',
    CAPTHUCHIEN: LEVEL_LABEL[proc.level],
    MUCDO: proc.mucDo,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Paging and filtering
// ---------------------------------------------------------------------------------------------------------

export interface ProcedureQuery {
  /** Implementing agency code. */
  agency?: string;
  /** Field code (any of the procedure's fields). */
  field?: string;
  /** true = offered online (fully or partly), false = not online; or one exact level. */
  online?: boolean | OnlineLevel;
  level?: ProcedureLevel;
  /** Every whitespace-separated word must occur in the name or code; case and diacritics are ignored. */
  keyword?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface ProcedurePage {
  total: number;
  page: number;
  pageSize: number;
  items: Procedure[];
}

const folded = new WeakMap<Procedure, string>();
function searchText(p: Procedure): string {
  let s = folded.get(p);
  if (s === undefined) {
    s = `${p.code} ${foldText(p.name)}`;
    folded.set(p, s);
  }
  return s;
}

/**
 * Filters in code order and returns one page. Throws RangeError when `page` or `pageSize` is not a positive
 * integer (the HTTP layer decides how to report it); a page past the end is empty.
 */
export function queryProcedures(catalogue: Catalogue, q: ProcedureQuery): ProcedurePage {
  if (!Number.isInteger(q.page) || q.page < 1) throw new RangeError(`page must be a positive integer, got ${q.page}`);
  if (!Number.isInteger(q.pageSize) || q.pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${q.pageSize}`);
  const base = q.agency !== undefined ? catalogue.proceduresOf(q.agency) : catalogue.procedures;
  const words = q.keyword !== undefined ? foldText(q.keyword).split(/\s+/).filter(Boolean) : [];
  const matches = base.filter((p) => {
    if (q.field !== undefined && !p.fields.some((f) => f.code === q.field)) return false;
    if (q.level !== undefined && p.level !== q.level) return false;
    if (q.online !== undefined) {
      if (typeof q.online === 'boolean' ? (p.online !== 'none') !== q.online : p.online !== q.online) return false;
    }
    if (words.length > 0) {
      const text = searchText(p);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
  const start = (q.page - 1) * q.pageSize;
  return { total: matches.length, page: q.page, pageSize: q.pageSize, items: matches.slice(start, start + q.pageSize) };
}
