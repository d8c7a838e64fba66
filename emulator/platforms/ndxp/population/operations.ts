/**
 * The synchronous operations of the population database (§B2) and what each answers (decision 011). A
 * handler reads its fields from the operation element and returns the content of the reply's Body.
 */
import type { World } from '../../../core/world/index.js';
import { citizen, householdOf } from '../../../core/world/index.js';
import { collection, congDan, type View } from './congdan.js';
import { populationError } from './errors.js';
import { matchPerson } from './identity.js';
import { listPage, F, LIST_WINDOW, type Predicate } from './lists.js';
import { readBirthDate, readName, readPersonKey, type OperationRequest } from './request.js';
import { el, clip, type XmlChild } from './wire/xml.js';

export interface OperationContext {
  r: OperationRequest;
  world: World;
  /** Today in Vietnam, yyyyMMdd. */
  today: string;
}

type Handler = (o: OperationContext) => XmlChild;

/** Who the request names: the ID decides; the name and birth date, when required or given, must agree. */
function person(o: OperationContext, needsNameAndDate: boolean) {
  const key = readPersonKey(o.r) as NonNullable<ReturnType<typeof readPersonKey>>;
  const name = readName(o.r, needsNameAndDate);
  const birth = readBirthDate(o.r, needsNameAndDate, o.today);
  const m = matchPerson(o.world, key, name, birth);
  if (!m.ok) {
    const id = key.SoDinhDanh ?? key.SoCMND;
    const why = {
      'not-found': `no citizen with ${key.SoDinhDanh ? 'SoDinhDanh' : 'SoCMND'} ${id} in the population database`,
      name: `HoVaTen "${clip(name ?? '')}" does not match the name registered for ${id}`,
      'birth-date': `NgayThangNamSinh does not match the birth date registered for ${id}`,
    }[m.reason];
    const code = { 'not-found': 'NDXP_POP_NOT_FOUND', name: 'NDXP_POP_NAME_MISMATCH', 'birth-date': 'NDXP_POP_BIRTH_DATE_MISMATCH' }[m.reason];
    o.r.info(code, `${why}: answered with an empty CongdanCollection`, m.reason === 'name' ? 'HoVaTen' : m.reason === 'birth-date' ? 'NgayThangNamSinh' : key.SoDinhDanh ? 'SoDinhDanh' : 'SoCMND');
    return null;
  }
  return m.citizen;
}

/** One CongDan in the given view, or the empty collection. */
const single = (view: View, needsNameAndDate: boolean): Handler => (o) => {
  const c = person(o, needsNameAndDate);
  return collection(c ? [congDan(o.world, c, o.today, view)] : []);
};

function xacThuc(o: OperationContext): XmlChild {
  const found = person(o, true) !== null;
  return el('dan:KetQuaXacThuc', {}, el('dan:TonTai', {}, found ? 'true' : 'false'));
}

/** Every member of the household of the person named (head first), each with ChuHo and SoSoHoKhau. */
function hoGiaDinh(o: OperationContext): XmlChild {
  const c = person(o, false);
  if (!c) return collection([]);
  const h = householdOf(o.world, c.index);
  return collection(h.memberIndices.map((i) => congDan(o.world, citizen(o.world, i), o.today, 'hoGiaDinh')));
}

// ---------------------------------------------------------------------------------------------------------
// Lists

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

function integer(o: OperationContext, name: string, min: number, max: number): number | undefined {
  const v = o.r.text(name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) {
    throw populationError('NDXP_POP_FIELD_INVALID', `${name} "${clip(v)}" must be an integer from ${min} to ${max}.`, { field: name, rule: `integer ${min}..${max}` });
  }
  return Number(v);
}

