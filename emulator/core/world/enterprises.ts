/**
 * Synthetic enterprises of a world, shaped as the National Business Registration Database (CSDL ĐKDN)
 * `chiTietDoanhNghiep` MainInformation, specs/dvcqg-ndxp.md B4. Generated on demand by index.
 *
 * Tax code design (valid, distinct, O(1) decode): index e = hi · 200 000 + lo.
 * - Digits 1–2: the tax prefix of PROVINCES[(start(lo) + hi) mod 63], start(lo) an enterprise-weighted
 *   pick (HCM and Hà Nội dominate) from a hash of lo.
 * - Digits 3–8: a keyed Feistel permutation of lo over 000000–199999 (real codes mostly have 0 or 1 there [M]).
 * - Digit 9: a hashed digit, moved on by one when it would give Σ mod 11 = 0 (exactly one digit in ten
 *   does, weight 3 being invertible mod 11), so every code has a check digit.
 * - Digit 10: the check digit (tax-code.ts).
 * Same lo ⇒ different hi ⇒ different province prefix, so codes never collide while hi < 63.
 *
 * Legal representatives and members are citizens of the same world (household heads, so adults).
 */
import { Faker, base, en, vi } from '@faker-js/faker';
import { type World, citizen, householdOf } from './citizens.js';
import { asciiUpper, createRandomizer, cumulative, hash2, pad, permute, pick, seed32, unit, unpermute } from './internal.js';
import { type Province, type Ward, PROVINCES, STREET_NAMES, districtsOf } from './provinces.js';
import { parseTaxCode, taxCodeCheckDigit } from './tax-code.js';

export interface EnterpriseAddress {
  /** GSO province code [I: the registry's own city ids were not seen]. */
  CityID: string;
  CityName: string;
  DistrictID: string;
  DistrictName: string;
  WardID: string;
  WardName: string;
  StreetNumber: string;
  AddressFullText: string;
}

export interface BusinessActivity {
  /** VSIC 2018 level-4 code (mã ngành cấp 4). */
  CODE: string;
  NAME: string;
  IS_MAIN: 'Y' | 'N';
}

export interface EnterpriseMember {
  MEMBER_NAME: string;
  /** Contributed capital, VND. */
  AMOUNT: number;
  RATIO_PERCENT: number;
  COUNTRY: string;
}

/** Field names of spec B4 (as S1 parses them). Value types are our choice where the spec is silent [I]. */
export interface EnterpriseMainInformation {
  ENTERPRISE_ID: string;
  /** = tax code (mã số thuế / mã số doanh nghiệp). */
  ENTERPRISE_GDT_CODE: string;
  /** Old business registration certificate number, for enterprises registered before 2010; else empty. */
  IMP_BUSINESS_CODE: string;
  ENTERPRISE_TYPE_ID: string;
  ENTERPRISE_TYPE_NAME: string;
  NAME: string;
  SHORT_NAME: string;
  NAME_F: string;
  /** dd/MM/yyyy */
  FOUNDING_DATE: string;
  /** dd/MM/yyyy, empty when never amended. */
  LAST_AMEND_DATE: string;
  NUMBER_CHANGES: number;
  ENTERPRISE_STATUS: string;
  /** Legal representatives' names, `;`-joined. */
  LEGAL_NAMES: string;
  /** Charter capital, VND. */
  CAPITAL_AMOUNT: number;
  HOAddress: EnterpriseAddress;
  BusinessActivity: BusinessActivity[];
  Member: EnterpriseMember[];
}

export interface Enterprise {
  index: number;
  MainInformation: EnterpriseMainInformation;
  /** The people behind LEGAL_NAMES, as citizens of the same world. */
  legalRepresentatives: Array<{ citizenIndex: number; SoDinhDanh: string; HoVaTen: string }>;
  /** The people behind Member, in the same order. */
  members: Array<{ citizenIndex: number; SoDinhDanh: string }>;
}

export function enterpriseCount(world: World): number {
  return world.enterprises;
}

// ---------------------------------------------------------------------------------------------------------

const SERIALS = 200_000;
const N_PROVINCES = PROVINCES.length;
const LAST_YEAR = 2024; // the world is "as of" 1 January 2025, as for citizens
const KIND_ENTERPRISE = 3;

