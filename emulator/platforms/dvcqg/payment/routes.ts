import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toEmulatorError } from '../../../core/http-errors.js';
import { paymentError } from './errors.js';
import { billPage, payPage, paygovReceiptPage, resultPage } from './page.js';
import { errorPage, paygovOk, ppOk, refuse } from './render.js';
import type { Note, Outcome, PaymentService } from './service.js';
import type { TransactionRow } from './store.js';
import { Findings, type Json } from './validate.js';

/** Where this emulator is reached from the caller's side: the base of the URLs we hand out. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

interface Call {
  request: FastifyRequest;
  findings: Findings;
  baseUrl: string;
  note: Note;
}

type Dialect = 'pp' | 'paygov';

const OPERATIONS: Record<string, string> = {
  '/dvcqg/payment/init': 'payment.init',
  '/dvcqg/payment/receipt': 'payment.receipt',
  '/dvcqg/payment/bill': 'payment.bill',
  '/dvcqg/paygov/create': 'paygov.create',
  '/dvcqg/paygov/receipt': 'paygov.receipt',
};

const internal = (dialect: Dialect) => () =>
  dialect === 'pp'
    ? paymentError('DVCQG_PAY_INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept')
    : paymentError('DVCQG_PAY_PAYGOV_INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept');

/** Wraps an operation: evidence note, reply in the channel's dialect, every refusal recorded. */
function op(dialect: Dialect, operation: string, run: (c: Call) => Promise<Json>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const findings = new Findings();
    const exchange = (request.exchange = { platform: 'dvcqg', operation, verdicts: findings.verdicts } as NonNullable<FastifyRequest['exchange']>);
    const note: Note = (agency, systemId) => {
      if (agency) exchange.agency = agency;
      if (systemId) exchange.systemId = systemId;
    };
    try {
      const out = await run({ request, findings, baseUrl: baseUrlOf(request), note });
      return dialect === 'pp' ? ppOk(reply, out) : paygovOk(reply, out);
    } catch (err) {
      const e = toEmulatorError(err, internal(dialect));
      if (e.httpStatus >= 500) request.log.error({ err }, 'dvcqg payment internal error');
      return refuse(request, reply, e, dialect, operation);
    }
  };
}

/** Bodies that fastify refuses before a handler runs (bad JSON, wrong media type) still answer in the dialect. */
function dialectErrors(scope: FastifyInstance, dialect: Dialect): void {
  scope.setErrorHandler((err, request, reply) => {
    const operation = OPERATIONS[request.routeOptions.url ?? ''] ?? request.url;
    let e = toEmulatorError(err, internal(dialect));
    // Unparseable JSON is exactly this channel's "body is not a JSON object", not a generic bad request.
    if (e.code === 'BAD_REQUEST') e = paymentError(dialect === 'pp' ? 'DVCQG_PAY_BAD_BODY' : 'DVCQG_PAY_PAYGOV_BAD_BODY', `the body is not valid JSON: ${e.message}`, { field: 'body', rule: 'JSON object' });
    refuse(request, reply, e, dialect, operation);
  });
}

