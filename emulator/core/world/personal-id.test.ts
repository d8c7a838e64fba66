import { describe, expect, it } from 'vitest';
import { centurySexDigit, formatPersonalId, isValidPersonalId, parsePersonalId } from './personal-id.js';

describe('parsePersonalId', () => {
  it('reads province, century/sex digit and year', () => {
    const a = parsePersonalId('001099012345');
    expect(a).toMatchObject({ ok: true, sex: 1, birthYear: 1999, serial: '012345' });
    expect(a.ok && a.province.name).toBe('Hà Nội');
    const b = parsePersonalId('079305000001');
    expect(b).toMatchObject({ ok: true, sex: 2, birthYear: 2005 });
    expect(b.ok && b.province.gso).toBe('79');
    expect(parsePersonalId('096184000777')).toMatchObject({ ok: true, sex: 2, birthYear: 1984 });
    expect(parsePersonalId('038200999999')).toMatchObject({ ok: true, sex: 1, birthYear: 2000 });
    expect(parsePersonalId('038825999999')).toMatchObject({ ok: true, sex: 1, birthYear: 2325 });
  });

  it('rejects with a reason', () => {
    for (const bad of ['', '00109901234', '0010990123456', '00109901234a', ' 001099012345']) {
      const r = parsePersonalId(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/12 digits/);
    }
    const unknown = parsePersonalId('003099012345'); // 003 is not a province code
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.reason).toMatch(/003/);
    expect(parsePersonalId('100099012345').ok).toBe(false);
    const zero = parsePersonalId('001099000000');
    expect(zero.ok).toBe(false);
    expect(!zero.ok && zero.reason).toMatch(/000000/);
  });
});

describe('isValidPersonalId', () => {
  it('checks birth year and sex when given', () => {
    expect(isValidPersonalId('001199012345')).toBe(true);
    expect(isValidPersonalId('001199012345', { birthYear: 1999, sex: 2 })).toBe(true);
    expect(isValidPersonalId('001199012345', { birthYear: 1999, sex: 1 })).toBe(false);
    expect(isValidPersonalId('001199012345', { birthYear: 2099 })).toBe(false);
    expect(isValidPersonalId('001299012345', { birthYear: 2099, sex: 1 })).toBe(true);
  });
});

describe('formatPersonalId', () => {
  it('round-trips through parse', () => {
    for (const [year, sex] of [[1900, 1], [1955, 2], [1999, 1], [2000, 2], [2024, 1], [2150, 2], [2399, 1]] as const) {
      const id = formatPersonalId({ province: '048', sex, birthYear: year, serial: 42 });
      expect(id).toMatch(/^048\d{3}000042$/);
      expect(parsePersonalId(id)).toMatchObject({ ok: true, sex, birthYear: year, serial: '000042' });
    }
  });

  it('uses the century/sex table of spec B3', () => {
    expect([1901, 2001, 2101, 2201, 2301].map((y) => centurySexDigit(y, 1))).toEqual([0, 2, 4, 6, 8]);
    expect([1901, 2001, 2101, 2201, 2301].map((y) => centurySexDigit(y, 2))).toEqual([1, 3, 5, 7, 9]);
  });

  it('refuses what cannot be encoded', () => {
    expect(() => formatPersonalId({ province: '001', sex: 1, birthYear: 1899, serial: 1 })).toThrow(RangeError);
    expect(() => formatPersonalId({ province: '001', sex: 1, birthYear: 2400, serial: 1 })).toThrow(RangeError);
    expect(() => formatPersonalId({ province: '001', sex: 1, birthYear: 1990, serial: 0 })).toThrow(RangeError);
    expect(() => formatPersonalId({ province: '001', sex: 1, birthYear: 1990, serial: 1_000_000 })).toThrow(RangeError);
    expect(() => formatPersonalId({ province: '003', sex: 1, birthYear: 1990, serial: 1 })).toThrow(RangeError);
  });
});
