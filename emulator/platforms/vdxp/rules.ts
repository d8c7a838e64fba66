import { vdxpError } from './errors.js';
import { STATUS_CODES } from './wire/edxml-validate.js';

/** Status codes of specs/vdxp.md §2 with their Vietnamese names (one table, kept with the codec). */
export const STATUS_NAMES = STATUS_CODES;

export function statusLabel(code: string | null | undefined): string {
  if (!code) return 'no status yet';
  return STATUS_NAMES[code] ? `status ${code} (${STATUS_NAMES[code]})` : `status ${code}`;
}

/** Codes the recipient sends about a document's progress (recipient → sender). */
export const PROGRESS_CODES = new Set(['01', '02', '03', '04', '05', '06']);
/** Answers to a revoke/update/replace (recipient → sender). */
export const CHANGE_ANSWERS = new Set(['15', '16']);

/**
 * Allowed next progress status (specs/vdxp.md §2, inferred from the code semantics: 01 → 02|03;
 * 03 → 04 → 05 → 06 with 04 skippable; 02 and 06 are final). Repeating the current code is a retry, allowed.
 */
const NEXT: Readonly<Record<string, readonly string[]>> = {
  '': ['01'],
  '01': ['02', '03'],
  '03': ['04', '05'],
  '04': ['05'],
  '05': ['06'],
  '02': [],
  '06': [],
};

/** Why `next` may not follow `current`, or null when it may. */
export function progressViolation(current: string | null, next: string, revoked: boolean): string | null {
  if (revoked) return `${statusLabel(next)} cannot follow: the document was revoked (đã thu hồi) and its revocation agreed`;
  if (current === next) return null;
  const allowed = NEXT[current ?? ''] ?? [];
  if (allowed.includes(next)) return null;
  const after = current ? `after ${statusLabel(current)}` : 'as the first status';
  const expect = allowed.length ? `expected ${allowed.map((c) => statusLabel(c)).join(' or ')}` : `${statusLabel(current)} is final`;
  return `${statusLabel(next)} is not allowed ${after}: ${expect}`;
}

/** `XroadVnpt-messagetype`: edoc or status, any case (Java and C# clients differ, specs/vdxp.md §3.4). */
export function parseMessageType(value: string): 'edoc' | 'status' {
  const mt = value.toLowerCase();
  if (mt !== 'edoc' && mt !== 'status') {
    throw vdxpError('VDXP_BAD_PARAMETER', `messagetype "${value}" must be edoc or status`, { field: 'XroadVnpt-messagetype', rule: 'edoc | status' });
  }
  return mt;
}

export const TRANSPORT_STATUSES = new Set(['done', 'fail', 'processing']);

/** Descriptions of the transport (mailbox) status a recipient sets with updateStatus. */
export const TRANSPORT_DESC: Readonly<Record<string, string>> = {
  pending: 'Chưa nhận (not fetched yet)',
  processing: 'Đang nhận (being received)',
  done: 'Đã nhận (received)',
  fail: 'Nhận lỗi (receive failed; stays in the mailbox)',
};

export const BUSINESS_TYPES: Readonly<Record<string, string>> = {
  '0': 'new',
  '1': 'revoke',
  '2': 'update',
  '3': 'replace',
};

const DAY_MS = 24 * 3600 * 1000;
const VN_OFFSET_MS = 7 * 3600 * 1000;

/**
 * QĐ 28/2018/QĐ-TTg Điều 6: a document is sent on the day it is signed, at the latest the morning of the
 * next working day. The deadline is that next working day at 12:00 Vietnam time (the "morning" cut-off is
 * our reading, specs/vdxp.md §5 check 12). Working days are Monday to Friday: public holidays are not
 * modelled, so the emulator is stricter than the law around Tết and national holidays.
 */
export function sendingDeadline(promulgationDate: string): Date | null {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(promulgationDate.trim());
  if (!m) return null;
  const signedMidnightVn = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(signedMidnightVn)) return null;
  let day = signedMidnightVn + DAY_MS;
  while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY_MS;
  return new Date(day + 12 * 3600 * 1000 - VN_OFFSET_MS);
}
