/**
 * One citizen of the shared world as a `ns1:CongDan` element of http://www.mic.gov.vn/dancu/1.0, in the
 * order and shape public clients parse (specs/dvcqg-ndxp.md §B2), and the restricted views the XacMinh…
 * and CungCap… operations answer (decision 011).
 */
import type { Address, Citizen, HouseholdHeadRef, RelativeRef, World } from '../../../core/world/index.js';
import { citizenById, districtByCode, districtsOf, provinceByCccdCode, provinceByGsoCode, wardByCode } from '../../../core/world/index.js';
import { DANCU_NS } from './wire/envelope.js';
import { el, type XmlChild, type XmlElement } from './wire/xml.js';

/** The blocks of a CongDan, in the order of the real reply. */
export type Block =
  | 'SoDinhDanh' | 'SoCMND' | 'HoVaTen' | 'GioiTinh' | 'DanToc' | 'TonGiao' | 'TinhTrangHonNhan' | 'NhomMau'
  | 'NgayThangNamSinh' | 'NoiDangKyKhaiSinh' | 'QuocTich' | 'QueQuan' | 'ThuongTru' | 'NoiOHienTai' | 'Cha' | 'Me'
  | 'VoChong' | 'NguoiDaiDien' | 'ChuHo' | 'SoSoHoKhau' | 'TinhTrangChetMatTich';

const FULL: readonly Block[] = [
  'SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'DanToc', 'TonGiao', 'TinhTrangHonNhan', 'NhomMau', 'NgayThangNamSinh',
  'NoiDangKyKhaiSinh', 'QuocTich', 'QueQuan', 'ThuongTru', 'NoiOHienTai', 'Cha', 'Me', 'VoChong', 'NguoiDaiDien', 'ChuHo', 'SoSoHoKhau',
];
/** Every view starts with who the person is. */
const IDENTITY: readonly Block[] = ['SoDinhDanh', 'SoCMND', 'HoVaTen', 'GioiTinh', 'NgayThangNamSinh'];

export const VIEWS = {
  full: FULL,
  nhanThan: [...IDENTITY, 'DanToc', 'TonGiao', 'NoiDangKyKhaiSinh', 'QuocTich', 'QueQuan'],
  nguoiGiamHo: [...IDENTITY, 'Cha', 'Me', 'NguoiDaiDien'],
  chuHo: [...IDENTITY, 'ChuHo', 'SoSoHoKhau'],
  noiOHienTai: [...IDENTITY, 'ThuongTru', 'NoiOHienTai'],
  honNhan: [...IDENTITY, 'TinhTrangHonNhan', 'VoChong'],
  chetMatTich: [...IDENTITY, 'TinhTrangChetMatTich'],
  nhomMau: [...IDENTITY, 'NhomMau'],
  hoGiaDinh: [...IDENTITY, 'ThuongTru', 'ChuHo', 'SoSoHoKhau'],
} as const satisfies Record<string, readonly Block[]>;
export type View = keyof typeof VIEWS;

const N = (name: string, ...children: XmlChild[]) => el(`ns1:${name}`, {}, ...children);
const upper = (s: string) => s.toLocaleUpperCase('vi');

export interface Place extends Address {
  QuocGia: string;
}

/** "Thôn Đông" + ward, district, province, in upper case as the real ChiTiet ("XÃ LŨNG HÒA, HUYỆN VĨNH TƯỜNG, TỈNH VĨNH PHÚC"). */
function fullText(detail: string, a: Address): string {
  const parts = [detail, wardByCode(a.MaPhuongXa)?.name, districtByCode(a.MaQuanHuyen)?.name, provinceByGsoCode(a.MaTinhThanh)?.fullName];
  return upper(parts.filter((p): p is string => !!p).join(', '));
}

function place(a: Address): Place {
  return { ...a, ChiTiet: fullText(a.ChiTiet, a), QuocGia: 'VN' };
}

function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A ward of the province chosen by a hash; ChiTiet is the ward, district and province (no street). */
function wardPlace(cccd: string, h: number): Place {
  const province = provinceByCccdCode(cccd);
  if (!province) return { MaTinhThanh: '', MaQuanHuyen: '', MaPhuongXa: '', ChiTiet: '', QuocGia: 'VN' };
  const districts = districtsOf(province);
  const district = districts[h % districts.length]!;
  const ward = district.wards[Math.floor(h / 4096) % district.wards.length]!;
  const a = { MaTinhThanh: province.gso, MaQuanHuyen: district.code, MaPhuongXa: ward.code, ChiTiet: '' };
  return { ...a, ChiTiet: fullText('', a), QuocGia: 'VN' };
}

/** Nơi đăng ký khai sinh: a ward of the province coded in the ID (PPP = province of birth registration, §B3). */
export function birthRegistration(world: World, c: Citizen): Place {
  return wardPlace(c.SoDinhDanh.slice(0, 3), mix(world.seed, c.index, 1));
}

