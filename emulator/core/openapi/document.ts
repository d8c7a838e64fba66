/**
 * Builds the OpenAPI 3.1 document from the route table fastify reports (onRoute) joined with the operation
 * catalogs. The route table decides what is listed: a catalog entry whose route is gone is reported stale, a
 * route without an entry is still listed (marked `x-lienthong-undocumented`), so drift is visible in the
 * document itself and fails test/core/openapi.test.ts.
 */
import { Components } from './components.js';
import { CONTROL_OPERATIONS } from './operations-control.js';
import { DVCQG_OPERATIONS, DVCQG_UNSERVED } from './operations-dvcqg.js';
import { NDXP_OPERATIONS } from './operations-ndxp.js';
import { VDXP_OPERATIONS } from './operations-vdxp.js';
import { DOCUMENTED_METHODS, type JsonSchema, type Method, type OperationDoc, type Param, type TagDoc, type UnservedMethods } from './types.js';

export const OPERATIONS: readonly OperationDoc[] = [...CONTROL_OPERATIONS, ...VDXP_OPERATIONS, ...DVCQG_OPERATIONS, ...NDXP_OPERATIONS];
export const UNSERVED: readonly UnservedMethods[] = [...DVCQG_UNSERVED];

export const TAGS: readonly TagDoc[] = [
  { name: 'control plane', description: 'The emulator\'s own API: health, info, reset, clock, evidence log, fault injection, console, this document.' },
  { name: 'control plane: VDXP', description: 'Connected document systems, the directory, mailboxes, packages, the test CA.' },
  { name: 'control plane: DVCQG', description: 'One-stop accounts, dossiers, portal calls, SSO relying parties and test logins, payment partners and transactions.' },
  { name: 'control plane: NDXP', description: 'Consumers, the service registry, tokens and usage, population licences, catalogues, samples of the synthetic world.' },
  { name: 'VDXP', description: 'Trục liên thông văn bản quốc gia: the SDKVXP HTTP API (XroadVnpt-* headers, edXML bodies, {status, ErrorCode, ErrorDesc} replies).' },
  { name: 'DVCQG', description: 'Cổng dịch vụ công quốc gia: the integration API ({session, madonvi, service} POSTs, error_code) and the QĐ 766 reporting API.' },
  { name: 'DVCQG SSO', description: 'OpenID Connect provider at /dvcqg/oauth2 (A9 claims), its sign-in page and the A9 token check.' },
  { name: 'DVCQG payments', description: 'PP DVCQG (MaXacThuc, MaLoi) and PayGov, with the payer\'s pages.' },
  { name: 'NDXP gateway', description: 'NDXP / LGSP: OAuth2 client-credentials tokens and the API gateway (WSO2 API Manager\'s faults).' },
  { name: 'NDXP population database', description: 'CSDLQG về dân cư behind the gateway: SOAP 1.1.' },
  { name: 'NDXP business registration', description: 'CSDL quốc gia về đăng ký doanh nghiệp behind the gateway: JSON GET resources.' },
  { name: 'NDXP categories', description: 'The shared-category service (dmdc) behind the gateway.' },
];

/** One route as fastify registered it: `url` with its prefix, every method. */
export interface RouteRecord {
  url: string;
  methods: readonly string[];
}

/** Mounts this document describes; anything else (none today) is not an HTTP API of the emulator. */
export const DOCUMENTED_MOUNTS = ['/_lienthong', '/vdxp', '/dvcqg', '/ndxp'] as const;

export const normaliseRoute = (url: string): string => (url.length > 1 ? url.replace(/\/+$/, '') : url);
const isDocumentedMount = (url: string) => DOCUMENTED_MOUNTS.some((m) => url === m || url.startsWith(`${m}/`));
const openApiPath = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const key = (route: string, method: string) => `${method} ${normaliseRoute(route)}`;

export interface Drift {
  /** Registered (route, method) pairs no catalog entry describes. */
  undocumented: { route: string; method: string }[];
  /** Catalog entries (route, method) fastify did not register. */
  stale: { route: string; method: string }[];
}

export interface OpenApiOptions {
  routes: readonly RouteRecord[];
  version: string;
  operations?: readonly OperationDoc[];
}

function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

function param(name: string, where: 'path' | 'query' | 'header', spec: Param | string): JsonSchema {
  const p: Param = typeof spec === 'string' ? { description: spec } : spec;
  return { name, in: where, description: p.description, required: where === 'path' ? true : (p.required ?? false), schema: p.schema ?? { type: 'string' } };
}

const types = (t: string | readonly string[]) => (typeof t === 'string' ? [t] : [...t]);