/** A numeric code of fixed width (DanToc 2 digits …); lenient mode pads a shorter one with a warning. */
function code(o: OperationContext, name: string, width: number, what: string, required: boolean): number | undefined {
  const v = required ? o.r.required(name, what) : o.r.text(name);
  if (v === undefined) return undefined;
  const exact = new RegExp(`^\\d{${width}}$`).test(v);
  if (!exact) {
    if (o.r.mode === 'lenient' && /^\d+$/.test(v) && v.length < width) {
      o.r.warn('NDXP_POP_CODE_WIDTH', `${name} "${v}" has fewer than ${width} digits; read as ${v.padStart(width, '0')}`, name);
    } else {
      throw populationError('NDXP_POP_FIELD_INVALID', `${name} "${clip(v)}" must be ${width} digits (${what}).`, { field: name, rule: `${width} digits` });
    }
  }
  return Number(v);
}

function oneOf(o: OperationContext, name: string, allowed: readonly number[], width: number, what: string): number {
  const n = code(o, name, width, what, true) as number;
  if (!allowed.includes(n)) {
    throw populationError('NDXP_POP_FIELD_INVALID', `${name} "${o.r.text(name)}" is not one of ${allowed.map((a) => String(a).padStart(width, '0')).join(', ')} (${what}).`, { field: name, rule: 'enumeration' });
  }
  return n;
}

/** MaTinhThanh / MaQuanHuyen / MaPhuongXa of the permanent residence (thường trú), GSO codes. */
function locality(o: OperationContext, provinceRequired: boolean): Predicate[] {
  const out: Predicate[] = [];
  const p = code(o, 'MaTinhThanh', 2, 'mã tỉnh/thành phố, GSO', provinceRequired);
  const d = code(o, 'MaQuanHuyen', 3, 'mã quận/huyện, GSO', false);
  const w = code(o, 'MaPhuongXa', 5, 'mã phường/xã, GSO', false);
  if (p !== undefined) out.push((s, i) => s[i + F.province] === p);
  if (d !== undefined) out.push((s, i) => s[i + F.district] === d);
  if (w !== undefined) out.push((s, i) => s[i + F.ward] === w);
  return out;
}

type Filter = (o: OperationContext) => Predicate[];

const FILTERS = {
  DiaPhuong: (o) => locality(o, true),
  DoTuoi: (o) => {
    const from = integer(o, 'TuTuoi', 0, 150);
    const to = integer(o, 'DenTuoi', 0, 150);
    if (from === undefined && to === undefined) {
      throw populationError('NDXP_POP_MISSING_FIELD', 'CungCapDanhSachTheoDoTuoi needs TuTuoi or DenTuoi (ages in completed years, 0–150).', { field: 'TuTuoi', rule: 'TuTuoi or DenTuoi required' });
    }
    if (from !== undefined && to !== undefined && from > to) {
      throw populationError('NDXP_POP_FIELD_INVALID', `TuTuoi ${from} is greater than DenTuoi ${to}.`, { field: 'TuTuoi', rule: 'TuTuoi ≤ DenTuoi' });
    }
    // age ≥ a ⇔ birth ≤ today − a·10000; age ≤ b ⇔ birth > today − (b+1)·10000 (yyyyMMdd arithmetic).
    const t = Number(o.today);
    const latest = t - (from ?? 0) * 10_000;
    const earliest = to === undefined ? -Infinity : t - (to + 1) * 10_000;
    return [(s, i) => s[i + F.birth]! <= latest && s[i + F.birth]! > earliest, ...locality(o, false)];
  },
  NhomMau: (o) => {
    const v = oneOf(o, 'NhomMau', [0, 1, 2, 3, 4], 2, 'nhóm máu: 00 none, 01 A, 02 B, 03 AB, 04 O');
    return [(s, i) => s[i + F.blood] === v, ...locality(o, false)];
  },
  GioiTinh: (o) => {
    const v = oneOf(o, 'GioiTinh', [1, 2], 1, 'giới tính: 1 male, 2 female');
    return [(s, i) => s[i + F.sex] === v, ...locality(o, false)];
  },
  DanToc: (o) => {
    const v = code(o, 'DanToc', 2, 'mã dân tộc', true) as number;
    return [(s, i) => s[i + F.ethnic] === v, ...locality(o, false)];
  },
  TonGiao: (o) => {
    const v = code(o, 'TonGiao', 2, 'mã tôn giáo, 00 none', true) as number;
    return [(s, i) => s[i + F.religion] === v, ...locality(o, false)];
  },
} satisfies Record<string, Filter>;

