/**
 * DVCQG, the national public-service portal at `/dvcqg` (specs/dvcqg-ndxp.md part A): the integration API
 * (§A1–A2), the QĐ 766 reporting API (§A11), SSO (§A9, oidc-provider behind a wildcard route) and the two
 * payment channels (§A10) with their pages.
 */
import { FORM_TYPE, JSON_TYPE, html, json } from './replies.js';
import type { JsonSchema, OperationDoc, Reply, UnservedMethods } from './types.js';

const T = 'DVCQG';
const TS = 'DVCQG SSO';
const TP = 'DVCQG payments';

const SERVICE_NAMES = [
  'DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'DongBoTrangThaiHoSo', 'TraCuuHoSo', 'LayThuTuc', 'LayDanhSachTTHC', 'LayDVC',
  'LayDanhMucCoQuan', 'LayDanhMucLinhVuc', 'TraCuuTechID', 'DongBoDanhGia',
];
/** The envelope every integration call posts; each service adds its own members (§A2). */
const SERVICE_CALL: JsonSchema = {
  type: 'object',
  required: ['session', 'service'],
  properties: {
    session: { type: 'string', description: 'from POST /dvcqg/login' },
    madonvi: { type: 'string', description: 'the agency code on DVCQG (else the dstcode header; strict mode requires it)' },
    service: { type: 'string', description: 'the service name', examples: SERVICE_NAMES },
  },
  additionalProperties: true,
};
const reply = (description: string): Reply => json(description, 'lienthong:dvcqg/reply');
const dvcqgReplies: Record<string, Reply> = {
  200: reply('error_code 0 and the service\'s result'),
  400: reply('a field breaks a rule: error_code ≠ 0, code, field, rule'),
  401: reply('login failed or the session is unknown or expired (60 minutes on the emulator clock)'),
};
const EVALUATION: JsonSchema = {
  type: 'object',
  required: ['timeType', 'year'],
  properties: {
    timeType: { enum: ['year', 'quarter', 'month'] },
    year: { type: 'integer' },
    quarter: { type: 'integer', minimum: 1, maximum: 4 },
    month: { type: 'integer', minimum: 1, maximum: 12 },
    rootDepartmentId: { type: 'string', description: 'agency code; all agencies when absent' },
    currentPage: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1 },
  },
};
const ppReply = (description: string): Reply => json(description, 'lienthong:dvcqg/payment-reply');
const paygovReply = (description: string): Reply => json(description, 'lienthong:dvcqg/payment-paygov-reply');
const oauthError: Reply = json('an OAuth 2.0 / OpenID Connect error', { type: 'object', required: ['error'], properties: { error: { type: 'string' }, error_description: { type: 'string' } } });
const SSO = '/dvcqg/oauth2/*';

