/**
 * NDXP / LGSP at `/ndxp` (specs/dvcqg-ndxp.md part B): the token endpoints (§B1, WSO2 Key Manager's form)
 * and the API gateway, one wildcard route, documented here by the built-in national APIs behind it —
 * population SOAP (§B2–B3), business registration (§B4), shared categories (§B1, §B5) — and the generic
 * path of an API an agency publishes.
 */
import { FORM_TYPE, JSON_TYPE, json } from './replies.js';
import type { JsonSchema, OperationDoc, Param, Reply } from './types.js';

const T = 'NDXP gateway';
const TP = 'NDXP population database';
const TB = 'NDXP business registration';
const TC = 'NDXP categories';
const GATEWAY = '/ndxp/*';
const BEARER = ['ndxpBearer'];

const TOKEN_FORM: JsonSchema = {
  type: 'object',
  required: ['grant_type'],
  properties: {
    grant_type: { const: 'client_credentials' },
    client_id: { type: 'string', description: 'instead of Authorization: Basic' },
    client_secret: { type: 'string' },
    scope: { type: 'string' },
  },
};
const oauthError = (description: string): Reply => json(description, 'lienthong:ndxp/oauth-error');
const fault = (description: string): Reply => json(description, 'lienthong:ndxp/fault');
const tokenHeaders: Record<string, Param | string> = {
  Authorization: 'Basic base64(consumer_key:consumer_secret)',
  lgspaccesstoken: 'the VNPT form: base64 of {"AccessKey","SecretKey","AppName","PartnerCode","PartnerCodeCus"}',
};
/** Refusals every gateway call may get before it reaches the API behind (WSO2 fault codes). */
const gatewayFaults: Record<string, Reply> = {
  401: fault('900901 invalid, 900902 missing or 900903 expired token'),
  403: fault('900908: the consumer is not subscribed to this API'),
  429: fault('900804 quota or 900807 rate limit exceeded, with nextAccessTime and Retry-After'),
  502: fault('101503: the upstream of a published API is unreachable'),
  504: fault('101504: the upstream timed out'),
};
const registryReply = (description: string): Reply =>
  json(description, {
    type: 'object',
    required: ['Status', 'Message'],
    properties: { Data: {}, DataCount: { type: 'integer' }, Status: { type: 'string' }, Message: { type: 'string' }, ErrorCode: { type: 'string' } },
  });
const registry = (resource: string, summary: string, query: Record<string, Param | string>): OperationDoc => ({
  route: GATEWAY, path: `/ndxp/apiCSDLDKDN/1.0/${resource}`, methods: ['GET'], tag: TB, security: BEARER, summary, query,
  description: `Also served without the version (/ndxp/apiCSDLDKDN/${resource}), as some clients call it.`,
  replies: { 200: registryReply('Status "1" with Data'), 400: registryReply('a parameter breaks a rule: Status "0", Message naming it, ErrorCode'), 404: registryReply('not found'), ...gatewayFaults },
});
const paging = { offset: 'rows to skip (default 0)', limit: 'rows per page' };
const SOAP_TYPES = ['text/xml', 'application/xml'];
const dmdcRows: JsonSchema = { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } };
const dmdcError = (description: string): Reply => json(description, { type: 'object', required: ['ErrorCode'], properties: { MSG: { type: 'string' }, ErrorCode: { type: 'string' }, Field: { type: 'string' }, Rule: { type: 'string' }, Errors: { type: 'array' } } });

