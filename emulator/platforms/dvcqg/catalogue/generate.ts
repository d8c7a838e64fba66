/**
 * The national procedure catalogue (Cơ sở dữ liệu quốc gia về thủ tục hành chính, TTHC) as DVCQG serves it
 * through `LayThuTuc` / `LayDanhSachTTHC` / `LayDVC` (spec dvcqg-ndxp.md A2, A7): a deterministic, faker-made
 * catalogue at national scale, plus a few real procedure names (real-procedures.ts).
 *
 * Pure: no I/O, no clock. Same seed + same agencies (in any order) → an identical catalogue.
 */
import { Faker, base, en, vi } from '@faker-js/faker';
import {
  FIELD_SPECS,
  MINISTRIES,
  parseSubject,
  type ApplicantType,
  type FieldSpec,
  type ProcedureKind,
  type ProcedureLevel,
} from './fields.js';
import { REAL_PROCEDURES, type RealProcedureSpec } from './real-procedures.js';

// ---------------------------------------------------------------------------------------------------------
// Documented choices (constants other modules may rely on)
// ---------------------------------------------------------------------------------------------------------

/** Size of the catalogue: close to the ~6,800 procedures DVCQG publishes [M]; exact so tests can pin it. */
export const PROCEDURE_COUNT = 6_790;

/** Split by level (our estimate [I]); sums to PROCEDURE_COUNT. */
export const LEVEL_COUNTS: Readonly<Record<ProcedureLevel, number>> = { central: 2_500, provincial: 3_100, commune: 1_190 };

/**
 * Online offer per Decree 42/2022/NĐ-CP: "toàn trình" (fully online) and "một phần" (partly online) [M].
 * 1,550 + 1,166 = 2,716 = 40.0 % of the catalogue (brief: about 40 %).
 */
export const ONLINE_FULL_COUNT = 1_550;
export const ONLINE_PARTIAL_COUNT = 1_166;

/**
 * First digit of `MaTTHC`. Its real meaning is NOT known (spec A6 [NF]); this mapping is OUR convention:
 * 1 = central (ministry), 2 = provincial, 3 = below the province (commune; district before 2025).
 */
export const LEVEL_DIGIT: Readonly<Record<ProcedureLevel, string>> = { central: '1', provincial: '2', commune: '3' };

/**
 * `MUCDO` integers. The values for the Decree 42/2022 levels are unknown (spec A7 [NF]); we keep the old
 * 2/3/4 scale [I]: 2 = information only / not online, 3 = partly online (một phần), 4 = fully online (toàn trình).
 */
export const MUCDO = { NONE: 2, PARTIAL: 3, FULL: 4 } as const;
export type MucDo = (typeof MUCDO)[keyof typeof MUCDO];

/**
 * `MaDVC` = `MaTTHC` + a configured suffix (S1 `MADVCAppend`, spec A6); the real suffix is unknown [NF].
 * Ours is `-DVC`, e.g. `1.005129-DVC`.
 */
export const MADVC_APPEND = '-DVC';

/** `DONVITINH` of every time limit (brief; real catalogues also use calendar days [M], not modelled). */
export const DAY_UNIT = 'Ngày làm việc';

/** `TRANGTHAI` = 1: published (spec A7). Every procedure in the catalogue is published. */
export const STATUS_PUBLISHED = 1;

/**
 * Codes shown as examples in spec A6. Their real procedures are unknown; we give them to GENERATED procedures
 * of the matching level so that requests copied from the spec (e.g. `3.000181.000.00.00.H22`) find something.
 */
export const SPEC_EXAMPLE_CODES: readonly string[] = ['1.005129', '2.002492', '3.000181'];

/** National code form (spec A6). */
export const NATIONAL_CODE_RE = /^\d\.\d{6}$/;

// ---------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------

export type OnlineLevel = 'none' | 'partial' | 'full';
/** `KENH`: 1 in person, 2 online, 3 postal (spec A7). */
export type Channel = 1 | 2 | 3;

export interface CatalogueAgency {
  readonly code: string;
  readonly name: string;
  readonly level: 'ministry' | 'province';
}

export interface CatalogueField {
  /** Our code (fields.ts). */
  readonly code: string;
  readonly name: string;
  /** Managing ministry as named in the agency list when present there, else its current name [M]. */
  readonly ministry: string;
}

