/**
 * Vietnam-time calendar arithmetic for the registry: day numbers (days since 1970-01-01 in Asia/Ho_Chi_Minh),
 * the registry's date forms (dd/MM/yyyy, dd/MM/yyyy HH:mm:ss), working days and office hours. Pure functions.
 */

export const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Vietnam-time day number of an instant. */
export function vnDayOf(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** The UTC instant (ms) of `second` seconds after midnight, Vietnam time, of `day`. */
export function instantOf(day: number, second = 0): number {
  return day * DAY_MS - VN_OFFSET_MS + second * 1000;
}

/** Seconds since Vietnam midnight of an instant. */
export function vnSecondOfDay(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Math.floor((ms - instantOf(vnDayOf(ms))) / 1000);
}

/** Day number of a calendar date, or null when the date does not exist (31/02). */
export function dayOfDate(year: number, month: number, day: number): number | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

export function dateParts(day: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** `dd/MM/yyyy`, the registry's date form (FOUNDING_DATE, from_date). */
export function formatDate(day: number): string {
  const p = dateParts(day);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** `yyyyMMdd` (the date part of a filing number). */
export function compactDate(day: number): string {
  const p = dateParts(day);
  return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
}

/** `dd/MM/yyyy HH:mm:ss` in Vietnam time (RECEIPT_DATE). */
export function formatTimestamp(instantMs: number): string {
  const day = vnDayOf(instantMs);
  const s = Math.floor((instantMs - instantOf(day)) / 1000);
  return `${formatDate(day)} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

export type ParsedDate = { ok: true; day: number; padded: boolean } | { ok: false };

/** `dd/MM/yyyy`; `padded` is false for the `d/M/yyyy` form, which only lenient mode accepts. */
export function parseDate(text: string): ParsedDate {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return { ok: false };
  const day = dayOfDate(Number(m[3]), Number(m[2]), Number(m[1]));
  if (day === null) return { ok: false };
  return { ok: true, day, padded: (m[1] as string).length === 2 && (m[2] as string).length === 2 };
}

export type ParsedTime = { ok: true; minute: number; padded: boolean } | { ok: false };

/** `HH:mm` (00:00–23:59) as minutes since midnight; `padded` is false for `H:mm`. */
export function parseTime(text: string): ParsedTime {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return { ok: false };
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return { ok: false };
  return { ok: true, minute: h * 60 + min, padded: (m[1] as string).length === 2 };
}

// Public holidays on fixed solar dates (Labour Code 2019 art. 112) [M]: New Year, Reunification Day, Labour
// Day, National Day. The lunar ones (Tết, Hùng Kings) and the movable day next to 2/9 are not modelled.
const FIXED_HOLIDAYS = new Set(['01-01', '04-30', '05-01', '09-02']);

export function isWorkingDay(day: number): boolean {
  const p = dateParts(day);
  if (p.weekday === 0 || p.weekday === 6) return false;
  return !FIXED_HOLIDAYS.has(`${pad2(p.month)}-${pad2(p.day)}`);
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** The `k`-th working day strictly after `day` (k ≥ 1): "within k working days" ends that day. */
export function addWorkingDays(day: number, k: number): number {
  let d = day;
  for (let left = k; left > 0; ) {
    d++;
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Office hours of a registration office, seconds since midnight [M: the usual 7:30–11:30, 13:00–17:00]. */
export const MORNING = { from: 7.5 * 3600, to: 11.5 * 3600 } as const;
export const AFTERNOON = { from: 13 * 3600, to: 17 * 3600 } as const;
