/** The example in examples/ runs against a real emulator port, so it cannot rot unnoticed. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../examples/vdxp-send-and-receive.js';
import { makeApp, type App } from '../vdxp/support/fixtures.js';

describe('examples/vdxp-send-and-receive.ts', () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    app = await makeApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('completes the exchange with no rule broken, and can run again on the same emulator', async () => {
    const lines: string[] = [];
    const first = await run(base, (l) => lines.push(l));
    expect(first).toMatchObject({ receiveStatus: 'done', statusCode: '01' });
    expect(first.documentId).toMatch(/^000\.00\.00\.G22,2026\/11\/24,\d+\/VPCP-TTĐT$/);
    expect(lines).toHaveLength(4);
    const verdicts = (await app.lienthong.evidence.query({ platform: 'vdxp', limit: 1000 })).flatMap((e) => e.verdicts);
    expect(verdicts.filter((v) => v.severity !== 'info')).toEqual([]);
    // Reusing the connected systems: a second run is a second, independent exchange.
    await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT1S' } });
    const second = await run(base, () => undefined);
    expect(second.docId).not.toBe(first.docId);
  });
});
