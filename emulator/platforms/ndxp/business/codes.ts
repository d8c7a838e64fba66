/**
 * Value sets of the registry's filing fields (§B4 gives the field names only; the values are ours [I], tabled
 * in docs/decisions/012-business-registration.md). Codes are strings, each with a Vietnamese name sent beside
 * it (`…_NAME`), after the registry's own ID/NAME pairs (ENTERPRISE_TYPE_ID/NAME, CityID/CityName).
 */
import type { Province } from '../../../core/world/index.js';
import { dayOfDate } from './calendar.js';

export const DOCUMENT_TYPES = {
  '1': 'Đăng ký thành lập mới doanh nghiệp',
  '2': 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
  '3': 'Thông báo thay đổi nội dung đăng ký doanh nghiệp',
  '4': 'Thông báo tạm ngừng kinh doanh',
  '5': 'Thông báo tiếp tục kinh doanh trước thời hạn đã thông báo',
  '6': 'Đăng ký giải thể doanh nghiệp',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export const PROCESS_STATUSES = {
  '1': 'Đã tiếp nhận',
  '2': 'Đang xử lý',
  '3': 'Yêu cầu sửa đổi, bổ sung hồ sơ',
  '4': 'Đã cấp đăng ký / đã cập nhật thông tin',
  '5': 'Từ chối',
  '6': 'Hủy hồ sơ (quá hạn sửa đổi, bổ sung)',
} as const;
export type ProcessStatus = keyof typeof PROCESS_STATUSES;

export const SUBMISSION_TYPES = {
  '1': 'Trực tuyến (Cổng thông tin quốc gia về đăng ký doanh nghiệp)',
  '2': 'Trực tiếp tại Phòng Đăng ký kinh doanh',
  '3': 'Qua dịch vụ bưu chính',
} as const;
export type SubmissionType = keyof typeof SUBMISSION_TYPES;

/** Business registration offices moved from the Sở Kế hoạch và Đầu tư to the Sở Tài chính on 1 March 2025 [M]. */
const OFFICE_MOVED = dayOfDate(2025, 3, 1) as number;

/**
 * The receiving office (SITE_ID) of a filing: one Phòng Đăng ký kinh doanh per province, identified by the
 * province's GSO code (the code HOAddress.CityID already uses) [I: the registry's own site ids were not seen].
 */
export function siteOf(province: Province, day: number): { SITE_ID: string; SITE_NAME: string } {
  const department = day < OFFICE_MOVED ? 'Sở Kế hoạch và Đầu tư' : 'Sở Tài chính';
  return { SITE_ID: province.gso, SITE_NAME: `Phòng Đăng ký kinh doanh - ${department} ${province.fullName}` };
}
