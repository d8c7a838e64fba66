import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  MADVC_APPEND,
  queryProcedures,
  renderCoQuan,
  renderDvc,
  renderLinhVuc,
  renderThuTuc,
  renderTthcListItem,
  type Catalogue,
  type Procedure,
} from './index.js';
import { TEST_AGENCIES } from './fixture.test-helpers.js';

let cat: Catalogue;
beforeAll(() => {
  cat = buildCatalogue(7, TEST_AGENCIES);
});

/** Every object key, at any depth. */
function keysDeep(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysDeep(v, out);
    }
  }
  return out;
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);

/** A sample mixing levels, online levels, fees and real procedures. */
function samples(): Procedure[] {
  const pick = (f: (p: Procedure) => boolean): Procedure => {
    const p = cat.procedures.find(f);
    if (!p) throw new Error('no sample');
    return p;
  };
  return [
    pick((p) => p.level === 'central' && p.hasFee && p.online === 'full'),
    pick((p) => p.level === 'provincial' && p.online === 'partial'),
    pick((p) => p.level === 'commune' && p.online === 'none'),
    pick((p) => p.fees.length === 2),
    pick((p) => p.cases.length === 2),
    pick((p) => p.name === 'Đăng ký khai sinh'),
    ...cat.procedures.filter((_, i) => i % 500 === 0),
  ];
}

