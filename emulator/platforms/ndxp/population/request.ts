/**
 * Reading the fields of an operation element (specs/dvcqg-ndxp.md §B2): the caller's header fields (MaYeuCau,
 * MaDVC, MaTichHop, MaCanBo, …), the person's ID, name and birth date. Values are trimmed; an empty element
 * counts as absent. Every refusal is a Fault naming the field and the rule (decision 011).
 */
import type { Element } from '@xmldom/xmldom';
import type { ValidationMode } from '../../../core/context.js';
import type { Verdict } from '../../../core/evidence.js';
import { parsePersonalId } from '../../../core/world/index.js';
import { populationError } from './errors.js';
import { DAN_NS } from './wire/envelope.js';
import { childNamed, clip, elementChildren } from './wire/xml.js';

/** Longest value accepted in a code-like field (MaYeuCau, MaDVC, MaCanBo, …) [ours]. */
const MAX_CODE = 100;
const MAX_NAME = 150;

export class OperationRequest {
  readonly verdicts: Verdict[] = [];
  readonly operation: string;

  constructor(
    readonly op: Element,
    readonly mode: ValidationMode,
  ) {
    this.operation = op.localName ?? '';
  }

  warn(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'warning', message, field });
  }

  info(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'info', message, field });
  }

  /**
   * A field element: in http://dancuquocgia.bca; an unqualified one (or one in another namespace) is taken
   * in lenient mode with a warning, and refused in strict mode.
   */
  element(name: string, parent: Element = this.op, path = name): Element | undefined {
    const qualified = childNamed(parent, name, DAN_NS);
    if (qualified) return qualified;
    const other = childNamed(parent, name);
    if (!other) return undefined;
    const ns = other.namespaceURI ? `namespace "${clip(other.namespaceURI)}"` : 'no namespace';
    if (this.mode === 'strict') {
      throw populationError('NDXP_POP_WRONG_NAMESPACE', `${path} is in ${ns}; the fields of ${this.operation} must be in ${DAN_NS}.`, { field: path, rule: `namespace ${DAN_NS}` });
    }
    this.warn('NDXP_POP_FIELD_NAMESPACE', `${path} is in ${ns}, not ${DAN_NS}; accepted in lenient mode`, path);
    return other;
  }

  /** Trimmed text of a field, or undefined when absent or empty. */
  text(name: string, parent: Element = this.op, path = name): string | undefined {
    const e = this.element(name, parent, path);
    const v = e?.textContent?.trim();
    return v ? v : undefined;
  }

  required(name: string, what: string): string {
    const v = this.text(name);
    if (v === undefined) throw populationError('NDXP_POP_MISSING_FIELD', `${name} is required in ${this.operation} (${what}).`, { field: name, rule: 'required' });
    return v;
  }

  code(name: string, what: string, required: boolean): string | undefined {
    const v = required ? this.required(name, what) : this.text(name);
    if (v !== undefined && v.length > MAX_CODE) {
      throw populationError('NDXP_POP_FIELD_INVALID', `${name} has ${v.length} characters; at most ${MAX_CODE} are accepted (${what}).`, { field: name, rule: `length ≤ ${MAX_CODE}` });
    }
    return v;
  }
}

/** The caller's fields every operation carries (CallApi037 and the other public clients, §B2). */
export interface CallerFields {
  MaYeuCau: string;
  /** The procedure (dịch vụ công) the lookup serves: the licence is checked against it. */
  MaDVC: string;
  MaTichHop?: string;
  /** The official's account (an ID number or a user name such as "tthieu.stttt"). */
  MaCanBo: string;
  MaDonVi?: string;
  TaiKhoan?: string;
  SoDienThoai?: string;
}

