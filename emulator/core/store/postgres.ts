import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  PostgresDriver,
  PostgresQueryCompiler,
  type ColumnDefinitionNode,
  type DatabaseConnection,
  type DataTypeNode,
  type Driver,
  type Migration,
  type PostgresDialectConfig,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Store } from './store.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`, optionally `?schema=name` to keep a sandbox in its own schema. */
  url: string;
  /** Schema for every table (created when missing); overrides `?schema=` in the URL. Default: the server's search_path. */
  schema?: string;
  /** Connections kept by this process (default 10). */
  poolSize?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INT8_OID = 20;

/**
 * PostgreSQL behind the same `Store` interface as SQLite, for a shared sandbox served by several emulator
 * processes. The platforms' migrations and queries are written once, for both; the few places where the two
 * databases differ are decided here and nowhere else (docs/decisions/018):
 * - column types as SQLite understands them: `integer` is 64-bit (→ bigint), `real` is a double
 *   (→ double precision), `blob` → bytea, autoincrement → identity, and text compares byte-wise as in
 *   SQLite (→ COLLATE "C"), so orderings and comparisons of codes and ISO times agree;
 * - bigint results come back as numbers (pg returns strings), like better-sqlite3;
 * - every transaction takes one advisory lock, so transactions run one at a time across every process, as
 *   they do on SQLite's single connection: the platforms' check-then-write transactions stay correct;
 * - text cannot hold U+0000 in PostgreSQL: it is stored as U+FFFD.
 *
 * @example
 *   const store = await openPostgresStore({ url: 'postgres://lienthong@127.0.0.1:5432/lienthong?schema=sandbox' });
 *   const app = await buildApp({ store });
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const { connectionString, schema: urlSchema } = splitSchema(opts.url);
  const schema = opts.schema ?? urlSchema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema "${schema}" must be a plain identifier (letters, digits, _; at most 63 characters)`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
  });
  // An idle client that loses its server (restart, network) must not take the process down.
  pool.on('error', () => undefined);
  // Kysely's migrator looks for its tables in every schema unless told which: name ours, so two sandboxes in
  // one database do not take each other's migration tables for their own.
  let migrationSchema: string;
  try {
    if (schema) await ensureSchema(pool, schema);
    const { rows } = await pool.query<{ s: string | null }>('select current_schema() as s');
    migrationSchema = rows[0]?.s ?? 'public';
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot open the PostgreSQL store at ${redactUrl(opts.url)}: ${(err as Error).message}`, { cause: err });
  }
  const lockKey = advisoryKey(migrationSchema);
  const db = new Kysely<unknown>({ dialect: new PortablePostgresDialect({ pool }, lockKey) });
  return {
    kind: 'postgres',
    location: redactUrl(opts.url),
    shared: true,
    db: <T>() => db as unknown as Kysely<T>,
    async migrate(migrations: Record<string, Migration>) {
      // Kysely's migrator holds its own lock row, so two processes starting together migrate once.
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true, migrationTableSchema: migrationSchema });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
    },
    async resetIdentity(table: string, column: string) {
      const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
      await db.executeQuery(
        CompiledQuery.raw(`select setval(pg_get_serial_sequence($1, $2), coalesce(max(${id(column)}), 0) + 1, false) from ${id(table)}`, [table, column]),
      );
    },
    async close() {
      await db.destroy();
    },
  };
}

/** The URL without its password, for /_lienthong/info and log lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** `?schema=` is ours, not libpq's: taken out before pg reads the URL. */
function splitSchema(url: string): { connectionString: string; schema?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`store URL ${redactUrl(url)} is not a URL such as postgres://user:password@host:5432/database`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error(`store URL ${redactUrl(url)} must start with postgres:// or postgresql://`);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema };
}

async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`create schema if not exists "${schema}"`);
  } catch (err) {
    // Two processes creating it at the same moment: the loser sees a duplicate, which is what it wanted.
    if (!['23505', '42P06'].includes((err as { code?: string }).code ?? '')) throw err;
  }
}

function typeParser(oid: number, format?: string): (value: string) => unknown {
  // bigint (our integer columns, count(*), max(id)) as a number, as better-sqlite3 returns it.
  if (oid === INT8_OID) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}

/** Two 32-bit keys for pg_advisory_xact_lock: "LT" and the schema's hash (two sandboxes never wait on each other). */
function advisoryKey(schema: string): [number, number] {
  let h = 0x811c9dc5;
  for (const ch of schema) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return [0x4c54, h | 0];
}

class PortablePostgresDialect extends PostgresDialect {
  constructor(
    private readonly settings: PostgresDialectConfig,
    private readonly lockKey: [number, number],
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new SerialTransactionDriver(this.settings, this.lockKey);
  }

  override createQueryCompiler(): QueryCompiler {
    return new PortableQueryCompiler();
  }
}

/** SQLite's column types as PostgreSQL spells them (see openPostgresStore). */
const COLUMN_TYPES: Record<string, string> = {
  integer: 'bigint',
  real: 'double precision',
  blob: 'bytea',
  text: 'text collate "C"',
};

class PortableQueryCompiler extends PostgresQueryCompiler {
  private inColumn = false;

  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    this.inColumn = true;
    try {
      super.visitColumnDefinition(node);
    } finally {
      this.inColumn = false;
    }
  }

  protected override visitDataType(node: DataTypeNode): void {
    const mapped = this.inColumn ? COLUMN_TYPES[node.dataType] : undefined;
    if (mapped) this.append(mapped);
    else super.visitDataType(node);
  }

  protected override getAutoIncrement(): string {
    return 'generated by default as identity';
  }
}

/** U+0000 cannot be stored in PostgreSQL text; U+FFFD marks where it was. */
const NUL = /\u0000/g;
function portableParameter(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replace(NUL, '\uFFFD') : value;
}

class PortableConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = compiledQuery.parameters.some((p) => typeof p === 'string' && p.includes('\u0000')) ? compiledQuery.parameters.map(portableParameter) : compiledQuery.parameters;
    return this.inner.executeQuery(parameters === compiledQuery.parameters ? compiledQuery : { ...compiledQuery, parameters });
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(compiledQuery, chunkSize);
  }
}

/**
 * Transactions one at a time per sandbox, across processes: each takes the sandbox's advisory lock first and
 * keeps it until commit or rollback. Plain statements outside transactions run in parallel.
 */
class SerialTransactionDriver extends PostgresDriver {
  constructor(
    config: PostgresDialectConfig,
    private readonly lockKey: [number, number],
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new PortableConnection(await super.acquireConnection());
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Kysely hands back what acquireConnection returned: the pg connection is inside.
    await super.releaseConnection((connection as PortableConnection).inner as Parameters<PostgresDriver['releaseConnection']>[0]);
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw('select pg_advisory_xact_lock($1, $2)', this.lockKey));
  }
}