function toOperation(doc: OperationDoc, method: Method, path: string, components: Components): JsonSchema {
  const parameters = [
    ...[...path.matchAll(/\{([^}]+)\}/g)].map((m) => param(m[1]!, 'path', doc.params?.[m[1]!] ?? m[1]!)),
    ...Object.entries(doc.query ?? {}).map(([n, s]) => param(n, 'query', s)),
    ...Object.entries(doc.headers ?? {}).map(([n, s]) => param(n, 'header', s)),
  ];
  const responses = Object.fromEntries(
    Object.entries(doc.replies).map(([status, r]) => {
      const content = r.type ? Object.fromEntries(types(r.type).map((t) => [t, r.schema ? { schema: components.use(r.schema) } : {}])) : undefined;
      return [status, { description: r.description, ...(content ? { content } : {}) }];
    }),
  );
  const body = doc.body
    ? {
        requestBody: {
          required: doc.body.required ?? true,
          ...(doc.body.description ? { description: doc.body.description } : {}),
          content: Object.fromEntries(types(doc.body.type).map((t) => [t, doc.body?.schema ? { schema: components.use(doc.body.schema) } : {}])),
        },
      }
    : {};
  return {
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    operationId: operationId(method, path),
    ...(parameters.length ? { parameters } : {}),
    ...body,
    responses,
    ...(doc.security ? { security: doc.security.map((s) => ({ [s]: [] })) } : {}),
    ...(path !== openApiPath(doc.route) ? { 'x-lienthong-route': doc.route } : {}),
  };
}

/** The document, and what drifted between the routes and the catalog. */
export function buildOpenApi(opts: OpenApiOptions): { document: JsonSchema; drift: Drift } {
  const catalog = opts.operations ?? OPERATIONS;
  const registered = new Map<string, { route: string; method: string }>();
  for (const r of opts.routes) {
    if (!isDocumentedMount(normaliseRoute(r.url))) continue;
    for (const m of r.methods) if ((DOCUMENTED_METHODS as readonly string[]).includes(m)) registered.set(key(r.url, m), { route: normaliseRoute(r.url), method: m });
  }
  const covered = new Set<string>();
  for (const u of UNSERVED) for (const m of u.methods) covered.add(key(u.route, m));

  const components = new Components();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const stale: Drift['stale'] = [];
  for (const doc of catalog) {
    const path = doc.path ?? openApiPath(normaliseRoute(doc.route));
    for (const method of doc.methods) {
      if (!registered.has(key(doc.route, method))) {
        stale.push({ route: doc.route, method });
        continue;
      }
      covered.add(key(doc.route, method));
      (paths[path] ??= {})[method.toLowerCase()] = toOperation(doc, method, path, components);
    }
  }
  const undocumented = [...registered].filter(([k]) => !covered.has(k)).map(([, v]) => v);
  for (const u of undocumented) {
    const path = openApiPath(u.route);
    (paths[path] ??= {})[u.method.toLowerCase()] ??= {
      summary: 'not yet described in emulator/core/openapi/operations-*.ts',
      operationId: operationId(u.method, path),
      ...(/\{/.test(path) ? { parameters: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => param(m[1]!, 'path', m[1]!)) } : {}),
      responses: { default: { description: 'undocumented' } },
      'x-lienthong-undocumented': true,
    };
  }

  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  const document: JsonSchema = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'lienthong — emulator of VDXP, DVCQG and NDXP',
      version: opts.version,
      summary: 'The HTTP APIs of the emulated national platforms and of the emulator\'s control plane',
      description:
        'Generated at run time from the routes the emulator registers and the JSON Schemas under schemas/. ' +
        'HEAD is served wherever GET is, and the NDXP gateway answers OPTIONS (CORS); neither is listed. ' +
        'Every refusal carries a stable code: see the error codes section of /_lienthong/docs (docs/errors.md in the repository).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: TAGS.filter((t) => Object.values(sortedPaths).some((ops) => Object.values(ops).some((o) => (o.tags as string[] | undefined)?.includes(t.name)))),
    paths: sortedPaths,
    components: {
      schemas: components.toObject(),
      securitySchemes: {
        xroadvnpt: {
          type: 'apiKey',
          in: 'header',
          name: 'XroadVnpt-hash-header',
          description: 'SDKVXP authentication: XroadVnpt-systemid, XroadVnpt-sign-header (JSON of the signed parameters), XroadVnpt-sign-header-key and XroadVnpt-hash-header = lowercase hex HMAC-SHA256(secret, sign-header).',
        },
        ndxpBearer: { type: 'http', scheme: 'bearer', description: 'An access token from POST /ndxp/token (client-credentials grant).' },
      },
    },
    externalDocs: { description: 'Error codes of every platform (docs/errors.md)', url: '/_lienthong/docs#errors' },
    ...(UNSERVED.length ? { 'x-lienthong-unserved-methods': UNSERVED } : {}),
    ...(undocumented.length ? { 'x-lienthong-undocumented': undocumented } : {}),
  };
  return { document, drift: { undocumented, stale } };
}

/** The document as one emulator serves it: its own address as the server, and absolute links to its pages. */
export function forServer(document: JsonSchema, serverUrl: string): JsonSchema {
  const externalDocs = document.externalDocs as { description: string; url: string };
  return { ...document, servers: [{ url: serverUrl, description: 'this emulator' }], externalDocs: { ...externalDocs, url: `${serverUrl}${externalDocs.url}` } };
}
