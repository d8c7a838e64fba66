/**
 * The 12-digit personal ID number (số định danh cá nhân, printed on the CCCD card): `PPP G YY NNNNNN`.
 * specs/dvcqg-ndxp.md B3 [C, several independent validators; Circular 07/2016/TT-BCA not read]:
 * PPP = province of birth registration, G = century and sex, YY = birth year mod 100, NNNNNN = serial.
 * There is no check digit.
 */
import { type Province, provinceByCccdCode } from './provinces.js';

/** GioiTinh as the population database codes it: 1 male (nam), 2 female (nữ) (spec B2). */
export type Sex = 1 | 2;

/** First birth year the century digit can express (G = 0/1) and the last (G = 8/9 → 2300s). */
export const MIN_BIRTH_YEAR = 1900;
export const MAX_BIRTH_YEAR = 2399;

export interface PersonalIdInfo {
  province: Province;
  sex: Sex;
  birthYear: number;
  /** The 6-digit serial, as written. */
  serial: string;
}

export type PersonalIdParse = ({ ok: true } & PersonalIdInfo) | { ok: false; reason: string };

/** The G digit: even for men, odd for women, 0/1 for the 1900s up to 8/9 for the 2300s (spec B3). */
export function centurySexDigit(birthYear: number, sex: Sex): number {
  if (!Number.isInteger(birthYear) || birthYear < MIN_BIRTH_YEAR || birthYear > MAX_BIRTH_YEAR) {
    throw new RangeError(`birth year ${birthYear} is outside ${MIN_BIRTH_YEAR}–${MAX_BIRTH_YEAR}`);
  }
  return 2 * (Math.floor(birthYear / 100) - 19) + (sex === 2 ? 1 : 0);
}

export function parsePersonalId(id: string): PersonalIdParse {
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) return { ok: false, reason: 'not 12 digits (số định danh cá nhân has 12 digits)' };
  const code = id.slice(0, 3);
  const province = provinceByCccdCode(code);
  if (!province) return { ok: false, reason: `province code ${code} is not one of the 63 CCCD province codes` };
  const g = Number(id[3]);
  const yy = Number(id.slice(4, 6));
  const serial = id.slice(6);
  if (serial === '000000') return { ok: false, reason: 'serial 000000 is never issued' };
  return { ok: true, province, sex: g % 2 === 0 ? 1 : 2, birthYear: 1900 + 100 * Math.floor(g / 2) + yy, serial };
}

/** Structure check, and optionally agreement with a known birth year and sex. */
export function isValidPersonalId(id: string, opts: { birthYear?: number; sex?: Sex } = {}): boolean {
  const parsed = parsePersonalId(id);
  if (!parsed.ok) return false;
  if (opts.birthYear !== undefined && parsed.birthYear !== opts.birthYear) return false;
  if (opts.sex !== undefined && parsed.sex !== opts.sex) return false;
  return true;
}

/** Builds an ID; throws RangeError on an unknown province, a year outside 1900–2399 or a serial outside 1–999999. */
export function formatPersonalId(parts: { province: Province | string; sex: Sex; birthYear: number; serial: number }): string {
  const code = typeof parts.province === 'string' ? parts.province : parts.province.cccd;
  if (!provinceByCccdCode(code)) throw new RangeError(`unknown CCCD province code ${code}`);
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial > 999_999) {
    throw new RangeError(`serial ${parts.serial} is outside 1–999999`);
  }
  const g = centurySexDigit(parts.birthYear, parts.sex);
  return `${code}${g}${String(parts.birthYear % 100).padStart(2, '0')}${String(parts.serial).padStart(6, '0')}`;
}
