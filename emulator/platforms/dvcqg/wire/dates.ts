import { vnParts } from '../../../core/clock.js';

const VN_OFFSET_MS = 7 * 3600 * 1000;
const STAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (§A1) → the instant, or null when the text is not a real date of
 * that form (20261131…, 24:00:00, …).
 */
export function parseVnStamp(text: string): Date | null {
  const m = STAMP.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(utc).getUTCDate() !== d) return null;
  return new Date(utc - VN_OFFSET_MS);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The instant as `yyyyMMddHHmmss` in Vietnam time. */
export function formatVnStamp(d: Date): string {
  const p = vnParts(d);
  return `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** `yymmdd` in Vietnam time, the date part of a MaHoSo (§A6). */
export function formatVnYymmdd(d: Date): string {
  const p = vnParts(d);
  return `${pad(p.year % 100)}${pad(p.month)}${pad(p.day)}`;
}
