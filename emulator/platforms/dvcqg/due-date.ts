/**
 * The legal due date of a dossier (thời hạn giải quyết): the procedure's processing time (THOIGIANGIAIQUYET,
 * in working days, spec §A7) counted from the day the dossier was received. The appointment a one-stop desk
 * writes on the receipt (Giấy tiếp nhận hồ sơ và hẹn ngày trả kết quả, NgayHenTra) may be earlier, never later.
 *
 * Counting follows the Civil Code 2015 (Bộ luật Dân sự) Điều 147–148: a period in days starts the day after
 * the event and ends at 24:00 of its last day. Working days are Monday to Friday; public holidays are not
 * modelled (as VDXP's QĐ 28 deadline), so the emulator is stricter than the law around Tết.
 */
import { vnParts } from '../../core/clock.js';

const DAY_MS = 24 * 3600 * 1000;
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The last second (23:59:59 Vietnam time) of the `workingDays`-th working day after the day of `receivedAt`. */
export function legalDueDate(receivedAt: Date, workingDays: number): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
  const p = vnParts(receivedAt);
  // Midnight (Vietnam) of the receipt day, as a UTC instant.
  let day = Date.UTC(p.year, p.month - 1, p.day) - VN_OFFSET_MS;
  let left = workingDays;
  while (left > 0) {
    day += DAY_MS;
    const weekday = new Date(day + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(day + DAY_MS - 1000);
}