/**
 * CungCapDanhSachTheo…: page `TrangSo` (from 1, default 1) of `SoBanGhi` citizens (1–100, default 50), full
 * CongDan each, in world order. The collection says SoCongDan (on this page), TrangSo, SoBanGhi and
 * CoTrangTiep (true when a next page has someone).
 */
const list = (filter: Filter): Handler => (o) => {
  const predicates = filter(o);
  const page = integer(o, 'TrangSo', 1, MAX_PAGE) ?? 1;
  let size = DEFAULT_PAGE_SIZE;
  const asked = o.r.text('SoBanGhi');
  if (asked !== undefined) {
    if (/^\d{1,9}$/.test(asked) && Number(asked) > MAX_PAGE_SIZE && o.r.mode === 'lenient') {
      o.r.warn('NDXP_POP_PAGE_SIZE', `SoBanGhi ${asked} is above the maximum ${MAX_PAGE_SIZE}; ${MAX_PAGE_SIZE} returned`, 'SoBanGhi');
      size = MAX_PAGE_SIZE;
    } else {
      size = integer(o, 'SoBanGhi', 1, MAX_PAGE_SIZE) as number;
    }
  }
  const match: Predicate = predicates.length === 1 ? predicates[0]! : (s, i) => predicates.every((p) => p(s, i));
  const result = listPage(o.world, match, page, size);
  return collection(
    result.indices.map((i) => congDan(o.world, citizen(o.world, i), o.today, 'full')),
    {
      SoCongDan: String(result.indices.length),
      TrangSo: String(page),
      SoBanGhi: String(size),
      CoTrangTiep: String(result.more),
      GhiChu: result.truncated ? `Lists are drawn from the first ${LIST_WINDOW} citizens of the emulator's world.` : undefined,
    },
  );
};

/** Every operation served, by element name in http://dancuquocgia.bca. */
export const OPERATIONS: Readonly<Record<string, Handler>> = {
  TraCuuThongTinCongDan: single('full', true),
  XacThucThongTinCongDan: xacThuc,
  CungCapThongTinCongDan: single('full', false),
  XacMinhThongTinNhanThan: single('nhanThan', true),
  XacMinhThongTinNguoiGiamHo: single('nguoiGiamHo', true),
  XacMinhThongTinChuHo: single('chuHo', true),
  XacMinhThongTinNoiOHienTai: single('noiOHienTai', true),
  XacMinhTinhTrangHonNhan: single('honNhan', true),
  XacMinhTinhTrangChetMatTich: single('chetMatTich', true),
  CungCapThongTinHoGiaDinh: hoGiaDinh,
  CungCapThongTinNhomMau: single('nhomMau', false),
  CungCapDanhSachTheoDiaPhuong: list(FILTERS.DiaPhuong),
  CungCapDanhSachTheoDoTuoi: list(FILTERS.DoTuoi),
  CungCapDanhSachTheoNhomMau: list(FILTERS.NhomMau),
  CungCapDanhSachTheoGioiTinh: list(FILTERS.GioiTinh),
  CungCapDanhSachTheoDanToc: list(FILTERS.DanToc),
  CungCapDanhSachTheoTonGiao: list(FILTERS.TonGiao),
};

/** The asynchronous batch API (§B2), named so a caller learns it is not emulated rather than misspelt. */
export const BATCH_OPERATIONS = new Set([
  'GetRequests', 'GetRequestStatus', 'GetRequestResult', 'GetResultDetailAsRecords', 'GetResultDetailAsFile', 'GetRequestDetail', 'GetRequestHistory', 'DeleteRequest',
]);
