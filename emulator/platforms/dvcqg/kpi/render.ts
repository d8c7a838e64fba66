/**
 * The public reporting API of the index (specs/dvcqg-ndxp.md §A11): reading the request and shaping the
 * reply. The request — `POST https://dichvucong.gov.vn/api/v1/reporting/evaluation/<API id>` with
 * `{timeType, year, quarter?, month?, rootDepartmentId, currentPage, pageSize}` — is [C] from third-party
 * crawlers. The reply shape is NOT known ([NF]): the one below is inferred and documented as such in
 * docs/decisions/008-qd766-index.md.
 */
import { GROUPS } from './indicators.js';
import type { GroupId, GroupResult, IndicatorId, KpiResult } from './model.js';

export type TimeType = 'year' | 'quarter' | 'month';

export interface FieldError {
  /** The body field at fault (`timeType`, `year`, …), or `body` for the body itself. */
  field: string;
  /** The rule broken: `object`, `required`, `enum`, `integer`, `range`. */
  rule: string;
  message: string;
}

export type Parsed<T> = ({ ok: true } & T) | { ok: false; errors: FieldError[] };

export interface Page {
  /** 1-based. */
  currentPage: number;
  pageSize: number;
}

const TIME_TYPES: readonly TimeType[] = ['year', 'quarter', 'month'];
/** [I] chosen bounds: 4-digit years from the Unix epoch; the portal itself dates from 2019. */
const YEAR_MIN = 1970;
const YEAR_MAX = 9999;
/** [I] chosen: the real defaults and page-size limit are unknown. */
const DEFAULT_PAGE: Page = { currentPage: 1, pageSize: 10 };
const PAGE_SIZE_MAX = 100;

type Json = Record<string, unknown>;

function asObject(body: unknown): Json | null {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : null;
}

/**
 * An integer field: a JSON number, or a string of digits (whether crawlers send "2024" or 2024 is not
 * known, so both are taken [I]). Pushes an error and returns null when absent-but-required or invalid.
 */
function intField(o: Json, field: string, min: number, max: number, required: boolean, errors: FieldError[]): number | null {
  const v = o[field];
  if (v === undefined || v === null || v === '') {
    if (required) errors.push({ field, rule: 'required', message: `${field} is required` });
    return null;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n)) {
    errors.push({ field, rule: 'integer', message: `${field} must be an integer (got ${JSON.stringify(v)})` });
    return null;
  }
  if (n < min || n > max) {
    errors.push({ field, rule: 'range', message: `${field} must be from ${min} to ${max} (got ${n})` });
    return null;
  }
  return n;
}

/** The UTC offset of `tz` at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, fmt: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(instant))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? NaN, (parts.month ?? NaN) - 1, parts.day ?? NaN, parts.hour ?? NaN, parts.minute ?? NaN, parts.second ?? NaN);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of day 1 of month m in `tz` (m may be 13 = January of y+1): local midnight, or the first
 * valid time when a clock change skips midnight.
 */
function monthStart(year: number, month: number, fmt: Intl.DateTimeFormat): Date {
  const guess = Date.UTC(year, month - 1, 1);
  const first = guess - zoneOffsetMs(guess, fmt);
  // Re-check at the candidate: a zone with daylight saving may have another offset there.
  return new Date(guess - zoneOffsetMs(first, fmt));
}

