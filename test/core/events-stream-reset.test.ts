/**
 * GET /_lienthong/events/stream across POST /_lienthong/reset: the reset empties the evidence log and its
 * sequence starts again at 1, so an open stream (a live console) and a client reconnecting with an old
 * Last-Event-ID must both be told (`event: reset`) and go on receiving the new events, not drop them as
 * already sent.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, makeApp, type App, type Connected } from '../vdxp/support/fixtures.js';
import { openSse as open } from './support/sse-reader.js';

describe('the event stream across a reset of the evidence log', () => {
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

  it('tells an open stream about the reset and keeps streaming the events logged after it', async () => {
    for (let i = 0; i < 3; i++) await b.client.countReceiveEdoc();
    const stream = open(`${base}/_lienthong/events/stream?after=0`);
    await stream.until(() => stream.blocks.some((x) => x.event === 'connected'));
    const before = Math.max(...stream.blocks.filter((x) => x.event === 'exchange').map((x) => x.id!));
    expect(before).toBeGreaterThanOrEqual(4);
    const mark = stream.blocks.length;
    const live = () => stream.blocks.slice(mark);

    await app.inject({ method: 'POST', url: '/_lienthong/reset', payload: { keepSystems: true } });
    await b.client.countReceiveEdoc();
    await stream.until(() => live().some((x) => x.data?.operation === 'countReceiveEdoc'));
    stream.close();

    expect(live()[0]?.event).toBe('reset');
    // The reset itself is the first event of the new log, then the exchange made after it.
    expect(live().filter((x) => x.event === 'exchange').map((x) => [x.id, x.data?.platform, x.data?.operation])).toEqual([
      [1, 'lienthong', 'POST /_lienthong/reset'],
      [2, 'vdxp', 'countReceiveEdoc'],
    ]);
    expect(stream.blocks.filter((x) => x.event === 'reset')).toHaveLength(1);
  });

  it('gives a client reconnecting with a Last-Event-ID from before the reset the new events', async () => {
    const stale = String((await app.lienthong.evidence.lastSeq()) + 50);
    const stream = open(`${base}/_lienthong/events/stream`, { 'Last-Event-ID': stale });
    await stream.until(() => stream.blocks.some((x) => x.event === 'connected'));
    await b.client.countReceiveStatus();
    await stream.until(() => stream.blocks.some((x) => x.data?.operation === 'countReceiveStatus'));
    stream.close();
    const events = stream.blocks.filter((x) => x.event === 'reset' || x.event === 'exchange').map((x) => x.event);
    expect(events).toEqual(['reset', 'exchange']);
  });
});
