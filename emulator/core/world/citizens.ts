/**
 * The synthetic population: one seed → one world of citizens, generated on demand by index (nothing is
 * materialised), with the fields of the National Population Database (CSDL quốc gia về dân cư) response,
 * specs/dvcqg-ndxp.md B2.
 *
 * Identity design (every index < population has a distinct, valid id that decodes in O(1)):
 * - index i = hi · 999 999 + lo. The 6-digit serial NNNNNN is 1 + a keyed Feistel permutation of lo.
 * - The province digits PPP are PROVINCES[(start(lo) + hi) mod 63]: start(lo) is a population-weighted
 *   pick from a hash of lo (shared by the household's block, except for ~15% born elsewhere). Same lo ⇒
 *   different hi ⇒ different province, so ids never collide while hi < 63; decoding inverts the serial to
 *   lo, reads hi off the province, and regenerates to confirm the birth year and sex digits.
 * - G and YY are then free to carry the birth year and sex chosen by the household generator.
 * - The 9-digit CMND, the techId and the household book number are other keyed permutations of the index.
 *
 * Households: consecutive indices in fixed blocks of 9 (9 divides 999 999, so a block never straddles two
 * `hi` slabs), each block cut into households of 1–6 by a hash of the block number. The first index is the
 * head (chủ hộ); then the spouse, the children, and possibly one parent of the head. One generator pass
 * builds the whole household, so spouses, parents and the head always agree.
 */
import { Faker, base, en, vi } from '@faker-js/faker';
import { ETHNIC_GROUPS, RELIGIONS } from './ethnic-groups.js';
import {
  asciiSlug,
  asciiUpper,
  createRandomizer,
  cumulative,
  hash2,
  hash3,
  pad,
  permute,
  pick,
  seed32,
  unit,
  unpermute,
} from './internal.js';
import { type Sex, centurySexDigit, parsePersonalId } from './personal-id.js';
import { type Province, type Ward, PROVINCES, STREET_NAMES, districtsOf } from './provinces.js';

export interface World {
  readonly seed: number;
  /** Number of citizens (indices 0 … population − 1). */
  readonly population: number;
  /** Number of enterprises (indices 0 … enterprises − 1). */
  readonly enterprises: number;
}

export const DEFAULT_SEED = 102; // the emulator's default --seed (emulator/app.ts)
export const DEFAULT_POPULATION = 100_000;
export const DEFAULT_ENTERPRISES = 20_000;
/** The 7-digit CMND serial is a permutation of the index: 10^7 values. */
export const MAX_POPULATION = 10_000_000;
/** 63 provinces × 200 000 six-digit tax serials (enterprises.ts); kept round. */
export const MAX_ENTERPRISES = 10_000_000;

export function createWorld(opts: Partial<World> = {}): World {
  const world = {
    seed: opts.seed ?? DEFAULT_SEED,
    population: opts.population ?? DEFAULT_POPULATION,
    enterprises: opts.enterprises ?? DEFAULT_ENTERPRISES,
  };
  if (!Number.isSafeInteger(world.seed)) throw new RangeError(`seed must be a safe integer, got ${world.seed}`);
  if (!Number.isInteger(world.population) || world.population < 1 || world.population > MAX_POPULATION) {
    throw new RangeError(`population must be an integer in 1–${MAX_POPULATION}, got ${world.population}`);
  }
  if (!Number.isInteger(world.enterprises) || world.enterprises < 0 || world.enterprises > MAX_ENTERPRISES) {
    throw new RangeError(`enterprises must be an integer in 0–${MAX_ENTERPRISES}, got ${world.enterprises}`);
  }
  return Object.freeze(world);
}

export function citizenCount(world: World): number {
  return world.population;
}

/** Address block of the population database (ThuongTru, NoiOHienTai), with GSO codes (spec B5). */
export interface Address {
  MaTinhThanh: string;
  MaQuanHuyen: string;
  MaPhuongXa: string;
  ChiTiet: string;
}

