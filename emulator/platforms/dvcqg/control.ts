import type { FastifyInstance } from 'fastify';
import { checkBody } from '../../core/control.js';
import { coreError } from '../../core/errors.js';
import type { Account, AccountInput } from './accounts.js';
import { legalDueDate } from './due-date.js';
import { createPaymentPartner } from './payment/index.js';
import type { DvcqgService } from './service.js';

interface LookupRequest {
  madonvi: string;
  maHoSo: string;
}
interface SubmissionRequest {
  madonvi: string;
  maTTHC: string;
  applicant?: string;
  files?: Array<{ name: string; base64: string }>;
}

function intParam(name: string, value: string | undefined, min: number, max: number, fallback?: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw coreError('BAD_REQUEST', `${name} "${value}" must be an integer from ${min} to ${max}`, { field: name, rule: `integer ${min}..${max}` });
  return n;
}

/** `/_lienthong/dvcqg/…`: accounts of one-stop systems, dossier inspection, and the portal's own calls. */
export function registerDvcqgControl(app: FastifyInstance, svc: DvcqgService): void {
  const accountOr404 = async (madonvi: string): Promise<Account> => {
    const a = await svc.accounts.byAgency(madonvi);
    if (!a) throw coreError('NOT_FOUND', `no DVCQG account for agency ${madonvi}; create one with POST /_lienthong/dvcqg/accounts`, { field: 'madonvi', rule: 'agency with an account' });
    return a;
  };

  app.post('/_lienthong/dvcqg/accounts', async (request, reply) => {
    const input = checkBody<AccountInput>('lienthong:dvcqg/account-create', request.body);
    const account = await svc.accounts.create(input);
    // Every one-stop account can take online payments (§A10): its partner credentials come with it.
    const payment = await createPaymentPartner(svc.ctx, { agency: account.madonvi, callbackBaseUrl: account.callbackUrl });
    return reply.status(201).send({ ...account, payment });
  });
  app.get('/_lienthong/dvcqg/accounts', async () => ({ accounts: await svc.accounts.list() }));
  app.patch<{ Params: { username: string } }>('/_lienthong/dvcqg/accounts/:username', async (request) => {
    const patch = checkBody<Partial<AccountInput>>('lienthong:dvcqg/account-update', request.body);
    const account = await svc.accounts.update(request.params.username, patch);
    // The payment callbacks live under the same base URL: they move with it.
    if (patch.callbackUrl !== undefined) await createPaymentPartner(svc.ctx, { agency: account.madonvi, callbackBaseUrl: account.callbackUrl });
    return account;
  });

  app.get<{ Querystring: { madonvi?: string; status?: string; limit?: string } }>('/_lienthong/dvcqg/dossiers', async (request) => {
    const q = request.query;
    const dossiers = await svc.dossiers.list({ madonvi: q.madonvi, status: intParam('status', q.status, 1, 10), limit: intParam('limit', q.limit, 1, 10_000, 100) ?? 100 });
    return { dossiers };
  });
  app.get<{ Params: { maHoSo: string } }>('/_lienthong/dvcqg/dossiers/:maHoSo', async (request) => {
    const d = await svc.dossiers.inspect(request.params.maHoSo);
    if (!d) throw coreError('NOT_FOUND', `no dossier ${request.params.maHoSo} on the portal`, { field: 'maHoSo', rule: 'synced dossier' });
    // The procedure's processing time from the catalogue, counted from receipt: what NgayHenTra may not exceed.
    const proc = svc.catalogue.procedure(d.MaTTHC);
    const legalDue = proc ? { processingDays: proc.processingDays, dueAt: legalDueDate(new Date(d.receivedAt), proc.processingDays).toISOString() } : null;
    return { ...d, legalDue };
  });

  app.post('/_lienthong/dvcqg/lookups', async (request) => {
    const input = checkBody<LookupRequest>('lienthong:dvcqg/lookup-request', request.body);
    return svc.portal.lookup(await accountOr404(input.madonvi), input.maHoSo);
  });
  app.post('/_lienthong/dvcqg/submissions', async (request, reply) => {
    const input = checkBody<SubmissionRequest>('lienthong:dvcqg/submission-request', request.body);
    const account = await accountOr404(input.madonvi);
    const proc = svc.catalogue.forValidation(input.maTTHC);
    if (!proc) throw coreError('BAD_REQUEST', `maTTHC ${input.maTTHC} is not in the national catalogue`, { field: 'maTTHC', rule: 'in the catalogue' });
    const applicant = svc.world.applicant(input.applicant);
    if (!applicant) throw coreError('BAD_REQUEST', `applicant ${input.applicant ?? ''} is neither a citizen ID number nor a tax code of the synthetic world (see GET /_lienthong/dvcqg/sso/accounts)`, { field: 'applicant', rule: 'a person or enterprise of the world' });
    const out = await svc.portal.submit(account, { maTTHC: proc.code, procedureName: proc.name, applicant, files: input.files ?? [] });
    return reply.status(201).send(out);
  });
}
