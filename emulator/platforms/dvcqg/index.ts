/**
 * DVCQG — Cổng dịch vụ công quốc gia (the national public-service portal), as one-stop systems (hệ thống
 * thông tin một cửa điện tử) see it at `/dvcqg`: session login and the service-multiplexed JSON endpoint
 * (§A1–§A3), the status machine (§A5), the procedure catalogue (§A7), ratings and the QĐ 766 index (§A8,
 * §A11), the portal's calls to one-stop systems (§A4), SSO (§A9) and payments (§A10).
 *
 * LIMITATIONS: see LIMITATIONS below and each part's own (sso/, payment/); served at /_lienthong/info.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorContext, PlatformModule } from '../../core/context.js';
import { registerDvcqgControl } from './control.js';
import { dvcqgError } from './errors.js';
import { dvcqgFaults } from './faults.js';
import { registerKpiRoutes } from './kpi-routes.js';
import type { DvcqgPart } from './part.js';
import { paymentPart } from './payment/index.js';
import { registerDvcqgRoutes } from './routes.js';
import { DvcqgService } from './service.js';
import { ssoPart } from './sso/index.js';
import { clearDvcqg, dvcqgMigrations } from './store.js';

const PARTS: readonly DvcqgPart[] = [ssoPart, paymentPart];

const LIMITATIONS = [
  'The real endpoint paths are configuration (§A1 NF): login is POST /dvcqg/login, services POST /dvcqg/service (or /dvcqg/share).',
  'error_code values other than 0 are ours (docs/decisions/007); replies carry a real HTTP status too.',
  'Session lifetime (60 min on the emulator clock) is a choice; the real one is unknown.',
  'The status transition table is ours, from Decree 61/2018 (docs/decisions/007); transitions are errors only in strict mode.',
  'A call is all-or-nothing: one invalid dossier refuses the whole data array (the real per-item behaviour is unknown).',
  'Catalogue: 6,790 generated procedures (codes ^\\d\\.\\d{6}$, MUCDO 2/3/4 kept from the old levels); a few real names with generated codes.',
  'Portal-issued dossier codes use sequence numbers from 9001; the portal→one-stop lookup sends service "TraCuuHoSo" (its real value is unknown).',
  'QĐ 766 sub-indicator points are split evenly within each group (official split not public, docs/decisions/008).',
  'The legal due date (legalDue on GET /_lienthong/dvcqg/dossiers/:MaHoSo) counts Monday–Friday working days from the day after receipt; public holidays are not modelled.',
];

const services = new WeakMap<EmulatorContext, DvcqgService>();
function serviceFor(ctx: EmulatorContext): DvcqgService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new DvcqgService(ctx)));
  return s;
}

const plugin: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const svc = serviceFor(ctx);
  await app.register(
    async (wire) => {
      // Bodies are bytes until a route parses them: a malformed body is answered in the portal's dialect.
      wire.removeAllContentTypeParsers();
      wire.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      registerDvcqgRoutes(wire, svc);
      registerKpiRoutes(wire, svc);
    },
    { prefix: '/dvcqg' },
  );
  registerDvcqgControl(app, svc);
  for (const part of PARTS) await part.register(app, ctx);
};

export const dvcqgPlatform: PlatformModule = {
  name: 'dvcqg',
  mount: '/dvcqg',
  migrations: Object.assign({}, dvcqgMigrations, ...PARTS.map((p) => p.migrations)),
  plugin,
  seed: async () => {},
  clear: async (ctx, opts) => {
    await clearDvcqg(serviceFor(ctx).db, opts.keepSystems);
    for (const part of PARTS) await part.clear(ctx, opts);
  },
  restored: async (ctx) => {
    for (const part of PARTS) await part.restored?.(ctx);
  },
  limitations: [...LIMITATIONS, ...PARTS.flatMap((p) => p.limitations)],
  faults: dvcqgFaults(serviceFor),
};

export { dvcqgError };
export { DVCQG_ERRORS } from './errors.js';