/** VoChong / Cha / Me as in spec B2. Relatives outside the world carry a name and empty ids. */
export interface RelativeRef {
  HoVaTen: string;
  QuocTich: string;
  SoDinhDanh: string;
  SoCMND: string;
}

/** ChuHo as in spec B2. QuanHe is this citizen's relation to the head, in Vietnamese [I: codes unknown]. */
export interface HouseholdHeadRef {
  HoVaTen: string;
  QuanHe: string;
  SoCMND: string;
  SoDinhDanh: string;
}

export type HouseholdRole = 'head' | 'spouse' | 'child' | 'parent';

export interface Citizen {
  index: number;
  /** Stable DVCQG account id (TechID claim, spec A9): UUID-shaped, decodable. */
  techId: string;
  SoDinhDanh: string;
  /** Old 9-digit CMND for those born before 2000, else empty. */
  SoCMND: string;
  HoVaTen: string;
  /** Upper case without diacritics, as clients send it (spec B2). */
  HoVaTenKhongDau: string;
  /** yyyyMMdd */
  NgayThangNamSinh: string;
  GioiTinh: Sex;
  QuocTich: string;
  /** 2-digit ethnic group code (ethnic-groups.ts). */
  DanToc: string;
  /** 2-digit religion code, 00 = none (ethnic-groups.ts). */
  TonGiao: string;
  ThuongTru: Address;
  NoiOHienTai: Address;
  /** 00 none/unknown, 01 A, 02 B, 03 AB, 04 O (spec B2). */
  NhomMau: string;
  /** 1 single, 2 married, 3 divorced or widowed (spec B2). */
  TinhTrangHonNhan: 1 | 2 | 3;
  SoSoHoKhau: string;
  ChuHo: HouseholdHeadRef;
  VoChong: RelativeRef | null;
  Cha: RelativeRef | null;
  Me: RelativeRef | null;
  /** Userinfo claim names (spec A9); empty for young children. */
  SoDienThoai: string;
  ThuDienTu: string;
  householdHead: number;
  role: HouseholdRole;
}

export interface Household {
  headIndex: number;
  memberIndices: number[];
  SoSoHoKhau: string;
  ThuongTru: Address;
}

// ---------------------------------------------------------------------------------------------------------
// Keys and index arithmetic

const SERIALS = 999_999;
const BLOCK = 9;
const CMND_SERIALS = 10_000_000;
const BOOKS = 1_000_000_000;
const TECH_SPACE = 2 ** 32;
const N_PROVINCES = PROVINCES.length;
/** Nobody is born after 2024: the world is "as of" 1 January 2025, whatever the clock says. */
const LAST_BIRTH_YEAR = 2024;
/** Share of people registered at birth outside their block's home province. */
const MIGRANT_SHARE = 0.15;

const KIND_HOUSEHOLD = 1;
const KIND_CITIZEN = 2;

interface Keys {
  seed: number;
  s: number;
  serial: number;
  cmnd: number;
  tech: number;
  book: number;
  home: number;
  migrant: number;
  bprov: number;
  part: number;
  ward: number;
}

let lastKeys: Keys | null = null;

function keysOf(seed: number): Keys {
  if (lastKeys?.seed === seed) return lastKeys;
  const s = seed32(seed);
  const k = (n: number) => hash2(s, n);
  lastKeys = { seed, s, serial: k(1), cmnd: k(2), tech: k(3), book: k(4), home: k(5), migrant: k(6), bprov: k(7), part: k(8), ward: k(9) };
  return lastKeys;
}

const PROVINCE_CUM = cumulative(PROVINCES.map((p) => p.weight));
// Where people live away from home: the five centrally-run cities weigh four times their population.
const MIGRATION_CUM = cumulative(PROVINCES.map((p) => p.weight * (p.city ? 4 : 1)));

function homeStart(k: Keys, lo: number): number {
  return pick(PROVINCE_CUM, unit(hash2(k.home, Math.floor(lo / BLOCK))));
}

