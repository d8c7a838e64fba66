import { errorFactory, type Catalog } from '../../../core/errors.js';

/**
 * Errors of the National Business Registration Database (CSDL quốc gia về đăng ký doanh nghiệp) behind NDXP,
 * answered in the registry's own JSON envelope (specs/dvcqg-ndxp.md §B4):
 * `{"Data":null,"DataCount":0,"Status":"0","Message":…,"ErrorCode":<code>}`. OpenCPS reads Status/Message (S1);
 * the real service's HTTP statuses and error texts are not public, so the statuses and codes are ours.
 * Unknown resources and methods are the gateway's WSO2 fault 900906 instead. See
 * docs/decisions/012-business-registration.md.
 */
export const BUSINESS_ERRORS = {
  NDXP_DKDN_PARAM_MISSING: { http: 400, title: 'A required query parameter is absent or empty: msdn, from_date, to_date, from_ts, to_ts or in_journal_no.' },
  NDXP_DKDN_PARAM_REPEATED: { http: 400, title: 'A query parameter is given twice with different values (msdn=…&msdn=…).' },
  NDXP_DKDN_MSDN_INVALID: { http: 400, title: 'msdn is not a 10-digit enterprise code (mã số doanh nghiệp) or a 10-digit-3-digit branch code, or its check digit (§B4 weights 31…3) is wrong.' },
  NDXP_DKDN_ENTERPRISE_NOT_FOUND: { http: 404, title: 'No enterprise (or branch) with this code in the registry as of the emulator clock: never issued, not yet registered, or a branch (the world has none).' },
  NDXP_DKDN_DATE_INVALID: { http: 400, title: 'from_date or to_date is not a calendar date in the form dd/MM/yyyy.' },
  NDXP_DKDN_DATE_IN_FUTURE: { http: 400, title: 'from_date or to_date is after today (Asia/Ho_Chi_Minh, emulator clock): no filing can have been received yet.' },
  NDXP_DKDN_DATE_RANGE_REVERSED: { http: 400, title: 'from_date is after to_date, or from_ts is after to_ts.' },
  NDXP_DKDN_DATE_RANGE_TOO_LONG: { http: 400, title: 'danhSachHoSo: the window from_date…to_date covers more than 5 days (both ends counted), the registry\'s limit (§B4).' },
  NDXP_DKDN_TIME_INVALID: { http: 400, title: 'from_ts or to_ts is not a time of day in the form HH:mm (00:00–23:59).' },
  NDXP_DKDN_PAGING_INVALID: { http: 400, title: 'offset is not an integer 0–1 000 000, or limit is not an integer 1–500.' },
  NDXP_DKDN_JOURNAL_NO_INVALID: { http: 400, title: 'in_journal_no is not a filing number: 12 digits yyyyMMdd + a 4-digit sequence (0001–9999) on a real date.' },
  NDXP_DKDN_FILING_NOT_FOUND: { http: 404, title: 'in_journal_no is well formed but no filing has this number as of the emulator clock (before 2025, beyond that day\'s count, or not received yet).' },
} as const satisfies Catalog;

export type BusinessErrorCode = keyof typeof BUSINESS_ERRORS;
export const businessError = errorFactory(BUSINESS_ERRORS);
