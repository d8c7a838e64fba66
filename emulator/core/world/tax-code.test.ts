import { describe, expect, it } from 'vitest';
import { formatTaxCode, isValidTaxCode, parseTaxCode, taxCodeCheckDigit } from './tax-code.js';

describe('tax code check digit (spec B4)', () => {
  it('matches the worked fixtures', () => {
    expect(taxCodeCheckDigit('010010910')).toBe(6); // Σ = 114, 114 mod 11 = 4, 10 − 4 = 6
    expect(isValidTaxCode('0100109106')).toBe(true);
    expect(isValidTaxCode('0300588569')).toBe(true);
    expect(isValidTaxCode('0101248141')).toBe(true);
  });

  it('rejects a wrong check digit and malformed codes', () => {
    expect(isValidTaxCode('0100109107')).toBe(false);
    expect(isValidTaxCode('0300588560')).toBe(false);
    expect(parseTaxCode('0100109107')).toMatchObject({ ok: false, reason: expect.stringMatching(/expected 6/) });
    for (const bad of ['', '010010910', '01001091066', '010010910a', '0100109106-01', '0100109106-0001', '0100109106 ']) {
      expect(isValidTaxCode(bad)).toBe(false);
    }
  });

  it('has no check digit when Σ mod 11 = 0', () => {
    expect(taxCodeCheckDigit('000000000')).toBeNull();
    expect(isValidTaxCode('0000000000')).toBe(false);
    expect(() => formatTaxCode('000000000')).toThrow(RangeError);
    // and about one prefix in eleven is like that
    let none = 0;
    for (let i = 0; i < 11_000; i++) if (taxCodeCheckDigit(String(100_000_000 + i * 7919)) === null) none++;
    expect(none / 11_000).toBeGreaterThan(0.07);
    expect(none / 11_000).toBeLessThan(0.115);
  });

  it('accepts branch codes, checking the first 10 digits only', () => {
    expect(isValidTaxCode('0100109106-001')).toBe(true);
    expect(parseTaxCode('0300588569-012')).toMatchObject({ ok: true, base: '0300588569', branch: '012' });
    expect(isValidTaxCode('0100109107-001')).toBe(false);
    expect(isValidTaxCode('0100109106-000')).toBe(false);
  });

  it('maps the prefix to a province', () => {
    const hcm = parseTaxCode('0300588569');
    expect(hcm.ok && hcm.province?.name).toBe('Hồ Chí Minh');
    const hn = parseTaxCode('0100109106');
    expect(hn.ok && hn.province?.gso).toBe('01');
    expect(formatTaxCode('010124814')).toBe('0101248141');
  });
});
