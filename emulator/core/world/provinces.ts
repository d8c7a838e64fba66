/**
 * The 63 provinces before the 2025 merger, with the codes each national system uses for them, and a small
 * deterministic faker-made geography of districts (quận/huyện) and wards (phường/xã) under each.
 */
import { Faker, base, en, vi } from '@faker-js/faker';
import { createRandomizer, pad } from './internal.js';

export interface Province {
  /** Position in {@link PROVINCES} (ordered by CCCD code); the id scrambles shift by it. */
  readonly ordinal: number;
  /** 3-digit code in the 12-digit personal ID (mã tỉnh trong số định danh), specs/dvcqg-ndxp.md B3 [C]. */
  readonly cccd: string;
  /**
   * 2-digit General Statistics Office administrative code (mã đơn vị hành chính cấp tỉnh), used by
   * population-database addresses (B5: 79 = HCM [C]). It is the CCCD code without its leading 0: the CCCD
   * codes were taken from the GSO list [M, high certainty; public address datasets agree: 01 Hà Nội, 79 HCM].
   */
  readonly gso: string;
  /**
   * First 2 digits of enterprise tax codes registered there (mã tỉnh trong mã số thuế). [M, moderate]:
   * background knowledge, agreeing with well-known codes (0100109106 and 0101248141 Hà Nội, 0300588569 HCM);
   * 05 (former Hà Tây, now Hà Nội) is not generated.
   */
  readonly tax: string;
  /** 2-digit prefix of the old 9-digit CMND issued there. [M, low: cosmetic only, nothing decodes it]. */
  readonly cmnd: string;
  readonly name: string;
  /** Official form: "Thành phố Hà Nội", "Tỉnh Nghệ An". */
  readonly fullName: string;
  /** Centrally-run city (thành phố trực thuộc trung ương): districts are mostly quận, wards phường. */
  readonly city: boolean;
  /** Southern provinces call hamlets "ấp" rather than "thôn" (address detail only). */
  readonly south: boolean;
  /** Population in tens of thousands, 2019 census, rounded [M]: weights only. */
  readonly weight: number;
}

// [cccd, tax, cmnd, name, population/10k]; codes per the field comments above.
const ROWS: ReadonlyArray<readonly [string, string, string, string, number]> = [
  ['001', '01', '01', 'Hà Nội', 805],
  ['002', '51', '07', 'Hà Giang', 85],
  ['004', '48', '08', 'Cao Bằng', 53],
  ['006', '47', '09', 'Bắc Kạn', 31],
  ['008', '50', '07', 'Tuyên Quang', 78],
  ['010', '53', '06', 'Lào Cai', 73],
  ['011', '56', '04', 'Điện Biên', 60],
  ['012', '62', '04', 'Lai Châu', 46],
  ['014', '55', '05', 'Sơn La', 125],
  ['015', '52', '06', 'Yên Bái', 82],
  ['017', '54', '11', 'Hòa Bình', 85],
  ['019', '46', '09', 'Thái Nguyên', 129],
  ['020', '49', '08', 'Lạng Sơn', 78],
  ['022', '57', '10', 'Quảng Ninh', 132],
  ['024', '24', '12', 'Bắc Giang', 180],
  ['025', '26', '13', 'Phú Thọ', 146],
  ['026', '25', '13', 'Vĩnh Phúc', 115],
  ['027', '23', '12', 'Bắc Ninh', 137],
  ['030', '08', '14', 'Hải Dương', 189],
  ['031', '02', '03', 'Hải Phòng', 203],
  ['033', '09', '14', 'Hưng Yên', 125],
  ['034', '10', '15', 'Thái Bình', 186],
  ['035', '07', '16', 'Hà Nam', 85],
  ['036', '06', '16', 'Nam Định', 178],
  ['037', '27', '16', 'Ninh Bình', 98],
  ['038', '28', '17', 'Thanh Hóa', 364],
  ['040', '29', '18', 'Nghệ An', 333],
  ['042', '30', '18', 'Hà Tĩnh', 129],
  ['044', '31', '19', 'Quảng Bình', 90],
  ['045', '32', '19', 'Quảng Trị', 63],
  ['046', '33', '19', 'Thừa Thiên Huế', 113],
  ['048', '04', '20', 'Đà Nẵng', 113],
  ['049', '40', '20', 'Quảng Nam', 150],
  ['051', '43', '21', 'Quảng Ngãi', 123],
  ['052', '41', '21', 'Bình Định', 149],
  ['054', '44', '22', 'Phú Yên', 87],
  ['056', '42', '22', 'Khánh Hòa', 123],
  ['058', '45', '26', 'Ninh Thuận', 59],
  ['060', '34', '26', 'Bình Thuận', 123],
  ['062', '61', '23', 'Kon Tum', 54],
  ['064', '59', '23', 'Gia Lai', 151],
  ['066', '60', '24', 'Đắk Lắk', 187],
  ['067', '64', '24', 'Đắk Nông', 62],
  ['068', '58', '25', 'Lâm Đồng', 130],
  ['070', '38', '28', 'Bình Phước', 99],
  ['072', '39', '29', 'Tây Ninh', 117],
  ['074', '37', '28', 'Bình Dương', 243],
  ['075', '36', '27', 'Đồng Nai', 310],
  ['077', '35', '27', 'Bà Rịa - Vũng Tàu', 115],
  ['079', '03', '02', 'Hồ Chí Minh', 899],
  ['080', '11', '30', 'Long An', 169],
  ['082', '12', '31', 'Tiền Giang', 176],
  ['083', '13', '32', 'Bến Tre', 129],
  ['084', '21', '33', 'Trà Vinh', 101],
  ['086', '15', '33', 'Vĩnh Long', 102],
  ['087', '14', '34', 'Đồng Tháp', 160],
  ['089', '16', '35', 'An Giang', 191],
  ['091', '17', '37', 'Kiên Giang', 172],
  ['092', '18', '36', 'Cần Thơ', 124],
  ['093', '63', '36', 'Hậu Giang', 73],
  ['094', '22', '36', 'Sóc Trăng', 120],
  ['095', '19', '38', 'Bạc Liêu', 91],
  ['096', '20', '38', 'Cà Mau', 119],
];