function zoneFormat(tz: string): Intl.DateTimeFormat {
  // Throws RangeError for an unknown zone: that is the caller's bug, not a field error.
  return new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/**
 * `{timeType, year, quarter?, month?}` → the period [from, to) of that calendar year, quarter or month in
 * `tz` (Vietnam time by default), or every field error found. `quarter`/`month` are required only for
 * their time type and ignored otherwise.
 */
export function periodFromRequest(body: unknown, tz = 'Asia/Ho_Chi_Minh'): Parsed<{ timeType: TimeType; period: { from: Date; to: Date } }> {
  const fmt = zoneFormat(tz);
  const o = asObject(body);
  if (!o) return { ok: false, errors: [{ field: 'body', rule: 'object', message: 'the body must be a JSON object' }] };
  const errors: FieldError[] = [];
  const tt = o.timeType;
  let timeType: TimeType | null = null;
  if (tt === undefined || tt === null || tt === '') errors.push({ field: 'timeType', rule: 'required', message: 'timeType is required' });
  else if (typeof tt === 'string' && (TIME_TYPES as readonly string[]).includes(tt)) timeType = tt as TimeType;
  else errors.push({ field: 'timeType', rule: 'enum', message: `timeType must be one of ${TIME_TYPES.join(', ')} (got ${JSON.stringify(tt)})` });

  const year = intField(o, 'year', YEAR_MIN, YEAR_MAX, true, errors);
  const quarter = timeType === 'quarter' ? intField(o, 'quarter', 1, 4, true, errors) : null;
  const month = timeType === 'month' ? intField(o, 'month', 1, 12, true, errors) : null;
  if (errors.length > 0 || timeType === null || year === null) return { ok: false, errors };

  const [m0, months] = timeType === 'year' ? [1, 12] : timeType === 'quarter' ? [3 * ((quarter ?? 1) - 1) + 1, 3] : [month ?? 1, 1];
  return {
    ok: true,
    timeType,
    period: { from: monthStart(year, m0, fmt), to: monthStart(year, m0 + months, fmt) },
  };
}

/** `{currentPage?, pageSize?}` → a page (defaults 1 and 10, page size at most 100 [I]). */
export function pageFromRequest(body: unknown): Parsed<{ page: Page }> {
  const o = asObject(body);
  if (!o) return { ok: false, errors: [{ field: 'body', rule: 'object', message: 'the body must be a JSON object' }] };
  const errors: FieldError[] = [];
  const currentPage = intField(o, 'currentPage', 1, Number.MAX_SAFE_INTEGER, false, errors);
  const pageSize = intField(o, 'pageSize', 1, PAGE_SIZE_MAX, false, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, page: { currentPage: currentPage ?? DEFAULT_PAGE.currentPage, pageSize: pageSize ?? DEFAULT_PAGE.pageSize } };
}

/**
 * The whole request body: period, page and `rootDepartmentId` (an agency code such as `000.00.00.H30`;
 * null = every agency). All field errors at once.
 */
export function parseEvaluationRequest(
  body: unknown,
  tz = 'Asia/Ho_Chi_Minh',
): Parsed<{ timeType: TimeType; period: { from: Date; to: Date }; page: Page; rootDepartmentId: string | null }> {
  const o = asObject(body);
  if (!o) return { ok: false, errors: [{ field: 'body', rule: 'object', message: 'the body must be a JSON object' }] };
  const period = periodFromRequest(o, tz);
  const page = pageFromRequest(o);
  const errors = [...(period.ok ? [] : period.errors), ...(page.ok ? [] : page.errors)];
  const r = o.rootDepartmentId;
  let rootDepartmentId: string | null = null;
  if (typeof r === 'string' && r.trim() !== '') rootDepartmentId = r.trim();
  else if (typeof r === 'number' && Number.isInteger(r)) rootDepartmentId = String(r);
  else if (r !== undefined && r !== null && r !== '') {
    errors.push({ field: 'rootDepartmentId', rule: 'string', message: `rootDepartmentId must be an agency code (got ${JSON.stringify(r)})` });
  }
  if (!period.ok || !page.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, timeType: period.timeType, period: period.period, page: page.page, rootDepartmentId };
}

export function isGroupId(id: string): id is GroupId {
  return GROUPS.some((g) => g.id === id);
}

export interface EvaluationChild {
  id: IndicatorId;
  name: string;
  point: number | null;
  maxPoint: number;
  ratio: number | null;
  numerator: number;
  denominator: number;
  target: number;
}

export interface EvaluationItem {
  departmentId: string;
  departmentName: string;
  point: number | null;
  maxPoint: number;
  children: EvaluationChild[];
}

export interface EvaluationReply {
  success: true;
  data: { total: number; currentPage: number; pageSize: number; items: EvaluationItem[] };
}

function item(agency: KpiResult['agency'], g: GroupResult): EvaluationItem {
  return {
    departmentId: agency.code,
    departmentName: agency.name,
    point: g.points,
    maxPoint: g.maxPoints,
    children: g.indicators.map((i) => ({
      id: i.id,
      name: i.label,
      point: i.points,
      maxPoint: i.maxPoints,
      ratio: i.ratio,
      numerator: i.numerator,
      denominator: i.denominator,
      target: i.target,
    })),
  };
}

/**
 * One group's ranking across agencies, paged: best first, not-applicable (null) last, ties by agency code.
 * [I] inferred shape: the real reply was not found.
 */
export function renderEvaluation(apiId: GroupId, results: readonly KpiResult[], page: Page): EvaluationReply {
  if (!isGroupId(apiId)) throw new RangeError(`unknown evaluation API id "${String(apiId)}"`);
  const items = results.map((r) => {
    const g = r.groups.find((x) => x.id === apiId);
    if (!g) throw new RangeError(`result for ${r.agency.code} has no group ${apiId}`);
    return item(r.agency, g);
  });
  items.sort((a, b) => {
    if (a.point !== b.point) {
      if (a.point === null) return 1;
      if (b.point === null) return -1;
      return b.point - a.point;
    }
    return a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0;
  });
  const start = (page.currentPage - 1) * page.pageSize;
  return {
    success: true,
    data: { total: items.length, currentPage: page.currentPage, pageSize: page.pageSize, items: items.slice(start, start + page.pageSize) },
  };
}

export interface IndexReply {
  success: true;
  data: {
    departmentId: string;
    departmentName: string;
    /** ISO instants of the period [from, to). */
    from: string;
    to: string;
    point: number;
    maxPoint: 100;
    /** The maximum of the groups that could be scored; the point is renormalised to 100 over them. */
    scoredMaxPoint: number;
    groups: Array<{ id: GroupId; name: string; point: number | null; maxPoint: number; children: EvaluationChild[] }>;
  };
}

/** The "all groups" view of one agency (our addition; the portal shows it per agency [I]). */
export function renderIndex(result: KpiResult): IndexReply {
  return {
    success: true,
    data: {
      departmentId: result.agency.code,
      departmentName: result.agency.name,
      from: result.period.from.toISOString(),
      to: result.period.to.toISOString(),
      point: result.total,
      maxPoint: 100,
      scoredMaxPoint: result.scoredMaxPoints,
      groups: result.groups.map((g) => {
        const { point, maxPoint, children } = item(result.agency, g);
        return { id: g.id, name: g.label, point, maxPoint, children };
      }),
    },
  };
}
