/**
 * `lienthong/msw`: msw 2 handlers that answer a Node SUT's HTTP calls with the emulator itself, in
 * process. Every request for a mapped base URL goes through `app.inject()` into the same fastify app
 * `lienthong start` serves, so no route is defined twice: headers as sent (XroadVnpt-*, Authorization),
 * bodies as bytes (edXML, SOAP, forms), replies streamed back with their status and headers.
 *
 * @example
 *   const lienthong = createLienthongMsw({ hosts: { 'https://api.ngsp.gov.vn': '/ndxp' } });
 *   const server = setupServer(...lienthong.handlers);
 *   server.listen();  // fetch('http://lienthong.local/_lienthong/health') now reaches the emulator
 *   …
 *   server.close(); await lienthong.close();
 */
import { Readable } from 'node:stream';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { buildApp, type BuildAppOptions, type LienthongApp } from './app.js';

/** Where a base URL lands in the emulator: all of it (`''`), or one platform's mount. */
export type Mount = '' | '/vdxp' | '/dvcqg' | '/ndxp' | '/_lienthong';

/** The host the emulator answers as when nothing else is configured: reachable only through these handlers. */
export const DEFAULT_BASE_URL = 'http://lienthong.local';

export interface LienthongMswOptions {
  /** The emulator to answer with; built lazily from `buildOptions` (in memory, virtual clock) when absent. */
  app?: LienthongApp | Promise<LienthongApp>;
  buildOptions?: BuildAppOptions;
  /**
   * The base URL of the whole emulator (`/vdxp`, `/dvcqg`, `/ndxp`, `/_lienthong` under it). It is also the
   * Host the emulator sees, so the absolute URLs it hands out (payment pages, SSO redirects) come back here.
   */
  baseUrl?: string;
  /**
   * More base URLs, each onto one mount, for a SUT configured with the real platforms' addresses:
   * `{'http://vdxp.example.gov.vn:8080/XrdAdapter/adapter': '/vdxp', 'https://api.ngsp.gov.vn': '/ndxp'}`.
   * The longest matching base wins; the rest of the path and the query follow the mount.
   */
  hosts?: Record<string, Mount>;
}

export interface LienthongMsw {
  handlers: HttpHandler[];
  /** The app answering (built on first use when none was given). */
  app(): Promise<LienthongApp>;
  /** Closes the app if these handlers built it; an app passed in is the caller's to close. */
  close(): Promise<void>;
}

interface Base {
  origin: string;
  path: string;
  mount: Mount;
}

const MOUNTS: readonly Mount[] = ['', '/vdxp', '/dvcqg', '/ndxp', '/_lienthong'];

function parseBase(url: string, mount: Mount): Base {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError(`lienthong/msw: "${url}" is not an absolute URL (e.g. https://api.ngsp.gov.vn)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`lienthong/msw: "${url}" must be http or https`);
  if (u.search || u.hash) throw new TypeError(`lienthong/msw: base URL "${url}" must not have a query or fragment`);
  if (!MOUNTS.includes(mount)) throw new TypeError(`lienthong/msw: mount "${mount}" for ${url} must be one of ${MOUNTS.map((m) => JSON.stringify(m)).join(', ')}`);
  return { origin: u.origin, path: u.pathname.replace(/\/+$/, ''), mount };
}

/** The emulator path for a request URL, or undefined when no base claims it (msw then tries other handlers). */
export function routeFor(bases: readonly Base[], url: URL): string | undefined {
  for (const b of bases) {
    if (url.origin !== b.origin) continue;
    if (b.path !== '' && url.pathname !== b.path && !url.pathname.startsWith(`${b.path}/`)) continue;
    const rest = url.pathname.slice(b.path.length);
    return `${b.mount}${rest}` === '' ? `/${url.search}` : `${b.mount}${rest}${url.search}`;
  }
  return undefined;
}

/** Hop-by-hop headers belong to a connection, which an in-process call does not have. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);
const NO_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * The reply body for fetch. A client that stops reading (an EventSource closed, a body cancelled) closes the
 * emulator's side too, as a dropped TCP connection would: the server-sent-events handler then unsubscribes.
 */
function webStream(node: Readable, onCancel: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      node.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) node.pause();
      });
      node.once('end', () => controller.close());
      node.once('error', (err) => controller.error(err));
    },
    pull() {
      node.resume();
    },
    cancel() {
      node.destroy();
      onCancel();
    },
  });
}

export function createLienthongMsw(options: LienthongMswOptions = {}): LienthongMsw {
  const canonical = parseBase(options.baseUrl ?? DEFAULT_BASE_URL, '');
  if (canonical.path !== '') throw new TypeError(`lienthong/msw: baseUrl "${options.baseUrl}" must be an origin without a path`);
  const canonicalUrl = new URL(canonical.origin);
  const bases = [canonical, ...Object.entries(options.hosts ?? {}).map(([url, mount]) => parseBase(url, mount))].sort(
    (a, b) => b.origin.length + b.path.length - (a.origin.length + a.path.length),
  );

  let owned: Promise<LienthongApp> | undefined;
  const appPromise = (): Promise<LienthongApp> => {
    if (options.app) return Promise.resolve(options.app);
    owned ??= buildApp({ data: ':memory:', clock: 'virtual', ...options.buildOptions });
    return owned;
  };

  const handler = http.all(
    ({ request }) => routeFor(bases, new URL(request.url)) !== undefined,
    async ({ request }) => {
      const target = routeFor(bases, new URL(request.url))!;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) headers[name] = value;
      });
      headers.host = canonicalUrl.host;
      headers['x-forwarded-proto'] = canonicalUrl.protocol.slice(0, -1);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const payload = hasBody ? Buffer.from(await request.arrayBuffer()) : undefined;
      const app = await appPromise();
      let res;
      try {
        res = await app.inject({
          method: request.method as 'GET',
          url: target,
          headers,
          ...(payload && payload.length > 0 ? { payload } : {}),
          // Resolves once the head is written: long replies (server-sent events) stream through as they come.
          payloadAsStream: true,
        });
      } catch {
        // The emulator closed the exchange without a reply (a dropped-connection fault): a network error, as fetch sees it.
        return HttpResponse.error();
      }
      const out = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        for (const v of Array.isArray(value) ? value : [value]) out.append(name, String(v));
      }
      const stream = res.stream();
      if (request.method === 'HEAD' || NO_BODY_STATUS.has(res.statusCode)) {
        stream.resume();
        return new HttpResponse(null, { status: res.statusCode, headers: out });
      }
      return new HttpResponse(webStream(stream, () => res.raw.res.destroy()), { status: res.statusCode, headers: out });
    },
  );

  return {
    handlers: [handler],
    app: appPromise,
    close: async () => {
      if (owned) await (await owned).close();
      owned = undefined;
    },
  };
}

/** The handlers alone, for `setupServer(...lienthongHandlers())`; without `app`, they own an in-memory emulator. */
export function lienthongHandlers(options: LienthongMswOptions = {}): HttpHandler[] {
  return createLienthongMsw(options).handlers;
}
