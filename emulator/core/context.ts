import type { FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import type { Clock } from './clock.js';
import type { EvidenceLog, Verdict } from './evidence.js';
import type { FaultBook } from './faults/book.js';
import type { PlatformFaults } from './faults/platform.js';
import type { IdSource } from './ids.js';
import type { Store } from './store/store.js';
import type { TestCaService } from './test-ca-service.js';
import type { World } from './world/citizens.js';

export type ValidationMode = 'lenient' | 'strict';

/** What every platform plugin is handed: the process-wide services, never globals. */
export interface EmulatorContext {
  readonly version: string;
  readonly startedAt: Date;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Default validation mode; a connected system may override it. */
  readonly mode: ValidationMode;
  /** Seed of the deterministic faker data. */
  readonly seed: number;
  /** The synthetic people and enterprises every platform shares (one seed, one world). */
  readonly world: World;
  readonly evidence: EvidenceLog;
  readonly ca: TestCaService;
  /** Fault rules (`/_lienthong/faults`), for the hooks inside a platform (VDXP deliveries); absent = no faults. */
  readonly faults?: FaultBook;
}

/** Per-request evidence the platform fills in; the core appends it to the log when the reply is sent. */
export interface ExchangeNote {
  platform: string;
  operation?: string;
  systemId?: string;
  agency?: string;
  verdicts: Verdict[];
}

/** One emulated platform = one self-contained folder exporting this. */
export interface PlatformModule {
  readonly name: string;
  /** URL prefix of the platform's wire API, e.g. `/vdxp`. */
  readonly mount: string;
  readonly migrations: Record<string, Migration>;
  /** Registers the wire API under `mount` and the control routes under `/_lienthong/<name>`. */
  readonly plugin: FastifyPluginAsync<{ ctx: EmulatorContext }>;
  /** Loads the seed data (directory, …) into an empty store. */
  seed(ctx: EmulatorContext): Promise<void>;
  /** Deletes the platform's data (the caller re-seeds); `keepSystems` keeps connected systems and credentials. */
  clear(ctx: EmulatorContext, opts: { keepSystems: boolean }): Promise<void>;
  /**
   * Called after a snapshot restore replaced every table: drop or reload what the platform keeps in
   * memory from its tables (keys, schedules), so it serves the restored state.
   */
  restored?(ctx: EmulatorContext): Promise<void>;
  readonly limitations: readonly string[];
  /** How the fault hooks identify this platform's callers and fail in its dialect (docs/faults.md). */
  readonly faults?: PlatformFaults;
}

declare module 'fastify' {
  interface FastifyInstance {
    lienthong: EmulatorContext;
  }
  interface FastifyRequest {
    exchange: ExchangeNote | null;
    startedAtNs: bigint;
    replyPayload: string | undefined;
  }
}