function birthStart(k: Keys, lo: number): number {
  if (unit(hash2(k.migrant, lo)) < MIGRANT_SHARE) return pick(PROVINCE_CUM, unit(hash2(k.bprov, lo)));
  return homeStart(k, lo);
}

function birthProvince(k: Keys, index: number): Province {
  const lo = index % SERIALS;
  const hi = (index - lo) / SERIALS;
  return PROVINCES[(birthStart(k, lo) + hi) % N_PROVINCES] as Province;
}

function homeProvince(k: Keys, index: number): Province {
  const lo = index % SERIALS;
  const hi = (index - lo) / SERIALS;
  return PROVINCES[(homeStart(k, lo) + hi) % N_PROVINCES] as Province;
}

// Household sizes 1–6, roughly the 2019 census shape (mean ≈ 3.5) [M].
const SIZE_CUM = cumulative([12, 20, 22, 26, 12, 8]);

function householdSpan(world: World, k: Keys, index: number): { start: number; size: number } {
  const block = Math.floor(index / BLOCK);
  let start = block * BLOCK;
  const end = Math.min(start + BLOCK, world.population);
  for (let draw = 0; ; draw++) {
    const size = Math.min(pick(SIZE_CUM, unit(hash3(k.part, block, draw))) + 1, end - start);
    if (index < start + size) return { start, size };
    start += size;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names

// Surname shares in per mille, after the commonly cited survey figures (Nguyễn ≈ 38%, Trần ≈ 11%, Lê ≈ 9.5% …) [M].
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 380], ['Trần', 110], ['Lê', 95], ['Phạm', 70], ['Hoàng', 30], ['Huỳnh', 21], ['Phan', 45],
  ['Vũ', 20], ['Võ', 19], ['Đặng', 21], ['Bùi', 20], ['Đỗ', 14], ['Hồ', 13], ['Ngô', 13], ['Dương', 10],
  ['Lý', 5], ['Đinh', 8], ['Đào', 6], ['Trương', 6], ['Lâm', 4], ['Mai', 4], ['Trịnh', 5], ['Phùng', 3],
  ['Tô', 2], ['Hà', 4], ['Cao', 3], ['Lương', 3], ['Tạ', 2], ['Vương', 2], ['Châu', 2], ['Lưu', 2], ['Kiều', 1],
];
const SURNAME_CUM = cumulative(SURNAMES.map(([, w]) => w));
const ETHNIC_CUM = cumulative(ETHNIC_GROUPS.map((g) => g.weight));
const RELIGION_CUM = cumulative(RELIGIONS.map((r) => r.weight));
// 00 none/unknown, 01 A, 02 B, 03 AB, 04 O; Vietnam is mostly O and B [M, approximate].
const BLOOD_CUM = cumulative([10, 19, 28, 5, 38]);
// Mobile prefixes of the main networks after the 2018 renumbering [M].
const MOBILE_PREFIXES = [
  '032', '033', '034', '035', '036', '037', '038', '039', '056', '058', '059', '070', '076', '077', '078', '079',
  '081', '082', '083', '084', '085', '086', '088', '089', '090', '091', '093', '094', '096', '097', '098',
];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'];
const HAMLETS = ['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Tân Lập', 'Tân Hòa', 'Phú Mỹ', 'Bình An', 'Đồng Tâm', 'Thống Nhất', 'Đoàn Kết', 'Quyết Thắng'];

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS[month - 1] ?? 30;
}

// One faker per purpose, reseeded per entity (new Faker() per call is slow; see internal.ts on reseeding).
const hhRandom = createRandomizer();
const hhFaker = new Faker({ locale: [vi, en, base], randomizer: hhRandom });
const cRandom = createRandomizer();
const cFaker = new Faker({ locale: [vi, en, base], randomizer: cRandom });

function int(r: { u32(): number }, min: number, max: number): number {
  return min + (r.u32() % (max - min + 1));
}

function surname(): string {
  return (SURNAMES[pick(SURNAME_CUM, hhRandom.next())] as readonly [string, number])[0];
}

