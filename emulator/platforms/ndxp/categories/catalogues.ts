/**
 * The catalogues the shared category service serves (`/dmdc`, §B1): their metadata and their built-in rows,
 * all taken from the shared world (emulator/core/world) so the codes are the ones the population and
 * business-registration answers carry (a client resolves `DanToc` "01" through `madantoc`).
 *
 * Codes and names of the catalogues are those of the Quảng Bình LGSP guide (S4) where it lists them; the
 * property codes are S4's for `qlvanbandieuhanhcap1` and ours elsewhere (S4 shows no other metadata), named
 * after the population database's fields (MaTinhThanh, MaQuanHuyen, MaPhuongXa, §B2). See
 * docs/decisions/013-category-service.md.
 */
import {
  ETHNIC_GROUPS,
  LEVEL1,
  PROVINCES,
  RELIGIONS,
  districtsOf,
  levelOf,
  type World,
} from '../../../core/world/index.js';
import { COUNTRIES } from './countries.js';
import { enterpriseTypes } from './enterprise-types.js';

/** The two PropertyType values S4 shows. */
export type PropertyType = 'String' | 'DateTime';

export interface Property {
  /** PropertyCode: the key of the value in every row. */
  readonly code: string;
  /** PropertyName: Vietnamese label. */
  readonly name: string;
  readonly type: PropertyType;
  /** Must be present and non-empty in a POSTed row (the key and the name always are). */
  readonly required?: boolean;
  /** Form a POSTed value must have (codes only). `rule` is quoted in the error. */
  readonly format?: { readonly test: (v: string) => boolean; readonly rule: string };
}

export type Row = Record<string, string | null>;

export interface Catalogue {
  /** CategoryCode, as in the path `/Category/<code>`. */
  readonly code: string;
  /** CategoryName (Vietnamese). */
  readonly name: string;
  readonly properties: readonly Property[];
  /** PropertyCode of the row key (unique in the catalogue). */
  readonly key: string;
  /** For administrative levels 2 and 3: the property naming the parent and the parent catalogue. */
  readonly parent?: { readonly property: string; readonly catalogue: string };
  /** Where the rows come from and how sure we are, for AllCategory readers of the docs. */
  readonly source: string;
  readonly builtin: (world: World) => readonly Row[];
}

const digits = (n: number, what: string) => ({ test: (v: string) => new RegExp(`^\\d{${n}}$`).test(v), rule: `${n} digits (${what})` });
const numeric = (what: string) => ({ test: (v: string) => /^\d{1,3}$/.test(v), rule: `1 to 3 digits (${what})` });

const S = (code: string, name: string, extra: Partial<Property> = {}): Property => ({ code, name, type: 'String', ...extra });

const AGENCY_LEVEL1 = {
  test: (v: string) => /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(v) && levelOf(v) === 1,
  rule: 'a level-1 agency code 000.00.00.X99 (mã định danh cấp 1, QCVN 102:2016)',
};

