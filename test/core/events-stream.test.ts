/**
 * GET /_lienthong/events/stream: the evidence log as server-sent events, over a real socket — live
 * events as they are logged, filters, replay from Last-Event-ID, and a clean close of the emulator while
 * a stream is open.
 */
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, makeApp, type App, type Connected } from '../vdxp/support/fixtures.js';

interface Sse {
  id: number;
  data: { seq: number; platform: string; operation: string | null };
}

/**
 * Opens a stream and collects its events; `until` resolves once `n` events have arrived. node:http with
 * no agent: a pooling client would keep a spare socket open and make the emulator's close wait for it.
 */
function open(url: string, headers: Record<string, string> = {}) {
  const events: Sse[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  const waiters: { n: number; resolve: () => void }[] = [];
  let buffer = '';
  const req = get(url, { headers, agent: false }, (res) => {
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.startsWith(': connected')) connected();
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id: Number(id), data: JSON.parse(data) as Sse['data'] });
        for (const w of waiters) if (events.length >= w.n) w.resolve();
      }
    });
  });
  req.on('error', () => undefined); // destroyed by the test
  return {
    events,
    ready,
    until: (n: number) => new Promise<void>((resolve) => (events.length >= n ? resolve() : waiters.push({ n, resolve }))),
    close: () => req.destroy(),
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