/** Tên đệm + tên from faker's Vietnamese list; older generations more often "Văn"/"Thị" (e.g. Nguyễn Văn Hùng). */
function givenName(sex: Sex, birthYear: number): string {
  const given = hhFaker.person.firstName(sex === 1 ? 'male' : 'female');
  const last = given.slice(given.lastIndexOf(' ') + 1);
  const traditional = birthYear < 1975 ? 0.55 : birthYear < 1995 ? 0.3 : 0.08;
  const u = hhRandom.next();
  if (u < traditional) return `${sex === 1 ? 'Văn' : 'Thị'} ${last}`;
  if (sex === 2 && birthYear < 1995 && u < traditional + 0.15) return `Thị ${given}`;
  return given;
}

function ethnicCode(): string {
  return (ETHNIC_GROUPS[pick(ETHNIC_CUM, hhRandom.next())] as (typeof ETHNIC_GROUPS)[number]).code;
}
function religionCode(): string {
  return (RELIGIONS[pick(RELIGION_CUM, hhRandom.next())] as (typeof RELIGIONS)[number]).code;
}

function addressDetail(f: Faker, ward: Ward, province: Province): string {
  if (ward.name.startsWith('Phường')) {
    const n = f.number.int({ min: 1, max: 350 });
    const street = f.helpers.arrayElement(STREET_NAMES);
    return f.datatype.boolean(0.35) ? `Số ${n}, ngõ ${f.number.int({ min: 1, max: 200 })}, đường ${street}` : `Số ${n} đường ${street}`;
  }
  if (ward.name.startsWith('Thị trấn')) return `Tổ dân phố ${f.number.int({ min: 1, max: 20 })}`;
  const hamlet = f.datatype.boolean() ? String(f.number.int({ min: 1, max: 12 })) : f.helpers.arrayElement(HAMLETS);
  return `${province.south ? 'Ấp' : 'Thôn'} ${hamlet}`;
}

function addressIn(f: Faker, province: Province, h: number): Address {
  const districts = districtsOf(province);
  const district = districts[h % districts.length] as (typeof districts)[number];
  const ward = district.wards[Math.floor(h / 65_536) % district.wards.length] as Ward;
  return { MaTinhThanh: province.gso, MaQuanHuyen: district.code, MaPhuongXa: ward.code, ChiTiet: addressDetail(f, ward, province) };
}

// ---------------------------------------------------------------------------------------------------------
// Households

interface Member {
  index: number;
  role: HouseholdRole;
  sex: Sex;
  y: number;
  m: number;
  d: number;
  name: string;
  id: string;
  cmnd: string;
  ethnic: string;
  religion: string;
  marital: 1 | 2 | 3;
  quanHe: string;
  cha: RelativeRef | null;
  me: RelativeRef | null;
  voChong: RelativeRef | null;
}

interface HouseholdData {
  seed: number;
  population: number;
  start: number;
  members: Member[];
  book: string;
  address: Address;
}

function ref(m: Member): RelativeRef {
  return { HoVaTen: m.name, QuocTich: 'VN', SoDinhDanh: m.id, SoCMND: m.cmnd };
}
/** A parent outside the world (older generation): the name is known, the ids are not. */
function nameOnly(sex: Sex, familyName: string, childBirthYear: number): RelativeRef {
  return { HoVaTen: `${familyName} ${givenName(sex, childBirthYear - 28)}`, QuocTich: 'VN', SoDinhDanh: '', SoCMND: '' };
}

