/**
 * NDXP / LGSP — the national data integration and sharing platform (Nền tảng tích hợp, chia sẻ dữ liệu quốc
 * gia) and a ministry's or province's LGSP, as consumer and provider systems see it at `/ndxp` (§B1–§B5):
 * the OAuth2 client-credentials token endpoint, the API gateway with its service registry, quotas and rate
 * limits, and the national databases behind it (population §B2–§B3, business registration §B4) with the
 * shared category service (§B1, §B5).
 *
 * LIMITATIONS: see LIMITATIONS below and each part's own; served at /_lienthong/info.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorContext, PlatformModule } from '../../core/context.js';
import { registerNdxpControl } from './control.js';
import { ndxpFaults } from './faults.js';
import { registerGatewayRoutes } from './gateway-routes.js';
import { businessPart } from './business/index.js';
import { categoriesPart } from './categories/index.js';
import { populationPart } from './population/index.js';
import { NdxpService } from './service.js';
import { clearNdxp, ndxpMigrations } from './store.js';
import type { NdxpPart } from './upstream.js';

const PARTS: readonly NdxpPart[] = [populationPart, businessPart, categoriesPart];

const LIMITATIONS = [
  'The gateway speaks WSO2 API Manager\'s dialect (token endpoint, fault codes) because NGSP/LGSP clients point that way (§B1 [I]); the product itself is not confirmed.',
  'Tokens are opaque UUIDs, not WSO2\'s JWT access tokens; scopes are not modelled (every token has scope "default").',
  'The registry API of the real NDXP is not public (§B1 NF): APIs are published through /_lienthong/ndxp/apis.',
  'Published APIs receive the caller as X-Consumer-Key / X-Consumer-Agency headers (WSO2 would send a signed X-JWT-Assertion).',
  'The X-Road-style national path (Timestamp + SHA-256 Basic + X-Road-Client, one client) and the Đồng Tháp token variant (Auth header, refreshToken) are not emulated.',
  'Quota and rate windows are fixed windows aligned to Vietnam time; WSO2 uses sliding/burst policies per subscription tier.',
];

const services = new WeakMap<EmulatorContext, NdxpService>();
function serviceFor(ctx: EmulatorContext): NdxpService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new NdxpService(ctx, PARTS.flatMap((p) => p.apis(ctx)))));
  return s;
}

const plugin: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const svc = serviceFor(ctx);
  await app.register(
    async (wire) => {
      // Bodies stay bytes: the gateway passes them to the upstream untouched and parses only token forms.
      wire.removeAllContentTypeParsers();
      wire.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      registerGatewayRoutes(wire, svc);
    },
    { prefix: '/ndxp' },
  );
  registerNdxpControl(app, svc);
  for (const part of PARTS) await part.registerControl?.(app, ctx);
};

export const ndxpPlatform: PlatformModule = {
  name: 'ndxp',
  mount: '/ndxp',
  migrations: Object.assign({}, ndxpMigrations, ...PARTS.map((p) => p.migrations)),
  plugin,
  seed: async () => {},
  clear: async (ctx, opts) => {
    await clearNdxp(serviceFor(ctx).db, opts.keepSystems);
    for (const part of PARTS) await part.clear(ctx, opts);
  },
  limitations: [...LIMITATIONS, ...PARTS.flatMap((p) => p.limitations)],
  faults: ndxpFaults(serviceFor),
};

export { NDXP_ERRORS } from './errors.js';
