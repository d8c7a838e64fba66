/**
 * National Business Registration Database (CSDL quốc gia về đăng ký doanh nghiệp, CSDL ĐKDN) behind NDXP,
 * specs/dvcqg-ndxp.md §B4: `apiCSDLDKDN/1.0` (also without the version, as S4 calls it) with
 * chiTietDoanhNghiep, danhSachHoSo, danhSachHoSoTrongNgay and tinhTrangHoSo. Everything is derived from the
 * shared world and the emulator clock; nothing is stored. Decisions: docs/decisions/012-business-registration.md.
 */
import type { NdxpPart } from '../upstream.js';
import { businessApi } from './api.js';

export { BUSINESS_ERRORS, businessError, type BusinessErrorCode } from './errors.js';
export { RESOURCES as BUSINESS_RESOURCES } from './api.js';

const LIMITATIONS = [
  'The real service\'s HTTP statuses, error texts and value sets are not public: errors are HTTP 400/404 with Status "0", Message and our ErrorCode; DOCUMENT_TYPE, PROCESS_STATUS and SUBMISSION_TYPE are our codes with a …_NAME beside each (decision 012).',
  'Filings (hồ sơ) exist from 1 January 2025, the world\'s date, at about world.enterprises / 400 a working day: far fewer than the real registry\'s volume, and national (the list is not narrowed to the caller\'s province).',
  'Change, suspension and dissolution filings do not alter chiTietDoanhNghiep: world enterprises keep their record as of 1 January 2025. Enterprises founded through a registered filing do appear, from their registration instant.',
  'Working days skip weekends and the fixed solar holidays (1/1, 30/4, 1/5, 2/9) only: Tết, the Hùng Kings day and the day next to 2/9 are not modelled.',
  'Provinces are the 63 before the 2025 merger; SITE_ID is the province\'s GSO code (the registry\'s own office ids were not seen).',
  'The world has no branches or representative offices: every XXXXXXXXXX-NNN code is not found.',
];

export const businessPart: NdxpPart = {
  name: 'business',
  migrations: {},
  limitations: LIMITATIONS,
  apis: (ctx) => [businessApi(ctx)],
  clear: async () => {},
};