export const NDXP_OPERATIONS: readonly OperationDoc[] = [
  ...['/ndxp/token', '/ndxp/oauth2/token', '/ndxp/getToken'].map(
    (route): OperationDoc => ({
      route, methods: ['POST'], tag: T, summary: `Token endpoint: client-credentials grant${route === '/ndxp/token' ? '' : ` (alias of /ndxp/token)`}`,
      description: 'Client authentication by Authorization: Basic, client_id/client_secret in the form, or the VNPT lgspaccesstoken header. An active token is handed out again, as WSO2 does.',
      headers: tokenHeaders, body: { type: FORM_TYPE, schema: TOKEN_FORM, required: true },
      replies: { 200: json('the bearer token', 'lienthong:ndxp/token-reply'), 400: oauthError('invalid_request or unsupported_grant_type'), 401: oauthError('invalid_client') },
    }),
  ),
  ...['/ndxp/revoke', '/ndxp/oauth2/revoke'].map(
    (route): OperationDoc => ({
      route, methods: ['POST'], tag: T, summary: `Revoke a token (RFC 7009)${route === '/ndxp/revoke' ? '' : ' (alias of /ndxp/revoke)'}`,
      headers: tokenHeaders,
      body: { type: FORM_TYPE, schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' }, client_id: { type: 'string' }, client_secret: { type: 'string' } } }, required: true },
      replies: { 200: { description: 'revoked (or already unknown)' }, 400: oauthError('invalid_request'), 401: oauthError('invalid_client') },
    }),
  ),
  {
    route: '/ndxp', methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], tag: T, summary: 'The gateway root: no API is published here',
    replies: { 404: fault('404 (NDXP_API_NOT_FOUND), naming GET /_lienthong/ndxp/apis') },
  },
  {
    route: GATEWAY, path: '/ndxp/{context}/{version}/{resource}', methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], tag: T, security: BEARER,
    summary: 'Call an API published on the gateway: authenticated, subscription-checked, counted, then served or proxied',
    description: 'The upstream receives the request with the caller\'s credentials removed and the caller in X-Consumer-Key / X-Consumer-Agency. The version may be left out for an API published with defaultVersion.',
    params: { context: 'the API context (apiCSDLDC, apiCSDLDKDN, dmdc, or a published one)', version: 'the API version, e.g. 1.0', resource: 'the resource path inside the API (may contain further segments)' },
    headers: { Authorization: { description: 'Bearer <access_token>', required: true } },
    body: { type: ['application/json', 'application/xml', 'text/xml', 'application/octet-stream'], required: false, description: 'passed to the upstream untouched' },
    replies: { 200: { description: 'the upstream\'s reply, as it answered' }, 404: fault('404: no such API, or 900906: no such resource'), ...gatewayFaults },
  },
  {
    route: GATEWAY, path: '/ndxp/apiCSDLDC/1.0', methods: ['POST'], tag: TP, security: BEARER,
    summary: 'Population database (CSDLQG về dân cư): SOAP 1.1 in http://dancuquocgia.bca',
    description: 'Operations: TraCuuThongTinCongDan, XacThucThongTinCongDan, CungCapThongTinCongDan, XacMinhThongTin{NhanThan,NguoiGiamHo,ChuHo,NoiOHienTai}, XacMinhTinhTrang{HonNhan,ChetMatTich}, CungCapThongTin{HoGiaDinh,NhomMau}, CungCapDanhSachTheo{DiaPhuong,DoTuoi,NhomMau,GioiTinh,DanToc,TonGiao}. Answers CongdanCollection/CongDan in http://www.mic.gov.vn/dancu/1.0.',
    headers: { Authorization: { description: 'Bearer <access_token>', required: true }, SOAPAction: 'optional; the operation is read from the Body' },
    body: { type: SOAP_TYPES, schema: { type: 'string', description: 'a SOAP 1.1 envelope' }, required: true },
    replies: {
      200: { description: 'the SOAP response envelope', type: 'text/xml', schema: { type: 'string' } },
      500: { description: 'a SOAP Fault with dan:errorCode (004 procedure not licensed, 005 official not authorised, ours otherwise)', type: 'text/xml', schema: { type: 'string' } },
      ...gatewayFaults,
    },
  },
  registry('chiTietDoanhNghiep', 'An enterprise\'s record (MainInformation) by its code', { msdn: { description: 'mã số doanh nghiệp, 10 digits (or 10-3 for a unit)', required: true } }),
  registry('danhSachHoSo', 'Filings received in a window of at most 5 days', { from_date: { description: 'first day', required: true }, to_date: { description: 'last day', required: true }, ...paging }),
  registry('danhSachHoSoTrongNgay', 'Filings received today in a time range', { from_ts: { description: 'HH:mm', required: true }, to_ts: { description: 'HH:mm', required: true }, ...paging }),
  registry('tinhTrangHoSo', 'A filing\'s status', { in_journal_no: { description: 'filing number yyyyMMddNNNN', required: true } }),
  {
    route: GATEWAY, path: '/ndxp/dmdc/1.0/AllCategory', methods: ['GET'], tag: TC, security: BEARER, summary: 'Every shared catalogue (danh mục dùng chung)',
    replies: { 200: json('the catalogues', { type: 'array' }), ...gatewayFaults },
  },
  {
    route: GATEWAY, path: '/ndxp/dmdc/1.0/Metadata/{code}', methods: ['GET'], tag: TC, security: BEARER, summary: 'A catalogue\'s properties', params: { code: 'catalogue code' },
    replies: { 200: json('PropertyCode, PropertyName, PropertyType', { type: 'array' }), 404: dmdcError('unknown catalogue'), ...gatewayFaults },
  },
  {
    route: GATEWAY, path: '/ndxp/dmdc/1.0/Category/{code}', methods: ['GET'], tag: TC, security: BEARER, summary: 'A catalogue\'s rows, filtered by parent or a PropertyCode, paged', params: { code: 'catalogue code' },
    query: { page: 'page number from 1', pageSize: 'rows per page', parent: 'parent unit (administrative levels 2 and 3)' },
    replies: { 200: json('rows', dmdcRows), 400: dmdcError('a query parameter breaks a rule'), 404: dmdcError('unknown catalogue'), ...gatewayFaults },
  },
  {
    route: GATEWAY, path: '/ndxp/dmdc/1.0/Category/{code}', methods: ['POST'], tag: TC, security: BEARER, summary: 'Add rows to a catalogue (each row checked against its properties)', params: { code: 'catalogue code' },
    body: { type: JSON_TYPE, schema: dmdcRows, required: true },
    replies: { 200: json('MSG and Count', { type: 'object', properties: { MSG: { type: 'string' }, Count: { type: 'integer' } } }), 400: dmdcError('rows break rules: Errors lists each'), ...gatewayFaults },
  },
];
