import { describe, expect, it } from 'vitest';
import {
  ENTERPRISE_TYPES,
  ETHNIC_GROUPS,
  LEVEL1,
  PROVINCES,
  RELIGIONS,
  citizen,
  citizenCount,
  createWorld,
  districtByCode,
  districtsOf,
  enterprise,
  enterpriseCount,
} from '../../../core/world/index.js';
import { CATALOGUES, builtinRows, catalogueByCode, suggestCatalogue, type Catalogue } from './catalogues.js';

const world = createWorld({ seed: 102, population: 20_000, enterprises: 5_000 });
const cat = (code: string): Catalogue => catalogueByCode(code)!;
const rows = (code: string) => builtinRows(cat(code), world).rows;
const keysOf = (code: string) => builtinRows(cat(code), world).keys;

describe('catalogue definitions', () => {
  it('every built-in row has exactly the metadata properties, a unique key and valid codes', () => {
    for (const c of CATALOGUES) {
      const props = c.properties.map((p) => p.code);
      expect(props).toContain(c.key);
      const list = builtinRows(c, world).rows;
      expect(list.length, c.code).toBeGreaterThan(0);
      expect(new Set(list.map((r) => r[c.key])).size, `${c.code} keys unique`).toBe(list.length);
      for (const r of list) {
        expect(Object.keys(r), c.code).toEqual(props);
        for (const p of c.properties) {
          const v = r[p.code];
          if (p.required) expect(v, `${c.code}.${p.code}`).toBeTruthy();
          if (p.format && v !== null) expect(p.format.test(v as string), `${c.code}.${p.code}="${v}" ${p.format.rule}`).toBe(true);
        }
      }
    }
  });

  it('donvihanhchinhcap1 holds the 63 provinces with GSO, CCCD and tax codes of provinces.ts', () => {
    expect(rows('donvihanhchinhcap1')).toHaveLength(63);
    expect(rows('donvihanhchinhcap1')).toEqual(PROVINCES.map((p) => ({ MaTinhThanh: p.gso, TenTinhThanh: p.fullName, MaTinhDinhDanh: p.cccd, MaTinhThue: p.tax })));
    expect(rows('donvihanhchinhcap1').find((r) => r.MaTinhThanh === '79')).toMatchObject({ TenTinhThanh: 'Thành phố Hồ Chí Minh', MaTinhDinhDanh: '079' });
  });

  it('districts and wards link to their parents and match the world geography', () => {
    const cap1 = keysOf('donvihanhchinhcap1');
    const cap2 = rows('donvihanhchinhcap2');
    expect(cap2.length).toBe(PROVINCES.reduce((n, p) => n + districtsOf(p).length, 0));
    for (const d of cap2) {
      expect(cap1.has(d.MaTinhThanh!)).toBe(true);
      expect(districtByCode(d.MaQuanHuyen!)).toMatchObject({ name: d.TenQuanHuyen, provinceGso: d.MaTinhThanh });
    }
    const cap2Keys = keysOf('donvihanhchinhcap2');
    const cap3 = rows('donvihanhchinhcap3');
    expect(cap3.length).toBe(PROVINCES.reduce((n, p) => n + districtsOf(p).reduce((m, d) => m + d.wards.length, 0), 0));
    for (const w of cap3) expect(cap2Keys.has(w.MaQuanHuyen!)).toBe(true);
  });

  it('madantoc holds the 54 ethnic groups 01..54, matongiao the religions', () => {
    expect(rows('madantoc')).toEqual(ETHNIC_GROUPS.map((g) => ({ MaDanToc: g.code, TenDanToc: g.name })));
    expect(rows('madantoc')).toHaveLength(54);
    expect(rows('madantoc')[0]).toEqual({ MaDanToc: '01', TenDanToc: 'Kinh' });
    expect(rows('madantoc')[53]!.MaDanToc).toBe('54');
    expect(rows('matongiao').map((r) => r.MaTonGiao)).toEqual(RELIGIONS.map((r) => r.code));
  });

  it('qlvanbandieuhanhcap1 lists the level-1 agencies of agencies.ts in QCVN 102 form', () => {
    expect(rows('qlvanbandieuhanhcap1').map((r) => [r.MaDinhDanhCap1, r.TenDonVi])).toEqual(LEVEL1.map(([c, n]) => [`000.00.00.${c}`, n]));
  });

  it('every code a citizen of the world carries resolves in its catalogue', () => {
    const n = Math.min(citizenCount(world), 3000);
    for (let i = 0; i < n; i += 7) {
      const c = citizen(world, i);
      expect(keysOf('madantoc').has(c.DanToc), `DanToc ${c.DanToc}`).toBe(true);
      expect(keysOf('matongiao').has(c.TonGiao), `TonGiao ${c.TonGiao}`).toBe(true);
      expect(keysOf('manhommau').has(c.NhomMau), `NhomMau ${c.NhomMau}`).toBe(true);
      expect(keysOf('magioitinh').has(String(c.GioiTinh))).toBe(true);
      expect(keysOf('matinhtranghonnhan').has(String(c.TinhTrangHonNhan))).toBe(true);
      expect(keysOf('maquocgia').has(c.QuocTich)).toBe(true);
      for (const a of [c.ThuongTru, c.NoiOHienTai]) {
        expect(keysOf('donvihanhchinhcap1').has(a.MaTinhThanh), `MaTinhThanh ${a.MaTinhThanh}`).toBe(true);
        expect(rows('donvihanhchinhcap2').find((d) => d.MaQuanHuyen === a.MaQuanHuyen)?.MaTinhThanh).toBe(a.MaTinhThanh);
        expect(rows('donvihanhchinhcap3').find((w) => w.MaPhuongXa === a.MaPhuongXa)?.MaQuanHuyen).toBe(a.MaQuanHuyen);
      }
    }
  });

  it('loaihinhdoanhnghiep holds every ENTERPRISE_TYPE_ID/NAME the enterprises carry', () => {
    const types = new Map(rows('loaihinhdoanhnghiep').map((r) => [r.MaLoaiHinhDoanhNghiep, r.TenLoaiHinhDoanhNghiep]));
    expect(types.size).toBe(5);
    for (let i = 0; i < enterpriseCount(world); i += 11) {
      const m = enterprise(world, i).MainInformation;
      expect(types.get(m.ENTERPRISE_TYPE_ID)).toBe(m.ENTERPRISE_TYPE_NAME);
    }
  });

  it('loaihinhdoanhnghiep is the world\'s type table, the same for a world of 3 enterprises', () => {
    const tiny = createWorld({ seed: 5, population: 50, enterprises: 3 });
    const expected = ENTERPRISE_TYPES.map((t) => ({ MaLoaiHinhDoanhNghiep: t.id, TenLoaiHinhDoanhNghiep: t.name }));
    expect(builtinRows(cat('loaihinhdoanhnghiep'), tiny).rows).toEqual(expected);
    expect(rows('loaihinhdoanhnghiep')).toEqual(expected);
  });

  it('suggests the S4 spelling of a near-miss code', () => {
    expect(suggestCatalogue('tongiao')).toBe('matongiao');
    expect(suggestCatalogue('gioitinh')).toBe('magioitinh');
    expect(suggestCatalogue('quoctich')).toBe('maquocgia');
    expect(suggestCatalogue('MaDanToc')).toBe('madantoc');
    expect(suggestCatalogue('xyz')).toBeUndefined();
  });
});
