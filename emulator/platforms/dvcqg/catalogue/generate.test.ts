import { beforeAll, describe, expect, it } from 'vitest';
import {
  agencyCatalogueStats,
  buildCatalogue,
  FIELD_SPECS,
  LEVEL_COUNTS,
  LEVEL_DIGIT,
  MADVC_APPEND,
  MUCDO,
  ONLINE_FULL_COUNT,
  ONLINE_PARTIAL_COUNT,
  parseProcedureCode,
  PROCEDURE_COUNT,
  REAL_PROCEDURES,
  SPEC_EXAMPLE_CODES,
  type Catalogue,
} from './index.js';
import { TEST_AGENCIES, TEST_MINISTRIES } from './fixture.test-helpers.js';

const SEED = 20240611;
let cat: Catalogue;
let buildMs = 0;

beforeAll(() => {
  buildCatalogue(1, TEST_AGENCIES); // warm-up: the timing below should not include module JIT
  const t = performance.now();
  cat = buildCatalogue(SEED, TEST_AGENCIES);
  buildMs = performance.now() - t;
});

/** Every 97th procedure, as JSON: a sample large enough to catch any drift. */
const sample = (c: Catalogue): string => JSON.stringify(c.procedures.filter((_, i) => i % 97 === 0));

describe('catalogue scale and codes', () => {
  it('has exactly PROCEDURE_COUNT procedures, split by level as documented', () => {
    expect(PROCEDURE_COUNT).toBe(6_790);
    expect(cat.procedures).toHaveLength(6_790);
    for (const level of ['central', 'provincial', 'commune'] as const) {
      expect(cat.procedures.filter((p) => p.level === level)).toHaveLength(LEVEL_COUNTS[level]);
    }
  });

  it('uses unique national codes ^\\d\\.\\d{6}$ whose first digit is our level convention', () => {
    const codes = cat.procedures.map((p) => p.code);
    for (const p of cat.procedures) {
      expect(p.code).toMatch(/^\d\.\d{6}$/);
      expect(p.code[0]).toBe(LEVEL_DIGIT[p.level]);
      expect(p.dvcCode).toBe(p.code + MADVC_APPEND);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes); // sorted by code
  });

  it('contains the spec A6 example codes', () => {
    for (const code of SPEC_EXAMPLE_CODES) expect(cat.procedure(code)?.code).toBe(code);
  });

  it('builds fast', () => {
    // Observed ≈ 80–150 ms; the bound is loose so a busy CI machine does not flake.
    expect(buildMs).toBeLessThan(1_000);
  });
});

describe('online offer (Decree 42/2022)', () => {
  it('offers 38–42 % online, split between fully and partly online', () => {
    const full = cat.procedures.filter((p) => p.online === 'full').length;
    const partial = cat.procedures.filter((p) => p.online === 'partial').length;
    expect(full).toBe(ONLINE_FULL_COUNT);
    expect(partial).toBe(ONLINE_PARTIAL_COUNT);
    const share = (full + partial) / cat.procedures.length;
    expect(share).toBeGreaterThanOrEqual(0.38);
    expect(share).toBeLessThanOrEqual(0.42);
  });

  it('keeps MUCDO, the online channel and isOnline consistent with the level', () => {
    for (const p of cat.procedures) {
      const expected = p.online === 'full' ? MUCDO.FULL : p.online === 'partial' ? MUCDO.PARTIAL : MUCDO.NONE;
      expect(p.mucDo).toBe(expected);
      expect(p.channels.includes(2)).toBe(p.online !== 'none');
      expect(p.channels[0]).toBe(1);
      expect(cat.isOnline(p.code)).toBe(p.online !== 'none');
    }
    expect(cat.isOnline('9.999999')).toBe(false);
  });
});

describe('determinism', () => {
  it('gives identical output for the same seed and agencies, in any order', () => {
    expect(sample(buildCatalogue(SEED, TEST_AGENCIES))).toBe(sample(cat));
    expect(sample(buildCatalogue(SEED, [...TEST_AGENCIES].reverse()))).toBe(sample(cat));
  });

  it('differs for another seed', () => {
    const other = buildCatalogue(SEED + 1, TEST_AGENCIES);
    expect(sample(other)).not.toBe(sample(cat));
    expect(other.procedures.map((p) => p.code)).not.toEqual(cat.procedures.map((p) => p.code));
  });
});