export interface Fee {
  /** `MAPHILEPHI`: ours, `<MaTTHC>-PLP<n>`. */
  readonly code: string;
  /** A10 `LoaiPhiLePhi`: 1 = phí, 2 = lệ phí. */
  readonly type: 1 | 2;
  readonly name: string;
  /** `SOTIEN`, VND. */
  readonly amount: number;
  readonly note: string;
}

export interface ProcedureDocument {
  /** `MAGIAYTO` (= `MaThanhPhanHoSo` in A3 `TaiLieuNop`): ours, `<MaTTHC>-GT<nn>`. */
  readonly code: string;
  readonly name: string;
  /** `TENMAUDON`: form name, '' when the document has no form. */
  readonly form: string;
  /** `URL` of the form: always '' (the emulator serves no form files). */
  readonly url: string;
}

export interface ProcedureResult {
  /** `MAKETQUA`: ours, `<MaTTHC>-KQ<nn>`. */
  readonly code: string;
  readonly name: string;
}

export interface LegalBasis {
  /** `SOVANBAN`, e.g. `123/2020/NĐ-CP`. Generated numbers are NOT real documents. */
  readonly number: string;
  readonly title: string;
}

export interface ProcedureCase {
  /** `TRUONGHOP`; '' when the procedure has a single case. */
  readonly name: string;
  readonly steps: readonly string[];
}

export interface Procedure {
  /** National `MaTTHC`, `^\d\.\d{6}$`. */
  readonly code: string;
  /** `MaDVC` = code + MADVC_APPEND. */
  readonly dvcCode: string;
  readonly name: string;
  readonly level: ProcedureLevel;
  readonly kind: ProcedureKind;
  /** ≥ 1; the first is the main field (A3 `MaLinhVuc`). Shared objects of `Catalogue.fields`. */
  readonly fields: readonly CatalogueField[];
  /** ≥ 1 implementing agencies (objects of `Catalogue.agencies`): one ministry, or every province. */
  readonly agencies: readonly CatalogueAgency[];
  /** `TENCOQUANBANHANH`: the ministry that publishes the procedure. */
  readonly issuer: string;
  readonly online: OnlineLevel;
  readonly mucDo: MucDo;
  readonly channels: readonly Channel[];
  /** `THOIGIANGIAIQUYET`, in working days (DAY_UNIT). The dossier service computes due dates from it. */
  readonly processingDays: number;
  readonly timeNote: string;
  readonly fees: readonly Fee[];
  /** At least one phí/lệ phí (KPI 3.5, spec A11). */
  readonly hasFee: boolean;
  readonly applicants: ApplicantType;
  /** `MOTADOITUONGTHUCHIEN`. */
  readonly applicantText: string;
  readonly cases: readonly ProcedureCase[];
  readonly documents: readonly ProcedureDocument[];
  /** `YEUCAU`. */
  readonly requirements: string;
  readonly results: readonly ProcedureResult[];
  readonly legalBases: readonly LegalBasis[];
  /** `TRANGTHAI`. */
  readonly status: typeof STATUS_PUBLISHED;
  /** One of the well-known procedures of real-procedures.ts (real name, generated code). */
  readonly real: boolean;
}

