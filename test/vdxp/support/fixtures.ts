/**
 * Shared set-up for the VDXP HTTP tests: an in-process app (no port), connected systems, and packages
 * built with the emulator's own edXML builder from a small description.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp, type BuildAppOptions } from '../../../emulator/app.js';
import { virtualClock } from '../../../emulator/core/clock.js';
import { platformTestStore } from '../../store/pg.js';
import { createSdkClient, supertestTransport, type SdkClient } from './sdk-client.js';

/** specs/ lives in the shared folder beside the repository. */
export const SPECS_DIR = fileURLToPath(new URL('../../../../shared/specs/', import.meta.url));
export const sample = (name: string): Buffer => readFileSync(`${SPECS_DIR}edxml-samples/${name}`);

export type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * 10:00 in Vietnam on 2026/11/24, the fixtures' PromulgationDate: test apps start their virtual clock here
 * so no test depends on the real date (QĐ 28 deadlines, future dates, certificate validity).
 */
export const TEST_INSTANT = '2026-11-24T03:00:00.000Z';

export async function makeApp(opts: BuildAppOptions = {}): Promise<App> {
  // LIENTHONG_TEST_STORE=postgres runs the suite over PostgreSQL, a fresh schema per app (test/store/pg.ts).
  const store = opts.store ?? (opts.data === undefined ? await platformTestStore('vdxp') : undefined);
  return buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)), ...opts, ...(store ? { store } : {}) });
}

export interface Connected {
  systemId: string;
  secret: string;
  client: SdkClient;
  certificatePem: string;
  privateKeyPem: string;
}

/** Connects a system through the control plane and returns an SDK-faithful client for it. */
export async function connect(
  app: App,
  systemId: string,
  agencies: (string | { code: string; name?: string })[],
  extra: { mode?: 'lenient' | 'strict'; secret?: string } = {},
): Promise<Connected> {
  const res = await app.inject({
    method: 'POST',
    url: '/_lienthong/vdxp/systems',
    payload: { systemId, agencies: agencies.map((a) => (typeof a === 'string' ? { code: a } : a)), ...extra },
  });
  if (res.statusCode !== 201) throw new Error(`connect ${systemId}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { secret: string; certificatePem: string; privateKeyPem: string };
  return {
    systemId,
    secret: body.secret,
    certificatePem: body.certificatePem,
    privateKeyPem: body.privateKeyPem,
    client: createSdkClient({ systemId, secret: body.secret, transport: supertestTransport(app), now: () => app.lienthong.clock.now() }),
  };
}

export { documentPackage as edoc, edocModel, statusModel, statusPackage as statusPkg, type EdocSpec, type StatusSpec } from '../../../emulator/platforms/vdxp/packages.js';