describe('fields and agencies', () => {
  it('lists real field names with unique codes of ours, all used', () => {
    expect(cat.fields.length).toBeGreaterThanOrEqual(60);
    expect(cat.fields.length).toBeLessThanOrEqual(120);
    expect(new Set(cat.fields.map((f) => f.code)).size).toBe(cat.fields.length);
    const used = new Set(cat.procedures.flatMap((p) => p.fields.map((f) => f.code)));
    for (const f of cat.fields) expect(used.has(f.code), f.code).toBe(true);
    expect(cat.field('LV001')?.name).toBe('Hộ tịch');
    expect(cat.field('nope')).toBeUndefined();
  });

  it('gives every procedure ≥ 1 existing field and ≥ 1 existing implementing agency', () => {
    const provinces = TEST_AGENCIES.filter((a) => a.level === 'province').map((a) => a.code).join();
    // Collected, then asserted once: an expect per item would be slow at this scale.
    const bad: string[] = [];
    for (const p of cat.procedures) {
      const why = (reason: string): void => void bad.push(`${p.code} ${reason}`);
      if (p.fields.length < 1) why('no field');
      if (p.fields.some((f) => cat.field(f.code) !== f)) why('unknown field');
      if (p.agencies.length < 1) why('no agency');
      if (p.agencies.some((a) => cat.agency(a.code) !== a)) why('unknown agency');
      if (p.level === 'central') {
        if (p.agencies.length !== 1 || p.agencies[0]?.level !== 'ministry') why('central but not one ministry');
      } else if (p.agencies.map((a) => a.code).join() !== provinces) why('local but not every province');
      const spec = FIELD_SPECS.find((s) => s.code === p.fields[0]?.code);
      if (!spec?.levels.includes(p.level)) why(`level ${p.level} not allowed in its field`);
    }
    expect(bad).toEqual([]);
  });

  it('maps a field to its ministry by name (e.g. Hộ tịch → Bộ Tư pháp)', () => {
    const proc = cat.procedures.find((p) => p.level === 'central' && p.fields[0]?.code === 'LV003'); // Lý lịch tư pháp
    expect(proc?.agencies[0]?.name).toBe('Bộ Tư pháp');
    expect(proc?.issuer).toBe('Bộ Tư pháp');
  });

  it('lists per-agency procedures in code order', () => {
    const ministry = `000.00.00.${TEST_MINISTRIES[0]?.[0]}`;
    const mine = cat.proceduresOf(ministry);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).toEqual(cat.procedures.filter((p) => p.agencies.some((a) => a.code === ministry)));
    const province = cat.proceduresOf('000.00.00.P01');
    expect(province).toHaveLength(LEVEL_COUNTS.provincial + LEVEL_COUNTS.commune);
    expect(province.every((p) => p.level !== 'central')).toBe(true);
    expect(cat.proceduresOf('000.00.00.X99')).toEqual([]);
    // Văn phòng Chính phủ manages no field in our table: it implements nothing.
    expect(cat.proceduresOf('000.00.00.G86')).toEqual([]);
  });

  it('computes per-agency KPI figures', () => {
    const stats = agencyCatalogueStats(cat, '000.00.00.P05');
    const list = cat.proceduresOf('000.00.00.P05');
    expect(stats.total).toBe(list.length);
    expect(stats.full).toBe(list.filter((p) => p.online === 'full').length);
    expect(stats.online).toBe(stats.full + stats.partial);
    expect(stats.withFee).toBe(list.filter((p) => p.hasFee).length);
  });

  it('falls back to any agency when no ministry or province is given, and rejects bad input', () => {
    const onlyProvinces = buildCatalogue(SEED, TEST_AGENCIES.filter((a) => a.level === 'province').slice(0, 3));
    for (const p of onlyProvinces.procedures) expect(onlyProvinces.agency(p.agencies[0]?.code ?? '')).toBeDefined();
    expect(() => buildCatalogue(SEED, [])).toThrow(/empty/);
    const first = TEST_AGENCIES[0] as (typeof TEST_AGENCIES)[number];
    expect(() => buildCatalogue(SEED, [first, first])).toThrow(/duplicate/);
  });
});

