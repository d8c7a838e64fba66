/**
 * Enterprise code / tax code (mã số doanh nghiệp / mã số thuế): 10 digits, or `XXXXXXXXXX-NNN` for a
 * dependent unit (branch), of which only the first 10 are checked. specs/dvcqg-ndxp.md B4 [C, ≥4 independent
 * implementations]: weights [31,29,23,19,17,13,7,5,3] over digits 1–9, N10 = 10 − (Σ mod 11). Legal basis
 * cited by those implementations: Circular 105/2020/TT-BTC [I].
 */
import { type Province, provinceByTaxPrefix } from './provinces.js';

export const TAX_CODE_WEIGHTS: readonly number[] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * Check digit for 9 digits, or null when Σ mod 11 = 0: that would need a "10", and implementations disagree
 * (reject vs map to 0); we treat such prefixes as never issued (spec B4 edge case [I]).
 */
export function taxCodeCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (TAX_CODE_WEIGHTS[i] ?? 0);
  const r = sum % 11;
  return r === 0 ? null : 10 - r;
}

export type TaxCodeParse =
  | { ok: true; base: string; branch: string | null; province: Province | undefined }
  | { ok: false; reason: string };

export function parseTaxCode(code: string): TaxCodeParse {
  const m = typeof code === 'string' ? /^(\d{10})(?:-(\d{3}))?$/.exec(code) : null;
  if (!m) return { ok: false, reason: 'not 10 digits or 10 digits-3 digits (mã số thuế)' };
  const base = m[1] as string;
  const branch = m[2] ?? null;
  // Dependent units are numbered from 001 [I: no 000 seen].
  if (branch === '000') return { ok: false, reason: 'branch suffix 000 is not issued' };
  const check = taxCodeCheckDigit(base.slice(0, 9));
  if (check === null) return { ok: false, reason: 'the first 9 digits have no valid check digit (Σ mod 11 = 0)' };
  if (check !== Number(base[9])) return { ok: false, reason: `check digit is ${base[9]}, expected ${check}` };
  return { ok: true, base, branch, province: provinceByTaxPrefix(base.slice(0, 2)) };
}

export function isValidTaxCode(code: string): boolean {
  return parseTaxCode(code).ok;
}

/** The 10-digit code for 9 digits; throws RangeError when the 9 digits have no check digit. */
export function formatTaxCode(first9: string): string {
  const check = taxCodeCheckDigit(first9);
  if (check === null) throw new RangeError(`${first9} has no valid tax-code check digit`);
  return `${first9}${check}`;
}