// Enterprises cluster in the big cities: about 30% in HCM and 22% in Hà Nội [M, order of magnitude].
const FACTOR: Record<string, number> = { '79': 6, '01': 5, '31': 2, '48': 2.5, '92': 1.5, '74': 2, '75': 1.3, '77': 1.3 };
const ENTERPRISE_CUM = cumulative(PROVINCES.map((p) => p.weight * (FACTOR[p.gso] ?? 1)));

interface Keys {
  seed: number;
  s: number;
  serial: number;
  prov: number;
  n9: number;
}
let lastKeys: Keys | null = null;
function keysOf(seed: number): Keys {
  if (lastKeys?.seed === seed) return lastKeys;
  const s = seed32(seed);
  lastKeys = { seed, s, serial: hash2(s, 101), prov: hash2(s, 102), n9: hash2(s, 103) };
  return lastKeys;
}

function startOf(k: Keys, lo: number): number {
  return pick(ENTERPRISE_CUM, unit(hash2(k.prov, lo)));
}

function taxCodeOf(k: Keys, index: number): { code: string; province: Province } {
  const lo = index % SERIALS;
  const hi = (index - lo) / SERIALS;
  const province = PROVINCES[(startOf(k, lo) + hi) % N_PROVINCES] as Province;
  const first8 = `${province.tax}${pad(permute(lo, SERIALS, k.serial), 6)}`;
  let n9 = hash2(k.n9, index) % 10;
  if (taxCodeCheckDigit(`${first8}${n9}`) === null) n9 = (n9 + 1) % 10;
  const first9 = `${first8}${n9}`;
  return { code: `${first9}${taxCodeCheckDigit(first9)}`, province };
}

// Enterprise types (loại hình doanh nghiệp) of the Law on Enterprises. The numeric ids are ours [I].
interface EnterpriseType {
  id: string;
  name: string;
  prefix: string;
  en: string;
  short: string;
  members: readonly [number, number];
  weight: number;
}
const TYPES: readonly EnterpriseType[] = [
  { id: '1', name: 'Công ty trách nhiệm hữu hạn một thành viên', prefix: 'CÔNG TY TNHH', en: 'COMPANY LIMITED', short: 'CO., LTD', members: [1, 1], weight: 45 },
  { id: '2', name: 'Công ty trách nhiệm hữu hạn hai thành viên trở lên', prefix: 'CÔNG TY TNHH', en: 'COMPANY LIMITED', short: 'CO., LTD', members: [2, 5], weight: 20 },
  { id: '3', name: 'Công ty cổ phần', prefix: 'CÔNG TY CỔ PHẦN', en: 'JOINT STOCK COMPANY', short: 'JSC', members: [3, 5], weight: 26 },
  { id: '4', name: 'Doanh nghiệp tư nhân', prefix: 'DOANH NGHIỆP TƯ NHÂN', en: 'PRIVATE ENTERPRISE', short: '', members: [1, 1], weight: 8 },
  { id: '5', name: 'Công ty hợp danh', prefix: 'CÔNG TY HỢP DANH', en: 'PARTNERSHIP', short: '', members: [2, 3], weight: 1 },
];
const TYPE_CUM = cumulative(TYPES.map((t) => t.weight));

/** The enterprise types (ENTERPRISE_TYPE_ID/NAME pairs) every enterprise of every world is drawn from, by id. */
export const ENTERPRISE_TYPES: ReadonlyArray<Readonly<{ id: string; name: string }>> = Object.freeze(
  TYPES.map((t) => Object.freeze({ id: t.id, name: t.name })),
);