export const CATALOGUES: readonly Catalogue[] = [
  {
    code: 'qlvanbandieuhanhcap1',
    name: 'Danh mục và mã định danh kết nối các hệ thống QLVBĐH cấp 1',
    // Metadata word for word from S4; rows: the level-1 codes the emulator knows for certain (agencies.ts).
    properties: [
      S('MaDinhDanhCap1', 'Mã định danh cấp 1', { required: true, format: AGENCY_LEVEL1 }),
      S('TenDonVi', 'Tên đơn vị', { required: true }),
      S('DiaChi', 'Địa chỉ'),
      S('Email', 'Email'),
      S('SoDienThoai', 'Số điện thoại'),
      S('Fax', 'Fax'),
      S('Website', 'Website'),
      S('QdBanHanhQdSuaDoi', 'QĐ ban hành/ QĐ sửa đổi'),
      { code: 'NgayBanHanhQd', name: 'Ngày ban hành QĐ', type: 'DateTime' },
      S('CoQuanBanHanhQd', 'Cơ Quan ban hành QĐ'),
    ],
    key: 'MaDinhDanhCap1',
    source: 'S4 metadata [C]; rows = agencies.ts LEVEL1 (verified level-1 codes only), other fields null',
    builtin: () =>
      LEVEL1.map(([code, name]) => ({
        MaDinhDanhCap1: `000.00.00.${code}`,
        TenDonVi: name,
        DiaChi: null,
        Email: null,
        SoDienThoai: null,
        Fax: null,
        Website: null,
        QdBanHanhQdSuaDoi: null,
        NgayBanHanhQd: null,
        CoQuanBanHanhQd: null,
      })),
  },
  {
    code: 'donvihanhchinhcap1',
    name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 1 (Tỉnh)',
    properties: [
      S('MaTinhThanh', 'Mã tỉnh, thành phố trực thuộc trung ương', { required: true, format: digits(2, 'mã đơn vị hành chính cấp tỉnh') }),
      S('TenTinhThanh', 'Tên tỉnh, thành phố trực thuộc trung ương', { required: true }),
      S('MaTinhDinhDanh', 'Mã tỉnh trong số định danh cá nhân', { format: { test: (v) => /^0\d{2}$/.test(v), rule: '3 digits starting with 0 (mã tỉnh trong số định danh cá nhân)' } }),
      S('MaTinhThue', 'Mã tỉnh trong mã số thuế', { format: digits(2, 'mã tỉnh trong mã số thuế') }),
    ],
    key: 'MaTinhThanh',
    source: 'provinces.ts: the 63 provinces before the 2025 merger; GSO and CCCD codes [C/M high], tax prefixes [M moderate]',
    builtin: () => PROVINCES.map((p) => ({ MaTinhThanh: p.gso, TenTinhThanh: p.fullName, MaTinhDinhDanh: p.cccd, MaTinhThue: p.tax })),
  },
  {
    code: 'donvihanhchinhcap2',
    name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 2 (Quận, Huyện)',
    properties: [
      S('MaQuanHuyen', 'Mã quận, huyện', { required: true, format: digits(3, 'mã đơn vị hành chính cấp huyện') }),
      S('TenQuanHuyen', 'Tên quận, huyện', { required: true }),
      S('MaTinhThanh', 'Mã tỉnh, thành phố trực thuộc trung ương', { required: true, format: digits(2, 'mã đơn vị hành chính cấp tỉnh') }),
    ],
    key: 'MaQuanHuyen',
    parent: { property: 'MaTinhThanh', catalogue: 'donvihanhchinhcap1' },
    source: "provinces.ts: the world's FICTIONAL districts (GSO-shaped codes, invented names), 4-9 per province",
    builtin: () => PROVINCES.flatMap((p) => districtsOf(p).map((d) => ({ MaQuanHuyen: d.code, TenQuanHuyen: d.name, MaTinhThanh: p.gso }))),
  },
  {
    code: 'donvihanhchinhcap3',
    name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 3 (Phường, Xã)',
    properties: [
      S('MaPhuongXa', 'Mã phường, xã, thị trấn', { required: true, format: digits(5, 'mã đơn vị hành chính cấp xã') }),
      S('TenPhuongXa', 'Tên phường, xã, thị trấn', { required: true }),
      S('MaQuanHuyen', 'Mã quận, huyện', { required: true, format: digits(3, 'mã đơn vị hành chính cấp huyện') }),
    ],
    key: 'MaPhuongXa',
    parent: { property: 'MaQuanHuyen', catalogue: 'donvihanhchinhcap2' },
    source: "provinces.ts: the world's FICTIONAL wards (GSO-shaped codes, invented names), 3-8 per district",
    builtin: () => PROVINCES.flatMap((p) => districtsOf(p).flatMap((d) => d.wards.map((w) => ({ MaPhuongXa: w.code, TenPhuongXa: w.name, MaQuanHuyen: d.code })))),
  },
  {
    code: 'madantoc',
    name: 'Danh mục và mã các dân tộc',
    properties: [
      S('MaDanToc', 'Mã dân tộc', { required: true, format: digits(2, 'mã dân tộc') }),
      S('TenDanToc', 'Tên dân tộc', { required: true }),
    ],
    key: 'MaDanToc',
    source: 'ethnic-groups.ts: the 54 groups in the GSO order (Decision 121-TCTK/PPCĐ) [M high]',
    builtin: () => ETHNIC_GROUPS.map((g) => ({ MaDanToc: g.code, TenDanToc: g.name })),
  },
  {
    code: 'matongiao',
    name: 'Danh mục và mã các tôn giáo',
    properties: [
      S('MaTonGiao', 'Mã tôn giáo', { required: true, format: digits(2, 'mã tôn giáo') }),
      S('TenTonGiao', 'Tên tôn giáo', { required: true }),
    ],
    key: 'MaTonGiao',
    source: 'ethnic-groups.ts RELIGIONS: codes are the emulator\'s assumption [I], 00 = none',
    builtin: () => RELIGIONS.map((r) => ({ MaTonGiao: r.code, TenTonGiao: r.name })),
  },
  {
    code: 'magioitinh',
    name: 'Danh mục và mã giới tính',
    properties: [S('MaGioiTinh', 'Mã giới tính', { required: true, format: numeric('mã giới tính') }), S('TenGioiTinh', 'Tên giới tính', { required: true })],
    key: 'MaGioiTinh',
    source: 'spec §B2: GioiTinh 1 male, 2 female [C]',
    builtin: () => [
      { MaGioiTinh: '1', TenGioiTinh: 'Nam' },
      { MaGioiTinh: '2', TenGioiTinh: 'Nữ' },
    ],
  },
  {
    code: 'manhommau',
    name: 'Danh mục và mã nhóm máu',
    properties: [S('MaNhomMau', 'Mã nhóm máu', { required: true, format: digits(2, 'mã nhóm máu') }), S('TenNhomMau', 'Tên nhóm máu', { required: true })],
    key: 'MaNhomMau',
    source: 'spec §B2: NhomMau 00 none, 01 A, 02 B, 03 AB, 04 O [C]',
    builtin: () => [
      { MaNhomMau: '00', TenNhomMau: 'Chưa xác định' },
      { MaNhomMau: '01', TenNhomMau: 'A' },
      { MaNhomMau: '02', TenNhomMau: 'B' },
      { MaNhomMau: '03', TenNhomMau: 'AB' },
      { MaNhomMau: '04', TenNhomMau: 'O' },
    ],
  },
  {
    code: 'matinhtranghonnhan',
    name: 'Danh mục và mã Tình trạng hôn nhân',
    properties: [
      S('MaTinhTrangHonNhan', 'Mã tình trạng hôn nhân', { required: true, format: numeric('mã tình trạng hôn nhân') }),
      S('TenTinhTrangHonNhan', 'Tên tình trạng hôn nhân', { required: true }),
    ],
    key: 'MaTinhTrangHonNhan',
    source: 'spec §B2: TinhTrangHonNhan 1 single, 2 married, 3 divorced or widowed [C]',
    builtin: () => [
      { MaTinhTrangHonNhan: '1', TenTinhTrangHonNhan: 'Chưa kết hôn' },
      { MaTinhTrangHonNhan: '2', TenTinhTrangHonNhan: 'Đã kết hôn' },
      { MaTinhTrangHonNhan: '3', TenTinhTrangHonNhan: 'Ly hôn hoặc góa' },
    ],
  },
  {
    code: 'maquocgia',
    name: 'Danh mục và mã Quốc gia, quốc tịch',
    properties: [
      S('MaQuocGia', 'Mã quốc gia (ISO 3166-1 alpha-2)', { required: true, format: { test: (v) => /^[A-Z]{2}$/.test(v), rule: '2 capital letters (ISO 3166-1 alpha-2, mã quốc gia)' } }),
      S('TenQuocGia', 'Tên quốc gia', { required: true }),
      S('MaQuocGiaAlpha3', 'Mã quốc gia (ISO 3166-1 alpha-3)', { format: { test: (v) => /^[A-Z]{3}$/.test(v), rule: '3 capital letters (ISO 3166-1 alpha-3)' } }),
      S('TenTiengAnh', 'Tên tiếng Anh'),
    ],
    key: 'MaQuocGia',
    source: 'countries.ts: a SHORT extract of ISO 3166-1 (20 countries), keyed like QuocTich "VN" (§B2)',
    builtin: () => COUNTRIES.map((c) => ({ MaQuocGia: c.alpha2, TenQuocGia: c.nameVi, MaQuocGiaAlpha3: c.alpha3, TenTiengAnh: c.nameEn })),
  },
  {
    code: 'loaihinhdoanhnghiep',
    name: 'Danh mục loại hình doanh nghiệp',
    properties: [
      S('MaLoaiHinhDoanhNghiep', 'Mã loại hình doanh nghiệp', { required: true, format: numeric('mã loại hình doanh nghiệp') }),
      S('TenLoaiHinhDoanhNghiep', 'Tên loại hình doanh nghiệp', { required: true }),
    ],
    key: 'MaLoaiHinhDoanhNghiep',
    source: 'enterprises.ts ENTERPRISE_TYPES: the ENTERPRISE_TYPE_ID/NAME pairs of the world (ids are the emulator\'s [I]); not in S4\'s list',
    builtin: () => enterpriseTypes().map((t) => ({ MaLoaiHinhDoanhNghiep: t.id, TenLoaiHinhDoanhNghiep: t.name })),
  },
];