const CITIES = new Set(['001', '031', '048', '079', '092']);

export const PROVINCES: readonly Province[] = ROWS.map(([cccd, tax, cmnd, name, weight], ordinal) => {
  const city = CITIES.has(cccd);
  const gso = cccd.slice(1);
  return Object.freeze({
    ordinal,
    cccd,
    gso,
    tax,
    cmnd,
    name,
    fullName: `${city ? 'Thành phố' : 'Tỉnh'} ${name}`,
    city,
    south: Number(gso) >= 70,
    weight,
  });
});

const byCccd = new Map(PROVINCES.map((p) => [p.cccd, p]));
const byGso = new Map(PROVINCES.map((p) => [p.gso, p]));
const byTax = new Map(PROVINCES.map((p) => [p.tax, p]));

export function provinceByCccdCode(code: string): Province | undefined {
  return byCccd.get(code);
}
export function provinceByGsoCode(code: string): Province | undefined {
  return byGso.get(code);
}
/** Province of a tax code's 2-digit prefix (05, the former Hà Tây, is Hà Nội). */
export function provinceByTaxPrefix(prefix: string): Province | undefined {
  return prefix === '05' ? byGso.get('01') : byTax.get(prefix);
}

export interface Ward {
  /** 5-digit GSO-style code (mã phường/xã). */
  readonly code: string;
  /** With its type: "Phường Tân Phú", "Xã An Lạc", "Thị trấn Hòa Bình". */
  readonly name: string;
  readonly districtCode: string;
}

export interface District {
  /** 3-digit GSO-style code (mã quận/huyện). */
  readonly code: string;
  /** With its type: "Quận Tân Phú", "Huyện An Lạc", "Thành phố Long Khánh". */
  readonly name: string;
  readonly provinceGso: string;
  readonly wards: readonly Ward[];
}

// The geography is FICTIONAL but shaped like the GSO list: district codes are unique nationwide and grow
// with the province (real: 001 Ba Đình … 760 Quận 1 … 973), and a district's ward codes step by 3 from
// (district − 1) × 33 + 1 (real: Ba Đình 00001, 00004, 00007 …). It is the same in every world, like the
// real country; only people and enterprises depend on the seed. Codes never match real units' names.
const DISTRICT_STRIDE = 15;
const WARD_STRIDE = 33;

