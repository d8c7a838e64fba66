import type { FastifyInstance } from 'fastify';
import type { Kysely, Migration } from 'kysely';
import { isVirtualClock, virtualClock, type Clock, type VirtualClock } from './clock.js';
import { coreError } from './errors.js';
import type { Store } from './store/store.js';

/**
 * What several emulator processes over one store must agree on (docs/store.md): the settings that shape
 * every answer, and the virtual clock. Over SQLite (one process per file) none of this is used.
 */
interface Tables {
  /** One row (id 1): the virtual clock's offset from real time, shared by every process over the store. */
  core_clock: { id: number; offset_ms: number; updated_at: string };
  /** One row (id 1): the settings the first process started the sandbox with, JSON. */
  core_sandbox: { id: number; settings: string; created_at: string };
}

export const sharedSandboxMigrations: Record<string, Migration> = {
  'core-sandbox-001': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('core_sandbox')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  'core-clock-001': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('core_clock')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('offset_ms', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** How often an idle process re-reads the offset, for work done outside requests (payment callbacks). */
const REFRESH_MS = 1000;

/**
 * A virtual clock whose offset lives in a shared store, so `POST /_lienthong/clock` on one process moves the
 * clock of all. Reads stay synchronous: each process keeps the offset in memory, re-reads it before every
 * request (and every second), and writes a move through to the store before the reply that made it is sent.
 * A move is stored as a delta (`offset + d`), so two processes advancing at once both count.
 */
export class SharedVirtualClock implements VirtualClock {
  readonly mode = 'virtual';
  private chain: Promise<unknown> = Promise.resolve();
  private writesQueued = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly store: Store,
    private readonly local: VirtualClock,
  ) {}

  /** Joins the store's clock: the first process to start sets it, the others take it over. */
  static async join(store: Store, clock: VirtualClock): Promise<SharedVirtualClock> {
    const shared = new SharedVirtualClock(store, virtualClock(clock.now()));
    await shared.db
      .insertInto('core_clock')
      .values({ id: 1, offset_ms: shared.local.offsetMs, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await shared.pull();
    shared.timer = setInterval(() => void shared.pull().catch(() => undefined), REFRESH_MS);
    shared.timer.unref();
    return shared;
  }

  private get db() {
    return this.store.db<Tables>();
  }

  get offsetMs(): number {
    return this.local.offsetMs;
  }

  set offsetMs(ms: number) {
    this.set(new Date(Date.now() + ms));
  }

  now(): Date {
    return this.local.now();
  }

  advance(duration: string): Date {
    const before = this.local.offsetMs;
    const now = this.local.advance(duration);
    const delta = this.local.offsetMs - before;
    this.write((db) =>
      db.updateTable('core_clock').set((eb) => ({ offset_ms: eb('offset_ms', '+', delta), updated_at: new Date().toISOString() })).where('id', '=', 1).returning('offset_ms').executeTakeFirst(),
    );
    return now;
  }

  set(instant: Date): Date {
    const now = this.local.set(instant);
    const offset = this.local.offsetMs;
    this.write((db) => db.updateTable('core_clock').set({ offset_ms: offset, updated_at: new Date().toISOString() }).where('id', '=', 1).returning('offset_ms').executeTakeFirst());
    return now;
  }

  /** Re-reads the offset another process may have moved. */
  pull(): Promise<void> {
    return this.enqueue(async () => {
      const row = await this.db.selectFrom('core_clock').select('offset_ms').where('id', '=', 1).executeTakeFirst();
      // A move made here meanwhile is newer than what was read: keep it.
      if (row && this.writesQueued === 0) this.local.offsetMs = Number(row.offset_ms);
    });
  }

  /** Resolves once every move made here is stored (the reply that made it waits for this). */
  async settle(): Promise<void> {
    if (this.writesQueued > 0) await this.chain;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private write(op: (db: Kysely<Tables>) => Promise<{ offset_ms: number } | undefined>): void {
    this.writesQueued++;
    void this.enqueue(async () => {
      try {
        const row = await op(this.db);
        // The stored offset includes other processes' moves: adopt it unless another local move follows.
        if (row && this.writesQueued === 1) this.local.offsetMs = Number(row.offset_ms);
      } finally {
        this.writesQueued--;
      }
    }).catch(() => undefined);
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.chain.then(op);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/**
 * The clock a process uses over `store`: a virtual clock over a shared store becomes a {@link SharedVirtualClock};
 * anything else (a real clock, any clock over SQLite) is returned as it is.
 */
export async function shareClock(store: Store, clock: Clock): Promise<Clock> {
  if (!store.shared || clock.mode !== 'virtual') return clock;
  return SharedVirtualClock.join(store, isVirtualClock(clock) ? clock : virtualClock(clock.now()));
}

/** Keeps a shared clock in step around each request: read before, moves stored before the reply goes out. */
export function syncClockAroundRequests(app: FastifyInstance, clock: Clock): void {
  if (!(clock instanceof SharedVirtualClock)) return;
  app.addHook('onRequest', async () => {
    await clock.pull();
  });
  app.addHook('onSend', async (_request, _reply, payload) => {
    await clock.settle();
    return payload;
  });
  app.addHook('onClose', async () => {
    clock.stop();
    await clock.settle();
  });
}

/** Options that change what the emulator answers: processes serving one sandbox must share them. */
export interface SandboxSettings {
  seed: number;
  population: number;
  enterprises: number;
  mode: string;
  clock: 'real' | 'virtual';
}

const SETTING_FLAGS: Record<keyof SandboxSettings, string> = {
  seed: '--seed',
  population: '--population',
  enterprises: '--enterprises',
  mode: '--mode',
  clock: '--virtual-clock',
};

/**
 * Over a shared store, the first process records its settings and every later one must bring the same:
 * the synthetic world is generated in memory from them, so a process with another seed would answer
 * population or business lookups differently from its neighbour behind the same load balancer.
 */
export async function joinSharedSandbox(store: Store, settings: SandboxSettings): Promise<void> {
  if (!store.shared) return;
  const db = store.db<Tables>();
  await db
    .insertInto('core_sandbox')
    .values({ id: 1, settings: JSON.stringify(settings), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('core_sandbox').select('settings').where('id', '=', 1).executeTakeFirstOrThrow();
  const first = JSON.parse(row.settings) as SandboxSettings;
  const differ = (Object.keys(SETTING_FLAGS) as (keyof SandboxSettings)[]).filter((k) => first[k] !== settings[k]);
  if (differ.length === 0) return;
  const [field] = differ as [keyof SandboxSettings];
  throw coreError(
    'SANDBOX_SETTINGS_MISMATCH',
    `the shared store at ${store.location} serves a sandbox started with ${differ.map((k) => `${k} ${String(first[k])}`).join(', ')}; this process has ${differ
      .map((k) => `${k} ${String(settings[k])}`)
      .join(', ')}. Start every process of one sandbox with the same ${differ.map((k) => SETTING_FLAGS[k]).join(', ')}, or use another schema (?schema=…)`,
    { field, rule: 'same settings as the sandbox\'s first process' },
  );
}