export function readCallerFields(r: OperationRequest): CallerFields {
  const MaYeuCau = r.code('MaYeuCau', 'mã yêu cầu: the request id', true) as string;
  let MaDVC = r.code('MaDVC', 'mã dịch vụ công: the procedure the lookup serves', false);
  if (MaDVC === undefined) {
    // One public client of XacThucThongTinCongDan names it MaDichVu.
    MaDVC = r.code('MaDichVu', 'mã dịch vụ công', false);
    if (MaDVC !== undefined) r.info('NDXP_POP_MADICHVU', 'MaDichVu read as MaDVC (the name one public client uses)', 'MaDichVu');
    else throw populationError('NDXP_POP_MISSING_FIELD', `MaDVC is required in ${r.operation} (mã dịch vụ công: the procedure the lookup serves; the licence is checked against it).`, { field: 'MaDVC', rule: 'required' });
  }
  const MaTichHop = r.code('MaTichHop', 'mã tích hợp', false);
  if (MaTichHop === undefined) {
    if (r.mode === 'strict') throw populationError('NDXP_POP_MISSING_FIELD', `MaTichHop is required in ${r.operation} in strict mode (mã tích hợp; every public client sends it, e.g. 037).`, { field: 'MaTichHop', rule: 'required' });
    r.warn('NDXP_POP_MISSING_MATICHHOP', 'MaTichHop (mã tích hợp) is absent; every public client sends it', 'MaTichHop');
  }
  const MaCanBo = r.code('MaCanBo', 'mã cán bộ: the official making the lookup', true) as string;
  const MaDonVi = r.code('MaDonVi', 'mã đơn vị', false);
  const TaiKhoan = r.code('TaiKhoan', 'tài khoản', false);
  const SoDienThoai = r.code('SoDienThoai', 'số điện thoại', false);
  if (r.mode === 'strict') {
    for (const [name, v] of [['MaDonVi', MaDonVi], ['TaiKhoan', TaiKhoan]] as const) {
      if (v === undefined) r.warn('NDXP_POP_MISSING_CALLER_FIELD', `${name} is absent; public clients send it with every lookup`, name);
    }
  }
  return { MaYeuCau, MaDVC, MaTichHop, MaCanBo, MaDonVi, TaiKhoan, SoDienThoai };
}

export interface PersonKey {
  SoDinhDanh?: string;
  SoCMND?: string;
}

/** SoDinhDanh (12 digits, §B3) or SoCMND (9 digits); a malformed one is a Fault, an unknown one is "not found". */
export function readPersonKey(r: OperationRequest, required = true): PersonKey | undefined {
  let SoDinhDanh = r.code('SoDinhDanh', 'số định danh cá nhân', false);
  let SoCMND = r.code('SoCMND', 'số chứng minh nhân dân', false);
  if (SoCMND !== undefined && SoDinhDanh === undefined && /^\d{12}$/.test(SoCMND)) {
    // 12-digit CMNDs (2012–2016) carry the personal ID number itself.
    if (r.mode === 'strict') {
      throw populationError('NDXP_POP_ID_INVALID', `SoCMND "${SoCMND}" has 12 digits; send a 12-digit number as SoDinhDanh (số định danh cá nhân), SoCMND has 9 digits.`, { field: 'SoCMND', rule: '9 digits' });
    }
    r.warn('NDXP_POP_CMND_12_DIGITS', 'SoCMND has 12 digits: read as SoDinhDanh', 'SoCMND');
    SoDinhDanh = SoCMND;
    SoCMND = undefined;
  }
  if (SoDinhDanh === undefined && SoCMND === undefined) {
    if (!required) return undefined;
    throw populationError('NDXP_POP_ID_MISSING', `${r.operation} needs SoDinhDanh (số định danh cá nhân, 12 digits) or SoCMND (số CMND, 9 digits).`, { field: 'SoDinhDanh', rule: 'SoDinhDanh or SoCMND required' });
  }
  if (SoDinhDanh !== undefined) {
    const p = parsePersonalId(SoDinhDanh);
    if (!p.ok) {
      throw populationError('NDXP_POP_ID_INVALID', `SoDinhDanh "${clip(SoDinhDanh)}" is not a personal ID number (số định danh cá nhân, PPP G YY NNNNNN): ${p.reason}.`, { field: 'SoDinhDanh', rule: 'PPP G YY NNNNNN' });
    }
  }
  if (SoCMND !== undefined && !/^\d{9}$/.test(SoCMND)) {
    throw populationError('NDXP_POP_ID_INVALID', `SoCMND "${clip(SoCMND)}" must be 9 digits (số chứng minh nhân dân).`, { field: 'SoCMND', rule: '9 digits' });
  }
  return { SoDinhDanh, SoCMND };
}

/** Today in Vietnam (UTC+7, no daylight saving) as yyyyMMdd. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

export interface BirthDate {
  /** yyyyMMdd, when NgayThangNam was given. */
  date?: string;
  year: number;
}