function buildHousehold(world: World, k: Keys, start: number, size: number): HouseholdData {
  const r = hhRandom;
  hhFaker.seed([k.s, KIND_HOUSEHOLD, start]);
  const chance = (p: number) => r.next() < p;

  // Composition: head, spouse?, children, parent-of-head?
  let spouse = false;
  let grand = false;
  let children = 0;
  if (size > 1) {
    grand = size >= 3 && chance(0.22);
    spouse = !chance(size === 2 ? 0.2 : 0.1);
    children = size - 1 - (spouse ? 1 : 0) - (grand ? 1 : 0);
  }

  // Ages in completed years on 1 Jan 2025. "parentAge" is the mother's (or the lone parent's / single person's).
  const gaps: number[] = [];
  let firstAt = 0;
  let parentAge: number;
  if (children > 0) {
    firstAt = int(r, 19, grand ? 28 : 32);
    for (let c = 1; c < children; c++) gaps.push(int(r, 1, grand ? 4 : 6));
    parentAge = firstAt + gaps.reduce((a, b) => a + b, 0) + int(r, 0, grand ? 12 : 20);
  } else if (size === 1) {
    parentAge = chance(0.5) ? int(r, 18, 40) : int(r, 41, 92);
  } else {
    parentAge = int(r, 20, grand ? 55 : 82);
  }
  const headSex: Sex = spouse ? (chance(0.85) ? 1 : 2) : size === 1 ? (chance(0.5) ? 1 : 2) : chance(0.75) ? 2 : 1;
  // The husband is 2 years younger to 8 years older than the wife, and at least 20 at the first child.
  let partnerAge = Math.max(20, Math.min(98, parentAge + int(r, 0, 10) - 2));
  if (children > 0) partnerAge = Math.max(partnerAge, parentAge - firstAt + 20);
  const headAge = spouse && headSex === 1 ? partnerAge : parentAge;

  const birth = (age: number) => {
    const y = LAST_BIRTH_YEAR - age;
    const m = int(r, 1, 12);
    return { y, m, d: int(r, 1, daysIn(y, m)) };
  };

  const members: Member[] = [];
  const given = new Set<string>(); // last syllables in use, so siblings are not both called "Khánh"
  const add = (role: HouseholdRole, sex: Sex, date: { y: number; m: number; d: number }, family: string, ethnic: string, religion: string, marital: 1 | 2 | 3, quanHe: string) => {
    const index = start + members.length;
    const province = birthProvince(k, index);
    const lo = index % SERIALS;
    const id = `${province.cccd}${centurySexDigit(date.y, sex)}${pad(date.y % 100, 2)}${pad(permute(lo, SERIALS, k.serial) + 1, 6)}`;
    const cmnd = date.y < 2000 ? `${province.cmnd}${pad(permute(index, CMND_SERIALS, k.cmnd), 7)}` : '';
    let first = givenName(sex, date.y);
    for (let retry = 0; retry < 3 && given.has(first.slice(first.lastIndexOf(' ') + 1)); retry++) first = givenName(sex, date.y);
    given.add(first.slice(first.lastIndexOf(' ') + 1));
    const m: Member = {
      index, role, sex, ...date, name: `${family} ${first}`, id, cmnd, ethnic, religion, marital, quanHe,
      cha: null, me: null, voChong: null,
    };
    members.push(m);
    return m;
  };

  const ethnic = ethnicCode();
  const religion = religionCode();
  const headFamily = surname();
  // Living alone: young people are single; older ones mostly divorced or widowed.
  const headMarital: 1 | 2 | 3 = spouse ? 2 : size === 1 ? (headAge < 30 || chance(headAge < 45 ? 0.5 : 0.12) ? 1 : 3) : 3;
  const head = add('head', headSex, birth(headAge), headFamily, ethnic, religion, headMarital, 'Chủ hộ');

  let partner: Member | null = null;
  if (spouse) {
    const sex: Sex = headSex === 1 ? 2 : 1;
    const age = headSex === 1 ? parentAge : partnerAge;
    partner = add('spouse', sex, birth(age), surname(), chance(0.9) ? ethnic : ethnicCode(), chance(0.9) ? religion : religionCode(), 2, sex === 2 ? 'Vợ' : 'Chồng');
    head.voChong = ref(partner);
    partner.voChong = ref(head);
  }
  const father = head.sex === 1 ? head : partner?.sex === 1 ? partner : null;
  const mother = head.sex === 2 ? head : partner?.sex === 2 ? partner : null;
  const fatherFamily = father ? father.name.slice(0, father.name.indexOf(' ')) : surname();
  const anchorYear = (mother ?? head).y; // children's years count from the mother's (or a lone father's)

  let year = anchorYear + firstAt;
  for (let c = 0; c < children; c++) {
    if (c > 0) year += gaps[c - 1] ?? 1;
    const sex: Sex = chance(0.51) ? 1 : 2;
    const m = int(r, 1, 12);
    const child = add('child', sex, { y: year, m, d: int(r, 1, daysIn(year, m)) }, fatherFamily, father?.ethnic ?? ethnic, religion, 1, 'Con');
    child.cha = father ? ref(father) : nameOnly(1, fatherFamily, year);
    child.me = mother ? ref(mother) : nameOnly(2, surname(), year);
  }

  let elder: Member | null = null;
  if (grand) {
    const sex: Sex = chance(0.65) ? 2 : 1;
    elder = add('parent', sex, birth(Math.min(100, headAge + int(r, 20, 32))), sex === 1 ? headFamily : surname(), ethnic, religion, 3, sex === 1 ? 'Cha' : 'Mẹ');
  }

  // Parents of the head and spouse: the elder when present, otherwise outside the world (name only).
  head.cha = elder?.sex === 1 ? ref(elder) : nameOnly(1, headFamily, head.y);
  head.me = elder?.sex === 2 ? ref(elder) : nameOnly(2, surname(), head.y);
  if (partner) {
    const family = partner.name.slice(0, partner.name.indexOf(' '));
    partner.cha = nameOnly(1, family, partner.y);
    partner.me = nameOnly(2, surname(), partner.y);
  }
  if (elder) {
    elder.cha = nameOnly(1, elder.sex === 1 ? headFamily : elder.name.slice(0, elder.name.indexOf(' ')), elder.y);
    elder.me = nameOnly(2, surname(), elder.y);
  }

  const address = addressIn(hhFaker, homeProvince(k, start), hash2(k.ward, start));
  return { seed: world.seed, population: world.population, start, members, book: pad(permute(start, BOOKS, k.book), 9), address };
}