// VSIC 2018 level-4 activities (Decision 27/2018/QĐ-TTg) [M: codes and names from background knowledge].
const VSIC: Record<string, string> = {
  '0118': 'Trồng rau, đậu các loại và trồng hoa',
  '0150': 'Trồng trọt, chăn nuôi hỗn hợp',
  '0322': 'Nuôi trồng thủy sản nội địa',
  '1050': 'Chế biến sữa và các sản phẩm từ sữa',
  '1079': 'Sản xuất thực phẩm khác chưa được phân vào đâu',
  '1080': 'Sản xuất thức ăn gia súc, gia cầm và thủy sản',
  '1410': 'May trang phục (trừ trang phục từ da lông thú)',
  '1622': 'Sản xuất đồ gỗ xây dựng',
  '2220': 'Sản xuất sản phẩm từ plastic',
  '2511': 'Sản xuất các cấu kiện kim loại',
  '3100': 'Sản xuất giường, tủ, bàn, ghế',
  '4101': 'Xây dựng nhà để ở',
  '4102': 'Xây dựng nhà không để ở',
  '4212': 'Xây dựng công trình đường bộ',
  '4290': 'Xây dựng công trình kỹ thuật dân dụng khác',
  '4321': 'Lắp đặt hệ thống điện',
  '4322': 'Lắp đặt hệ thống cấp, thoát nước, lò sưởi và điều hoà không khí',
  '4330': 'Hoàn thiện công trình xây dựng',
  '4610': 'Đại lý, môi giới, đấu giá hàng hóa',
  '4620': 'Bán buôn nông, lâm sản nguyên liệu (trừ gỗ, tre, nứa) và động vật sống',
  '4632': 'Bán buôn thực phẩm',
  '4649': 'Bán buôn đồ dùng khác cho gia đình',
  '4651': 'Bán buôn máy vi tính, thiết bị ngoại vi và phần mềm',
  '4659': 'Bán buôn máy móc, thiết bị và phụ tùng máy khác',
  '4663': 'Bán buôn vật liệu, thiết bị lắp đặt khác trong xây dựng',
  '4690': 'Bán buôn tổng hợp',
  '4719': 'Bán lẻ khác trong các cửa hàng kinh doanh tổng hợp',
  '4722': 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh',
  '4741': 'Bán lẻ máy vi tính, thiết bị ngoại vi, phần mềm và thiết bị viễn thông trong các cửa hàng chuyên doanh',
  '4932': 'Vận tải hành khách đường bộ khác',
  '4933': 'Vận tải hàng hóa bằng đường bộ',
  '5210': 'Kho bãi và lưu giữ hàng hóa',
  '5224': 'Bốc xếp hàng hóa',
  '5229': 'Hoạt động dịch vụ hỗ trợ khác liên quan đến vận tải',
  '5510': 'Dịch vụ lưu trú ngắn ngày',
  '5610': 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động',
  '6201': 'Lập trình máy vi tính',
  '6202': 'Tư vấn máy vi tính và quản trị hệ thống máy vi tính',
  '6209': 'Hoạt động dịch vụ công nghệ thông tin và dịch vụ khác liên quan đến máy vi tính',
  '6311': 'Xử lý dữ liệu, cho thuê và các hoạt động liên quan',
  '6312': 'Cổng thông tin',
  '6810': 'Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê',
  '6820': 'Tư vấn, môi giới, đấu giá bất động sản, đấu giá quyền sử dụng đất',
  '6920': 'Hoạt động liên quan đến kế toán, kiểm toán và tư vấn về thuế',
  '7020': 'Hoạt động tư vấn quản lý',
  '7110': 'Hoạt động kiến trúc và tư vấn kỹ thuật có liên quan',
  '7310': 'Quảng cáo',
  '7320': 'Nghiên cứu thị trường và thăm dò dư luận',
  '7410': 'Hoạt động thiết kế chuyên dụng',
  '7490': 'Hoạt động chuyên môn, khoa học và công nghệ khác chưa được phân vào đâu',
  '7911': 'Đại lý du lịch',
  '7912': 'Điều hành tua du lịch',
  '7990': 'Dịch vụ đặt chỗ và các dịch vụ hỗ trợ liên quan đến quảng bá và tổ chức tua du lịch',
  '8230': 'Tổ chức giới thiệu và xúc tiến thương mại',
  '8299': 'Hoạt động dịch vụ hỗ trợ kinh doanh khác còn lại chưa được phân vào đâu',
  '8551': 'Giáo dục thể thao và giải trí',
  '8552': 'Giáo dục văn hoá nghệ thuật',
  '8559': 'Giáo dục khác chưa được phân vào đâu',
  '8560': 'Dịch vụ hỗ trợ giáo dục',
};

