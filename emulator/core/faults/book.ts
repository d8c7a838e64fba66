/**
 * The fault book: the rules of `/_lienthong/faults`, kept in the store (not in the process) so that every
 * emulator process serving one sandbox applies the same rules and consumes one shared `count` (decision 019).
 * Rules are test set-up, not platform state: a reset leaves them. Matching reads one platform's rules in
 * registration order; the first rule whose criteria, count and probability allow it hits, and the hit is
 * counted atomically (two processes cannot both take the last of a `count`).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import type { Store } from '../store/store.js';
import { CALLER_FIELD, type FaultInput, type FaultKind, type FaultPlatform, type FaultRule } from './rules.js';

interface FaultsTable {
  id: string;
  position: number;
  platform: string;
  kind: string;
  /** The rule as posted (FaultInput), JSON. */
  rule: string;
  hits: number;
  /** Matching requests seen by a seeded rule: the index of its next roll. */
  seen: number;
  created_at: string;
}

type Db = Kysely<{ lienthong_faults: FaultsTable }>;

export const faultMigrations: Record<string, Migration> = {
  'core-faults-001': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('lienthong_faults')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('seen', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lienthong_faults_platform').on('lienthong_faults').columns(['platform', 'position']).execute();
    },
  },
};

/** What a request (or a delivery) is, for matching: who asks, for which agencies, under which names. */
export interface FaultTarget {
  /** Names the request goes by (compared without case): path segment, DVCQG service, NDXP API context… */
  operations: string[];
  /** The caller in the platform's words: VDXP systemId, DVCQG account, NDXP clientId. */
  caller?: string;
  /** Agencies the request acts for (VDXP delivery kinds: the recipient agency). */
  agencies: string[];
  messageType?: 'edoc' | 'status';
  /** A live credential the request carries (NDXP bearer token, DVCQG session): `expired-token` needs one. */
  credential?: string;
}

/**
 * The n-th roll of a seeded rule, uniform in [0, 1): a 32-bit integer hash (murmur3's finaliser) of seed and
 * n, so a rule's hits are the same in every run and in every process whatever the interleaving of rules.
 */
export function seededRoll(seed: number, n: number): number {
  let h = (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(n + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.operation) {
    const op = rule.operation.toLowerCase();
    if (!target.operations.some((o) => o.toLowerCase() === op)) return false;
  }
  const caller = rule[CALLER_FIELD[rule.platform]];
  if (caller !== undefined && caller !== target.caller) return false;
  if (rule.agency !== undefined && !target.agencies.includes(rule.agency)) return false;
  if (rule.messageType !== undefined && rule.messageType !== target.messageType) return false;
  if (rule.kind === 'expired-token' && !target.credential) return false;
  return true;
}

export interface FaultBookOptions {
  /** Source of unseeded rolls (tests inject one). */
  random?: () => number;
  /** Time stamps of new rules (the emulator clock). */
  now?: () => Date;
}

export class FaultBook {
  private readonly random: () => number;
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    opts: FaultBookOptions = {},
  ) {
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? (() => new Date());
  }

  private get db(): Db {
    return this.store.db<{ lienthong_faults: FaultsTable }>();
  }

  async add(input: FaultInput): Promise<FaultRule> {
    const id = randomUUID();
    const createdAt = this.now().toISOString();
    const last = await this.db.selectFrom('lienthong_faults').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    await this.db
      .insertInto('lienthong_faults')
      .values({ id, position: Number(last?.p ?? 0) + 1, platform: input.platform, kind: input.kind, rule: JSON.stringify(input), hits: 0, seen: 0, created_at: createdAt })
      .execute();
    return { ...input, id, hits: 0, createdAt };
  }

  async list(platform?: FaultPlatform): Promise<FaultRule[]> {
    let q = this.db.selectFrom('lienthong_faults').selectAll().orderBy('position');
    if (platform) q = q.where('platform', '=', platform);
    return (await q.execute()).map(toRule);
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('lienthong_faults').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async clear(): Promise<number> {
    const res = await this.db.deleteFrom('lienthong_faults').executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** A platform's rules of these kinds, in registration order: one indexed query, done for every platform request. */
  async candidates(platform: FaultPlatform, kinds: readonly FaultKind[]): Promise<FaultRule[]> {
    const rows = await this.db.selectFrom('lienthong_faults').selectAll().where('platform', '=', platform).where('kind', 'in', kinds).orderBy('position').execute();
    return rows.map(toRule);
  }

  /** The first of `rules` that matches and whose count and probability let it hit now; the hit is counted. */
  async strike(rules: readonly FaultRule[], target: FaultTarget): Promise<FaultRule | undefined> {
    for (const rule of rules) {
      if (!matches(rule, target)) continue;
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      if (!(await this.rollHits(rule))) continue;
      let q = this.db.updateTable('lienthong_faults').set((eb) => ({ hits: eb('hits', '+', 1) })).where('id', '=', rule.id);
      if (rule.count !== undefined) q = q.where('hits', '<', rule.count);
      // Another process may have taken the last of the count (or removed the rule) since we read it.
      if (Number((await q.executeTakeFirst()).numUpdatedRows) === 0) continue;
      return { ...rule, hits: rule.hits + 1 };
    }
    return undefined;
  }

  /** candidates + strike, for the hooks inside a platform (VDXP deliveries). */
  async hit(platform: FaultPlatform, kinds: readonly FaultKind[], target: FaultTarget): Promise<FaultRule | undefined> {
    const rules = await this.candidates(platform, kinds);
    return rules.length === 0 ? undefined : this.strike(rules, target);
  }

  private async rollHits(rule: FaultRule): Promise<boolean> {
    const p = rule.probability ?? 1;
    if (p >= 1) return true;
    if (rule.seed === undefined) return this.random() < p;
    const row = await this.db
      .updateTable('lienthong_faults')
      .set((eb) => ({ seen: eb('seen', '+', 1) }))
      .where('id', '=', rule.id)
      .returning('seen')
      .executeTakeFirst();
    if (!row) return false;
    return seededRoll(rule.seed, Number(row.seen) - 1) < p;
  }
}

function toRule(row: FaultsTable): FaultRule {
  return { ...(JSON.parse(row.rule) as FaultInput), id: row.id, hits: Number(row.hits), createdAt: row.created_at };
}