// Single-entry memo: iterating indices in order rebuilds each household once, not once per member.
let lastHousehold: HouseholdData | null = null;

function householdAt(world: World, k: Keys, index: number): HouseholdData {
  const h = lastHousehold;
  if (h && h.seed === world.seed && h.population === world.population && index >= h.start && index < h.start + h.members.length) return h;
  const span = householdSpan(world, k, index);
  lastHousehold = buildHousehold(world, k, span.start, span.size);
  return lastHousehold;
}

function checkIndex(world: World, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= world.population) {
    throw new RangeError(`citizen index ${index} is outside 0–${world.population - 1}`);
  }
}

/** The household of a citizen: head first, then spouse, children and possibly a parent of the head. */
export function householdOf(world: World, index: number): Household {
  checkIndex(world, index);
  const h = householdAt(world, keysOf(world.seed), index);
  return { headIndex: h.start, memberIndices: h.members.map((m) => m.index), SoSoHoKhau: h.book, ThuongTru: { ...h.address } };
}

// ---------------------------------------------------------------------------------------------------------
// Citizens

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** UUID v4 shape; the first 8 hex digits are a keyed permutation of the index, so it decodes. */
function techIdOf(k: Keys, index: number): string {
  const a = permute(index, TECH_SPACE, k.tech);
  const b = hash3(k.tech, index, 1);
  const c = hash3(k.tech, index, 2);
  const d = hash3(k.tech, index, 3);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(8 | (c >>> 30), 1)}${hex((c >>> 16) & 0xfff, 3)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
}

function copyRef(x: RelativeRef | null): RelativeRef | null {
  return x ? { ...x } : null;
}

