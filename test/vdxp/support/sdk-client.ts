/**
 * The SDK-faithful VDXP client (emulator/platforms/vdxp/client.ts) plus the in-process transport the HTTP
 * tests use: supertest on the fastify app, no port.
 */
import type { Server } from 'node:http';
import supertest from 'supertest';
import { mergeHeaders, parseMaybeJson, type SdkTransport } from '../../../emulator/platforms/vdxp/client.js';

export * from '../../../emulator/platforms/vdxp/client.js';

/** In-process transport: `app` is a fastify instance (anything with `ready()` and `server`). */
export function supertestTransport(app: { ready(): PromiseLike<unknown>; server: Server }, mount = '/vdxp'): SdkTransport {
  let ready: Promise<unknown> | undefined;
  return async (req) => {
    ready ??= Promise.resolve(app.ready());
    await ready;
    const agent = supertest(app.server);
    const url = mount + req.path;
    let test = req.method === 'GET' ? agent.get(url) : agent.post(url);
    for (const [k, v] of mergeHeaders(req.headers)) test = test.set(k, v);
    // Keep the reply as raw bytes whatever its type (downloadEdoc streams the .edxml).
    test = test.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      const stream = res as unknown as NodeJS.ReadableStream;
      stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
      stream.on('end', () => cb(null, Buffer.concat(chunks)));
      stream.on('error', (e: Error) => cb(e, undefined));
    });
    // Always a Buffer, never re-serialised (superagent would JSON.stringify a Buffer sent as application/json):
    // Node writes the header block together with a first STRING chunk in that chunk's encoding (UTF-8),
    // which would double-encode our latin1-carried header bytes.
    if (req.body !== undefined && req.body.length > 0) {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
      test = test.serialize((b: unknown) => b as string).send(bytes);
    }
    const res = await test.ok(() => true);
    const body = Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0);
    return { status: res.status, body, json: parseMaybeJson(body, res.headers['content-type']) };
  };
}

