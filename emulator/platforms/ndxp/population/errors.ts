import { errorFactory, type Catalog } from '../../../core/errors.js';

/**
 * Errors of the National Population Database (CSDL quốc gia về dân cư) behind NDXP. Every one is answered as
 * a SOAP 1.1 Fault (HTTP 500, as SOAP 1.1 §6.2 requires; 405 for a method that is not POST) whose `<detail>`
 * carries `errorCode` = `wire` in http://dancuquocgia.bca. Only 004 and 005 were seen from the real platform
 * (specs/dvcqg-ndxp.md §B2, S2); the other numbers are ours. See docs/decisions/011-population-soap.md.
 */
export const POPULATION_ERRORS = {
  NDXP_POP_XML_MALFORMED: { http: 500, wire: '001', title: 'The request body is empty, not UTF-8, holds a character XML 1.0 forbids (NUL, C0 controls, raw or as character references), or is not well-formed XML (soapenv:Client).' },
  NDXP_POP_XML_DTD_FORBIDDEN: { http: 500, wire: '002', title: 'The request has a DOCTYPE or entity declaration; SOAP forbids a DTD and entities are refused (XXE, entity expansion).' },
  NDXP_POP_XML_TOO_DEEP: { http: 500, wire: '015', title: 'Elements nest deeper than 64 levels; a population request needs about 6 (a nesting bomb is refused before it is parsed).' },
  NDXP_POP_NOT_SOAP: { http: 500, wire: '003', title: 'The root is not a SOAP 1.1 soapenv:Envelope (another element, SOAP 1.2), or the Envelope has no Body or an empty Body.' },
  NDXP_POP_PROCEDURE_NOT_LICENSED: { http: 500, wire: '004', title: 'MaDVC names a procedure the consumer\'s licence (giấy phép khai thác) does not list: "Thủ tục chưa được cấp phép khai thác CSDL dân cư" (seen on the real platform).' },
  NDXP_POP_OFFICIAL_NOT_AUTHORISED: { http: 500, wire: '005', title: 'MaCanBo names an official the consumer\'s licence does not list: "Tài khoản cán bộ không có quyền thao tác" (seen on the real platform).' },
  NDXP_POP_UNKNOWN_OPERATION: { http: 500, wire: '006', title: 'The first element of the Body is not one of the operations served (TraCuuThongTinCongDan, XacThucThongTinCongDan, …).' },
  NDXP_POP_WRONG_NAMESPACE: { http: 500, wire: '007', title: 'The operation element (or, in strict mode, one of its fields) is not in the namespace http://dancuquocgia.bca.' },
  NDXP_POP_MISSING_FIELD: { http: 500, wire: '008', title: 'A required element is absent or empty: MaYeuCau, MaDVC, MaCanBo, HoVaTen, NgayThangNamSinh, a list filter (MaTichHop too in strict mode).' },
  NDXP_POP_ID_MISSING: { http: 500, wire: '009', title: 'Neither SoDinhDanh (số định danh cá nhân) nor SoCMND (số chứng minh nhân dân) was given.' },
  NDXP_POP_ID_INVALID: { http: 500, wire: '010', title: 'SoDinhDanh is not a 12-digit personal ID (PPP G YY NNNNNN with a known province code) or SoCMND is not 9 digits.' },
  NDXP_POP_DATE_INVALID: { http: 500, wire: '011', title: 'NgayThangNamSinh has neither NgayThangNam (yyyyMMdd) nor Nam (yyyy), or the date does not exist, is in the future, or the two disagree.' },
  NDXP_POP_FIELD_INVALID: { http: 500, wire: '012', title: 'A field is outside its domain: GioiTinh, NhomMau, DanToc, TonGiao, an address code, an age, TrangSo, SoBanGhi, or a value too long.' },
  NDXP_POP_CONTENT_TYPE: { http: 500, wire: '013', title: 'Strict mode: the Content-Type is not application/xml or text/xml.' },
  NDXP_POP_METHOD_NOT_ALLOWED: { http: 405, wire: '014', title: 'The SOAP endpoint is called with a method other than POST (there is no WSDL on GET).' },
  NDXP_POP_INTERNAL: { http: 500, wire: '099', title: 'Unexpected failure inside the emulator (soapenv:Server).' },
} as const satisfies Catalog;

export type PopulationErrorCode = keyof typeof POPULATION_ERRORS;
export const populationError = errorFactory(POPULATION_ERRORS);

/** errorMessage of the two errors seen from the real platform, word for word (S2); the others carry ours. */
export const REAL_ERROR_MESSAGES: Partial<Record<PopulationErrorCode, string>> = {
  NDXP_POP_PROCEDURE_NOT_LICENSED: 'Thủ tục chưa được cấp phép khai thác CSDL dân cư',
  NDXP_POP_OFFICIAL_NOT_AUTHORISED: 'Tài khoản cán bộ không có quyền thao tác',
};
