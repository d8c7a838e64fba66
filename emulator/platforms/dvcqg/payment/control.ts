import type { FastifyInstance } from 'fastify';
import { parseDuration } from '../../../core/clock.js';
import type { ValidationMode } from '../../../core/context.js';
import { checkBody } from '../../../core/control.js';
import { coreError, EmulatorError } from '../../../core/errors.js';
import { loadDeliverySettings, saveDeliverySettings, type DeliverySettings } from './delivery.js';
import { paymentError } from './errors.js';
import { baseUrlOf } from './routes.js';
import type { Outcome, PaymentService } from './service.js';

interface PpPartnerBody {
  maDoiTac: string;
  hashKey?: string;
  agency: string;
  callbackUrl?: string | null;
  receiptUrl?: string | null;
  mode?: ValidationMode | null;
  account?: string | null;
}

interface PaygovPartnerBody {
  partnerCode: string;
  accessKey?: string;
  secretKey?: string;
  agency: string;
  callbackUrl?: string | null;
  mode?: ValidationMode | null;
  account?: string | null;
}

/** Milliseconds from an ISO 8601 duration (`PT10S`) or a number of milliseconds. */
function delayMs(value: string | number, index: number): number {
  if (typeof value === 'number') return value;
  try {
    return parseDuration(value);
  } catch (err) {
    const why = err instanceof EmulatorError ? err.message : String(err);
    throw coreError('BAD_DURATION', `retrySchedule[${index}]: ${why}`, { field: `retrySchedule/${index}`, rule: 'ISO 8601 duration or milliseconds' });
  }
}

const settingsView = (s: DeliverySettings) => ({
  retryScheduleMs: s.retryScheduleMs,
  maxAttempts: s.retryScheduleMs.length + 1,
  timeoutMs: s.timeoutMs,
});

/** `/_lienthong/dvcqg/payment/…`: partners, inspection, the headless payer, delivery settings. Our dialect. */
export function registerPaymentControl(app: FastifyInstance, service: PaymentService): void {
  const P = '/_lienthong/dvcqg/payment';

  app.post(`${P}/partners`, async (request, reply) => {
    const b = checkBody<PpPartnerBody>('lienthong:dvcqg/payment-partner', request.body);
    const existed = await service.partner('ppdvcqg', b.maDoiTac);
    const creds = await service.upsertPpPartner(b);
    if (request.exchange) request.exchange.agency = b.agency;
    return reply.status(existed ? 200 : 201).send(creds);
  });

  app.post(`${P}/paygov-partners`, async (request, reply) => {
    const b = checkBody<PaygovPartnerBody>('lienthong:dvcqg/payment-paygov-partner', request.body);
    const existed = await service.partner('paygov', b.partnerCode);
    const creds = await service.upsertPaygovPartner(b);
    if (request.exchange) request.exchange.agency = b.agency;
    return reply.status(existed ? 200 : 201).send(creds);
  });

  app.get(`${P}/partners`, async () => ({ partners: await service.partners() }));

  app.get<{ Querystring: Record<string, string | undefined> }>(`${P}/transactions`, async (request) => {
    const q = request.query;
    return { transactions: await service.list({ agency: q.agency, maHoSo: q.maHoSo, partner: q.partner, state: q.state, channel: q.channel }) };
  });

  const txnOr404 = async (ref: string) => {
    const txn = await service.transaction(ref);
    if (!txn) throw paymentError('DVCQG_PAY_UNKNOWN_REF', `no payment transaction "${ref}"`, { field: 'ref', rule: 'known reference' });
    return txn;
  };

  app.get<{ Params: { ref: string } }>(`${P}/transactions/:ref`, async (request) => service.view(await txnOr404(request.params.ref)));

  app.post<{ Params: { ref: string } }>(`${P}/transactions/:ref/complete`, async (request) => {
    const b = checkBody<{ outcome: Outcome; wait?: boolean }>('lienthong:dvcqg/payment-complete', request.body);
    const txn = await txnOr404(request.params.ref);
    if (request.exchange) request.exchange.agency = txn.agency;
    const done = await service.complete(txn.ref, b.outcome, { wait: b.wait ?? true, baseUrl: baseUrlOf(request) });
    return { ...(await service.view(done.txn)), returnTo: done.redirect };
  });

  app.post<{ Params: { ref: string } }>(`${P}/transactions/:ref/callback`, async (request) => {
    const b = checkBody<{ wait?: boolean }>('lienthong:dvcqg/payment-resend', request.body);
    const txn = await txnOr404(request.params.ref);
    if (request.exchange) request.exchange.agency = txn.agency;
    await service.resend(txn.ref, baseUrlOf(request), b.wait ?? true);
    return service.view((await service.transaction(txn.ref)) ?? txn);
  });

  app.get(`${P}/settings`, async () => settingsView(await loadDeliverySettings(service.db)));

  app.put(`${P}/settings`, async (request) => {
    const b = checkBody<{ retrySchedule?: (string | number)[]; timeoutMs?: number }>('lienthong:dvcqg/payment-settings', request.body);
    const current = await loadDeliverySettings(service.db);
    const next: DeliverySettings = {
      retryScheduleMs: b.retrySchedule ? b.retrySchedule.map(delayMs) : current.retryScheduleMs,
      timeoutMs: b.timeoutMs ?? current.timeoutMs,
    };
    const tooLong = next.retryScheduleMs.findIndex((ms) => ms > 7 * 24 * 3600 * 1000);
    if (tooLong >= 0) throw coreError('BAD_REQUEST', `retrySchedule[${tooLong}] is longer than 7 days`, { field: `retrySchedule/${tooLong}`, rule: 'at most P7D' });
    await saveDeliverySettings(service.db, next);
    service.dispatcher.wake(0);
    return settingsView(next);
  });
}