export async function registerPaymentRoutes(app: FastifyInstance, service: PaymentService): Promise<void> {
  // DVCQG Payment Platform (A10a). Real paths are configuration [NF]; the names follow S1's endpoint keys.
  await app.register(async (pp) => {
    dialectErrors(pp, 'pp');
    pp.post('/dvcqg/payment/init', op('pp', 'payment.init', (c) => service.initPp(c.request.body, c.findings, c.baseUrl, c.note)));
    pp.post('/dvcqg/payment/receipt', op('pp', 'payment.receipt', (c) => service.queryPp('receipt', c.request.body, c.findings, c.baseUrl, c.note)));
    pp.post('/dvcqg/payment/bill', op('pp', 'payment.bill', (c) => service.queryPp('bill', c.request.body, c.findings, c.baseUrl, c.note)));
  });

  // PayGov (A10b), reached through the provincial LGSP in production.
  await app.register(async (pg) => {
    dialectErrors(pg, 'paygov');
    pg.post('/dvcqg/paygov/create', op('paygov', 'paygov.create', (c) => service.createPaygov(c.request.headers, c.request.body, c.findings, c.baseUrl, c.note)));
    pg.post('/dvcqg/paygov/receipt', op('paygov', 'paygov.receipt', (c) => service.receiptPaygov(c.request.headers, c.request.body, c.findings, c.baseUrl, c.note)));
  });

  // What the payer's browser sees: the payment page of both channels, and the receipts.
  await app.register(async (page) => {
    page.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    page.setErrorHandler((err, _request, reply) => {
      const e = toEmulatorError(err);
      void reply.status(e.httpStatus).type('text/html; charset=utf-8').send(errorPage(e.httpStatus, 'Không xử lý được yêu cầu', 'The request could not be handled', e.message));
    });
    const html = (reply: FastifyReply, status: number, text: string) => reply.status(status).type('text/html; charset=utf-8').send(text);
    const notFound = (reply: FastifyReply, ref: string) => html(reply, 404, errorPage(404, 'Không tìm thấy giao dịch', 'Transaction not found', `no payment transaction "${ref}"`));
    const load = (ref: string): Promise<TransactionRow | undefined> => service.transaction(ref);

    page.get<{ Params: { ref: string } }>('/dvcqg/payment/pay/:ref', async (request, reply) => {
      const txn = await load(request.params.ref);
      return txn ? html(reply, 200, payPage(txn)) : notFound(reply, request.params.ref);
    });

    page.post<{ Params: { ref: string } }>('/dvcqg/payment/pay/:ref', async (request, reply) => {
      const findings = new Findings();
      const exchange = (request.exchange = { platform: 'dvcqg', operation: 'payment.pay', verdicts: findings.verdicts } as NonNullable<FastifyRequest['exchange']>);
      const txn = await load(request.params.ref);
      if (!txn) return notFound(reply, request.params.ref);
      exchange.agency = txn.agency;
      exchange.systemId = txn.partner_code;
      const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const action = form.action;
      const outcome: Outcome | undefined = action === 'pay' ? 'paid' : action === 'cancel' ? 'cancelled' : action === 'fail' ? 'failed' : undefined;
      if (!outcome) {
        exchange.verdicts.push({ code: 'BAD_REQUEST', severity: 'error', message: 'action must be pay, cancel or fail', field: 'action' });
        return html(reply, 400, errorPage(400, 'Thao tác không hợp lệ', 'Unknown action', 'action must be pay, cancel or fail'));
      }
      if (txn.state !== 'pending') return html(reply, 409, payPage(txn));
      try {
        // The browser is not held up by the agency: the first callback attempt runs in the background.
        const done = await service.complete(txn.ref, outcome, { wait: false, baseUrl: baseUrlOf(request) }, findings);
        if (done.redirect) return reply.status(303).header('location', done.redirect).type('text/html; charset=utf-8').send(resultPage(done.txn));
        return html(reply, 200, resultPage(done.txn));
      } catch (err) {
        const e = toEmulatorError(err);
        exchange.verdicts.push({ code: e.code, severity: 'error', message: e.message, field: e.details.field });
        const now = await load(txn.ref);
        return html(reply, e.httpStatus, now ? payPage(now) : errorPage(e.httpStatus, 'Lỗi', 'Error', e.message));
      }
    });

    page.get<{ Params: { ref: string } }>('/dvcqg/payment/receipts/:ref', async (request, reply) => {
      const txn = await load(request.params.ref);
      if (!txn || txn.channel !== 'ppdvcqg') return notFound(reply, request.params.ref);
      if (txn.state !== 'paid') return html(reply, 409, errorPage(409, 'Chưa thanh toán', 'Not paid', `the transaction ${txn.merchant_ref} is ${txn.state}; a receipt exists once it is paid`));
      return html(reply, 200, billPage(txn));
    });

    page.get<{ Params: { ref: string } }>('/dvcqg/paygov/receipts/:ref', async (request, reply) => {
      const txn = await load(request.params.ref);
      if (!txn || txn.channel !== 'paygov' || !txn.receipt_issued_at) return notFound(reply, request.params.ref);
      return html(reply, 200, paygovReceiptPage(txn));
    });
  });
}
