import Fastify, { type FastifyInstance } from 'fastify';
import { realClock, virtualClock, type Clock } from './core/clock.js';
import type { EmulatorContext, PlatformModule, ValidationMode } from './core/context.js';
import { FaultBook, faultMigrations, registerFaults } from './core/faults.js';
import { controlPlane } from './core/control.js';
import { registerConsole } from './console/index.js';
import { EvidenceLog, evidenceMigrations } from './core/evidence.js';
import { recordExchange } from './core/exchange-evidence.js';
import { toEmulatorError } from './core/http-errors.js';
import { randomIds, type IdSource } from './core/ids.js';
import { joinSharedSandbox, shareClock, sharedSandboxMigrations, syncClockAroundRequests } from './core/shared-sandbox.js';
import { registerOpenApi } from './core/openapi/index.js';
import { restoreSnapshot } from './core/snapshot/restore.js';
import { snapshotRoutes } from './core/snapshot/routes.js';
import { openSqliteStore } from './core/store/sqlite.js';
import type { Store } from './core/store/store.js';
import { TestCaService, testCaMigrations } from './core/test-ca-service.js';
import { VERSION } from './core/version.js';
import { createWorld, DEFAULT_ENTERPRISES, DEFAULT_POPULATION, DEFAULT_SEED } from './core/world/citizens.js';
import { dvcqgPlatform } from './platforms/dvcqg/index.js';
import { ndxpPlatform } from './platforms/ndxp/index.js';
import { vdxpPlatform } from './platforms/vdxp/index.js';

export interface BuildAppOptions {
  /** SQLite file for the embedded store, or `:memory:` (default). Ignored when `store` is given. */
  data?: string;
  /** A store from `openStore('postgres://…' | 'sqlite:<file>')` (docs/store.md); the app closes it when it closes. */
  store?: Store;
  /** `real` (default), `virtual` (starts now), or a Clock. */
  clock?: 'real' | 'virtual' | Clock;
  ids?: IdSource;
  /** Default validation mode of every platform: lenient (what the real platforms accept) or strict. */
  mode?: ValidationMode;
  /** Seed of the deterministic directory data and of the synthetic world. */
  seed?: number;
  /** Citizens in the synthetic world (default 100,000). */
  population?: number;
  /** Enterprises in the synthetic world (default 20,000). */
  enterprises?: number;
  logger?: boolean;
  /** Largest accepted request body in bytes (edXML packages carry base64 attachments). */
  maxBodyBytes?: number;
  /** A snapshot file (GET /_lienthong/snapshot) whose state replaces the store's once the app is built. */
  restore?: string;
}

export type LienthongApp = FastifyInstance;

export const PLATFORMS: readonly PlatformModule[] = [vdxpPlatform, dvcqgPlatform, ndxpPlatform];

/**
 * Builds the emulator as a fastify instance that never listens: tests drive it with supertest or
 * `inject()`, `main.ts` calls `listen`. Closing the app closes the store.
 *
 * @example
 *   const app = await buildApp({ data: ':memory:', clock: 'virtual' });
 *   const res = await app.inject({ method: 'GET', url: '/_lienthong/health' });
 *   await app.close();
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<LienthongApp> {
  const store = options.store ?? (await openSqliteStore({ file: options.data ?? ':memory:' }));
  let app: LienthongApp;
  try {
    app = await assemble(store, options);
  } catch (err) {
    // The app owns the store: a start that fails (a migration, SANDBOX_SETTINGS_MISMATCH) must not leave a
    // database handle or a PostgreSQL pool open behind it.
    await store.close().catch(() => undefined);
    throw err;
  }
  if (options.restore) {
    const { createReadStream } = await import('node:fs');
    await restoreSnapshot(app.lienthong, PLATFORMS, createReadStream(options.restore)).catch(async (err: unknown) => {
      await app.close();
      throw err;
    });
  }
  return app;
}

async function assemble(store: Store, options: BuildAppOptions): Promise<LienthongApp> {
  await store.migrate(Object.assign({}, evidenceMigrations, testCaMigrations, faultMigrations, sharedSandboxMigrations, ...PLATFORMS.map((p) => p.migrations)));
  const localClock: Clock =
    options.clock === 'virtual' ? virtualClock() : options.clock === 'real' || options.clock === undefined ? realClock() : options.clock;
  const settings = {
    seed: options.seed ?? DEFAULT_SEED,
    population: options.population ?? DEFAULT_POPULATION,
    enterprises: options.enterprises ?? DEFAULT_ENTERPRISES,
    mode: options.mode ?? 'lenient',
    clock: localClock.mode,
  } as const;
  // Over a shared store (PostgreSQL) every process of the sandbox runs the same settings and one virtual clock.
  await joinSharedSandbox(store, settings);
  const clock = await shareClock(store, localClock);
  const ctx: EmulatorContext = {
    version: VERSION,
    startedAt: clock.now(),
    store,
    clock,
    ids: options.ids ?? randomIds(),
    mode: settings.mode,
    seed: settings.seed,
    world: createWorld(settings),
    evidence: new EvidenceLog(store),
    ca: new TestCaService(store, clock),
    // In the store, not the process: every process serving one sandbox applies the same rules (decision 019).
    faults: new FaultBook(store, { now: () => clock.now() }),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.maxBodyBytes ?? 50 * 1024 * 1024,
    // Real clients send odd paths (`/vdxp//sendEdoc` from a trailing-slash endpoint).
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
  });
  app.decorate('lienthong', ctx);
  syncClockAroundRequests(app, clock);
  app.decorateRequest('exchange', null);
  app.decorateRequest('startedAtNs', 0n);
  app.decorateRequest('replyPayload', undefined);

  app.addHook('onRequest', async (request) => {
    request.startedAtNs = process.hrtime.bigint();
    // Changes made through the control plane (systems, reset, clock) are evidence too; reads are not.
    if (request.method !== 'GET' && request.url.startsWith('/_lienthong/')) {
      request.exchange = { platform: 'lienthong', operation: `${request.method} ${request.routeOptions.url ?? request.url}`, verdicts: [] };
    }
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.exchange && typeof payload === 'string') request.replyPayload = payload;
    return payload;
  });
  // Evidence is appended after the reply is written, off the latency path.
  app.addHook('onResponse', async (request, reply) => recordExchange(ctx, request, reply.statusCode, request.replyPayload));

  app.setErrorHandler((err, _request, reply) => {
    const e = toEmulatorError(err);
    if (e.httpStatus >= 500) reply.log.error({ err }, 'internal error');
    void reply.status(e.httpStatus).send({ error: { code: e.code, message: e.message, ...e.details } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } });
  });

  // First: its onRoute hook must see every route registered after it (the OpenAPI document is the route table).
  registerOpenApi(app);
  await app.register(controlPlane, { ctx, platforms: PLATFORMS });
  await app.register(snapshotRoutes, { ctx, platforms: PLATFORMS });
  registerFaults(app, ctx.faults!, PLATFORMS);
  registerConsole(app);
  for (const platform of PLATFORMS) {
    await platform.seed(ctx);
    await app.register(platform.plugin, { ctx });
  }
  app.addHook('onClose', async () => {
    await ctx.evidence.flush();
    ctx.evidence.close();
    await store.close();
  });
  await app.ready();
  return app;
}
