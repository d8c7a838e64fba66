import type { EmulatorContext } from '../../core/context.js';
import { coreError } from '../../core/errors.js';
import type { NdxpDb, NdxpTables } from './store.js';
import type { BuiltinApi } from './upstream.js';

/** Paths under /ndxp that belong to the gateway itself, not to an API context. */
export const RESERVED_CONTEXTS = new Set(['token', 'revoke', 'oauth2', 'getToken']);

export interface PublishInput {
  context: string;
  version: string;
  upstream: string;
  provider: string;
  name?: string;
  description?: string;
  timeoutMs?: number;
  defaultVersion?: boolean;
  /** Consumers the publisher allows: they are subscribed to this version. */
  consumers?: string[];
}

export interface PublishedApi {
  context: string;
  version: string;
  upstream: string;
  provider: string;
  name: string;
  description: string;
  timeoutMs: number;
  defaultVersion: boolean;
  createdAt: string;
}

export type ApiEntry = { kind: 'builtin'; api: BuiltinApi } | { kind: 'published'; api: PublishedApi };

export interface Resolved {
  entry: ApiEntry;
  context: string;
  version: string;
  /** The path after context and version, `''` for the API root. */
  resource: string;
}

/** WSO2's default endpoint timeout is longer; 30 s keeps a hung upstream from holding a test for a minute. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

function toPublished(r: NdxpTables['ndxp_apis']): PublishedApi {
  return {
    context: r.context,
    version: r.version,
    upstream: r.upstream,
    provider: r.provider,
    name: r.name,
    description: r.description,
    timeoutMs: r.timeout_ms,
    defaultVersion: r.default_version === 1,
    createdAt: r.created_at,
  };
}

/** The service registry: the built-in national APIs and the APIs agencies publish with their own upstream. */
export class Registry {
  private readonly builtins: readonly BuiltinApi[];

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: NdxpDb,
    builtins: readonly BuiltinApi[],
  ) {
    this.builtins = builtins;
  }

  /** Resolves `/ndxp/<context>/<version>/<resource>` (or `/<context>/<resource>` for a default version). */
  async resolve(path: string): Promise<Resolved | null> {
    const [context = '', second = '', ...rest] = path.split('/');
    if (!context || RESERVED_CONTEXTS.has(context)) return null;
    const entries: ApiEntry[] = [
      ...this.builtins.filter((b) => b.context === context).map((api): ApiEntry => ({ kind: 'builtin', api })),
      ...(await this.db.selectFrom('ndxp_apis').selectAll().where('context', '=', context).execute()).map((r): ApiEntry => ({ kind: 'published', api: toPublished(r) })),
    ];
    if (entries.length === 0) return null;
    const exact = entries.find((e) => e.api.version === second);
    const asPath = (parts: string[]) => (parts.join('') === '' ? '' : `/${parts.join('/')}`);
    if (exact) return { entry: exact, context, version: second, resource: asPath(rest) };
    const fallback = entries.find((e) => e.api.defaultVersion);
    if (!fallback) return null;
    return { entry: fallback, context, version: fallback.api.version, resource: asPath([second, ...rest]) };
  }

  async publish(input: PublishInput): Promise<PublishedApi> {
    if (RESERVED_CONTEXTS.has(input.context)) throw coreError('BAD_REQUEST', `context "${input.context}" is reserved by the gateway`, { field: 'context', rule: 'not token, revoke, oauth2 or getToken' });
    if (this.builtins.some((b) => b.context === input.context)) {
      throw coreError('CONFLICT', `context "${input.context}" belongs to a built-in national API; publish under another context`, { field: 'context', rule: 'not a built-in context' });
    }
    const exists = await this.db.selectFrom('ndxp_apis').select('context').where('context', '=', input.context).where('version', '=', input.version).executeTakeFirst();
    if (exists) throw coreError('CONFLICT', `API ${input.context}/${input.version} is already published; DELETE it first or publish a new version`, { field: 'version', rule: 'unique per context' });
    const now = this.ctx.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      // One default version per context, as in WSO2: the newest marked default wins.
      if (input.defaultVersion) await trx.updateTable('ndxp_apis').set({ default_version: 0 }).where('context', '=', input.context).execute();
      await trx
        .insertInto('ndxp_apis')
        .values({
          context: input.context,
          version: input.version,
          upstream: input.upstream.replace(/\/+$/, ''),
          provider: input.provider,
          name: input.name ?? `${input.context} ${input.version}`,
          description: input.description ?? '',
          timeout_ms: input.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
          default_version: input.defaultVersion ? 1 : 0,
          created_at: now,
        })
        .execute();
    });
    return (await this.published(input.context, input.version))!;
  }

  async published(context: string, version: string): Promise<PublishedApi | undefined> {
    const r = await this.db.selectFrom('ndxp_apis').selectAll().where('context', '=', context).where('version', '=', version).executeTakeFirst();
    return r ? toPublished(r) : undefined;
  }

  async unpublish(context: string, version: string): Promise<void> {
    const res = await this.db.deleteFrom('ndxp_apis').where('context', '=', context).where('version', '=', version).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw coreError('NOT_FOUND', `no published API ${context}/${version}`, { field: 'context', rule: 'published API' });
  }

  /** Every API for the control plane: the built-in ones first. */
  async list() {
    const published = (await this.db.selectFrom('ndxp_apis').selectAll().orderBy('context').orderBy('version').execute()).map(toPublished);
    return [
      ...this.builtins.map((b) => ({ kind: 'builtin' as const, context: b.context, version: b.version, defaultVersion: b.defaultVersion ?? false, provider: b.provider, name: b.name, description: b.description })),
      ...published.map((p) => ({ kind: 'published' as const, ...p })),
    ];
  }
}