// Sino-Vietnamese syllables common in place names; two of them make a plausible name ("Tân Phú").
const PLACE_SYLLABLES = [
  'An', 'Bình', 'Phú', 'Tân', 'Hòa', 'Thạnh', 'Long', 'Phước', 'Hưng', 'Lộc', 'Mỹ', 'Vĩnh', 'Xuân', 'Thọ',
  'Thành', 'Trung', 'Đông', 'Tây', 'Nam', 'Bắc', 'Quang', 'Minh', 'Hải', 'Sơn', 'Thủy', 'Cẩm', 'Kim', 'Ngọc',
  'Hồng', 'Đức', 'Thuận', 'Lợi', 'Thịnh', 'Khánh', 'Định', 'Yên', 'Lạc', 'Gia', 'Châu', 'Hiệp', 'Nghĩa',
  'Thái', 'Tiên', 'Hà', 'Lâm', 'Phong', 'Hội', 'Cát', 'Lương', 'Điền', 'Phúc', 'Tường', 'Quý', 'Trường',
];

/** Street names found in most Vietnamese towns (named after historical figures and dates), for address details. */
export const STREET_NAMES: readonly string[] = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Hùng Vương',
  'Nguyễn Trãi', 'Lê Duẩn', 'Phan Chu Trinh', 'Điện Biên Phủ', 'Nguyễn Du', 'Trần Phú', 'Lê Thánh Tông',
  'Ngô Quyền', 'Bà Triệu', 'Phạm Văn Đồng', 'Võ Nguyên Giáp', 'Nguyễn Văn Cừ', 'Lạc Long Quân',
  'Tôn Đức Thắng', 'Hoàng Văn Thụ', 'Cách Mạng Tháng Tám', 'Nguyễn Thị Minh Khai', 'Phan Đình Phùng',
  'Lê Hồng Phong', 'Trường Chinh', 'Nguyễn Chí Thanh', 'Trần Quang Khải', 'Nguyễn Văn Linh',
];

const geoRandom = createRandomizer();
const geoFaker = new Faker({ locale: [vi, en, base], randomizer: geoRandom });
const GEO_SEED = 0x6e6f; // fixed: the geography does not depend on the world seed

function placeName(used: Set<string>): string {
  for (;;) {
    const [a, b] = geoFaker.helpers.arrayElements(PLACE_SYLLABLES, 2) as [string, string];
    const name = `${a} ${b}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function buildDistricts(province: Province): District[] {
  geoFaker.seed([GEO_SEED, province.ordinal]);
  const count = geoFaker.number.int({ min: province.city ? 5 : 4, max: province.city ? 9 : 7 });
  const used = new Set<string>();
  const out: District[] = [];
  for (let k = 0; k < count; k++) {
    const districtNumber = province.ordinal * DISTRICT_STRIDE + 1 + k;
    const code = pad(districtNumber, 3);
    // Cities: mostly quận (urban); provinces: the capital is a thành phố, the rest mostly huyện.
    const kind = province.city
      ? k < count - 2 ? 'Quận' : 'Huyện'
      : k === 0 ? 'Thành phố' : k === 1 && geoFaker.datatype.boolean() ? 'Thị xã' : 'Huyện';
    const urban = kind !== 'Huyện';
    const wardCount = geoFaker.number.int({ min: 3, max: 8 });
    const wardNames = new Set<string>();
    const wards: Ward[] = [];
    for (let j = 0; j < wardCount; j++) {
      const wardKind = urban ? 'Phường' : j === 0 ? 'Thị trấn' : 'Xã';
      wards.push({
        code: pad((districtNumber - 1) * WARD_STRIDE + 1 + 3 * j, 5),
        name: `${wardKind} ${placeName(wardNames)}`,
        districtCode: code,
      });
    }
    out.push({ code, name: `${kind} ${placeName(used)}`, provinceGso: province.gso, wards });
  }
  return out;
}

const districtCache = new Map<string, readonly District[]>();
const districtIndex = new Map<string, District>();
const wardIndex = new Map<string, Ward>();

/** Districts of a province (by object, GSO code or CCCD code); deterministic, built on first use. */
export function districtsOf(province: Province | string): readonly District[] {
  const p = typeof province === 'string' ? (byGso.get(province) ?? byCccd.get(province)) : province;
  if (!p) return [];
  let list = districtCache.get(p.gso);
  if (!list) {
    list = Object.freeze(buildDistricts(p));
    districtCache.set(p.gso, list);
    for (const d of list) {
      districtIndex.set(d.code, d);
      for (const w of d.wards) wardIndex.set(w.code, w);
    }
  }
  return list;
}

function buildAll(): void {
  for (const p of PROVINCES) districtsOf(p);
}

export function districtByCode(code: string): District | undefined {
  if (districtIndex.size === 0 || !districtIndex.has(code)) buildAll();
  return districtIndex.get(code);
}

export function wardByCode(code: string): Ward | undefined {
  if (wardIndex.size === 0 || !wardIndex.has(code)) buildAll();
  return wardIndex.get(code);
}