// A sector gives the name its middle part and the activities their theme; the first code is the main one.
interface Sector {
  vi: string;
  en: string;
  codes: readonly string[];
  weight: number;
}
const SECTORS: readonly Sector[] = [
  { vi: 'THƯƠNG MẠI VÀ DỊCH VỤ', en: 'TRADING AND SERVICES', codes: ['4690', '4649', '4659', '4610', '4632', '4719', '8299'], weight: 30 },
  { vi: 'XÂY DỰNG', en: 'CONSTRUCTION', codes: ['4101', '4102', '4212', '4290', '4321', '4322', '4330', '4663', '7110'], weight: 15 },
  { vi: 'CÔNG NGHỆ', en: 'TECHNOLOGY', codes: ['6201', '6202', '6209', '6311', '6312', '4651', '4741'], weight: 10 },
  { vi: 'SẢN XUẤT', en: 'MANUFACTURING', codes: ['2511', '1410', '3100', '2220', '1622', '1079'], weight: 10 },
  { vi: 'TƯ VẤN', en: 'CONSULTING', codes: ['7020', '6920', '7320', '7410', '7490', '8230', '7310'], weight: 8 },
  { vi: 'VẬN TẢI', en: 'TRANSPORT', codes: ['4933', '5229', '5210', '4932', '5224'], weight: 7 },
  { vi: 'DU LỊCH', en: 'TRAVEL', codes: ['7912', '7911', '5510', '5610', '7990'], weight: 5 },
  { vi: 'ĐẦU TƯ BẤT ĐỘNG SẢN', en: 'REAL ESTATE INVESTMENT', codes: ['6810', '6820', '4101', '7110'], weight: 5 },
  { vi: 'NÔNG NGHIỆP', en: 'AGRICULTURE', codes: ['0150', '0118', '0322', '4620', '1080'], weight: 4 },
  { vi: 'THỰC PHẨM', en: 'FOOD', codes: ['1079', '4632', '5610', '4722', '1050'], weight: 3 },
  { vi: 'GIÁO DỤC', en: 'EDUCATION', codes: ['8559', '8560', '8551', '8552'], weight: 3 },
];
const SECTOR_CUM = cumulative(SECTORS.map((s) => s.weight));
const GENERAL_CODES = ['4690', '8299', '7310', '4610', '8230', '4659', '7490'];

// Auspicious words Vietnamese businesses favour; two make a brand ("An Phát", "Hưng Thịnh").
const BRAND_WORDS = [
  'An', 'Phát', 'Hưng', 'Thịnh', 'Phú', 'Gia', 'Thành', 'Minh', 'Long', 'Đại', 'Hoàng', 'Việt', 'Tiến', 'Tân',
  'Kim', 'Ngân', 'Phúc', 'Lộc', 'Tài', 'Đức', 'Quang', 'Nam', 'Sao', 'Mai', 'Trường', 'Hải', 'Sơn', 'Thái',
  'Bình', 'Toàn', 'Vạn', 'Xuân', 'Hòa', 'Khang', 'Thuận', 'Nhật', 'Hồng', 'Bảo', 'Anh', 'Đông', 'Á', 'Châu',
];

// Registry status texts [I: the registry's own status values were not seen; these are its usual wording].
const STATUSES: ReadonlyArray<readonly [string, number]> = [
  ['Đang hoạt động', 82],
  ['Tạm ngừng kinh doanh có thời hạn', 6],
  ['Không hoạt động tại địa chỉ đã đăng ký', 4],
  ['Đang làm thủ tục giải thể', 2],
  ['Đã giải thể, phá sản, chấm dứt tồn tại', 6],
];
const STATUS_CUM = cumulative(STATUSES.map(([, w]) => w));

// Charter capital in millions of VND.
const CAPITALS = [100, 200, 500, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000, 50_000, 100_000];

const eRandom = createRandomizer();
const eFaker = new Faker({ locale: [vi, en, base], randomizer: eRandom });