export interface Catalogue {
  readonly seed: number;
  /** Sorted by code. */
  readonly procedures: readonly Procedure[];
  /** Accepts the national code, the local suffixed form `<MaTTHC>.<agency code>` (spec A6) and `MaDVC`. */
  procedure(code: string): Procedure | undefined;
  /** Sorted by code. */
  readonly fields: readonly CatalogueField[];
  field(code: string): CatalogueField | undefined;
  /** The input agencies, sorted by code. */
  readonly agencies: readonly CatalogueAgency[];
  agency(code: string): CatalogueAgency | undefined;
  /** Procedures an agency implements, sorted by code; [] for an unknown agency. */
  proceduresOf(agencyCode: string): readonly Procedure[];
  /** Offered online (fully or partly); false for unknown codes. Same code forms as `procedure`. */
  isOnline(code: string): boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Code helpers
// ---------------------------------------------------------------------------------------------------------

export function madvcOf(code: string): string {
  return code + MADVC_APPEND;
}

/**
 * Splits a procedure code: national `1.005129`, local `3.000181.000.00.00.H22` (national + '.' + agency code,
 * spec A6) or `MaDVC`. Returns null when the code has none of these forms.
 */
export function parseProcedureCode(code: string): { national: string; agency: string | null } | null {
  const s = code.trim();
  const m = /^(\d\.\d{6})(?:\.(.+)|(.*))$/.exec(s);
  if (!m) return null;
  const national = m[1] as string;
  if (m[2] !== undefined) return { national, agency: m[2] };
  if (m[3] === '' || m[3] === MADVC_APPEND) return { national, agency: null };
  return null;
}

/** Lower case, no diacritics, đ → d: for keyword search. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// Generation tables (ours)
// ---------------------------------------------------------------------------------------------------------

type Weighted<T> = ReadonlyArray<{ weight: number; value: T }>;
const w = <T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> => pairs.map(([value, weight]) => ({ value, weight }));

interface KindProfile {
  readonly verbs: Weighted<string>;
  /** Share of procedures of this kind with a fee. */
  readonly feeShare: number;
  /** Main fee type (1 phí, 2 lệ phí). */
  readonly feeType: 1 | 2;
  readonly days: readonly number[];
}

const KINDS: Readonly<Record<ProcedureKind, KindProfile>> = {
  cp: { verbs: w([['Cấp', 6], ['Cấp lại', 3], ['Cấp đổi', 1], ['Gia hạn', 1], ['Điều chỉnh', 1], ['Cấp sửa đổi, bổ sung', 1]]), feeShare: 0.7, feeType: 2, days: [5, 7, 10, 15, 20, 30] },
  dk: { verbs: w([['Đăng ký', 1]]), feeShare: 0.4, feeType: 2, days: [1, 2, 3, 5, 7, 10] },
  pd: { verbs: w([['Thẩm định', 2], ['Phê duyệt', 2], ['Chấp thuận', 2], ['Điều chỉnh', 1]]), feeShare: 0.5, feeType: 1, days: [10, 15, 20, 30, 45] },
  cn: { verbs: w([['Công nhận', 3], ['Công nhận lại', 1]]), feeShare: 0.2, feeType: 1, days: [10, 15, 20, 30] },
  cb: { verbs: w([['Công bố', 3], ['Công bố lại', 1]]), feeShare: 0.5, feeType: 1, days: [3, 5, 7, 10, 15] },
  tb: { verbs: w([['Thông báo', 3], ['Xác nhận', 1]]), feeShare: 0.1, feeType: 1, days: [1, 2, 3, 5] },
  gq: { verbs: w([['Giải quyết', 1]]), feeShare: 0, feeType: 1, days: [5, 7, 10, 15, 20] },
  tl: { verbs: w([['Thành lập', 4], ['Sáp nhập, chia, tách', 1], ['Giải thể', 1], ['Đổi tên', 1]]), feeShare: 0.2, feeType: 1, days: [10, 15, 20, 30] },
  kt: { verbs: w([['Tặng', 3], ['Truy tặng', 1]]), feeShare: 0, feeType: 1, days: [10, 15, 20, 30] },
  ct: { verbs: w([['Chứng thực', 1]]), feeShare: 0.9, feeType: 1, days: [1, 2] },
  x: { verbs: w([['', 1]]), feeShare: 0.2, feeType: 1, days: [3, 5, 10, 15, 20, 30] },
};

const FEE_AMOUNTS: Readonly<Record<1 | 2, Weighted<number>>> = {
  // lệ phí: mostly small fixed amounts; phí (appraisal): larger.
  2: w([[10_000, 2], [20_000, 3], [30_000, 2], [50_000, 4], [100_000, 4], [150_000, 1], [200_000, 3], [300_000, 1], [500_000, 2], [1_000_000, 1]]),
  1: w([[50_000, 1], [100_000, 2], [200_000, 2], [300_000, 2], [500_000, 3], [1_000_000, 3], [1_500_000, 1], [2_000_000, 2], [3_000_000, 1], [5_000_000, 1], [10_000_000, 1]]),
};

const APPLICANT_TEXTS: Readonly<Record<ApplicantType, readonly string[]>> = {
  citizen: ['Công dân Việt Nam', 'Cá nhân', 'Công dân Việt Nam, người nước ngoài'],
  business: ['Doanh nghiệp', 'Tổ chức', 'Doanh nghiệp, hợp tác xã', 'Tổ chức kinh tế'],
  both: ['Tổ chức, cá nhân', 'Công dân Việt Nam, Doanh nghiệp, Tổ chức', 'Cá nhân, tổ chức trong nước và nước ngoài'],
};

