/**
 * GET /_lienthong/events/stream: the evidence log as server-sent events, over a real socket — live
 * events as they are logged, filters, replay from Last-Event-ID, and a clean close of the emulator while
 * a stream is open.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, makeApp, type App, type Connected } from '../vdxp/support/fixtures.js';
import { openSse } from './support/sse-reader.js';

/** The stream's exchanges, and `until(n)`: resolves once n of them have arrived. */
function open(url: string, headers: Record<string, string> = {}) {
  const sse = openSse(url, headers);
  return {
    get events() {
      return sse.exchanges();
    },
    ready: sse.ready.then(() => expect(sse.contentType()).toContain('text/event-stream')),
    until: (n: number) => sse.until(() => sse.exchanges().length >= n),
    close: sse.close,
  };
}

describe('GET /_lienthong/events/stream', () => {
  let app: App;
  let base: string;
  let b: Connected;

  beforeAll(async () => {
    app = await makeApp();
    b = await connect(app, 'sys.b', ['000.00.00.H41']);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('pushes each new exchange, filtered by platform', async () => {
    const stream = open(`${base}/_lienthong/events/stream?platform=vdxp`);
    await stream.ready;
    await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT1M' } }); // platform lienthong: filtered out
    await b.client.countReceiveEdoc();
    await b.client.getReceivedEdocList('edoc');
    await stream.until(2);
    stream.close();
    expect(stream.events.map((e) => [e.data.platform, e.data.operation])).toEqual([
      ['vdxp', 'countReceiveEdoc'],
      ['vdxp', 'getReceivedEdocList'],
    ]);
    expect(stream.events.map((e) => e.id)).toEqual(stream.events.map((e) => e.data.seq));
  });

  it('replays what a reconnecting client missed after its Last-Event-ID, then goes on live', async () => {
    const all = await app.lienthong.evidence.query({ limit: 1000 });
    const first = all[0]!.seq;
    const stream = open(`${base}/_lienthong/events/stream`, { 'Last-Event-ID': String(first) });
    await stream.until(all.length - 1);
    expect(stream.events.map((e) => e.id)).toEqual(all.slice(1).map((e) => e.seq));
    await b.client.countReceiveStatus();
    await stream.until(all.length);
    stream.close();
    expect(stream.events.at(-1)?.data.operation).toBe('countReceiveStatus');
  });

  it('refuses a bad Last-Event-ID with 400 naming after', async () => {
    const res = await app.inject({ method: 'GET', url: '/_lienthong/events/stream', headers: { 'Last-Event-ID': 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('after');
  });

  it('lets the emulator close while a stream is open', async () => {
    const other = await makeApp();
    await other.listen({ port: 0, host: '127.0.0.1' });
    const stream = open(`http://127.0.0.1:${(other.server.address() as AddressInfo).port}/_lienthong/events/stream`);
    await stream.ready;
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    stream.close();
  });
});