export const DVCQG_OPERATIONS: readonly OperationDoc[] = [
  {
    route: '/dvcqg/login', methods: ['POST'], tag: T, summary: 'Log in a one-stop account: a session for every later call (§A1)',
    headers: { dstcode: 'optional routing code (meaning unknown on the real portal)' },
    body: { type: JSON_TYPE, required: true, schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } },
    replies: { 200: reply('error_code 0 with session and expires_at'), 400: reply('DVCQG_BAD_JSON'), 401: reply('DVCQG_LOGIN_FAILED') },
  },
  {
    route: '/dvcqg/service', methods: ['POST'], tag: T, summary: 'Call an integration service (§A2): {session, madonvi, service, …}',
    description: `Services: ${SERVICE_NAMES.join(', ')}. Success is error_code 0; each refusal has a non-zero error_code, a message naming the field and rule, and the symbolic code.`,
    headers: { dstcode: 'the agency code, when madonvi is not in the body' },
    query: { isUpdating: 'DongBoHoSoMC: true to update an existing dossier (also accepted in the body)' },
    body: { type: JSON_TYPE, schema: SERVICE_CALL, required: true }, replies: { ...dvcqgReplies, 403: reply('DVCQG_AGENCY_MISMATCH: madonvi is not the account\'s agency') },
  },
  {
    route: '/dvcqg/share', methods: ['POST'], tag: T, summary: 'The same services at the catalogue ("share") endpoint OpenCPS configures separately',
    body: { type: JSON_TYPE, schema: SERVICE_CALL, required: true }, replies: dvcqgReplies,
  },
  {
    route: '/dvcqg/api/v1/reporting/evaluation', methods: ['POST'], tag: T, summary: 'QĐ 766 index: every group of each agency (the emulator\'s addition, for testers)',
    body: { type: JSON_TYPE, schema: EVALUATION, required: true },
    replies: { 200: json('{success, data}: the six groups per agency', { type: 'object', properties: { success: { type: 'boolean' }, data: { type: 'array' } } }), 400: reply('DVCQG_REPORT_BAD_REQUEST or DVCQG_BAD_JSON') },
  },
  {
    route: '/dvcqg/api/v1/reporting/evaluation/:apiId', methods: ['POST'], tag: T, summary: 'QĐ 766 public reporting API for one evaluation group (§A11)',
    params: { apiId: 'transparency, dvc-progress-tree, provide-online-tree, formality-online-payment-tree, handling-satisfaction or dossier-digitized' },
    body: { type: JSON_TYPE, schema: EVALUATION, required: true },
    replies: { 200: json('the group\'s scores per agency, paged', { type: 'object' }), 400: reply('DVCQG_REPORT_BAD_REQUEST'), 404: reply('DVCQG_REPORT_UNKNOWN_INDEX') },
  },

  // SSO: our own pages, then oidc-provider's endpoints behind one wildcard route.
  {
    route: '/dvcqg/authenticationendpoint/login.do', methods: ['GET'], tag: TS, summary: 'The sign-in page listing test citizens and organisations (WSO2 Identity Server\'s path)',
    query: { sessionDataKey: { description: 'the interaction id from /authorize', required: true } }, replies: { 200: html('the sign-in page'), 400: html('unknown or expired interaction') },
  },
  {
    route: '/dvcqg/authenticationendpoint/login.do', methods: ['POST'], tag: TS, summary: 'Submit the sign-in form',
    query: { sessionDataKey: { description: 'the interaction id', required: true } },
    body: { type: FORM_TYPE, schema: { type: 'object', properties: { account: { type: 'string', description: 'SoDinhDanh, SoCMND, MaSoThue or TechID' }, sessionDataKey: { type: 'string' }, cancel: { type: 'string', description: 'present: the user cancelled (Hủy)' } } } },
    replies: { 303: { description: 'back to the authorization endpoint' }, 200: html('the page again with the reason') },
  },
  {
    route: '/dvcqg/oauth2/validatetoken', methods: ['POST'], tag: TS, summary: 'Token check of the A9 clients: form token=<t>&state=0 (or Bearer)',
    body: { type: FORM_TYPE, schema: { type: 'object', properties: { token: { type: 'string' }, state: { type: 'string' } } } },
    replies: { 200: json('{active, client_id, exp, …} or {active:false}', { type: 'object', required: ['active'], properties: { active: { type: 'boolean' } } }) },
  },
  {
    route: SSO, path: '/dvcqg/oauth2/.well-known/openid-configuration', methods: ['GET'], tag: TS, summary: 'OpenID Connect discovery',
    replies: { 200: json('the provider metadata', { type: 'object', required: ['issuer', 'authorization_endpoint', 'token_endpoint'] }) },
  },
  {
    route: SSO, path: '/dvcqg/oauth2/authorize', methods: ['GET', 'POST'], tag: TS, summary: 'Authorization endpoint (code flow, acr_values=LoA1; login_hint signs in headless)',
    query: { response_type: 'code', client_id: 'the relying party', redirect_uri: 'registered redirect URI', scope: 'openid', state: 'opaque', acr_values: 'LoA1', login_hint: 'SoDinhDanh or MaSoThue: sign in without the page' },
    replies: { 303: { description: 'to the sign-in page, or back to redirect_uri with code and state' }, 400: html('an authorization error page') },
  },
  {
    route: SSO, path: '/dvcqg/oauth2/token', methods: ['POST'], tag: TS, summary: 'Token endpoint: authorization_code or refresh_token (client_secret_post or basic)',
    body: { type: FORM_TYPE, schema: { type: 'object', required: ['grant_type'], properties: { grant_type: { enum: ['authorization_code', 'refresh_token'] }, code: { type: 'string' }, redirect_uri: { type: 'string' }, client_id: { type: 'string' }, client_secret: { type: 'string' } } } },
    replies: { 200: json('access_token, id_token with the A9 claims', { type: 'object', required: ['access_token', 'token_type'] }), 400: oauthError, 401: oauthError },
  },
  {
    route: SSO, path: '/dvcqg/oauth2/userinfo', methods: ['GET', 'POST'], tag: TS, summary: 'UserInfo: the A9 claims (LoaiTaiKhoan, SoDinhDanh, MaSoThue, HoVaTen, TechID, …)',
    headers: { Authorization: { description: 'Bearer <access_token>', required: true } },
    replies: { 200: json('the claims', { type: 'object', required: ['sub'] }), 401: oauthError },
  },
  { route: SSO, path: '/dvcqg/oauth2/jwks', methods: ['GET'], tag: TS, summary: 'The provider\'s signing keys', replies: { 200: json('JWK set', { type: 'object', required: ['keys'] }) } },
  {
    route: SSO, path: '/dvcqg/oauth2/introspect', methods: ['POST'], tag: TS, summary: 'Token introspection (RFC 7662)',
    body: { type: FORM_TYPE, schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } },
    replies: { 200: json('{active, …}', { type: 'object', required: ['active'] }), 400: oauthError },
  },
  {
    route: SSO, path: '/dvcqg/oauth2/revoke', methods: ['POST'], tag: TS, summary: 'Token revocation (RFC 7009)',
    body: { type: FORM_TYPE, schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } },
    replies: { 200: { description: 'revoked (or unknown)' }, 400: oauthError },
  },
  {
    route: SSO, path: '/dvcqg/oauth2/logout', methods: ['GET', 'POST'], tag: TS, summary: 'RP-initiated logout: a confirmation page',
    query: { id_token_hint: 'the id_token', post_logout_redirect_uri: 'registered URI' }, replies: { 200: html('the sign-out page'), 303: { description: 'after signing out' } },
  },

  // Payments
  {
    route: '/dvcqg/payment/init', methods: ['POST'], tag: TP, summary: 'PP DVCQG: start a payment (MaXacThuc SHA-256 over the documented fields); answers UrlThanhToan',
    body: { type: JSON_TYPE, schema: { type: 'object', required: ['MaDoiTac', 'MaXacThuc'], properties: { MaDoiTac: { type: 'string' }, MaXacThuc: { type: 'string' } }, additionalProperties: true }, required: true },
    replies: { 200: ppReply('MaLoi "00" and UrlThanhToan'), 400: ppReply('MaLoi ≠ "00": a field breaks a rule'), 401: ppReply('MaXacThuc does not verify') },
  },
  {
    route: '/dvcqg/payment/receipt', methods: ['POST'], tag: TP, summary: 'PP DVCQG: a transaction\'s receipt (biên lai)',
    body: { type: JSON_TYPE, schema: { type: 'object', additionalProperties: true }, required: true },
    replies: { 200: ppReply('MaLoi "00" with the receipt'), 400: ppReply('refused'), 404: ppReply('no such transaction') },
  },
  {
    route: '/dvcqg/payment/bill', methods: ['POST'], tag: TP, summary: 'PP DVCQG: a transaction\'s bill',
    body: { type: JSON_TYPE, schema: { type: 'object', additionalProperties: true }, required: true },
    replies: { 200: ppReply('MaLoi "00" with the bill'), 400: ppReply('refused'), 404: ppReply('no such transaction') },
  },
  {
    route: '/dvcqg/paygov/create', methods: ['POST'], tag: TP, summary: 'PayGov: create a payment (Authorization: Bearer <LGSP token>); answers data.url',
    headers: { Authorization: { description: 'Bearer <LGSP token>', required: true } },
    body: { type: JSON_TYPE, schema: { type: 'object', additionalProperties: true }, required: true },
    replies: { 200: paygovReply('SUCCESSFUL with data.url'), 400: paygovReply('refused'), 401: paygovReply('UNAUTHORIZED') },
  },
  {
    route: '/dvcqg/paygov/receipt', methods: ['POST'], tag: TP, summary: 'PayGov: a transaction\'s receipt',
    headers: { Authorization: { description: 'Bearer <LGSP token>', required: true } },
    body: { type: JSON_TYPE, schema: { type: 'object', additionalProperties: true }, required: true },
    replies: { 200: paygovReply('SUCCESSFUL with data.transactionReceipt'), 400: paygovReply('refused'), 401: paygovReply('UNAUTHORIZED') },
  },
  { route: '/dvcqg/payment/pay/:ref', methods: ['GET'], tag: TP, summary: 'The payer\'s payment page', params: { ref: 'transaction reference' }, replies: { 200: html('the payment page'), 404: html('no such transaction') } },
  {
    route: '/dvcqg/payment/pay/:ref', methods: ['POST'], tag: TP, summary: 'The payer pays or cancels (form): the agency\'s callback follows', params: { ref: 'transaction reference' },
    body: { type: FORM_TYPE, schema: { type: 'object', required: ['action'], properties: { action: { enum: ['pay', 'cancel', 'fail'] } } } },
    replies: { 200: html('the result page'), 303: { description: 'to the agency\'s return URL' }, 400: html('unknown action'), 404: html('no such transaction'), 409: html('the transaction is no longer pending') },
  },
  { route: '/dvcqg/payment/receipts/:ref', methods: ['GET'], tag: TP, summary: 'PP DVCQG receipt page (UrlBienLai)', params: { ref: 'transaction reference' }, replies: { 200: html('the receipt'), 404: html('no such transaction'), 409: html('not paid yet') } },
  { route: '/dvcqg/paygov/receipts/:ref', methods: ['GET'], tag: TP, summary: 'PayGov receipt page', params: { ref: 'transaction reference' }, replies: { 200: html('the receipt'), 404: html('no such transaction') } },
];

export const DVCQG_UNSERVED: readonly UnservedMethods[] = [
  { route: SSO, methods: ['PUT', 'DELETE'], reason: 'oidc-provider takes every method under /dvcqg/oauth2; no enabled endpoint serves PUT or DELETE (dynamic client registration is off): it answers 404 invalid_request' },
];