const EXTRA_DOCUMENTS: Readonly<Record<ApplicantType, readonly string[]>> = {
  citizen: [
    'Bản chụp thẻ Căn cước hoặc Hộ chiếu còn giá trị sử dụng',
    'Văn bản ủy quyền (trường hợp nộp hồ sơ thông qua người được ủy quyền)',
    'Giấy tờ chứng minh nơi cư trú',
    'Ảnh chân dung cỡ 4 cm x 6 cm',
    'Giấy khám sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp',
    'Giấy tờ chứng minh thuộc đối tượng được hưởng chính sách',
  ],
  business: [
    'Bản sao Giấy chứng nhận đăng ký doanh nghiệp',
    'Điều lệ tổ chức và hoạt động',
    'Bản thuyết minh về cơ sở vật chất, trang thiết bị kỹ thuật',
    'Báo cáo tài chính năm gần nhất',
    'Danh sách nhân sự kèm theo văn bằng, chứng chỉ chuyên môn',
    'Quyết định bổ nhiệm người đại diện theo pháp luật',
    'Bản vẽ mặt bằng địa điểm hoạt động',
    'Phương án kinh doanh',
  ],
  both: [
    'Bản chụp giấy tờ pháp lý của tổ chức, cá nhân đề nghị',
    'Văn bản ủy quyền (trường hợp nộp hồ sơ thông qua người được ủy quyền)',
    'Tài liệu chứng minh đáp ứng điều kiện theo quy định',
    'Bản sao các giấy tờ có liên quan',
  ],
};

const REQUIREMENTS: readonly string[] = [
  'Tổ chức, cá nhân đáp ứng đầy đủ các điều kiện theo quy định của pháp luật chuyên ngành',
  'Có địa điểm, cơ sở vật chất, trang thiết bị phù hợp với hoạt động đề nghị',
  'Người đề nghị có năng lực hành vi dân sự đầy đủ',
  'Có đội ngũ nhân sự đáp ứng yêu cầu về chuyên môn, nghiệp vụ',
  'Hồ sơ được lập thành 01 bộ',
];

const HANDLER: Readonly<Record<ProcedureLevel, string>> = {
  central: 'Cơ quan có thẩm quyền thuộc Bộ',
  provincial: 'Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh',
  commune: 'Ủy ban nhân dân cấp xã',
};