function dateExists(d: string): boolean {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

/** NgayThangNamSinh: `<NgayThangNam>yyyyMMdd</NgayThangNam>` or `<Nam>yyyy</Nam>` (both: they must agree). */
export function readBirthDate(r: OperationRequest, required: boolean, today: string): BirthDate | undefined {
  const F = 'NgayThangNamSinh';
  const holder = r.element(F);
  const bad = (field: string, msg: string, rule: string) => populationError('NDXP_POP_DATE_INVALID', msg, { field, rule });
  if (!holder || !holder.textContent?.trim()) {
    if (!required) return undefined;
    throw populationError('NDXP_POP_MISSING_FIELD', `${F} is required in ${r.operation}: <NgayThangNam>yyyyMMdd</NgayThangNam> or <Nam>yyyy</Nam>.`, { field: F, rule: 'required' });
  }
  let full = r.text('NgayThangNam', holder, `${F}/NgayThangNam`);
  let year = r.text('Nam', holder, `${F}/Nam`);
  if (full === undefined && year === undefined) {
    const raw = holder.textContent.trim();
    if (elementChildren(holder).length === 0 && /^(\d{8}|\d{4})$/.test(raw)) {
      // A client writing the date straight into NgayThangNamSinh.
      if (r.mode === 'strict') throw bad(F, `${F} holds "${raw}" as text; it must hold <NgayThangNam>yyyyMMdd</NgayThangNam> or <Nam>yyyy</Nam>.`, 'NgayThangNam or Nam child');
      r.warn('NDXP_POP_DATE_AS_TEXT', `${F} holds the date as text, not in NgayThangNam/Nam; read in lenient mode`, F);
      if (raw.length === 8) full = raw;
      else year = raw;
    } else {
      throw bad(F, `${F} must hold <NgayThangNam>yyyyMMdd</NgayThangNam> or <Nam>yyyy</Nam>.`, 'NgayThangNam or Nam child');
    }
  }
  const thisYear = Number(today.slice(0, 4));
  if (full !== undefined) {
    if (!/^\d{8}$/.test(full)) throw bad(`${F}/NgayThangNam`, `${F}/NgayThangNam "${clip(full)}" must be yyyyMMdd (8 digits, e.g. 19921122).`, 'yyyyMMdd');
    if (!dateExists(full) || Number(full.slice(0, 4)) < 1900) throw bad(`${F}/NgayThangNam`, `${F}/NgayThangNam "${full}" is not a date from 1900 on.`, 'existing date');
    if (full > today) throw bad(`${F}/NgayThangNam`, `${F}/NgayThangNam "${full}" is after today (${today}).`, 'not in the future');
  }
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year)) throw bad(`${F}/Nam`, `${F}/Nam "${clip(year)}" must be a 4-digit year (yyyy).`, 'yyyy');
    const y = Number(year);
    if (y < 1900 || y > thisYear) throw bad(`${F}/Nam`, `${F}/Nam ${year} is outside 1900–${thisYear}.`, `1900..${thisYear}`);
    if (full !== undefined && full.slice(0, 4) !== year) throw bad(`${F}/Nam`, `${F}/Nam ${year} disagrees with NgayThangNam ${full}.`, 'Nam = year of NgayThangNam');
  }
  return { date: full, year: full !== undefined ? Number(full.slice(0, 4)) : Number(year) };
}

const CANONICAL_NAME = /^[A-Z]+( [A-Z]+)*$/;

/** HoVaTen as sent (trimmed). Strict mode notes a name that is not upper case without diacritics (S2's form). */
export function readName(r: OperationRequest, required: boolean): string | undefined {
  const v = required ? r.required('HoVaTen', 'họ và tên') : r.text('HoVaTen');
  if (v === undefined) return undefined;
  if (v.length > MAX_NAME) throw populationError('NDXP_POP_FIELD_INVALID', `HoVaTen has ${v.length} characters; at most ${MAX_NAME} are accepted.`, { field: 'HoVaTen', rule: `length ≤ ${MAX_NAME}` });
  if (r.mode === 'strict' && !CANONICAL_NAME.test(v)) {
    r.warn('NDXP_POP_NAME_FORM', `HoVaTen "${clip(v)}" is not upper case without diacritics (e.g. "DAO VAN TAI"), the form the population database stores for matching; compared after folding`, 'HoVaTen');
  }
  return v;
}
