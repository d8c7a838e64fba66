import { createHash } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import type { Store } from './store/store.js';

/** A rule finding attached to an exchange: what the harness judges from. */
export interface Verdict {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  field?: string;
}

export interface ExchangeRecord {
  at: Date;
  platform: string;
  operation?: string;
  agency?: string;
  systemId?: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string | string[] | undefined>;
  requestBody?: Buffer | string;
  responseBody?: string;
  verdicts: Verdict[];
}

export interface EvidenceEvent {
  seq: number;
  at: string;
  platform: string;
  operation: string | null;
  agency: string | null;
  systemId: string | null;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  requestBodyBytes: number;
  responseBody: string | null;
  verdicts: Verdict[];
  prevHash: string;
  hash: string;
}

export interface EventQuery {
  platform?: string;
  agency?: string;
  systemId?: string;
  since?: Date;
  /** Cursor: only events with seq greater than this. */
  after?: number;
  limit?: number;
}

interface EventsTable {
  seq: number | undefined;
  at: string;
  platform: string;
  operation: string | null;
  agency: string | null;
  system_id: string | null;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  request_headers: string;
  request_body: string | null;
  request_body_bytes: number;
  response_body: string | null;
  verdicts: string;
  prev_hash: string;
  hash: string;
}

interface Tables {
  events: EventsTable;
}

export const evidenceMigrations: Record<string, Migration> = {
  'core-001-events': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('events')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('operation', 'text')
        .addColumn('agency', 'text')
        .addColumn('system_id', 'text')
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('duration_ms', 'real', (c) => c.notNull())
        .addColumn('request_headers', 'text', (c) => c.notNull())
        .addColumn('request_body', 'text')
        .addColumn('request_body_bytes', 'integer', (c) => c.notNull())
        .addColumn('response_body', 'text')
        .addColumn('verdicts', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_platform_at').on('events').columns(['platform', 'at']).execute();
      await db.schema.createIndex('events_agency').on('events').column('agency').execute();
    },
  },
};

