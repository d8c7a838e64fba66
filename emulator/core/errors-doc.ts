import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CORE_ERRORS, type Catalog } from './errors.js';
import { DVCQG_ERRORS } from '../platforms/dvcqg/errors.js';
import { PAYMENT_ERRORS } from '../platforms/dvcqg/payment/errors.js';
import { SSO_ERRORS } from '../platforms/dvcqg/sso/errors.js';
import { NDXP_ERRORS } from '../platforms/ndxp/errors.js';
import { POPULATION_ERRORS } from '../platforms/ndxp/population/index.js';
import { CATEGORY_ERRORS } from '../platforms/ndxp/categories/index.js';
import { BUSINESS_ERRORS } from '../platforms/ndxp/business/index.js';
import { VDXP_ERRORS } from '../platforms/vdxp/errors.js';

/** Every catalog, in the order docs/errors.md lists them. */
/** `wireForm`: what a wire code looks like in that dialect (numbers, MaLoi's two digits, PayGov's words). */
export const CATALOGS: ReadonlyArray<{ title: string; dialect: string; catalog: Catalog; wireForm: RegExp }> = [
  { title: 'Core and control plane', dialect: '`{"error":{"code","message","field","rule"}}`', catalog: CORE_ERRORS, wireForm: /^$/ },
  { title: 'VDXP (/vdxp)', dialect: '`{"status":"FAIL","ErrorCode":"<wire>","ErrorDesc","code","field","rule"}`', catalog: VDXP_ERRORS, wireForm: /^[1-9][0-9]*$/ },
  { title: 'DVCQG integration API (/dvcqg/login, /dvcqg/service)', dialect: '`{"error_code":<wire as a number>,"message","code","field","rule","problems"}`', catalog: DVCQG_ERRORS, wireForm: /^[1-9][0-9]*$/ },
  { title: 'DVCQG SSO (/dvcqg/oauth2)', dialect: 'OAuth 2.0 / OpenID Connect errors (`{"error","error_description"}`) on the protocol endpoints; `{"error":{"code","message"}}` on the control plane', catalog: SSO_ERRORS, wireForm: /^[a-z_]+$/ },
  { title: 'DVCQG payments (/dvcqg/payment, /dvcqg/paygov)', dialect: 'PP DVCQG `{"MaLoi":"<wire>","MoTaLoi","code","field","rule"}`; PayGov `{"error_code":"<wire>","error_message","code","field","rule"}`', catalog: PAYMENT_ERRORS, wireForm: /^(\d{2}|[A-Z_]+)$/ },
  { title: 'NDXP gateway (/ndxp)', dialect: 'token endpoint: OAuth 2.0 `{"error":"<wire>","error_description","lienthong":{"code","field"}}`; API calls: WSO2 API Manager `{"fault":{"code":<wire as a number>,"message","description"},"lienthong":{"code","field","rule"}}` (`<ams:fault>` for XML callers)', catalog: NDXP_ERRORS, wireForm: /^([a-z_]+|\d+)$/ },
  { title: 'NDXP population database (/ndxp/apiCSDLDC/1.0, SOAP)', dialect: 'SOAP 1.1 Fault (HTTP 500), `<faultcode>soapenv:Client</faultcode>`, `<faultstring>` naming the field and rule, `<detail><dan:errorCode><wire></dan:errorCode><dan:errorMessage>…` (004/005 are the real codes, the rest ours; docs/decisions/011)', catalog: POPULATION_ERRORS, wireForm: /^\d{3}$/ },
  { title: 'NDXP business registration (/ndxp/apiCSDLDKDN/1.0)', dialect: '`{"Data":null,"DataCount":0,"Status":"0","Message","ErrorCode":"<code>"}` with a real HTTP status (docs/decisions/012)', catalog: BUSINESS_ERRORS, wireForm: /^$/ },
  { title: 'NDXP category service (/ndxp/dmdc)', dialect: '`{"MSG","Count" (POST),"ErrorCode","Field","Rule","Errors":[{"Record","ErrorCode","Field","Rule","Message"}]}` (the LGSP guide\'s `MSG` key; docs/decisions/013)', catalog: CATEGORY_ERRORS, wireForm: /^$/ },
];

/** docs/errors.md, generated from the catalogs so it cannot drift (`npm run docs:errors`). */
export function renderErrorsDoc(): string {
  const parts = ['# Error codes', '', 'Generated from the error catalogs by `npm run docs:errors`; do not edit by hand.', ''];
  for (const { title, dialect, catalog } of CATALOGS) {
    parts.push(`## ${title}`, '', `Rendered as ${dialect}.`, '', '| code | HTTP | wire | when |', '|---|---|---|---|');
    for (const [code, spec] of Object.entries(catalog)) parts.push(`| \`${code}\` | ${spec.http} | ${spec.wire ?? ''} | ${spec.title.replace(/\|/g, '\\|')} |`);
    parts.push('');
  }
  return parts.join('\n');
}

export const ERRORS_DOC_PATH = new URL('../../docs/errors.md', import.meta.url);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
}
