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