describe('LayThuTuc (renderThuTuc)', () => {
  it('has exactly the A7 top-level keys', () => {
    for (const p of samples()) {
      expect(Object.keys(renderThuTuc(p)).sort()).toEqual(
        [
          'TENTTHC', 'MATTHC', 'LINHVUCTHUCHIEN', 'TRINHTUTHUCHIEN', 'CACHTHUCTHUCHIEN', 'THANHPHANHOSO', 'YEUCAU',
          'MOTADOITUONGTHUCHIEN', 'KETQUATHUCHIEN', 'CANCUPHAPLY', 'COQUANTHUCHIEN', 'TRANGTHAI',
        ].sort(),
      );
    }
  });

  it('uses only UPPERCASE keys and the A7 nested shapes and types', () => {
    for (const p of samples()) {
      const r = renderThuTuc(p);
      for (const k of keysDeep(r)) expect(k).toMatch(/^[A-Z]+$/);
      expect(r.MATTHC).toBe(p.code);
      expect(r.TRANGTHAI).toBe(1);
      expect(r.LINHVUCTHUCHIEN[0]).toEqual({ MALINHVUC: p.fields[0]?.code, TENLINHVUC: p.fields[0]?.name });
      expect(r.TRINHTUTHUCHIEN.length).toBeGreaterThanOrEqual(1);
      for (const t of r.TRINHTUTHUCHIEN) {
        expect(Object.keys(t).sort()).toEqual(['TRINHTU', 'TRUONGHOP']);
        for (const s of t.TRINHTU) expect(Object.keys(s)).toEqual(['TENTRINHTU']);
      }
      for (const c of r.CACHTHUCTHUCHIEN) {
        expect(Object.keys(c).sort()).toEqual(['KENH', 'THOIGIAN']);
        expect([1, 2, 3]).toContain(c.KENH);
        for (const t of c.THOIGIAN) {
          expect(Object.keys(t).sort()).toEqual(['DONVITINH', 'MOTA', 'PHILEPHI', 'THOIGIANGIAIQUYET']);
          expect(isInt(t.THOIGIANGIAIQUYET)).toBe(true);
          expect(t.THOIGIANGIAIQUYET).toBe(p.processingDays);
          expect(t.DONVITINH).toBe('Ngày làm việc');
          expect(t.PHILEPHI).toHaveLength(p.fees.length);
          for (const f of t.PHILEPHI) {
            expect(Object.keys(f).sort()).toEqual(['DONVI', 'MAPHILEPHI', 'MOTA', 'SOTIEN']);
            expect(isInt(f.SOTIEN)).toBe(true);
          }
        }
      }
      expect(r.CACHTHUCTHUCHIEN.some((c) => c.KENH === 2)).toBe(p.online !== 'none');
      for (const g of r.THANHPHANHOSO) {
        expect(Object.keys(g)).toEqual(['GIAYTO']);
        for (const d of g.GIAYTO) expect(Object.keys(d).sort()).toEqual(['MAGIAYTO', 'TENGIAYTO', 'TENMAUDON', 'URL']);
      }
      for (const k of r.KETQUATHUCHIEN) expect(Object.keys(k).sort()).toEqual(['MAKETQUA', 'TENKETQUA']);
      for (const l of r.CANCUPHAPLY) expect(Object.keys(l).sort()).toEqual(['SOVANBAN', 'TENVANBAN']);
      expect(r.COQUANTHUCHIEN).toEqual(p.agencies.map((a) => ({ MADONVI: a.code, TENDONVI: a.name })));
      expect(typeof r.YEUCAU).toBe('string');
      expect(typeof r.MOTADOITUONGTHUCHIEN).toBe('string');
      // JSON-safe: a round trip changes nothing.
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
  });
});

describe('LayDVC (renderDvc)', () => {
  it('renders the A7 keys with integer MUCDO 2/3/4 and MADVC = MATTHC + suffix', () => {
    for (const p of samples()) {
      const d = renderDvc(p, cat);
      expect(Object.keys(d).sort()).toEqual(['APDUNGDVC', 'MADVC', 'MATTHC', 'TENCOQUANBANHANH', 'TENDVC', 'TENLINHVUC', 'TENTTHC']);
      for (const k of keysDeep(d)) expect(k).toMatch(/^[A-Z]+$/);
      expect(d.MADVC).toBe(p.code + MADVC_APPEND);
      expect(d.TENLINHVUC).toBe(p.fields[0]?.name);
      expect(d.APDUNGDVC).toHaveLength(p.agencies.length);
      for (const a of d.APDUNGDVC) {
        expect(Object.keys(a).sort()).toEqual(['MACOQUANTHUCHIEN', 'MUCDO']);
        expect(isInt(a.MUCDO)).toBe(true);
        expect(a.MUCDO).toBe({ none: 2, partial: 3, full: 4 }[p.online]);
      }
    }
  });

  it('narrows APDUNGDVC to one agency', () => {
    const p = cat.procedures.find((x) => x.level === 'provincial') as Procedure;
    expect(renderDvc(p, cat, '000.00.00.P10').APDUNGDVC).toEqual([{ MACOQUANTHUCHIEN: '000.00.00.P10', MUCDO: p.mucDo }]);
    expect(renderDvc(p, cat, '000.00.00.G90').APDUNGDVC).toEqual([]); // a ministry does not implement it
    expect(renderDvc(p, cat, 'unknown').APDUNGDVC).toEqual([]);
  });
});

describe('list, field and agency renderers', () => {
  it('renders LayDanhSachTTHC items, fields and agencies', () => {
    const p = cat.procedures[0] as Procedure;
    const item = renderTthcListItem(p);
    expect(Object.keys(item).sort()).toEqual(['CAPTHUCHIEN', 'MALINHVUC', 'MATTHC', 'MUCDO', 'TENLINHVUC', 'TENTTHC']);
    expect(isInt(item.MUCDO)).toBe(true);
    expect(['Cấp Bộ', 'Cấp Tỉnh', 'Cấp Xã']).toContain(item.CAPTHUCHIEN);
    const f = cat.fields[0];
    expect(f && renderLinhVuc(f)).toEqual({ MALINHVUC: f?.code, TENLINHVUC: f?.name });
    const a = cat.agencies[0];
    expect(a && renderCoQuan(a)).toEqual({ MADONVI: a?.code, TENDONVI: a?.name });
  });
});

describe('queryProcedures', () => {
  it('pages through the whole filtered list without gaps or overlaps', () => {
    const q = { field: 'LV067', online: true } as const;
    const expected = cat.procedures.filter((p) => p.fields.some((f) => f.code === 'LV067') && p.online !== 'none');
    expect(expected.length).toBeGreaterThan(20);
    const seen: Procedure[] = [];
    for (let page = 1; ; page++) {
      const r = queryProcedures(cat, { ...q, page, pageSize: 7 });
      expect(r.total).toBe(expected.length);
      if (r.items.length === 0) break;
      expect(r.items.length).toBeLessThanOrEqual(7);
      seen.push(...r.items);
    }
    expect(seen).toEqual(expected);
  });

  it('filters by agency, level, exact online level and none', () => {
    const ministry = '000.00.00.G99'; // Bộ Tư pháp in the fixture
    expect(queryProcedures(cat, { agency: ministry, page: 1, pageSize: 10_000 }).items).toEqual([...cat.proceduresOf(ministry)]);
    const commune = queryProcedures(cat, { level: 'commune', online: 'full', page: 1, pageSize: 10_000 });
    expect(commune.total).toBe(cat.procedures.filter((p) => p.level === 'commune' && p.online === 'full').length);
    expect(commune.items.every((p) => p.level === 'commune' && p.online === 'full')).toBe(true);
    const offline = queryProcedures(cat, { online: false, page: 1, pageSize: 1 });
    expect(offline.total).toBe(cat.procedures.filter((p) => p.online === 'none').length);
    expect(queryProcedures(cat, { agency: 'nobody', page: 1, pageSize: 10 })).toEqual({ total: 0, page: 1, pageSize: 10, items: [] });
  });

  it('matches keywords regardless of case and diacritics, and codes', () => {
    for (const keyword of ['Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH', 'dang ky khai sinh', '  khai   sinh dang ']) {
      const r = queryProcedures(cat, { keyword, page: 1, pageSize: 500 });
      expect(r.items.map((p) => p.name), keyword).toContain('Đăng ký khai sinh');
      expect(r.items.every((p) => /khai sinh/i.test(p.name))).toBe(true);
    }
    expect(queryProcedures(cat, { keyword: '3.000181', page: 1, pageSize: 5 }).items.map((p) => p.code)).toEqual(['3.000181']);
    expect(queryProcedures(cat, { keyword: 'zzzz không có', page: 1, pageSize: 5 }).total).toBe(0);
  });

  it('returns an empty page past the end and rejects bad paging', () => {
    const r = queryProcedures(cat, { page: 10_000, pageSize: 10 });
    expect(r.total).toBe(cat.procedures.length);
    expect(r.items).toEqual([]);
    expect(() => queryProcedures(cat, { page: 0, pageSize: 10 })).toThrow(RangeError);
    expect(() => queryProcedures(cat, { page: 1, pageSize: 0 })).toThrow(RangeError);
    expect(() => queryProcedures(cat, { page: 1.5, pageSize: 10 })).toThrow(RangeError);
  });
});
