/**
 * `GET /_lienthong/openapi.json` (OpenAPI 3.1) and `GET /_lienthong/docs` (the same, as HTML). Registered
 * before any other route so the onRoute hook sees every route of every plugin: the document is the route
 * table itself, described by the catalogs in operations-*.ts.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildOpenApi, type RouteRecord } from './document.js';
import { docsPage } from './docs-page.js';

export { buildOpenApi, OPERATIONS, UNSERVED, type RouteRecord, type Drift } from './document.js';

const serverUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function policy(nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');
}

export function registerOpenApi(app: FastifyInstance): void {
  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (r) => {
    routes.push({ url: r.url, methods: [r.method].flat() });
  });
  const documentFor = (request: FastifyRequest) => buildOpenApi({ routes, version: app.lienthong.version, serverUrl: serverUrlOf(request) }).document;

  app.get('/_lienthong/openapi.json', async (request, reply) => reply.header('cache-control', 'no-cache').send(documentFor(request)));
  app.get('/_lienthong/docs', async (request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', policy(nonce))
      .header('cache-control', 'no-cache')
      .send(docsPage(documentFor(request), nonce));
  });
}
