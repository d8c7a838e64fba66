import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceLog, evidenceMigrations, GENESIS_HASH, type ExchangeRecord } from './evidence.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';

const record = (i: number, extra: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
  at: new Date(Date.UTC(2026, 10, 24, 3, 0, i)),
  platform: 'vdxp',
  operation: 'sendEdoc',
  method: 'POST',
  path: '/vdxp/sendEdoc',
  status: 200,
  durationMs: 1.5,
  requestHeaders: { 'xroadvnpt-systemid': 'sys.a' },
  verdicts: [],
  ...extra,
});

describe('EvidenceLog', () => {
  let store: Store;
  let log: EvidenceLog;
  beforeEach(async () => {
    store = await openSqliteStore({ file: ':memory:' });
    await store.migrate(evidenceMigrations);
    log = new EvidenceLog(store, 100);
  });
  afterEach(() => store.close());

  it('writes appends made in one turn as one ordered, linked chain', async () => {
    const events = await Promise.all(Array.from({ length: 1200 }, (_, i) => log.append(record(i))));
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(await log.verifyChain()).toBeNull();
  });

  it('continues the chain across batches and a new log on the same store', async () => {
    await log.append(record(1));
    await log.append(record(2));
    const again = new EvidenceLog(store);
    const third = await again.append(record(3));
    const [, second] = await log.query({});
    expect(third.prevHash).toBe(second?.hash);
    expect(await again.verifyChain()).toBeNull();
  });

  it('redacts credentials and bounds bodies', async () => {
    const e = await log.append(
      record(1, {
        requestHeaders: { authorization: 'Bearer abc', 'x-client-secret': 's3', 'xroadvnpt-hash-header': 'ab12' },
        requestBody: JSON.stringify({ systemId: 'x', secret: 'hunter22' }),
        responseBody: 'x'.repeat(500),
      }),
    );
    expect(e.requestHeaders).toEqual({ authorization: '[redacted]', 'x-client-secret': '[redacted]', 'xroadvnpt-hash-header': 'ab12' });
    expect(e.requestBody).toBe('{"systemId":"x","secret":"[redacted]"}');
    expect(e.responseBody).toBe(`${'x'.repeat(100)}…[truncated]`);
  });

  it('finds the first edited event', async () => {
    const events = await Promise.all([1, 2, 3, 4].map((i) => log.append(record(i))));
    await store.db<any>().updateTable('events').set({ status: 500 }).where('seq', '=', events[2]!.seq).execute();
    expect(await log.verifyChain()).toBe(events[2]!.seq);
  });

  it('filters and pages queries, waiting for appends still queued', async () => {
    void log.append(record(1, { systemId: 'a' }));
    void log.append(record(2, { systemId: 'b', platform: 'dvcqg' }));
    void log.append(record(3, { systemId: 'a' }));
    expect((await log.query({ systemId: 'a' })).map((e) => e.seq)).toEqual([1, 3]);
    expect((await log.query({ platform: 'dvcqg' })).map((e) => e.seq)).toEqual([2]);
    expect((await log.query({ after: 1, limit: 1 })).map((e) => e.seq)).toEqual([2]);
    expect((await log.query({ since: new Date(Date.UTC(2026, 10, 24, 3, 0, 3)) })).map((e) => e.seq)).toEqual([3]);
  });
});
