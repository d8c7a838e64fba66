/**
 * The registry's HTTP surface behind the gateway (§B4): four GET resources answering the JSON envelope
 * `{Data, DataCount, Status:"1"|"0", Message}` that OpenCPS parses (S1). Reads only the world and the clock.
 */
import type { EmulatorContext } from '../../../core/context.js';
import { EmulatorError } from '../../../core/errors.js';
import { parseTaxCode } from '../../../core/world/index.js';
import { ndxpError } from '../errors.js';
import type { BuiltinApi, UpstreamRequest, UpstreamResponse } from '../upstream.js';
import { formatDate, formatTimestamp, vnDayOf, vnSecondOfDay } from './calendar.js';
import { registeredEnterprise } from './enterprise-lookup.js';
import { BUSINESS_ERRORS, businessError } from './errors.js';
import { EPOCH_DAY, type FilingRecord, filing, filingRecord, parseJournalNo, receivedBy, receivedSoFar } from './filings.js';
import { Query } from './params.js';

/** The widest window danhSachHoSo accepts, both ends counted (§B4: "at most 5 days"). */
export const MAX_WINDOW_DAYS = 5;

const JSON_TYPE = 'application/json; charset=utf-8';

interface Answer {
  Data: unknown;
  DataCount: number;
  Message: string;
}

type Operation = (ctx: EmulatorContext, q: Query, now: number) => Answer;

/** Filings `first`…`last` (sequences) of `day`. */
interface Run {
  day: number;
  first: number;
  last: number;
}

/** One page over consecutive runs of filings, oldest first; DataCount is the total over all runs. */
function page(ctx: EmulatorContext, runs: Run[], offset: number, limit: number, now: number): { rows: FilingRecord[]; total: number } {
  const total = runs.reduce((a, r) => a + Math.max(0, r.last - r.first + 1), 0);
  const rows: FilingRecord[] = [];
  let skip = offset;
  for (const r of runs) {
    const size = Math.max(0, r.last - r.first + 1);
    if (skip >= size) {
      skip -= size;
      continue;
    }
    for (let seq = r.first + skip; seq <= r.last && rows.length < limit; seq++) rows.push(filingRecord(filing(ctx.world, r.day, seq), now));
    skip = 0;
    if (rows.length >= limit) break;
  }
  return { rows, total };
}

function listMessage(rows: number, total: number, offset: number, what: string): string {
  if (total === 0) return `Success (thành công): no filing (hồ sơ) received ${what}`;
  if (rows === 0) return `Success (thành công): ${total} filings received ${what}; offset ${offset} is past the last one`;
  return `Success (thành công): filings ${offset + 1}–${offset + rows} of ${total} received ${what}`;
}

const chiTietDoanhNghiep: Operation = (ctx, q, now) => {
  const msdn = q.required('msdn', 'mã số doanh nghiệp, 10 digits');
  const parsed = parseTaxCode(msdn);
  if (!parsed.ok) {
    throw businessError('NDXP_DKDN_MSDN_INVALID', `msdn must be 10 digits (mã số doanh nghiệp), or 10 digits-3 digits for a branch (mã số đơn vị phụ thuộc), with a valid check digit: ${parsed.reason}; got "${msdn}"`, { field: 'msdn', rule: '10 digits, check digit of §B4' });
  }
  if (parsed.branch !== null) {
    throw businessError('NDXP_DKDN_ENTERPRISE_NOT_FOUND', `no dependent unit (chi nhánh, văn phòng đại diện) ${msdn} in the business registry (CSDL ĐKDN): the emulator's world has no branches`, { field: 'msdn', rule: 'registered enterprise' });
  }
  const found = registeredEnterprise(ctx.world, msdn, now);
  if (!found) {
    throw businessError('NDXP_DKDN_ENTERPRISE_NOT_FOUND', `no enterprise with msdn ${msdn} in the business registry (CSDL ĐKDN) as of ${formatTimestamp(now)}`, { field: 'msdn', rule: 'registered enterprise' });
  }
  return { Data: { MainInformation: found.MainInformation, Representatives: found.Representatives }, DataCount: 1, Message: 'Success (thành công)' };
};

