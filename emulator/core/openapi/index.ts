/**
 * `GET /_lienthong/openapi.json` (OpenAPI 3.1) and `GET /_lienthong/docs` (the same, as HTML). Registered
 * before any other route so the onRoute hook sees every route of every plugin: the document is the route
 * table itself, described by the catalogs in operations-*.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildOpenApi, forServer, type RouteRecord } from './document.js';
import { sendHtmlPage } from '../html-page.js';
import { docsPage } from './docs-page.js';

export { buildOpenApi, OPERATIONS, UNSERVED, type RouteRecord, type Drift } from './document.js';

const serverUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function registerOpenApi(app: FastifyInstance): void {
  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (r) => {
    routes.push({ url: r.url, methods: [r.method].flat() });
  });
  // Built once, on first use: no route is added once the app is ready, and only the server address varies.
  let document: ReturnType<typeof buildOpenApi>['document'] | undefined;
  const documentFor = (request: FastifyRequest) => forServer((document ??= buildOpenApi({ routes, version: app.lienthong.version }).document), serverUrlOf(request));

  app.get('/_lienthong/openapi.json', async (request, reply) => reply.header('cache-control', 'no-cache').send(documentFor(request)));
  app.get('/_lienthong/docs', async (request, reply) => sendHtmlPage(reply, (nonce) => docsPage(documentFor(request), nonce), { cacheControl: 'no-cache' }));
}
