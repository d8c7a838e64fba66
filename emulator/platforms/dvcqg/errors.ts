import { errorFactory, type Catalog } from '../../core/errors.js';

/**
 * DVCQG integration-API error catalog. `wire` is the non-zero `error_code` a one-stop system reads (specs
 * dvcqg-ndxp.md §A1: success is 0, older clients compare with "00"). The real portal's code table is not
 * public: the numbers are ours, grouped by hundreds (1xx session, 2xx request, 3xx dossier, 4xx catalogue
 * and ratings, 5xx portal → one-stop). See docs/decisions/007-dvcqg-integration-api.md.
 */
export const DVCQG_ERRORS = {
  // Session (§A1)
  DVCQG_LOGIN_FAILED: { http: 401, wire: '101', title: 'login: unknown username or wrong password.' },
  DVCQG_SESSION_MISSING: { http: 401, wire: '102', title: 'A service call carried no `session`; log in first (POST /dvcqg/login).' },
  DVCQG_SESSION_INVALID: { http: 401, wire: '103', title: 'The `session` was never issued, or was ended by a reset.' },
  DVCQG_SESSION_EXPIRED: { http: 401, wire: '104', title: 'The session is older than its lifetime on the emulator clock; log in again.' },
  DVCQG_AGENCY_MISMATCH: { http: 403, wire: '105', title: '`madonvi` (or the dstcode header) is not the agency of the logged-in account.' },
  // Request shape
  DVCQG_BAD_JSON: { http: 400, wire: '201', title: 'The body is not a JSON object.' },
  DVCQG_UNKNOWN_SERVICE: { http: 400, wire: '202', title: '`service` names no DVCQG service.' },
  DVCQG_UNKNOWN_ENDPOINT: { http: 404, wire: '205', title: 'No DVCQG endpoint at this path (the integration API is POST /dvcqg/login and POST /dvcqg/service).' },
  DVCQG_MISSING_PARAMETER: { http: 400, wire: '203', title: 'A parameter the service needs is missing or empty.' },
  DVCQG_BAD_PARAMETER: { http: 400, wire: '204', title: 'A parameter has a value outside its allowed set or form.' },
  // Dossiers (§A3, §A5, §A6)
  DVCQG_DOSSIER_MISSING_FIELD: { http: 400, wire: '301', title: 'A required dossier or progress field is missing or empty.' },
  DVCQG_DOSSIER_NOT_STRING: { http: 400, wire: '302', title: 'A dossier value is not a string (every value of the §A3 object is a string).' },
  DVCQG_DOSSIER_BAD_DATE: { http: 400, wire: '303', title: 'A date is not yyyyMMddHHmmss (Asia/Ho_Chi_Minh), or is not a real date.' },
  DVCQG_DOSSIER_BAD_CODE: { http: 400, wire: '304', title: 'MaHoSo does not follow the agency\'s dossier-code pattern (default <madonvi>-yymmdd-NNNN; strict mode, a warning in lenient mode).' },
  DVCQG_PROCEDURE_UNKNOWN: { http: 404, wire: '305', title: 'MaTTHC is not in the national procedure catalogue.' },
  DVCQG_DOSSIER_BAD_ENUM: { http: 400, wire: '306', title: 'A coded value (LoaiDoiTuong, HinhThuc, TrangThaiHoSo, TrangThai, IsDeleted) is outside its set.' },
  DVCQG_DOSSIER_EXISTS: { http: 409, wire: '307', title: 'isUpdating "False" for a dossier the portal already has (strict mode; lenient updates it with a warning).' },
  DVCQG_DOSSIER_NOT_FOUND: { http: 404, wire: '308', title: 'The dossier is not on the portal (progress before the dossier, or isUpdating "True" for a new one in strict mode).' },
  DVCQG_DOSSIER_NOT_OWNER: { http: 403, wire: '309', title: 'The dossier belongs to another agency (madonvi).' },
  DVCQG_STATUS_TRANSITION: { http: 409, wire: '310', title: 'The status is not allowed after the dossier\'s current status (strict mode; a warning in lenient mode).' },
  DVCQG_DOSSIER_DATE_ORDER: { http: 400, wire: '311', title: 'Dates contradict each other (NgayHenTra before NgayTiepNhan, a progress step before the dossier was received).' },
  DVCQG_BATCH_TOO_LARGE: { http: 413, wire: '312', title: '`data` holds more items than one call may carry.' },
  DVCQG_DOSSIER_DUPLICATE_IN_BATCH: { http: 400, wire: '313', title: 'The same MaHoSo appears twice in one `data` array.' },
  // Catalogue and ratings (§A7, §A8)
  DVCQG_CITIZEN_UNKNOWN: { http: 404, wire: '401', title: 'TraCuuTechID: no DVCQG account has this ID number or tax code.' },
  DVCQG_RATING_BAD_PERCENT: { http: 400, wire: '402', title: 'A rating percentage is not "NN%", or the three levels do not add up to 100 %.' },
  DVCQG_RATING_BAD_MONTH: { http: 400, wire: '403', title: 'NgayTongHop is not "M-YYYY", or is a month in the future.' },
  DVCQG_REPORT_BAD_REQUEST: { http: 400, wire: '404', title: 'The reporting API body (timeType, year, quarter, month, paging) is invalid.' },
  DVCQG_REPORT_UNKNOWN_INDEX: { http: 404, wire: '405', title: 'No QĐ 766 evaluation group with this API id.' },
  // Portal → one-stop (§A4)
  DVCQG_ENDPOINT_NOT_SET: { http: 409, wire: '501', title: 'The agency has no callback URL for this portal call; set it on the account.' },
  DVCQG_INTERNAL: { http: 500, wire: '999', title: 'Unexpected failure inside the emulator; data already accepted is kept.' },
} as const satisfies Catalog;

export type DvcqgErrorCode = keyof typeof DVCQG_ERRORS;
export const dvcqgError = errorFactory(DVCQG_ERRORS);
export const dvcqgInternal = () => dvcqgError('DVCQG_INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept');