describe('procedure contents', () => {
  it('has working-day time limits, channels, documents, results and legal bases', () => {
    const docCodes = new Set<string>();
    const bad: string[] = [];
    for (const p of cat.procedures) {
      const why = (reason: string): void => void bad.push(`${p.code} ${reason}`);
      if (!Number.isInteger(p.processingDays) || p.processingDays < 1) why(`processingDays ${p.processingDays}`);
      if (p.documents.length < 1) why('no document');
      for (const d of p.documents) {
        if (!d.code.startsWith(`${p.code}-GT`) || docCodes.has(d.code)) why(`document code ${d.code}`);
        docCodes.add(d.code);
      }
      if (p.results.length < 1) why('no result');
      if (p.legalBases.length < 1) why('no legal basis');
      for (const l of p.legalBases) if (!/^\d+\/(\d{4}\/)?(NĐ-CP|TT-[A-ZĐ]+|QĐ-[A-ZĐ]+|QH1\d)$/.test(l.number)) why(`SOVANBAN ${l.number}`);
      if (p.status !== 1) why('not published');
      if (p.cases.length < 1 || p.cases.some((c) => c.steps.length < 3)) why('steps');
    }
    expect(bad).toEqual([]);
  });

  it('gives fees (phí 1 / lệ phí 2, VND) to many procedures but not all, and none in free fields', () => {
    const withFee = cat.procedures.filter((p) => p.hasFee).length / cat.procedures.length;
    expect(withFee).toBeGreaterThan(0.3);
    expect(withFee).toBeLessThan(0.7);
    const free = new Set(FIELD_SPECS.filter((f) => f.free).map((f) => f.code));
    for (const p of cat.procedures) {
      expect(p.hasFee).toBe(p.fees.length > 0);
      for (const f of p.fees) {
        expect([1, 2]).toContain(f.type);
        expect(Number.isInteger(f.amount) && f.amount > 0).toBe(true);
        expect(f.code.startsWith(`${p.code}-PLP`)).toBe(true);
      }
      if (!p.real && free.has(p.fields[0]?.code ?? '')) expect(p.fees, p.name).toEqual([]);
    }
  });

  it('includes the real procedures with their real names and generated codes', () => {
    const real = cat.procedures.filter((p) => p.real);
    expect(real).toHaveLength(REAL_PROCEDURES.length);
    expect(real.length).toBeGreaterThanOrEqual(10);
    for (const name of ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Cấp lại thẻ căn cước', 'Đăng ký thành lập doanh nghiệp tư nhân', 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ']) {
      const p = real.find((r) => r.name === name);
      expect(p, name).toBeDefined();
      expect(p?.code).toMatch(/^\d\.\d{6}$/);
    }
    const khaiSinh = real.find((r) => r.name === 'Đăng ký khai sinh');
    expect(khaiSinh?.level).toBe('commune');
    expect(khaiSinh?.online).toBe('full');
    expect(khaiSinh?.hasFee).toBe(false);
  });
});

describe('code lookup', () => {
  it('accepts national, local suffixed (spec A6) and MaDVC forms', () => {
    const p = cat.procedure('3.000181');
    expect(p).toBeDefined();
    expect(cat.procedure('3.000181.000.00.00.H22')).toBe(p);
    expect(cat.procedure(' 3.000181.000.00.01.H22 ')).toBe(p);
    expect(cat.procedure(`3.000181${MADVC_APPEND}`)).toBe(p);
    expect(cat.isOnline('3.000181.000.00.00.H22')).toBe(cat.isOnline('3.000181'));
  });

  it('rejects other forms', () => {
    for (const bad of ['', '3.00018', '3.0001811', '3000181', '3.000181.', '3.000181-XYZ', 'x3.000181', '9.999999']) {
      expect(cat.procedure(bad), bad).toBeUndefined();
    }
    expect(parseProcedureCode('3.000181.000.00.00.H22')).toEqual({ national: '3.000181', agency: '000.00.00.H22' });
    expect(parseProcedureCode('1.005129')).toEqual({ national: '1.005129', agency: null });
    expect(parseProcedureCode('1.005129.')).toBeNull();
  });
});
