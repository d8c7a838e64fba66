import { createHash, timingSafeEqual } from 'node:crypto';
import { vnParts } from '../../../core/clock.js';

/** Field orders of the PP DVCQG checksums (MaXacThuc), specs/dvcqg-ndxp.md A10a [C, S1 pay-gate-integration]. */
export const INIT_CHECKSUM_FIELDS = [
  'LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan',
  'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip',
] as const;
/** The callback order puts ThoiGianGD before ThongTinGiaoDich, unlike init [C]. */
export const CALLBACK_CHECKSUM_FIELDS = [
  'LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich',
] as const;
/** Receipt and bill queries [C]. */
export const QUERY_CHECKSUM_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;

/** PayGov callback: secretKey then every field in body order (our choice, [NF]; docs/decisions/009-dvcqg-payments.md §5). */
export const PAYGOV_CALLBACK_FIELDS = [
  'amount', 'orderId', 'orderInfo', 'requestCode', 'transactionNo', 'transactionCode', 'payDate', 'errorCode', 'paygate', 'type',
] as const;
/** PayGov receipt (Hậu Giang): secretKey then the fields in body order [C fields, I order]. */
export const PAYGOV_RECEIPT_FIELDS = [
  'partnerCode', 'accessKey', 'payerId', 'payerName', 'payerAddress', 'payerDistrict', 'payerProvince', 'docCode',
  'procedureName', 'paids', 'otherInfo', 'decisionDate',
] as const;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** PP DVCQG MaXacThuc: hex SHA-256 of the values joined by `|`, the hash_key last. */
export function ppChecksum(values: readonly string[], hashKey: string): string {
  return sha256Hex([...values, hashKey].join('|'));
}

export function ppChecksumOf(body: Record<string, unknown>, fields: readonly string[], hashKey: string): string {
  return ppChecksum(fields.map((f) => wireString(body[f])), hashKey);
}

/** PayGov create: SHA-256 of secretKey+accessKey+partnerCode+orderId+requestCode+amount, no separator [C]. */
export function paygovCreateChecksum(p: { secretKey: string; accessKey: string; partnerCode: string; orderId: string; requestCode: string; amount: string }): string {
  return sha256Hex(p.secretKey + p.accessKey + p.partnerCode + p.orderId + p.requestCode + p.amount);
}

/** secretKey followed by the fields, no separator: the PayGov convention. */
export function paygovFieldsChecksum(secretKey: string, body: Record<string, unknown>, fields: readonly string[]): string {
  return sha256Hex(secretKey + fields.map((f) => wireString(body[f])).join(''));
}

/** How a value enters a checksum: strings as is, numbers in decimal (clients send SoTien/amount as either), absent as "". */
export function wireString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return '';
}

/** Hex digests compared case-insensitively (clients print upper or lower case) and in constant time. */
export function sameHex(expected: string, got: unknown): boolean {
  if (typeof got !== 'string') return false;
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(got.trim().toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh: the date form of every DVCQG message (A1). */
export function vnCompact(d: Date): string {
  const p = vnParts(d);
  return `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** Parses `yyyyMMddHHmmss` (Vietnam time); undefined when not a real date-time. */
export function parseVnCompact(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h - 7, mi, s);
  const back = new Date(utc);
  // Reject 20261332…: the round trip must give the same wall-clock text.
  return vnCompact(back) === text ? back : undefined;
}
