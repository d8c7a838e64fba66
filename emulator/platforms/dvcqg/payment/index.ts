/**
 * DVCQG payments: the DVCQG Payment Platform ("PP DVCQG", Nền tảng thanh toán trên Cổng DVCQG) and PayGov,
 * as one-stop systems integrate them (specs/dvcqg-ndxp.md A10; choices in docs/decisions/009-dvcqg-payments.md).
 *
 * Wire: POST /dvcqg/payment/{init,receipt,bill}, POST /dvcqg/paygov/{create,receipt}; the payer's page
 * GET|POST /dvcqg/payment/pay/:ref; receipts GET /dvcqg/payment/receipts/:ref, /dvcqg/paygov/receipts/:ref.
 * Control: /_lienthong/dvcqg/payment/{partners,paygov-partners,transactions[/:ref[/complete|/callback]],settings}.
 *
 * LIMITATIONS: see LIMITATIONS below.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../../../core/context.js';
import { coreError } from '../../../core/errors.js';
import type { DvcqgPart } from '../part.js';
import { registerPaymentControl } from './control.js';
import { DEFAULT_DELIVERY, loadDeliverySettings, saveDeliverySettings, type DeliverySettings } from './delivery.js';
import { registerPaymentRoutes } from './routes.js';
import { PaymentService, type PartnerInput, type PaygovCredentials, type PaymentRecord, type PpCredentials } from './service.js';
import { clearPayments, paymentMigrations, type PaymentTables } from './store.js';

export { PAYMENT_ERRORS } from './errors.js';
export { LOAI_BAN_TIN } from './service.js';
export type { PartnerInput, PaygovCredentials, PaymentRecord, PpCredentials } from './service.js';
export type { DeliverySettings } from './delivery.js';

const LIMITATIONS = [
  'Payments: the real endpoint paths, LoaiBanTin values, PhienBan and MaLoi codes beyond 00/99 are not public; ours are documented (docs/decisions/009-dvcqg-payments.md).',
  'Payments: refusals use a real HTTP status (400/401/404/409); a client that reads only 2xx bodies (Java HttpURLConnection.getInputStream) loses the MaLoi of a refusal.',
  'Payments: the PayGov callback checksum formula, its paygate/type values and the success word of PayGov replies are our choices ([NF]).',
  'Payments: PayGov LGSP tokens (Authorization: Bearer, lgspaccesstoken) are required but not verified, in both modes (no NDXP/LGSP token service yet); each call records a warning.',
  'Payments: no money, bank or card flow: the payer pays, fails or cancels on one emulator page (or headlessly); receipts are HTML pages, not the real PDF.',
  'Payments: a callback is acknowledged only by MaLoi "00" / error_code SUCCESSFUL; the retry schedule (default 10 s, 1 min, 5 min, 30 min, 2 h) is ours, the real one is unknown.',
  'Payments: the agency\'s reply is judged in the transaction\'s callback history; the evidence event of a callback carries only an info verdict (callSut logs before the reply is judged).',
  'Payments, shared sandbox (several processes over PostgreSQL): any process may send a due callback (rows are leased, one sender per attempt); a process sees a clock move made on another within about a second, so a retry made due by that move may wait as long (docs/decisions/018).',
];

/** Where S1 receives payment results [C]: the default callbacks under a one-stop system's base URL. */
export const PP_CALLBACK_PATH = '/o/pgi/ppdvcqg/dpnhankqthanhtoanhs';
export const PAYGOV_CALLBACK_PATH = '/o/pgi/paygov/dpnhankqthanhtoanhs';

const services = new WeakMap<EmulatorContext, PaymentService>();
function serviceFor(ctx: EmulatorContext): PaymentService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new PaymentService(ctx)));
  return s;
}

export const paymentPart: DvcqgPart = {
  name: 'payment',
  migrations: paymentMigrations,
  async register(app: FastifyInstance, ctx: EmulatorContext) {
    const service = serviceFor(ctx);
    await registerPaymentRoutes(app, service);
    registerPaymentControl(app, service);
    // preClose: fastify runs the root's onClose (which closes the store) before a child's onClose, so the
    // dispatcher must stop earlier; onClose repeats it for an instance closed without preClose hooks.
    app.addHook('preClose', async () => service.dispatcher.stop());
    app.addHook('onClose', async () => service.dispatcher.stop());
    // Pending callbacks of an earlier run (same store) resume now.
    service.dispatcher.start();
  },
  async clear(ctx, opts) {
    await clearPayments(ctx.store.db<PaymentTables>(), opts.keepSystems);
  },
  // The restored callbacks have their own due times: plan the next pass from them.
  async restored(ctx) {
    serviceFor(ctx).dispatcher.wake(0);
  },
  limitations: LIMITATIONS,
};

/**
 * Payment credentials for a one-stop account (the portal's account creation calls it): a PP DVCQG partner
 * (MaDoiTac defaults to the agency code, as S1 uses the agency code as MaDoiTac [C]) and a PayGov partner
 * (partnerCode defaults to `PAYGOV-<agency>`). Secrets are generated unless given; calling it again updates
 * what is given and keeps the rest.
 */
export async function createPaymentPartner(
  ctx: EmulatorContext,
  input: PartnerInput,
): Promise<{ agency: string; ppdvcqg: PpCredentials; paygov: PaygovCredentials }> {
  if (typeof input.agency !== 'string' || input.agency.trim() === '') {
    throw coreError('BAD_REQUEST', 'agency (the DVCQG agency code) is required for payment credentials', { field: 'agency', rule: 'required' });
  }
  const s = serviceFor(ctx);
  const base = input.callbackBaseUrl ? input.callbackBaseUrl.replace(/\/+$/, '') : undefined;
  const ppdvcqg = await s.upsertPpPartner({
    maDoiTac: input.maDoiTac ?? input.agency,
    hashKey: input.hashKey,
    agency: input.agency,
    callbackUrl: input.callbackUrl ?? (base ? `${base}${PP_CALLBACK_PATH}` : undefined),
    receiptUrl: input.receiptUrl,
    mode: input.mode,
    account: input.account,
  });
  const paygov = await s.upsertPaygovPartner({
    partnerCode: input.partnerCode ?? `PAYGOV-${input.agency}`,
    accessKey: input.accessKey,
    secretKey: input.secretKey,
    agency: input.agency,
    callbackUrl: input.paygovCallbackUrl ?? (base ? `${base}${PAYGOV_CALLBACK_PATH}` : undefined),
    mode: input.mode,
    account: input.account,
  });
  return { agency: input.agency, ppdvcqg, paygov };
}

/**
 * Dossier payments of an agency started in [from, to) (ISO instants or Dates), both channels, for the KPI
 * index (Decision 766 group "Thanh toán trực tuyến"). Payments without a MaHoSo (penalties) are left out.
 */
export async function paymentsOf(ctx: EmulatorContext, q: { agency?: string; from?: Date | string; to?: Date | string }): Promise<PaymentRecord[]> {
  return serviceFor(ctx).paymentsOf(q);
}

/** Sets the callback retry schedule and timeout (same as PUT /_lienthong/dvcqg/payment/settings). */
export async function setPaymentDelivery(ctx: EmulatorContext, settings: Partial<DeliverySettings>): Promise<DeliverySettings> {
  const db = ctx.store.db<PaymentTables>();
  const next = { ...(await loadDeliverySettings(db)), ...settings };
  await saveDeliverySettings(db, next);
  serviceFor(ctx).dispatcher.wake(0);
  return next;
}

export { DEFAULT_DELIVERY };