const danhSachHoSo: Operation = (ctx, q, now) => {
  const from = q.date('from_date', 'first day of the window');
  const to = q.date('to_date', 'last day of the window');
  const { offset, limit } = q.paging();
  const today = vnDayOf(now);
  for (const [name, day] of [['from_date', from], ['to_date', to]] as const) {
    if (day > today) {
      throw businessError('NDXP_DKDN_DATE_IN_FUTURE', `${name} ${formatDate(day)} is after today (${formatDate(today)}, Vietnam time): no filing can have been received yet`, { field: name, rule: 'not after today' });
    }
  }
  if (from > to) {
    throw businessError('NDXP_DKDN_DATE_RANGE_REVERSED', `from_date ${formatDate(from)} is after to_date ${formatDate(to)}`, { field: 'from_date', rule: 'from_date ≤ to_date' });
  }
  if (to - from + 1 > MAX_WINDOW_DAYS) {
    throw businessError('NDXP_DKDN_DATE_RANGE_TOO_LONG', `the window from_date ${formatDate(from)} – to_date ${formatDate(to)} covers ${to - from + 1} days; at most ${MAX_WINDOW_DAYS} days (both ends counted) may be asked at once`, { field: 'to_date', rule: `to_date − from_date ≤ ${MAX_WINDOW_DAYS - 1} days` });
  }
  const runs: Run[] = [];
  for (let day = Math.max(from, EPOCH_DAY); day <= to; day++) runs.push({ day, first: 1, last: receivedSoFar(ctx.world, day, now) });
  const { rows, total } = page(ctx, runs, offset, limit, now);
  return { Data: rows, DataCount: total, Message: listMessage(rows.length, total, offset, from === to ? `on ${formatDate(from)}` : `${formatDate(from)}–${formatDate(to)}`) };
};

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const danhSachHoSoTrongNgay: Operation = (ctx, q, now) => {
  const from = q.time('from_ts', 'start of the time range today');
  const to = q.time('to_ts', 'end of the time range today');
  const { offset, limit } = q.paging();
  if (from > to) {
    throw businessError('NDXP_DKDN_DATE_RANGE_REVERSED', `from_ts ${hhmm(from)} is after to_ts ${hhmm(to)}`, { field: 'from_ts', rule: 'from_ts ≤ to_ts' });
  }
  const day = vnDayOf(now);
  // Sequences received in [from:00, to:59], and never after now.
  const first = receivedBy(ctx.world, day, from * 60 - 1) + 1;
  const last = Math.min(receivedBy(ctx.world, day, to * 60 + 59), receivedBy(ctx.world, day, vnSecondOfDay(now)));
  const { rows, total } = page(ctx, [{ day, first, last }], offset, limit, now);
  return { Data: rows, DataCount: total, Message: listMessage(rows.length, total, offset, `today ${formatDate(day)} ${hhmm(from)}–${hhmm(to)}`) };
};

const tinhTrangHoSo: Operation = (ctx, q, now) => {
  const no = q.required('in_journal_no', 'filing number (số hồ sơ) from danhSachHoSo');
  const p = parseJournalNo(no);
  if (!p.ok) {
    throw businessError('NDXP_DKDN_JOURNAL_NO_INVALID', `in_journal_no must be a filing number (số hồ sơ), 12 digits yyyyMMdd + 4-digit sequence: ${p.reason}; got "${no}"`, { field: 'in_journal_no', rule: 'yyyyMMddNNNN' });
  }
  if (p.day < EPOCH_DAY || p.seq > receivedSoFar(ctx.world, p.day, now)) {
    throw businessError('NDXP_DKDN_FILING_NOT_FOUND', `no filing (hồ sơ) ${no} in the business registry as of ${formatTimestamp(now)} (filings on ${formatDate(p.day)} so far: ${receivedSoFar(ctx.world, p.day, now)})`, { field: 'in_journal_no', rule: 'received filing' });
  }
  return { Data: filingRecord(filing(ctx.world, p.day, p.seq), now), DataCount: 1, Message: 'Success (thành công)' };
};

const OPERATIONS: Record<string, Operation> = { chiTietDoanhNghiep, danhSachHoSo, danhSachHoSoTrongNgay, tinhTrangHoSo };
export const RESOURCES: readonly string[] = Object.keys(OPERATIONS).map((name) => `/${name}`);

function reply(status: number, body: Record<string, unknown>, operation: string, q: Query | null, extra: UpstreamResponse['verdicts'] = []): UpstreamResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body), operation, verdicts: [...(q?.verdicts ?? []), ...extra] };
}

async function handle(ctx: EmulatorContext, req: UpstreamRequest): Promise<UpstreamResponse> {
  // WSO2 matches resources exactly (a trailing slash aside); anything else is the gateway's 900906 fault.
  const name = req.resource.replace(/\/+$/, '').replace(/^\//, '');
  const op = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  if (!op || req.method !== 'GET') {
    throw ndxpError('NDXP_RESOURCE_NOT_FOUND', `No matching resource found in the API for the given request: apiCSDLDKDN/1.0 serves GET ${RESOURCES.join(', ')}; got ${req.method} ${req.resource || '/'}`, { field: 'path', rule: `GET ${RESOURCES.join(' | ')}` });
  }
  const q = new Query(req.query, ctx.mode);
  try {
    const a = op(ctx, q, ctx.clock.now().getTime());
    return reply(200, { Data: a.Data, DataCount: a.DataCount, Status: '1', Message: a.Message }, name, q);
  } catch (err) {
    if (!(err instanceof EmulatorError) || !Object.hasOwn(BUSINESS_ERRORS, err.code)) throw err;
    return reply(err.httpStatus, { Data: null, DataCount: 0, Status: '0', Message: err.message, ErrorCode: err.code }, name, q, [
      { code: err.code, severity: 'error', message: err.message, ...(typeof err.details.field === 'string' ? { field: err.details.field } : {}) },
    ]);
  }
}

/** apiCSDLDKDN/1.0, the default version (S4 calls it without one; NGSP with `/1.0`, §B4). */
export function businessApi(ctx: EmulatorContext): BuiltinApi {
  return {
    context: 'apiCSDLDKDN',
    version: '1.0',
    defaultVersion: true,
    // Bộ Tài chính: the registry moved there from Bộ Kế hoạch và Đầu tư when the ministries merged (1 March 2025) [M].
    provider: '000.00.00.G12',
    name: 'CSDL quốc gia về đăng ký doanh nghiệp',
    description: 'National Business Registration Database: enterprise details (chiTietDoanhNghiep) and registration filings (danhSachHoSo, danhSachHoSoTrongNgay, tinhTrangHoSo).',
    handle: (req) => handle(ctx, req),
  };
}
