import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../../core/context.js';
import { coreError } from '../../core/errors.js';
import { hashSecret, secretMatches } from '../../core/secrets.js';
import { parseDuration } from '../../core/clock.js';
import type { Limit } from './limits.js';
import type { NdxpDb, NdxpTables } from './store.js';

/** WSO2's default application access-token validity. */
export const DEFAULT_TOKEN_LIFETIME_S = 3600;

export interface ConsumerInput {
  clientId?: string;
  clientSecret?: string;
  agency: string;
  name?: string;
  /** APIs subscribed to: `context` (every version) or `context/version`. */
  apis?: string[];
  quota?: Limit | null;
  rateLimit?: Limit | null;
  tokenLifetimeSeconds?: number;
}

export interface Consumer {
  clientId: string;
  agency: string;
  name: string;
  apis: string[];
  quota: Limit | null;
  rateLimit: Limit | null;
  tokenLifetimeSeconds: number;
  createdAt: string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** WSO2 consumer keys and secrets are 28 base62 characters. */
function wso2Key(): string {
  return Array.from(randomBytes(28), (b) => BASE62[b % 62]).join('');
}

function checkLimit(field: string, l: Limit | null | undefined): void {
  if (!l) return;
  let ms: number;
  try {
    ms = parseDuration(l.period);
  } catch {
    throw coreError('BAD_REQUEST', `${field}.period "${l.period}" is not an ISO 8601 duration such as PT1S, PT1M or P1D`, { field: `${field}.period`, rule: 'ISO 8601 duration' });
  }
  if (ms < 1000) throw coreError('BAD_REQUEST', `${field}.period must be at least one second`, { field: `${field}.period`, rule: '>= PT1S' });
}

/** `context` or `context/version` → the subscription row key; `*` is every version. */
export function parseApiRef(ref: string): { context: string; version: string } {
  const [context = '', version = '*'] = ref.split('/');
  return { context, version };
}

function toConsumer(row: NdxpTables['ndxp_consumers'], subs: Array<{ context: string; version: string }>): Consumer {
  return {
    clientId: row.client_id,
    agency: row.agency,
    name: row.name,
    apis: subs.map((s) => (s.version === '*' ? s.context : `${s.context}/${s.version}`)),
    quota: row.quota ? (JSON.parse(row.quota) as Limit) : null,
    rateLimit: row.rate_limit ? (JSON.parse(row.rate_limit) as Limit) : null,
    tokenLifetimeSeconds: row.token_lifetime_s,
    createdAt: row.created_at,
  };
}

/** Consumer applications (ứng dụng khai thác) of agencies, with their subscriptions to APIs. */
export class Consumers {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: NdxpDb,
  ) {}