export function citizen(world: World, index: number): Citizen {
  checkIndex(world, index);
  const k = keysOf(world.seed);
  const h = householdAt(world, k, index);
  const m = h.members[index - h.start] as Member;
  const head = h.members[0] as Member;

  const f = cFaker;
  f.seed([k.s, KIND_CITIZEN, index]);
  const age = LAST_BIRTH_YEAR - m.y;
  const nameAscii = asciiUpper(m.name);
  const phone = age >= 15 && f.datatype.boolean(0.93) ? `${f.helpers.arrayElement(MOBILE_PREFIXES)}${f.string.numeric(7)}` : '';
  let mail = '';
  if (age >= 15 && f.datatype.boolean(0.6)) {
    const parts = asciiSlug(m.name.slice(m.name.lastIndexOf(' ') + 1)) + asciiSlug(m.name.slice(0, m.name.lastIndexOf(' ')));
    mail = `${parts}${f.datatype.boolean() ? String(m.y) : f.string.numeric(2)}@${f.helpers.arrayElement(MAIL_DOMAINS)}`;
  }
  // Young adults often live away from their registered residence (tạm trú), mostly in the big cities.
  const away = age >= 18 && age <= 45 && f.datatype.boolean(0.18);
  const current = away ? addressIn(f, PROVINCES[pick(MIGRATION_CUM, cRandom.next())] as Province, cRandom.u32()) : { ...h.address };
  const blood = pad(pick(BLOOD_CUM, cRandom.next()), 2);

  return {
    index,
    techId: techIdOf(k, index),
    SoDinhDanh: m.id,
    SoCMND: m.cmnd,
    HoVaTen: m.name,
    HoVaTenKhongDau: nameAscii,
    NgayThangNamSinh: `${m.y}${pad(m.m, 2)}${pad(m.d, 2)}`,
    GioiTinh: m.sex,
    QuocTich: 'VN',
    DanToc: m.ethnic,
    TonGiao: m.religion,
    ThuongTru: { ...h.address },
    NoiOHienTai: current,
    NhomMau: blood,
    TinhTrangHonNhan: m.marital,
    SoSoHoKhau: h.book,
    ChuHo: { HoVaTen: head.name, QuanHe: m.quanHe, SoCMND: head.cmnd, SoDinhDanh: head.id },
    VoChong: copyRef(m.voChong),
    Cha: copyRef(m.cha),
    Me: copyRef(m.me),
    SoDienThoai: phone,
    ThuDienTu: mail,
    householdHead: h.start,
    role: m.role,
  };
}

/** Index of the citizen with this personal ID in this world, or null. O(1). */
export function citizenIndexById(world: World, id: string): number | null {
  const p = parsePersonalId(id);
  if (!p.ok) return null;
  const k = keysOf(world.seed);
  const lo = unpermute(Number(p.serial) - 1, SERIALS, k.serial);
  const hi = (p.province.ordinal - birthStart(k, lo) + N_PROVINCES) % N_PROVINCES;
  const index = hi * SERIALS + lo;
  if (index >= world.population) return null;
  // Province and serial match by construction; the household decides the century/sex and year digits.
  const h = householdAt(world, k, index);
  return (h.members[index - h.start] as Member).id === id ? index : null;
}

export function citizenById(world: World, id: string): Citizen | null {
  const index = citizenIndexById(world, id);
  return index === null ? null : citizen(world, index);
}

/** Lookup by the old 9-digit CMND (the population database accepts SoCMND too, spec B2). */
export function citizenByCmnd(world: World, cmnd: string): Citizen | null {
  if (typeof cmnd !== 'string' || !/^\d{9}$/.test(cmnd)) return null;
  const index = unpermute(Number(cmnd.slice(2)), CMND_SERIALS, keysOf(world.seed).cmnd);
  if (index >= world.population) return null;
  const c = citizen(world, index);
  return c.SoCMND === cmnd ? c : null;
}

export function citizenByTechId(world: World, techId: string): Citizen | null {
  if (typeof techId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(techId)) return null;
  const index = unpermute(parseInt(techId.slice(0, 8), 16), TECH_SPACE, keysOf(world.seed).tech);
  if (index >= world.population) return null;
  return techIdOf(keysOf(world.seed), index) === techId ? citizen(world, index) : null;
}