/** Headers whose values are credentials; the HMAC digest is not a secret (it proves nothing without the key). */
const SECRET_HEADER = /^(authorization|cookie|set-cookie|proxy-authorization|x-api-key|apikey)$|secret|password|token/i;
const SECRET_JSON_FIELD = /"(secret|password|privateKeyPem|client_secret|clientSecret|access_token|refresh_token|id_token|session|hashKey|secretKey)"\s*:\s*"[^"]*"/g;
/** The same secrets in form-encoded bodies (OAuth2 token requests: `client_secret=…`, revocations: `token=…`). */
const SECRET_FORM_FIELD = /(^|&)(client_secret|password|secret|token|access_token|refresh_token)=[^&]*/g;
export const GENESIS_HASH = '0'.repeat(64);

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADER.test(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function boundedText(body: Buffer | string | undefined, limit: number): string | null {
  if (body === undefined || body.length === 0) return null;
  const text = typeof body === 'string' ? body : body.subarray(0, limit).toString('utf8');
  const cut = text.length > limit ? text.slice(0, limit) : text;
  const marked = (typeof body === 'string' ? body.length : body.length) > limit ? `${cut}…[truncated]` : cut;
  return marked.replace(SECRET_JSON_FIELD, '"$1":"[redacted]"').replace(SECRET_FORM_FIELD, '$1$2=[redacted]');
}

/** The fields a hash covers, in a fixed order, so anyone can recompute the chain from an export. */
export function eventDigest(prevHash: string, e: Omit<EvidenceEvent, 'seq' | 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([
    e.at, e.platform, e.operation, e.agency, e.systemId, e.method, e.path, e.status, e.durationMs,
    e.requestHeaders, e.requestBody, e.requestBodyBytes, e.responseBody, e.verdicts,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

interface Pending {
  record: ExchangeRecord;
  resolve: (e: EvidenceEvent) => void;
  reject: (err: unknown) => void;
}

/** Rows per INSERT statement: 17 columns each stays far below SQLite's bound-parameter limit. */
const BATCH_ROWS = 500;

/**
 * Append-only, hash-chained log of every exchange. Each event's hash covers the previous hash, so an edit
 * or a deletion anywhere breaks `verifyChain`. Appends made in the same event-loop turn are written in one
 * transaction (group commit: one fsync for many exchanges), in order, so the chain stays linear.
 */
export class EvidenceLog {
  private lastHash: string | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private queue: Pending[] = [];
  private drained: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(e: EvidenceEvent) => void>();
  /** Shared store: feeds listeners every process's events, read back from the store. */
  private readonly follower = new StoreFollower(
    () => this.db,
    (e) => {
      for (const l of this.listeners) l(e);
    },
  );

  constructor(
    private readonly store: Store,
    private readonly bodyLimit = 64 * 1024,
  ) {}

  private get db() {
    return this.store.db<Tables>();
  }

  append(record: ExchangeRecord): Promise<EvidenceEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.queue.length === 1) {
        this.drained = new Promise((done) =>
          setImmediate(() => {
            const batch = this.queue.splice(0);
            this.tail = this.tail.then(() => this.writeBatch(batch)).catch(() => undefined);
            void this.tail.then(() => done());
          }),
        );
      }
    });
  }

  /**
   * Called for each new event (SSE streaming, the harness). Returns an unsubscribe function. On a shared
   * store the events of every process come, read back from the store in seq order.
   */
  subscribe(listener: (e: EvidenceEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.store.shared) this.follower.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.follower.stop();
    };
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      const bodies = batch.map(({ record }) => this.eventBody(record));
      let events: Omit<EvidenceEvent, 'seq'>[] = [];
      const seqs: number[] = [];
      let head = GENESIS_HASH;
      // Transactions run one at a time on both backends (decision 018): reading the chain head and appending
      // in one of them keeps the chain linear even when several processes append to a shared store.
      await this.db.transaction().execute(async (trx) => {
        let prevHash = !this.store.shared && this.lastHash !== undefined ? this.lastHash : await chainHead(trx);
        events = bodies.map((body) => {
          const hash = eventDigest(prevHash, body);
          const e = { ...body, prevHash, hash };
          prevHash = hash;
          return e;
        });
        for (let i = 0; i < events.length; i += BATCH_ROWS) {
          const rows = await trx
            .insertInto('events')
            .values(events.slice(i, i + BATCH_ROWS).map(toRow))
            .returning('seq')
            .execute();
          seqs.push(...rows.map((r) => Number(r.seq)));
        }
        head = prevHash;
      });
      this.lastHash = head;
      const written = events.map((body, i): EvidenceEvent => ({ seq: seqs[i] as number, ...body }));
      // Shared store: listeners hear every process's events from the follower, this batch included.
      if (this.store.shared) await this.follower.catchUp();
      else for (const event of written) for (const l of this.listeners) l(event);
      written.forEach((event, i) => batch[i]?.resolve(event));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  /** Stops following a shared store (the app is closing). */
  close(): void {
    this.follower.stop();
  }

  private eventBody(r: ExchangeRecord): Omit<EvidenceEvent, 'seq' | 'hash' | 'prevHash'> {
    return {
      at: r.at.toISOString(),
      platform: r.platform,
      operation: r.operation ?? null,
      agency: r.agency ?? null,
      systemId: r.systemId ?? null,
      method: r.method,
      path: r.path,
      status: r.status,
      durationMs: Math.round(r.durationMs * 1000) / 1000,
      requestHeaders: redactHeaders(r.requestHeaders),
      requestBody: boundedText(r.requestBody, this.bodyLimit),
      requestBodyBytes: r.requestBody?.length ?? 0,
      responseBody: boundedText(r.responseBody, this.bodyLimit),
      verdicts: r.verdicts,
    };
  }

  /** Waits until every append issued so far is written (tests and graceful shutdown). */
  async flush(): Promise<void> {
    await this.drained;
    await this.tail;
  }

  async query(q: EventQuery): Promise<EvidenceEvent[]> {
    // Events are appended after their reply: wait for those already issued.
    await this.flush();
    let query = this.db.selectFrom('events').selectAll().orderBy('seq', 'asc');
    if (q.platform) query = query.where('platform', '=', q.platform);
    if (q.agency) query = query.where('agency', '=', q.agency);
    if (q.systemId) query = query.where('system_id', '=', q.systemId);
    if (q.since) query = query.where('at', '>=', q.since.toISOString());
    if (q.after !== undefined) query = query.where('seq', '>', q.after);
    const rows = await query.limit(Math.min(Math.max(q.limit ?? 100, 1), 1000)).execute();
    return rows.map(toEvent);
  }

  /** Recomputes the chain; returns the first broken seq, or null when intact. */
  /** Sequence number of the newest event (0 for an empty log): a cursor for "what happens from now on". */
  async lastSeq(): Promise<number> {
    await this.flush();
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  async verifyChain(): Promise<number | null> {
    let prev = GENESIS_HASH;
    let after = 0;
    for (;;) {
      const rows = await this.db.selectFrom('events').selectAll().where('seq', '>', after).orderBy('seq').limit(500).execute();
      if (rows.length === 0) return null;
      for (const row of rows) {
        const e = toEvent(row);
        if (e.prevHash !== prev || eventDigest(prev, e) !== e.hash) return e.seq;
        prev = e.hash;
        after = e.seq;
      }
    }
  }

  /**
   * Runs `fn` with no batch being written and none starting until it ends, then forgets the cached chain
   * head: a snapshot restore replaces the log under it, and the next append must chain onto the restored
   * last event (read from the store), not onto the one this process wrote last.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.flush();
    const run = this.tail.then(fn);
    this.tail = run.then(
      () => (this.lastHash = undefined),
      () => undefined,
    );
    return run;
  }

  async clear(): Promise<void> {
    await this.flush();
    await this.db.deleteFrom('events').execute();
    await this.store.resetIdentity('events', 'seq');
    this.lastHash = GENESIS_HASH;
  }
}

async function chainHead(db: Kysely<Tables>): Promise<string> {
  const last = await db.selectFrom('events').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

/** How often a follower looks for other processes' events while someone listens. */
const FOLLOW_MS = 200;
const FOLLOW_PAGE = 500;

/**
 * Reads a shared log in seq order from a cursor and hands each new event on: every process's appends, not
 * only this one's. Appends commit one at a time in seq order (decision 018), so reading `seq > cursor` never
 * skips one. If the event under the cursor is gone or changed, the log was reset (or restored): start over
 * from its beginning, which a live SSE stream reports as a reset.
 */
class StoreFollower {
  private cursor: Promise<{ seq: number; hash: string | null }> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly db: () => Kysely<Tables>,
    private readonly emit: (e: EvidenceEvent) => void,
  ) {}

  start(): void {
    if (this.cursor) return;
    // From now on: what is already logged is history, which subscribers query themselves.
    this.cursor = this.db()
      .selectFrom('events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((r) => ({ seq: r ? Number(r.seq) : 0, hash: r?.hash ?? null }), () => ({ seq: 0, hash: null }));
    this.timer = setInterval(() => void this.catchUp(), FOLLOW_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.cursor = undefined;
  }

  /** Hands on everything committed so far; concurrent calls share one pass (and ask for one more). */
  async catchUp(): Promise<void> {
    if (!this.cursor) return;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch(() => undefined);
      } while (this.again && this.cursor);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    for (;;) {
      const pending = this.cursor;
      if (!pending) return;
      let at = await pending;
      let rows = await this.db().selectFrom('events').selectAll().where('seq', '>=', at.seq).orderBy('seq').limit(FOLLOW_PAGE + 1).execute();
      if (at.seq > 0) {
        const first = rows[0];
        if (first && Number(first.seq) === at.seq && first.hash === at.hash) rows = rows.slice(1);
        else {
          at = { seq: 0, hash: null };
          rows = await this.db().selectFrom('events').selectAll().where('seq', '>', 0).orderBy('seq').limit(FOLLOW_PAGE).execute();
        }
      }
      if (this.cursor !== pending) return;
      for (const row of rows) {
        const e = toEvent(row);
        at = { seq: e.seq, hash: e.hash };
        this.emit(e);
      }
      this.cursor = Promise.resolve(at);
      if (rows.length < FOLLOW_PAGE) return;
    }
  }
}

function toRow(e: Omit<EvidenceEvent, 'seq'>): EventsTable {
  return {
    seq: undefined,
    at: e.at,
    platform: e.platform,
    operation: e.operation,
    agency: e.agency,
    system_id: e.systemId,
    method: e.method,
    path: e.path,
    status: e.status,
    duration_ms: e.durationMs,
    request_headers: JSON.stringify(e.requestHeaders),
    request_body: e.requestBody,
    request_body_bytes: e.requestBodyBytes,
    response_body: e.responseBody,
    verdicts: JSON.stringify(e.verdicts),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

function toEvent(row: EventsTable): EvidenceEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    platform: row.platform,
    operation: row.operation,
    agency: row.agency,
    systemId: row.system_id,
    method: row.method,
    path: row.path,
    status: row.status,
    durationMs: row.duration_ms,
    requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
    requestBody: row.request_body,
    requestBodyBytes: row.request_body_bytes,
    responseBody: row.response_body,
    verdicts: JSON.parse(row.verdicts) as Verdict[],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
