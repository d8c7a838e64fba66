import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { EmulatorContext } from '../../core/context.js';

/**
 * A self-contained part of the portal (SSO, payment, …): its own tables, routes and limitations. The
 * platform's index registers every part inside the `/dvcqg` scope and the control plane.
 */
export interface DvcqgPart {
  readonly name: string;
  readonly migrations: Record<string, Migration>;
  /** Registers routes on the root instance: wire routes under `/dvcqg/…`, control routes under `/_lienthong/dvcqg/…`. */
  register(app: FastifyInstance, ctx: EmulatorContext): Promise<void>;
  clear(ctx: EmulatorContext, opts: { keepSystems: boolean }): Promise<void>;
  /** After a snapshot restore replaced every table: reload what the part keeps in memory (PlatformModule.restored). */
  restored?(ctx: EmulatorContext): Promise<void>;
  readonly limitations: readonly string[];
}