const byCode = new Map(CATALOGUES.map((c) => [c.code, c]));

export function catalogueByCode(code: string): Catalogue | undefined {
  return byCode.get(code);
}

/**
 * A hint for an unknown code: the same code in another case, or the S4 code with its `ma` prefix
 * (`tongiao` → `matongiao`), or the other way round.
 */
export function suggestCatalogue(code: string): string | undefined {
  const lower = code.toLowerCase();
  return CATALOGUES.find((c) => c.code === lower || c.code === `ma${lower}` || `ma${c.code}` === lower || (lower === 'quoctich' && c.code === 'maquocgia'))?.code;
}

export interface BuiltinIndex {
  readonly rows: readonly Row[];
  readonly keys: ReadonlySet<string>;
}

const builtinCache = new WeakMap<World, Map<string, BuiltinIndex>>();

/** The built-in rows of a catalogue in a world, built on first use and kept for the world's life. */
export function builtinRows(catalogue: Catalogue, world: World): BuiltinIndex {
  let perWorld = builtinCache.get(world);
  if (!perWorld) builtinCache.set(world, (perWorld = new Map()));
  let index = perWorld.get(catalogue.code);
  if (!index) {
    const rows = catalogue.builtin(world).map((r) => Object.freeze(r));
    index = { rows: Object.freeze(rows), keys: new Set(rows.map((r) => r[catalogue.key] as string)) };
    perWorld.set(catalogue.code, index);
  }
  return index;
}
