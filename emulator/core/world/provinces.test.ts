import { describe, expect, it } from 'vitest';
import { PROVINCES, districtByCode, districtsOf, provinceByCccdCode, provinceByGsoCode, provinceByTaxPrefix, wardByCode } from './provinces.js';

// The 63 pre-2025 codes exactly as listed in specs/dvcqg-ndxp.md B3.
const SPEC_B3 =
  '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 ' +
  '046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096';

describe('provinces', () => {
  it('are the 63 CCCD codes of spec B3, in order', () => {
    expect(PROVINCES.map((p) => p.cccd).join(' ')).toBe(SPEC_B3);
    PROVINCES.forEach((p, i) => expect(p.ordinal).toBe(i));
    expect(provinceByCccdCode('079')?.name).toBe('Hồ Chí Minh');
    expect(provinceByCccdCode('046')?.name).toBe('Thừa Thiên Huế');
    expect(provinceByCccdCode('003')).toBeUndefined();
  });

  it('carry GSO codes (79 = HCM, spec B5) and distinct 2-digit tax prefixes', () => {
    expect(provinceByGsoCode('79')?.cccd).toBe('079');
    expect(provinceByGsoCode('01')?.fullName).toBe('Thành phố Hà Nội');
    expect(provinceByGsoCode('40')?.fullName).toBe('Tỉnh Nghệ An');
    for (const p of PROVINCES) {
      expect(p.gso).toMatch(/^\d{2}$/);
      expect(p.tax).toMatch(/^\d{2}$/);
      expect(p.cmnd).toMatch(/^\d{2}$/);
      expect(p.weight).toBeGreaterThan(0);
    }
    expect(new Set(PROVINCES.map((p) => p.gso)).size).toBe(63);
    expect(new Set(PROVINCES.map((p) => p.tax)).size).toBe(63);
    expect(provinceByTaxPrefix('03')?.gso).toBe('79');
    expect(provinceByTaxPrefix('01')?.gso).toBe('01');
    expect(provinceByTaxPrefix('05')?.gso).toBe('01'); // former Hà Tây
    expect(provinceByTaxPrefix('99')).toBeUndefined();
    expect(PROVINCES.filter((p) => p.city).map((p) => p.name)).toEqual(['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ']);
  });
});

describe('faker-made geography', () => {
  it('has districts and wards with unique GSO-shaped codes', () => {
    const districtCodes = new Set<string>();
    const wardCodes = new Set<string>();
    for (const p of PROVINCES) {
      const ds = districtsOf(p);
      expect(ds.length).toBeGreaterThanOrEqual(4);
      expect(new Set(ds.map((d) => d.name)).size).toBe(ds.length);
      for (const d of ds) {
        expect(d.code).toMatch(/^\d{3}$/);
        expect(d.provinceGso).toBe(p.gso);
        expect(d.name).toMatch(/^(Quận|Huyện|Thị xã|Thành phố) \S+ \S+$/);
        expect(districtCodes.has(d.code)).toBe(false);
        districtCodes.add(d.code);
        expect(d.wards.length).toBeGreaterThanOrEqual(3);
        for (const w of d.wards) {
          expect(w.code).toMatch(/^\d{5}$/);
          expect(w.districtCode).toBe(d.code);
          expect(w.name).toMatch(/^(Phường|Xã|Thị trấn) \S+ \S+$/);
          expect(wardCodes.has(w.code)).toBe(false);
          wardCodes.add(w.code);
        }
      }
    }
    // Codes grow with the province, like the GSO list.
    const first = (gso: string) => Number(districtsOf(gso)[0]?.code);
    expect(first('01')).toBe(1);
    expect(first('01')).toBeLessThan(first('79'));
    expect(districtsOf('01')[0]?.wards[0]?.code).toBe('00001');
  });

  it('is looked up by code and accepts GSO or CCCD province codes', () => {
    const d = districtsOf('79')[2]!;
    expect(districtByCode(d.code)).toBe(d);
    expect(wardByCode(d.wards[1]!.code)).toBe(d.wards[1]);
    expect(districtsOf('079')).toBe(districtsOf('79'));
    expect(districtsOf('xx')).toEqual([]);
    expect(districtByCode('000')).toBeUndefined();
  });
});
