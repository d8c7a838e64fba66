import { errorFactory, type Catalog } from '../../../core/errors.js';

/**
 * Errors of the shared category service (dịch vụ danh mục dùng chung, `/ndxp/dmdc`, §B1). The real service
 * answers a refused POST with `{"MSG":"Data not insert: Record 1: … is duplicate","Count":0}` (Quảng Bình
 * LGSP guide, S4); we keep `MSG` (and `Count` on POST) and add `ErrorCode` = the code below, `Field` and
 * `Rule`. The HTTP statuses are ours: S4 shows no status. See docs/decisions/013-category-service.md.
 */
export const CATEGORY_ERRORS = {
  NDXP_DMDC_CATEGORY_NOT_FOUND: { http: 404, title: 'The catalogue code in /Metadata/<code> or /Category/<code> is not served (see /AllCategory for the list).' },
  NDXP_DMDC_QUERY_INVALID: { http: 400, title: 'A query parameter of GET /Category/<code> is invalid: page or pageSize not a positive integer in range, parent on a catalogue without a parent level, or (strict mode) an unknown parameter.' },
  NDXP_DMDC_CONTENT_TYPE: { http: 415, title: 'Strict mode: a POST /Category/<code> body not sent as application/json.' },
  NDXP_DMDC_BODY_NOT_JSON: { http: 400, title: 'The POST /Category/<code> body is empty, not UTF-8 or not valid JSON.' },
  NDXP_DMDC_BODY_SHAPE: { http: 400, title: 'The POST body is not an array of row objects (or one row object), an element is not an object, or (strict mode) the array is empty.' },
  NDXP_DMDC_TOO_MANY_ROWS: { http: 413, title: 'A POST adds more rows than one request may carry (1000).' },
  NDXP_DMDC_FIELD_REQUIRED: { http: 400, title: 'A row lacks the catalogue\'s key (mã) or name (tên) property, or gives it as null or an empty string.' },
  NDXP_DMDC_FIELD_TYPE: { http: 400, title: 'A property value has the wrong JSON type for its PropertyType (String: a string; DateTime: a dd/MM/yyyy date), or is too long.' },
  NDXP_DMDC_FIELD_FORMAT: { http: 400, title: 'A code does not have the catalogue\'s form (e.g. MaTinhThanh 2 digits, MaPhuongXa 5 digits, MaQuocGia ISO 3166 alpha-2, MaDinhDanhCap1 a level-1 agency code).' },
  NDXP_DMDC_FIELD_UNKNOWN: { http: 400, title: 'Strict mode: a row has a property the catalogue\'s metadata does not list (lenient mode drops it with a warning).' },
  NDXP_DMDC_PARENT_UNKNOWN: { http: 400, title: 'A district names a province (MaTinhThanh), or a ward a district (MaQuanHuyen), that is not in the parent catalogue.' },
  NDXP_DMDC_DUPLICATE: { http: 409, title: 'A row\'s key already exists in the catalogue (built-in rows cannot be changed) or twice in the same POST; nothing of the POST is stored.' },
  NDXP_DMDC_INTERNAL: { http: 500, title: 'Unexpected failure inside the category service; rows already stored are kept.' },
} as const satisfies Catalog;

export type CategoryErrorCode = keyof typeof CATEGORY_ERRORS;
export const categoryError = errorFactory(CATEGORY_ERRORS);