/** Quê quán follows the father's line: the father's when he is in the world, else a ward of the birth province. */
export function hometown(world: World, c: Citizen, depth = 0): Place {
  if (depth < 4 && c.Cha?.SoDinhDanh) {
    const father = citizenById(world, c.Cha.SoDinhDanh);
    if (father) return hometown(world, father, depth + 1);
  }
  return wardPlace(c.SoDinhDanh.slice(0, 3), mix(world.seed, c.index, 2));
}

/** Completed years at `today` (yyyyMMdd). */
export function ageOn(birth: string, today: string): number {
  return Math.floor((Number(today) - Number(birth)) / 10_000);
}

/**
 * Người đại diện (legal representative) of a minor: a parent in the world (father first), else the head of
 * the household. Adults have none [ours: the real rule and field shape were not seen].
 */
export function representative(c: Citizen, today: string): RelativeRef | null {
  if (ageOn(c.NgayThangNamSinh, today) >= 18) return null;
  for (const parent of [c.Cha, c.Me]) if (parent?.SoDinhDanh) return { ...parent };
  if (c.ChuHo.SoDinhDanh && c.ChuHo.SoDinhDanh !== c.SoDinhDanh) {
    return { HoVaTen: c.ChuHo.HoVaTen, QuocTich: 'VN', SoDinhDanh: c.ChuHo.SoDinhDanh, SoCMND: c.ChuHo.SoCMND };
  }
  return null;
}

function placeEl(name: string, p: Place): XmlElement {
  return N(name, N('MaTinhThanh', p.MaTinhThanh), N('MaQuanHuyen', p.MaQuanHuyen), N('MaPhuongXa', p.MaPhuongXa), N('ChiTiet', p.ChiTiet), N('QuocGia', p.QuocGia));
}

/** Absent relatives are written with empty children, so `CongDan.VoChong.HoVaTen` never dereferences nothing. */
function relativeEl(name: string, r: RelativeRef | null): XmlElement {
  return N(name, N('HoVaTen', r ? upper(r.HoVaTen) : ''), N('QuocTich', r?.QuocTich ?? ''), N('SoDinhDanh', r?.SoDinhDanh ?? ''), N('SoCMND', r?.SoCMND ?? ''));
}

function headEl(h: HouseholdHeadRef): XmlElement {
  return N('ChuHo', N('QuanHe', h.QuanHe), N('SoDinhDanh', h.SoDinhDanh), N('SoCMND', h.SoCMND), N('HoVaTen', upper(h.HoVaTen)));
}

function block(world: World, c: Citizen, today: string, b: Block): XmlElement {
  switch (b) {
    case 'SoDinhDanh': return N(b, c.SoDinhDanh);
    case 'SoCMND': return N(b, c.SoCMND);
    // As in a real reply: the whole name, upper case, in Ten; Ho and ChuDem empty (§B2).
    case 'HoVaTen': return N(b, N('Ho', ''), N('ChuDem', ''), N('Ten', upper(c.HoVaTen)));
    case 'GioiTinh': return N(b, String(c.GioiTinh));
    case 'DanToc': return N(b, c.DanToc);
    case 'TonGiao': return N(b, c.TonGiao);
    case 'TinhTrangHonNhan': return N(b, String(c.TinhTrangHonNhan));
    case 'NhomMau': return N(b, c.NhomMau);
    case 'NgayThangNamSinh': return N(b, N('Nam', c.NgayThangNamSinh.slice(0, 4)), N('NgayThangNam', c.NgayThangNamSinh));
    case 'NoiDangKyKhaiSinh': return placeEl(b, birthRegistration(world, c));
    case 'QuocTich': return N(b, c.QuocTich);
    case 'QueQuan': return placeEl(b, hometown(world, c));
    case 'ThuongTru': return placeEl(b, place(c.ThuongTru));
    case 'NoiOHienTai': return placeEl(b, place(c.NoiOHienTai));
    case 'Cha': return relativeEl(b, c.Cha);
    case 'Me': return relativeEl(b, c.Me);
    case 'VoChong': return relativeEl(b, c.VoChong);
    case 'NguoiDaiDien': return relativeEl(b, representative(c, today));
    case 'ChuHo': return headEl(c.ChuHo);
    case 'SoSoHoKhau': return N(b, c.SoSoHoKhau);
    // 0 = no death or missing-person record [ours]; the world has no deaths.
    case 'TinhTrangChetMatTich': return N(b, '0');
  }
}

/** Blocks always come in the order of the full reply, whatever the view. */
const ORDER: readonly Block[] = [...FULL, 'TinhTrangChetMatTich'];

export function congDan(world: World, c: Citizen, today: string, view: View = 'full'): XmlElement {
  const wanted = new Set<Block>(VIEWS[view]);
  return N('CongDan', ...ORDER.filter((b) => wanted.has(b)).map((b) => block(world, c, today, b)));
}

/** `ns1:CongdanCollection`; empty = not found (§B2). Attributes are for the list operations only. */
export function collection(items: readonly XmlElement[], attrs: Record<string, string | undefined> = {}): XmlElement {
  return el('ns1:CongdanCollection', { 'xmlns:ns1': DANCU_NS, ...attrs }, ...items);
}