function ddmmyyyy(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad(d.getUTCDate(), 2)}/${pad(d.getUTCMonth() + 1, 2)}/${d.getUTCFullYear()}`;
}
function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function birthYearOf(c: { NgayThangNamSinh: string }): number {
  return Number(c.NgayThangNamSinh.slice(0, 4));
}

/** An adult household head picked at random, born in or before `maxBirthYear`, not in `taken`. */
function adult(world: World, maxBirthYear: number, taken: Set<number>): { index: number; c: ReturnType<typeof citizen> } | null {
  for (let attempt = 0; attempt < 64; attempt++) {
    const head = householdOf(world, Math.floor(eRandom.next() * world.population)).headIndex;
    if (taken.has(head)) continue;
    const c = citizen(world, head);
    if (birthYearOf(c) <= maxBirthYear) return { index: head, c };
  }
  return null;
}

function checkIndex(world: World, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= world.enterprises) {
    throw new RangeError(`enterprise index ${index} is outside 0–${world.enterprises - 1}`);
  }
}

/** Integer percentages summing to 100, the representative's first (at least an equal share). */
function ratios(f: Faker, n: number): number[] {
  if (n === 1) return [100];
  const first = f.number.int({ min: Math.ceil(100 / n), max: 70 });
  const out = [first];
  let left = 100 - first;
  for (let i = 1; i < n - 1; i++) {
    const still = n - 1 - i; // members after this one, each needing at least 1
    const share = f.number.int({ min: 1, max: Math.max(1, Math.min(left - still, Math.ceil(left / (n - i)) + 5)) });
    out.push(share);
    left -= share;
  }
  out.push(left);
  return out;
}

export function enterprise(world: World, index: number): Enterprise {
  checkIndex(world, index);
  const k = keysOf(world.seed);
  const { code, province } = taxCodeOf(k, index);
  const f = eFaker;
  f.seed([k.s, KIND_ENTERPRISE, index]);

  const type = TYPES[pick(TYPE_CUM, eRandom.next())] as EnterpriseType;
  const sector = SECTORS[pick(SECTOR_CUM, eRandom.next())] as Sector;
  const brand = f.helpers.arrayElements(BRAND_WORDS, 2).join(' ');
  const brandUpper = brand.toUpperCase();
  const brandAscii = asciiUpper(brand);

  // People first: the founding date must come after the representative turned 20.
  const taken = new Set<number>();
  const rep = adult(world, LAST_YEAR - 20, taken);
  if (rep) taken.add(rep.index);
  const earliest = Math.max(1991, rep ? birthYearOf(rep.c) + 20 : 1991);
  const skewed = LAST_YEAR - Math.floor(33 * eRandom.next() ** 2); // most enterprises are recent
  const foundYear = Math.max(earliest, skewed);
  const foundMonth = f.number.int({ min: 1, max: 12 });
  const founded = dayOf(foundYear, foundMonth, f.number.int({ min: 1, max: 28 }));
  const lastDay = dayOf(LAST_YEAR, 12, 31);
  const changes = lastDay - founded > 60 ? f.number.int({ min: 0, max: Math.min(12, Math.floor((lastDay - founded) / 200)) }) : 0;
  // The last amendment falls in the later part of the enterprise's life (it is the latest of `changes`).
  const amended = changes > 0 ? founded + Math.max(30, Math.floor((lastDay - founded) * (0.3 + 0.7 * eRandom.next()))) : null;

  const memberCount = Math.min(f.number.int({ min: type.members[0], max: type.members[1] }), world.population);
  const people = rep ? [rep] : [];
  while (people.length < memberCount) {
    const p = adult(world, foundYear - 18, taken);
    if (!p) break;
    taken.add(p.index);
    people.push(p);
  }
  const repCount = people.length >= 2 && (type.id === '2' || type.id === '3') && f.datatype.boolean(0.1) ? 2 : Math.min(1, people.length);
  const reps = people.slice(0, repCount);

  const capital = (f.helpers.arrayElement(CAPITALS) * (type.id === '3' ? 5 : type.id === '4' ? 0.5 : 1)) * 1_000_000;
  const shares = ratios(f, Math.max(1, people.length));
  const Member: EnterpriseMember[] = people.map((p, i) => ({
    MEMBER_NAME: p.c.HoVaTen.toUpperCase(),
    AMOUNT: Math.round((capital * (shares[i] ?? 0)) / 100),
    RATIO_PERCENT: shares[i] ?? 0,
    COUNTRY: 'Việt Nam',
  }));

  // Activities: the sector's main code, some of its others, and a few general ones.
  const codes = [sector.codes[0] as string, ...f.helpers.arrayElements(sector.codes.slice(1), { min: 1, max: sector.codes.length - 1 })];
  for (const c of f.helpers.arrayElements(GENERAL_CODES, { min: 0, max: 3 })) if (!codes.includes(c)) codes.push(c);
  const BusinessActivity: BusinessActivity[] = codes.map((c, i) => ({ CODE: c, NAME: VSIC[c] ?? '', IS_MAIN: i === 0 ? 'Y' : 'N' }));

  const districts = districtsOf(province);
  const district = f.helpers.arrayElement(districts);
  const ward = f.helpers.arrayElement(district.wards) as Ward;
  const StreetNumber = ward.name.startsWith('Phường')
    ? `Số ${f.number.int({ min: 1, max: 500 })} đường ${f.helpers.arrayElement(STREET_NAMES)}`
    : `${province.south ? 'Ấp' : 'Thôn'} ${f.number.int({ min: 1, max: 12 })}`;

  const oneMember = type.id === '1' && f.datatype.boolean(0.3) ? ' MỘT THÀNH VIÊN' : '';
  const NAME = `${type.prefix}${oneMember} ${sector.vi} ${brandUpper}`;
  const foreign = type.id === '4' ? '' : `${brandAscii} ${sector.en} ${type.en}`;
  const status = (STATUSES[pick(STATUS_CUM, eRandom.next())] as readonly [string, number])[0];

  return {
    index,
    MainInformation: {
      ENTERPRISE_ID: String(100_000 + index),
      ENTERPRISE_GDT_CODE: code,
      // Before 2010 the business registration number differed from the tax code (unified by Decree 43/2010) [M].
      IMP_BUSINESS_CODE: foundYear < 2010 ? `${province.tax}0${type.id}${pad(f.number.int({ min: 0, max: 999_999 }), 6)}` : '',
      ENTERPRISE_TYPE_ID: type.id,
      ENTERPRISE_TYPE_NAME: type.name,
      NAME,
      SHORT_NAME: type.short ? `${brandAscii} ${type.short}` : '',
      NAME_F: foreign,
      FOUNDING_DATE: ddmmyyyy(founded),
      LAST_AMEND_DATE: amended === null ? '' : ddmmyyyy(amended),
      NUMBER_CHANGES: changes,
      ENTERPRISE_STATUS: status,
      LEGAL_NAMES: reps.map((p) => p.c.HoVaTen.toUpperCase()).join(';'),
      CAPITAL_AMOUNT: capital,
      HOAddress: {
        CityID: province.gso,
        CityName: province.fullName,
        DistrictID: district.code,
        DistrictName: district.name,
        WardID: ward.code,
        WardName: ward.name,
        StreetNumber,
        AddressFullText: `${StreetNumber}, ${ward.name}, ${district.name}, ${province.fullName}, Việt Nam`,
      },
      BusinessActivity,
      Member,
    },
    legalRepresentatives: reps.map((p) => ({ citizenIndex: p.index, SoDinhDanh: p.c.SoDinhDanh, HoVaTen: p.c.HoVaTen })),
    members: people.map((p) => ({ citizenIndex: p.index, SoDinhDanh: p.c.SoDinhDanh })),
  };
}

/** Index of the enterprise with this 10-digit tax code in this world, or null. O(1); branch codes give null. */
export function enterpriseIndexByTaxCode(world: World, code: string): number | null {
  const parsed = parseTaxCode(code);
  if (!parsed.ok || parsed.branch !== null || !parsed.province || parsed.province.tax !== code.slice(0, 2)) return null;
  const serial = Number(code.slice(2, 8));
  if (serial >= SERIALS) return null;
  const k = keysOf(world.seed);
  const lo = unpermute(serial, SERIALS, k.serial);
  const hi = (parsed.province.ordinal - startOf(k, lo) + N_PROVINCES) % N_PROVINCES;
  const index = hi * SERIALS + lo;
  if (index >= world.enterprises) return null;
  return taxCodeOf(k, index).code === code ? index : null;
}

export function enterpriseByTaxCode(world: World, code: string): Enterprise | null {
  const index = enterpriseIndexByTaxCode(world, code);
  return index === null ? null : enterprise(world, index);
}