  async create(input: ConsumerInput): Promise<{ consumer: Consumer; clientSecret: string }> {
    checkLimit('quota', input.quota);
    checkLimit('rateLimit', input.rateLimit);
    const clientId = input.clientId ?? wso2Key();
    const clientSecret = input.clientSecret ?? wso2Key();
    if (await this.row(clientId)) {
      throw coreError('CONFLICT', `consumer ${clientId} already exists; PATCH /_lienthong/ndxp/consumers/${clientId} changes it`, { field: 'clientId', rule: 'unique' });
    }
    const now = this.ctx.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ndxp_consumers')
        .values({
          client_id: clientId,
          secret_hash: hashSecret(clientSecret),
          agency: input.agency,
          name: input.name ?? `${input.agency} application`,
          quota: input.quota ? JSON.stringify(input.quota) : null,
          rate_limit: input.rateLimit ? JSON.stringify(input.rateLimit) : null,
          token_lifetime_s: input.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S,
          created_at: now,
        })
        .execute();
      for (const ref of new Set(input.apis ?? [])) {
        await trx.insertInto('ndxp_subscriptions').values({ client_id: clientId, ...parseApiRef(ref), created_at: now }).onConflict((oc) => oc.doNothing()).execute();
      }
    });
    return { consumer: (await this.get(clientId))!, clientSecret };
  }

  private row(clientId: string) {
    return this.db.selectFrom('ndxp_consumers').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  }

  private subscriptions(clientId: string) {
    return this.db.selectFrom('ndxp_subscriptions').select(['context', 'version']).where('client_id', '=', clientId).orderBy('context').orderBy('version').execute();
  }

  async get(clientId: string): Promise<Consumer | undefined> {
    const row = await this.row(clientId);
    return row ? toConsumer(row, await this.subscriptions(clientId)) : undefined;
  }

  async mustGet(clientId: string): Promise<Consumer> {
    const c = await this.get(clientId);
    if (!c) throw coreError('NOT_FOUND', `no NDXP consumer ${clientId}; create one with POST /_lienthong/ndxp/consumers`, { field: 'clientId', rule: 'existing consumer' });
    return c;
  }

  async list(agency?: string): Promise<Consumer[]> {
    let q = this.db.selectFrom('ndxp_consumers').selectAll().orderBy('created_at').orderBy('client_id');
    if (agency) q = q.where('agency', '=', agency);
    const rows = await q.execute();
    return Promise.all(rows.map(async (r) => toConsumer(r, await this.subscriptions(r.client_id))));
  }

  /** Changes limits, lifetime, secret; `apis` replaces the subscriptions. */
  async update(clientId: string, patch: Partial<Omit<ConsumerInput, 'clientId' | 'agency'>>): Promise<Consumer> {
    await this.mustGet(clientId);
    checkLimit('quota', patch.quota);
    checkLimit('rateLimit', patch.rateLimit);
    const now = this.ctx.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const set: Partial<NdxpTables['ndxp_consumers']> = {};
      if (patch.clientSecret !== undefined) set.secret_hash = hashSecret(patch.clientSecret);
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.quota !== undefined) set.quota = patch.quota ? JSON.stringify(patch.quota) : null;
      if (patch.rateLimit !== undefined) set.rate_limit = patch.rateLimit ? JSON.stringify(patch.rateLimit) : null;
      if (patch.tokenLifetimeSeconds !== undefined) set.token_lifetime_s = patch.tokenLifetimeSeconds;
      if (Object.keys(set).length > 0) await trx.updateTable('ndxp_consumers').set(set).where('client_id', '=', clientId).execute();
      if (patch.apis !== undefined) {
        await trx.deleteFrom('ndxp_subscriptions').where('client_id', '=', clientId).execute();
        for (const ref of new Set(patch.apis)) await trx.insertInto('ndxp_subscriptions').values({ client_id: clientId, ...parseApiRef(ref), created_at: now }).execute();
      }
    });
    return this.mustGet(clientId);
  }

  async remove(clientId: string): Promise<void> {
    await this.mustGet(clientId);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('ndxp_subscriptions').where('client_id', '=', clientId).execute();
      await trx.deleteFrom('ndxp_tokens').where('client_id', '=', clientId).execute();
      await trx.deleteFrom('ndxp_consumers').where('client_id', '=', clientId).execute();
    });
  }

  /** The consumer if `secret` is its secret; undefined otherwise (unknown id or wrong secret alike). */
  async authenticate(clientId: string, secret: string): Promise<Consumer | undefined> {
    const row = await this.row(clientId);
    if (!row || !secretMatches(row.secret_hash, secret)) return undefined;
    return toConsumer(row, await this.subscriptions(clientId));
  }

  /** Adds subscriptions (a publisher allowing consumers); unknown consumers are an error. */
  async subscribe(clientIds: string[], context: string, version: string): Promise<void> {
    const now = this.ctx.clock.now().toISOString();
    for (const id of clientIds) {
      await this.mustGet(id);
      await this.db.insertInto('ndxp_subscriptions').values({ client_id: id, context, version, created_at: now }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}
