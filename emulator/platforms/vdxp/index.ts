/**
 * VDXP — Trục liên thông văn bản quốc gia (the national document-exchange axis), as the SDKVXP 2.0.1
 * client sees it at `/vdxp/<operation>`.
 *
 * LIMITATIONS (where this emulator knowingly differs from, or guesses about, the real axis):
 * - The real server's ErrorCode table is not public: failures use `status FAIL` with our numeric codes
 *   (docs/decisions/002) and a real HTTP status; the SDK reads the body whatever the status.
 * - List replies are not paginated (the real paging parameters are unknown); times are `dd/MM/yyyy HH:mm:ss`.
 * - Redelivery: an item stays listed until `updateStatus done`; the real axis's retention is unknown.
 * - Business status order, duplicate DocumentIds and 15/16 answers are enforced only in strict mode; lenient
 *   mode relays them and records warnings, as the real axis is believed to.
 * - The axis appends its own TraceHeader (OrganId 000.00.00.G22) to delivered document packages, which
 *   breaks an enveloped signature over the whole package for the recipient; the signature is verified
 *   on the bytes the sender sent.
 * - Signatures are checked more than the real axis seems to (specs/vdxp.md §1.4): a valid signature must be
 *   made with the certificate of the system serving From/OrganId, the emulator's stand-in for the issuing
 *   agency's own certificate (docs/decisions/025). Strict mode refuses another signer; lenient warns.
 * - The directory holds only level-1 codes verified in specs/vdxp.md §4 plus generated sub-units.
 * - The QĐ 28 sending deadline counts Monday–Friday as working days; public holidays are not modelled.
 * - No push/webhook (the SDK has none); no `to` header routing (packages route by their content).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorContext, PlatformModule } from '../../core/context.js';
import { toEmulatorError } from '../../core/http-errors.js';
import { registerVdxpControl } from './control.js';
import { vdxpError, vdxpInternal } from './errors.js';
import { vdxpFaults } from './faults.js';
import { refuse } from './render.js';
import { registerVdxpRoutes } from './routes.js';
import { VdxpService } from './service.js';
import { clearVdxp, vdxpMigrations, type VdxpTables } from './store.js';

/** A client that behaves on the wire like the official SDK: for vendors, the harness and the benchmark. */
export { createSdkClient, fetchTransport, type SdkClient, type SdkResult, type SdkTransport } from './client.js';
export { documentPackage, edocModel, statusModel, statusPackage, type EdocSpec, type StatusSpec } from './packages.js';

const LIMITATIONS = [
  'Real ErrorCode table unknown: FAIL replies carry our numeric codes plus a stable symbolic code.',
  'No pagination on list operations; times as dd/MM/yyyy HH:mm:ss (Vietnam time).',
  'Items stay listed until updateStatus done (real retention unknown).',
  'Status order, duplicate DocumentId and 15/16 rules are errors only in strict mode; lenient records warnings.',
  'The axis TraceHeader appended on delivery breaks whole-document signatures for recipients.',
  'Signer check (decision 025): one certificate per connected system stands for its agencies\' certificates; strict refuses a package signed by another system, lenient warns (the real axis checks no signatures).',
  'Directory: verified level-1 codes only, plus generated sub-units.',
  'QĐ 28 sending deadline: Monday–Friday working days, public holidays not modelled.',
];

const services = new WeakMap<EmulatorContext, VdxpService>();
function serviceFor(ctx: EmulatorContext): VdxpService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new VdxpService(ctx)));
  return s;
}

const plugin: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const service = serviceFor(ctx);
  await app.register(
    async (wire) => {
      // Real clients send raw edXML as octet-stream and an empty body labelled application/json:
      // every body is taken as bytes and interpreted by the operation.
      wire.removeAllContentTypeParsers();
      wire.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      wire.setErrorHandler((err, request, reply) => {
        let e = toEmulatorError(err, vdxpInternal);
        if (e.code === 'BODY_TOO_LARGE') e = vdxpError('VDXP_BODY_TOO_LARGE', `the body is larger than the limit of ${app.initialConfig.bodyLimit} bytes`, { field: 'body', rule: `at most ${app.initialConfig.bodyLimit} bytes` });
        refuse(request, reply, e);
      });
      wire.setNotFoundHandler((request, reply) => {
        request.exchange = { platform: 'vdxp', verdicts: [] };
        const e = vdxpError('VDXP_UNKNOWN_OPERATION', `no VDXP operation ${request.method} ${request.url}; see specs/vdxp.md §3.3 for the operations`, { field: 'path', rule: 'known operation' });
        // Recorded like every other refusal, so the harness sees which unknown path a client called.
        refuse(request, reply, e);
      });
      registerVdxpRoutes(wire, service);
    },
    { prefix: '/vdxp' },
  );
  registerVdxpControl(app, service);
};

export const vdxpPlatform: PlatformModule = {
  name: 'vdxp',
  mount: '/vdxp',
  migrations: vdxpMigrations,
  plugin,
  seed: (ctx) => serviceFor(ctx).directory.seed(),
  clear: (ctx, opts) => clearVdxp(ctx.store.db<VdxpTables>(), opts.keepSystems),
  limitations: LIMITATIONS,
  faults: vdxpFaults(serviceFor),
};
