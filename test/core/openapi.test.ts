/**
 * GET /_lienthong/openapi.json and /_lienthong/docs: the document lists every route fastify registered
 * (read independently from printRoutes), every $ref resolves, it is structurally OpenAPI 3.1, the replies
 * the emulator really sends validate against what it documents, and the docs page shows every operation.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type LienthongApp } from '../../emulator/app.js';
import { buildOpenApi } from '../../emulator/core/openapi/index.js';
import { docsPage } from '../../emulator/core/openapi/docs-page.js';
import { CATALOGS } from '../../emulator/core/errors-doc.js';
import { OPENAPI_31_SUBSET } from './support/openapi-3.1-subset.js';
import { printedRoutes, type PrintedRoute } from './support/route-table.js';

type Json = Record<string, any>;
const MOUNTS = ['/_lienthong', '/vdxp', '/dvcqg', '/ndxp'];
const underMounts = (url: string) => MOUNTS.some((m) => url === m || url.startsWith(`${m}/`));
const trim = (url: string) => (url.length > 1 ? url.replace(/\/+$/, '') : url);
const toPath = (url: string) => trim(url).replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, seg) => (node !== null && typeof node === 'object' ? (node as Json)[seg] : undefined), doc);
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else if (!['const', 'enum', 'examples', 'default'].includes(k)) refsIn(v, out);
    }
  }
  return out;
}

describe('OpenAPI document at /_lienthong/openapi.json', () => {
  let app: LienthongApp;
  let doc: Json;
  let routes: PrintedRoute[];
  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: 'virtual', population: 500, enterprises: 50 });
    routes = printedRoutes(app);
    const res = await app.inject({ method: 'GET', url: '/_lienthong/openapi.json', headers: { host: 'emulator.test:8686' } });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => app.close());

  it('reads the route table independently (sanity: the known operations are in it)', () => {
    const urls = new Set(routes.map((r) => trim(r.url)));
    for (const u of ['/vdxp/sendEdoc', '/dvcqg/service', '/ndxp/token', '/ndxp/*', '/dvcqg/oauth2/*', '/_lienthong/health', '/_lienthong/openapi.json']) expect(urls, u).toContain(u);
    expect(routes.length).toBeGreaterThan(60);
  });

  it('lists every route and method registered under /vdxp, /dvcqg, /ndxp and /_lienthong (no drift either way)', () => {
    const unserved = new Set((doc['x-lienthong-unserved-methods'] ?? []).flatMap((u: Json) => u.methods.map((m: string) => `${m} ${u.route}`)));
    const viaRoute = new Set<string>();
    for (const [, ops] of Object.entries(doc.paths as Json)) {
      for (const [m, op] of Object.entries(ops as Json)) if (op['x-lienthong-route']) viaRoute.add(`${m.toUpperCase()} ${op['x-lienthong-route']}`);
    }
    const missing: string[] = [];
    for (const r of routes.filter((x) => underMounts(trim(x.url)))) {
      for (const m of r.methods.filter((x) => x !== 'HEAD' && x !== 'OPTIONS')) {
        const k = `${m} ${trim(r.url)}`;
        const listed = doc.paths[toPath(r.url)]?.[m.toLowerCase()] !== undefined || viaRoute.has(k) || unserved.has(k);
        if (!listed) missing.push(k);
      }
    }
    expect(missing).toEqual([]);
    // The builder's own drift report on the independently read table: nothing undocumented, nothing stale.
    const { drift } = buildOpenApi({ routes, version: 'test' });
    expect(drift).toEqual({ undocumented: [], stale: [] });
    expect(JSON.stringify(doc)).not.toContain('x-lienthong-undocumented');
  });

  it('would show drift: a new route without a catalog entry, and an entry whose route is gone', () => {
    const withNew = buildOpenApi({ routes: [...routes, { url: '/vdxp/brandNewOperation', methods: ['POST'] }], version: 'test' });
    expect(withNew.drift.undocumented).toEqual([{ route: '/vdxp/brandNewOperation', method: 'POST' }]);
    expect(withNew.document.paths).toHaveProperty(['/vdxp/brandNewOperation', 'post', 'x-lienthong-undocumented'], true);
    const withoutOne = buildOpenApi({ routes: routes.filter((r) => trim(r.url) !== '/vdxp/updateStatus'), version: 'test' });
    expect(withoutOne.drift.stale).toEqual([{ route: '/vdxp/updateStatus', method: 'POST' }]);
  });

  it('is structurally OpenAPI 3.1 (a meta-schema of the parts used), with unique operationIds and declared path parameters', () => {
    const validate = newAjv().compile(OPENAPI_31_SUBSET);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    const ids: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(ops as Json)) {
        ids.push(op.operationId);
        const declared = (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name).sort();
        expect(declared, path).toEqual(templated);
        for (const s of op.security ?? []) for (const name of Object.keys(s)) expect(doc.components.securitySchemes, name).toHaveProperty(name);
        for (const t of op.tags ?? []) expect(doc.tags.map((x: Json) => x.name)).toContain(t);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers).toEqual([{ url: 'http://emulator.test:8686', description: 'this emulator' }]);
  });

  it('resolves every $ref inside the document, and every schema compiles', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
    // No reference by $id is left (tools that do not resolve $id would fail on it).
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
    const ajv = newAjv();
    ajv.addSchema(doc, 'openapi');
    for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.getSchema(`openapi#/components/schemas/${name}`), name).not.toThrow();
  });

  it('takes its components from schemas/ (the Ajv registry), not from a copy', () => {
    const s = doc.components.schemas;
    expect(s['ndxp.consumer-create'].title).toBe('lienthong:ndxp/consumer-create');
    expect(s['ndxp.consumer-update'].properties.apis.items.$ref).toBe('#/components/schemas/ndxp.consumer-create/$defs/apiRef');
    expect(s['vdxp.reply-send-edoc'].allOf[0].$ref).toBe('#/components/schemas/vdxp.reply');
    expect(doc.paths['/_lienthong/vdxp/systems'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/vdxp.system-create' });
  });

  it('describes wire formats: edXML bytes, signed headers, SOAP, form-encoded tokens', () => {
    const send = doc.paths['/vdxp/sendEdoc'].post;
    expect(Object.keys(send.requestBody.content)).toContain('application/octet-stream');
    expect(send.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['XroadVnpt-systemid', 'XroadVnpt-sign-header', 'XroadVnpt-hash-header']));
    expect(send.security).toEqual([{ xroadvnpt: [] }]);
    expect(Object.keys(doc.paths['/ndxp/apiCSDLDC/1.0'].post.requestBody.content)).toEqual(['text/xml', 'application/xml']);
    expect(doc.paths['/ndxp/apiCSDLDC/1.0'].post['x-lienthong-route']).toBe('/ndxp/*');
    expect(Object.keys(doc.paths['/ndxp/token'].post.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  /** The schema documented for a reply, validated against what the emulator actually answered. */
  function checkReply(path: string, method: string, res: { statusCode: number; headers: Json; body: string }) {
    const response = doc.paths[path]?.[method]?.responses?.[String(res.statusCode)];
    expect(response, `${method} ${path} does not document status ${res.statusCode}: ${res.body.slice(0, 200)}`).toBeDefined();
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
    const content = response.content?.[type];
    expect(content, `${method} ${path} ${res.statusCode} does not document ${type}`).toBeDefined();
    if (!content.schema || type !== 'application/json') return;
    const ajv = newAjv();
    ajv.addSchema(doc, 'openapi');
    const validate = ajv.compile({ $ref: `openapi#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${res.statusCode}/content/application~1json/schema` });
    expect(validate(JSON.parse(res.body)), `${method} ${path} ${res.statusCode}: ${JSON.stringify(validate.errors)} for ${res.body.slice(0, 300)}`).toBe(true);
  }

  it('documents the replies the emulator really sends, success and refusal, in every dialect', async () => {
    const basic = `Basic ${Buffer.from('openapi-test:secret-123').toString('base64')}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases: [string, string, Json][] = [
      ['/_lienthong/health', 'get', { method: 'GET', url: '/_lienthong/health' }],
      ['/_lienthong/clock', 'post', { method: 'POST', url: '/_lienthong/clock', payload: { advance: 'soon' } }],
      ['/_lienthong/clock', 'post', { method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT1H' } }],
      ['/_lienthong/ndxp/consumers', 'post', { method: 'POST', url: '/_lienthong/ndxp/consumers', payload: { clientId: 'x' } }],
      ['/_lienthong/ndxp/consumers', 'post', { method: 'POST', url: '/_lienthong/ndxp/consumers', payload: { clientId: 'openapi-test', clientSecret: 'secret-123', agency: '000.00.01.H22', apis: ['apiCSDLDKDN'] } }],
      ['/_lienthong/vdxp/systems/{id}', 'get', { method: 'GET', url: '/_lienthong/vdxp/systems/nobody' }],
      ['/ndxp/token', 'post', { method: 'POST', url: '/ndxp/token', headers: { ...form, authorization: basic }, payload: 'grant_type=client_credentials' }],
      ['/ndxp/token', 'post', { method: 'POST', url: '/ndxp/token', headers: form, payload: 'grant_type=client_credentials' }],
      ['/ndxp/token', 'post', { method: 'POST', url: '/ndxp/token', headers: { ...form, authorization: basic }, payload: 'grant_type=password' }],
      ['/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep', 'get', { method: 'GET', url: '/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=0100109106' }],
      ['/ndxp', 'get', { method: 'GET', url: '/ndxp' }],
      ['/vdxp/getReceivedEdocList', 'post', { method: 'POST', url: '/vdxp/getReceivedEdocList' }],
      ['/dvcqg/login', 'post', { method: 'POST', url: '/dvcqg/login', payload: { username: 'nobody', password: 'x' } }],
      ['/dvcqg/service', 'post', { method: 'POST', url: '/dvcqg/service', payload: { session: 'nope', service: 'LayThuTuc' } }],
      ['/dvcqg/payment/init', 'post', { method: 'POST', url: '/dvcqg/payment/init', payload: {} }],
      ['/dvcqg/paygov/create', 'post', { method: 'POST', url: '/dvcqg/paygov/create', payload: {} }],
      ['/dvcqg/api/v1/reporting/evaluation', 'post', { method: 'POST', url: '/dvcqg/api/v1/reporting/evaluation', payload: {} }],
      ['/dvcqg/oauth2/.well-known/openid-configuration', 'get', { method: 'GET', url: '/dvcqg/oauth2/.well-known/openid-configuration' }],
      ['/_lienthong/docs', 'get', { method: 'GET', url: '/_lienthong/docs' }],
    ];
    for (const [path, method, req] of cases) checkReply(path, method, await app.inject(req as never));
    // A token that works reaches the registry, and its reply is the documented envelope too.
    const token = (await app.inject({ method: 'POST', url: '/ndxp/token', headers: { ...form, authorization: basic }, payload: 'grant_type=client_credentials' })).json().access_token as string;
    const msdn = (await app.inject({ method: 'GET', url: '/_lienthong/ndxp/enterprises?limit=1' })).json().enterprises[0].msdn as string;
    const found = await app.inject({ method: 'GET', url: `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${msdn}`, headers: { authorization: `Bearer ${token}` } });
    expect(found.statusCode).toBe(200);
    checkReply('/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep', 'get', found);
  });

  it('a documented reply schema is not vacuous: a wrong body fails it', () => {
    const ajv = newAjv();
    ajv.addSchema(doc, 'openapi');
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/ndxp.token-reply' });
    expect(validate({ access_token: 'x', token_type: 'bearer', expires_in: 10, scope: 'default' })).toBe(false);
    expect(validate({ access_token: 'x', token_type: 'Bearer', expires_in: 10, scope: 'default' })).toBe(true);
  });
});

describe('docs page at /_lienthong/docs', () => {
  let app: LienthongApp;
  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: 'virtual', population: 500, enterprises: 50 });
  });
  afterAll(() => app.close());

  it('renders every operation, the schemas and every error code, self-contained', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/_lienthong/openapi.json' })).json() as Json;
    const res = await app.inject({ method: 'GET', url: '/_lienthong/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const page = res.body;
    for (const ops of Object.values(doc.paths as Json)) for (const op of Object.values(ops as Json)) expect(page).toContain(`id="${op.operationId}"`);
    for (const name of Object.keys(doc.components.schemas)) expect(page).toContain(`id="schema-${name}"`);
    for (const { catalog } of CATALOGS) for (const code of Object.keys(catalog)) expect(page).toContain(`id="error-${code}"`);
    expect(page).toContain('docs/errors.md');
    // Nothing fetched from elsewhere: no external script, style or image, and a CSP that forbids it.
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(page).toContain(`<script nonce="${nonce}">`);
  });

  it('escapes what it renders: a summary with markup stays text', () => {
    const doc = {
      info: { title: 't', version: '1', description: 'd' },
      tags: [{ name: 'x', description: '' }],
      paths: { '/x': { get: { tags: ['x'], operationId: 'getX', summary: '<script>alert(1)</script>', responses: { 200: { description: '"quoted" & <b>' } } } } },
      components: { schemas: {} },
    };
    const page = docsPage(doc, 'n0nce');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
    expect(page.match(/<script/g)).toHaveLength(1);
  });
});