const lowerFirst = (s: string): string => (s ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const normName = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** FNV-1a: picks a fallback ministry for a field without consuming faker draws. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------------

interface FieldCtx {
  readonly spec: FieldSpec;
  readonly field: CatalogueField;
  /** The ministry agency that implements its central procedures. */
  readonly ministryAgency: CatalogueAgency;
  readonly abbr: string;
  readonly legalPool: readonly LegalBasis[];
}

interface Slot {
  readonly level: ProcedureLevel;
  readonly real: RealProcedureSpec | null;
  online: OnlineLevel;
  code: string;
}

/**
 * Builds the catalogue. `agencies`: the portal's agency directory (ministries implement central procedures,
 * every province implements every provincial and commune procedure: the emulator has no commune agencies).
 * With no ministry (or no province) in the list, all agencies stand in for them. Throws on an empty list or a
 * duplicate code.
 */
export function buildCatalogue(seed: number, agencies: ReadonlyArray<{ code: string; name: string; level: 'ministry' | 'province' }>): Catalogue {
  if (agencies.length === 0) throw new Error('buildCatalogue: the agency list is empty');
  const sortedAgencies: CatalogueAgency[] = agencies
    .map((a) => Object.freeze({ code: a.code, name: a.name, level: a.level }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const agencyByCode = new Map<string, CatalogueAgency>();
  for (const a of sortedAgencies) {
    if (agencyByCode.has(a.code)) throw new Error(`buildCatalogue: duplicate agency code ${a.code}`);
    agencyByCode.set(a.code, a);
  }
  const ministries = sortedAgencies.filter((a) => a.level === 'ministry');
  const provinces = sortedAgencies.filter((a) => a.level === 'province');
  const ministryPool = ministries.length > 0 ? ministries : sortedAgencies;
  const provincePool: readonly CatalogueAgency[] = Object.freeze(provinces.length > 0 ? provinces : sortedAgencies);

  const faker = new Faker({ locale: [vi, en, base], seed });

  // Fields, their ministries and a pool of (generated) legal documents each.
  const ministryByName = new Map(ministries.map((m) => [normName(m.name), m] as const));
  const fieldCtx = new Map<string, FieldCtx>();
  for (const spec of FIELD_SPECS) {
    const ministry = MINISTRIES[spec.ministry];
    const matched = ministry.names.map((n) => ministryByName.get(normName(n))).find((m) => m !== undefined);
    const ministryAgency = matched ?? (ministryPool[hash(spec.code) % ministryPool.length] as CatalogueAgency);
    const field: CatalogueField = Object.freeze({ code: spec.code, name: spec.name, ministry: matched?.name ?? ministry.names[0] });
    const topic = lowerFirst(spec.name);
    const year = (): number => faker.number.int({ min: 2012, max: 2024 });
    const no = (max: number): string => String(faker.number.int({ min: 1, max })).padStart(2, '0');
    const legalPool: LegalBasis[] = [
      { number: `${no(199)}/${year()}/NĐ-CP`, title: `Nghị định quy định chi tiết và biện pháp thi hành pháp luật về ${topic}` },
      { number: `${no(40)}/${year()}/TT-${ministry.abbr}`, title: `Thông tư hướng dẫn thực hiện thủ tục hành chính trong lĩnh vực ${topic}` },
      { number: `${faker.number.int({ min: 100, max: 3999 })}/QĐ-${ministry.abbr}`, title: `Quyết định công bố thủ tục hành chính mới ban hành, được sửa đổi, bổ sung trong lĩnh vực ${topic}` },
    ];
    fieldCtx.set(spec.code, { spec, field, ministryAgency, abbr: ministry.abbr, legalPool });
  }
  const fieldsSorted = [...fieldCtx.values()].map((c) => c.field).sort((a, b) => (a.code < b.code ? -1 : 1));
  const fieldsByLevel = new Map<ProcedureLevel, Weighted<FieldCtx>>();
  for (const level of ['central', 'provincial', 'commune'] as const) {
    fieldsByLevel.set(level, [...fieldCtx.values()].filter((c) => c.spec.levels.includes(level)).map((c) => ({ value: c, weight: c.spec.weight })));
  }
  const fieldsByMinistry = new Map<string, FieldCtx[]>();
  for (const c of fieldCtx.values()) {
    const list = fieldsByMinistry.get(c.spec.ministry);
    if (list) list.push(c);
    else fieldsByMinistry.set(c.spec.ministry, [c]);
  }

  // Slots: the real procedures, then generated ones up to the exact level counts.
  const slots: Slot[] = REAL_PROCEDURES.map((r) => ({ level: r.level, real: r, online: r.online, code: '' }));
  for (const level of ['central', 'provincial', 'commune'] as const) {
    const have = slots.filter((s) => s.level === level).length;
    for (let i = have; i < LEVEL_COUNTS[level]; i++) slots.push({ level, real: null, online: 'none', code: '' });
  }

  // Online levels: exact national counts, generated procedures drawn at random.
  const realFull = slots.filter((s) => s.real && s.online === 'full').length;
  const realPartial = slots.filter((s) => s.real && s.online === 'partial').length;
  const generated = faker.helpers.shuffle(slots.filter((s) => !s.real));
  generated.forEach((s, i) => {
    s.online = i < ONLINE_FULL_COUNT - realFull ? 'full' : i < ONLINE_FULL_COUNT - realFull + ONLINE_PARTIAL_COUNT - realPartial ? 'partial' : 'none';
  });

  // Codes: unique, per-level first digit; the spec's example codes go to the first generated slot of their level.
  const used = new Set<string>();
  for (const example of SPEC_EXAMPLE_CODES) {
    const level = (Object.keys(LEVEL_DIGIT) as ProcedureLevel[]).find((l) => LEVEL_DIGIT[l] === example[0]);
    const slot = slots.find((s) => !s.real && s.level === level && s.code === '');
    if (slot) {
      slot.code = example;
      used.add(example);
    }
  }
  for (const s of slots) {
    while (s.code === '') {
      const candidate = `${LEVEL_DIGIT[s.level]}.${String(faker.number.int({ min: 1, max: 13_999 })).padStart(6, '0')}`;
      if (!used.has(candidate)) {
        used.add(candidate);
        s.code = candidate;
      }
    }
  }

  const usedNames = new Set<string>(REAL_PROCEDURES.map((r) => r.name));
  const procedures = slots.map((slot) =>
    makeProcedure(faker, slot, fieldCtx, fieldsByLevel, fieldsByMinistry, provincePool, usedNames),
  );
  procedures.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  // Indexes.
  const byCode = new Map<string, Procedure>();
  for (const p of procedures) byCode.set(p.code, p);
  const fieldByCode = new Map(fieldsSorted.map((f) => [f.code, f] as const));
  const own = new Map<string, Procedure[]>();
  const shared: Procedure[] = [];
  for (const p of procedures) {
    if (p.agencies === provincePool) shared.push(p);
    else {
      for (const a of p.agencies) {
        const list = own.get(a.code);
        if (list) list.push(p);
        else own.set(a.code, [p]);
      }
    }
  }
  const ofAgency = new Map<string, readonly Procedure[]>();
  const inPool = new Set(provincePool.map((a) => a.code));
  for (const a of sortedAgencies) {
    const mine = own.get(a.code) ?? [];
    const list = inPool.has(a.code) ? (mine.length === 0 ? shared : [...shared, ...mine].sort((x, y) => (x.code < y.code ? -1 : 1))) : mine;
    ofAgency.set(a.code, Object.freeze(list));
  }

  const lookup = (code: string): Procedure | undefined => {
    const parsed = parseProcedureCode(code);
    return parsed ? byCode.get(parsed.national) : undefined;
  };

  return {
    seed,
    procedures: Object.freeze(procedures),
    procedure: lookup,
    fields: Object.freeze(fieldsSorted),
    field: (code) => fieldByCode.get(code),
    agencies: Object.freeze(sortedAgencies),
    agency: (code) => agencyByCode.get(code),
    proceduresOf: (agencyCode) => ofAgency.get(agencyCode) ?? [],
    isOnline: (code) => {
      const p = lookup(code);
      return p !== undefined && p.online !== 'none';
    },
  };
}

function makeProcedure(
  faker: Faker,
  slot: Slot,
  fieldCtx: ReadonlyMap<string, FieldCtx>,
  fieldsByLevel: ReadonlyMap<ProcedureLevel, Weighted<FieldCtx>>,
  fieldsByMinistry: ReadonlyMap<string, readonly FieldCtx[]>,
  provincePool: readonly CatalogueAgency[],
  usedNames: Set<string>,
): Procedure {
  const { code, level, real, online } = slot;
  const pick = <T>(list: readonly T[]): T => faker.helpers.arrayElement(list);
  const chance = (p: number): boolean => faker.number.float() < p;

  // Field(s).
  let ctx: FieldCtx;
  if (real) {
    const c = fieldCtx.get(real.field);
    if (!c) throw new Error(`real-procedures.ts: unknown field ${real.field}`);
    ctx = c;
  } else {
    ctx = faker.helpers.weightedArrayElement(fieldsByLevel.get(level) as Weighted<FieldCtx>);
  }
  const fields: CatalogueField[] = [ctx.field];
  if (!real && chance(0.03)) {
    const sibling = pick(fieldsByMinistry.get(ctx.spec.ministry) ?? [ctx]);
    if (sibling !== ctx) fields.push(sibling.field);
  }

  // Name.
  const { name, kind, object, base } = real
    ? { name: real.name, kind: real.kind, object: '', base: real.name }
    : makeName(faker, ctx, level, usedNames);
  const profile = KINDS[kind];
  const applicants = real?.applicants ?? ctx.spec.applicants;
  const agencies = level === 'central' ? [ctx.ministryAgency] : provincePool;

  // Channels, time.
  const channels: Channel[] = [1];
  if (online !== 'none') channels.push(2);
  if (chance(0.6)) channels.push(3);
  const processingDays = real?.processingDays ?? pick(profile.days);
  const timeNote = `${processingDays} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`;

  // Fees (phí / lệ phí): many procedures have none.
  const fees: Fee[] = [];
  if (real) {
    real.fees.forEach((f, i) =>
      fees.push({ code: `${code}-PLP${i + 1}`, type: f.kind === 'phi' ? 1 : 2, name: f.name, amount: f.amount, note: f.note ?? '' }),
    );
  } else if (!ctx.spec.free && chance(profile.feeShare)) {
    const types: Array<1 | 2> = [profile.feeType];
    if (chance(0.15)) types.push(profile.feeType === 1 ? 2 : 1);
    types.forEach((type, i) => {
      const amount = faker.helpers.weightedArrayElement(FEE_AMOUNTS[type]);
      const note = online !== 'none' && chance(0.25) ? 'Giảm 50% mức thu đối với hồ sơ nộp trực tuyến' : pick(['', 'Nộp khi nộp hồ sơ', 'Nộp khi nhận kết quả']);
      fees.push({ code: `${code}-PLP${i + 1}`, type, name: `${type === 1 ? 'Phí' : 'Lệ phí'} ${lowerFirst(base)}`, amount, note });
    });
  }

  // Steps, per case.
  const submitter = applicants === 'business' ? 'Tổ chức, doanh nghiệp' : applicants === 'citizen' ? 'Cá nhân' : 'Tổ chức, cá nhân';
  const venue = (where: string): string =>
    `Bước 1: ${submitter} chuẩn bị hồ sơ theo quy định và nộp ${where}`;
  const rest: string[] = [
    'Bước 2: Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần',
    `Bước 3: ${HANDLER[level]} thẩm định hồ sơ và giải quyết trong thời hạn ${processingDays} ngày làm việc`,
  ];
  if (fees.length > 0) rest.push('Bước 4: Tổ chức, cá nhân nộp phí, lệ phí theo quy định');
  rest.push(`Bước ${rest.length + 2}: Trả kết quả giải quyết thủ tục hành chính`);
  const offline = channels.includes(3) ? 'trực tiếp tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích' : 'trực tiếp tại Bộ phận Một cửa';
  const cases: ProcedureCase[] =
    online !== 'none' && chance(0.3)
      ? [
          { name: 'Trường hợp nộp hồ sơ trực tiếp hoặc qua dịch vụ bưu chính', steps: [venue(offline), ...rest] },
          { name: 'Trường hợp nộp hồ sơ trực tuyến', steps: [venue('trực tuyến qua Cổng Dịch vụ công quốc gia'), ...rest] },
        ]
      : [{ name: '', steps: [venue(online !== 'none' ? `${offline} hoặc trực tuyến qua Cổng Dịch vụ công quốc gia` : offline), ...rest] }];

  // Documents (thành phần hồ sơ).
  const docNames: string[] = real
    ? [...real.documents]
    : [
        kind === 'dk' ? `Tờ khai ${lowerFirst(base)} (theo mẫu)` : kind === 'pd' ? `Tờ trình đề nghị ${lowerFirst(base)}` : `Văn bản đề nghị ${lowerFirst(base)} (theo mẫu)`,
        ...faker.helpers.arrayElements(EXTRA_DOCUMENTS[applicants], { min: 1, max: 4 }),
      ];
  const documents: ProcedureDocument[] = docNames.map((docName, i) => ({
    code: `${code}-GT${String(i + 1).padStart(2, '0')}`,
    name: docName,
    form: docName.includes('(theo mẫu)') ? `Mẫu số ${String(i + 1).padStart(2, '0')}` : '',
    url: '',
  }));

  // Results.
  const resultNames = real ? [real.result] : [resultName(kind, base, object)];
  if (!real && chance(0.3)) resultNames.push('Văn bản trả lời nêu rõ lý do trong trường hợp không giải quyết');
  const results = resultNames.map((n, i) => ({ code: `${code}-KQ${String(i + 1).padStart(2, '0')}`, name: n }));

  const legalBases: LegalBasis[] = real
    ? real.legal.map(([number, title]) => ({ number, title }))
    : faker.helpers.arrayElements(ctx.legalPool, { min: 1, max: ctx.legalPool.length });

  const mucDo: MucDo = online === 'full' ? MUCDO.FULL : online === 'partial' ? MUCDO.PARTIAL : MUCDO.NONE;
  return {
    code,
    dvcCode: madvcOf(code),
    name,
    level,
    kind,
    fields,
    agencies,
    issuer: ctx.field.ministry,
    online,
    mucDo,
    channels,
    processingDays,
    timeNote,
    fees,
    hasFee: fees.length > 0,
    applicants,
    applicantText: pick(APPLICANT_TEXTS[applicants]),
    cases,
    documents,
    requirements: chance(0.55) ? 'Không' : pick(REQUIREMENTS),
    results,
    legalBases,
    status: STATUS_PUBLISHED,
    real: real !== null,
  };
}

/** `base` = verb + object, without the qualifier. */
function resultName(kind: ProcedureKind, base: string, object: string): string {
  switch (kind) {
    case 'cp':
    case 'kt':
      return upperFirst(object);
    case 'dk':
      return `Giấy xác nhận đăng ký ${object}`;
    case 'ct':
      return 'Giấy tờ, văn bản được chứng thực';
    case 'tb':
      return `Văn bản xác nhận việc tiếp nhận thông báo ${object}`;
    case 'cb':
      return `Văn bản tiếp nhận hồ sơ công bố ${object}`;
    case 'x':
      return 'Văn bản thông báo kết quả giải quyết thủ tục hành chính';
    default:
      return `Quyết định ${lowerFirst(base)}`;
  }
}

interface GeneratedName {
  readonly name: string;
  readonly kind: ProcedureKind;
  /** The subject without verb or qualifier (names the result). */
  readonly object: string;
  /** Verb + object without the qualifier (names the form and the fee). */
  readonly base: string;
}

/** A generated name: verb + object (+ qualifier). */
function makeName(faker: Faker, ctx: FieldCtx, level: ProcedureLevel, usedNames: Set<string>): GeneratedName {
  let last: GeneratedName = { name: '', kind: 'x', object: '', base: '' };
  // A few draws to avoid duplicate names; the real catalogue has some duplicates too, so give up quietly.
  for (let attempt = 0; attempt < 5; attempt++) {
    const { kind, verbs, object } = parseSubject(faker.helpers.arrayElement(ctx.spec.subjects));
    const verb = verbs ? faker.helpers.arrayElement(verbs) : faker.helpers.weightedArrayElement(KINDS[kind].verbs);
    const base = upperFirst(verb ? `${verb} ${object}` : object);
    const name = faker.number.float() < 0.55 ? base + pickQualifier(faker, ctx, level, verb) : base;
    last = { name, kind, object, base };
    if (!usedNames.has(name)) break;
  }
  usedNames.add(last.name);
  return last;
}

function pickQualifier(faker: Faker, ctx: FieldCtx, level: ProcedureLevel, verb: string): string {
  const q: string[] = [' có yếu tố nước ngoài', ' trong trường hợp thay đổi thông tin'];
  if (verb === 'Cấp' || verb === 'Đăng ký') q.push(' lần đầu');
  if (verb === 'Cấp lại') q.push(' do bị mất, hư hỏng', ' do hết hạn');
  const who = ctx.spec.applicants;
  if (who !== 'citizen') q.push(' đối với tổ chức', ' đối với doanh nghiệp có vốn đầu tư nước ngoài', ' tại khu công nghiệp, khu kinh tế');
  if (who !== 'business') q.push(' đối với cá nhân', ' cho người nước ngoài');
  if (level === 'central') q.push(` thuộc thẩm quyền của ${ctx.field.ministry}`, ' trên địa bàn từ hai tỉnh trở lên');
  if (level === 'provincial') q.push(' thuộc thẩm quyền của Ủy ban nhân dân cấp tỉnh', ' (cấp tỉnh)');
  if (level === 'commune') q.push(' thuộc thẩm quyền của Ủy ban nhân dân cấp xã', ' (cấp xã)');
  return faker.helpers.arrayElement(q);
}

/** Per-agency figures for the KPI index (spec A11: 3.1 online share, 3.5 procedures with fees). */
export function agencyCatalogueStats(catalogue: Catalogue, agencyCode: string): { total: number; online: number; full: number; partial: number; withFee: number } {
  let full = 0;
  let partial = 0;
  let withFee = 0;
  const list = catalogue.proceduresOf(agencyCode);
  for (const p of list) {
    if (p.online === 'full') full++;
    else if (p.online === 'partial') partial++;
    if (p.hasFee) withFee++;
  }
  return { total: list.length, online: full + partial, full, partial, withFee };
}
