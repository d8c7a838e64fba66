import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toEmulatorError } from '../../core/http-errors.js';
import { describeSchemaErrors, validatorFor } from '../../core/schemas.js';
import type { SystemRow } from './directory.js';
import { vdxpError, vdxpInternal } from './errors.js';
import { refuse, sendOk } from './render.js';
import { Findings } from './findings.js';
import type { VdxpService } from './service.js';
import { verifyXroadRequest } from './wire/xroad-headers.js';

interface Call {
  system: SystemRow;
  params: Record<string, string>;
  body: Buffer;
  findings: Findings;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** What an operation adds to the `{status, ErrorCode, ErrorDesc}` reply, or `false` when it wrote the reply itself. */
type Operation = (call: Call) => Promise<Record<string, unknown> | false>;


interface RegisterAgencyBody {
  id?: string | number | null;
  pcode?: string | null;
  code: string;
  name: string;
  mail?: string | null;
  mobile?: string | null;
  fax?: string | null;
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw vdxpError('VDXP_BAD_PARAMETER', 'the body is not valid JSON', { field: 'body', rule: 'JSON object' });
  }
}

/** The SDKVXP HTTP surface (specs/vdxp.md §3.3–3.4): parameters in signed XroadVnpt-* headers, JSON replies. */
export function registerVdxpRoutes(app: FastifyInstance, service: VdxpService): void {
  const op = (name: string, run: Operation) => async (request: FastifyRequest, reply: FastifyReply) => {
    const findings = new Findings();
    request.exchange = { platform: 'vdxp', operation: name, verdicts: findings.verdicts };
    try {
      const systemId = request.headers['xroadvnpt-systemid'];
      const system = typeof systemId === 'string' ? await service.directory.system(systemId) : undefined;
      // The claimed system, even when authentication then fails: lets a tester find their refused calls.
      if (typeof systemId === 'string') request.exchange.systemId = systemId;
      const auth = verifyXroadRequest(request.headers, (id) => (system && id === system.system_id ? system.secret : undefined));
      request.exchange.systemId = auth.systemId;
      for (const w of auth.warnings) findings.warn('VDXP_AUTH_WARNING', w);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const extra = await run({ system: system as SystemRow, params: auth.params, body, findings, request, reply });
      if (extra !== false) sendOk(reply, extra);
    } catch (err) {
      const e = toEmulatorError(err, vdxpInternal);
      if (e.httpStatus >= 500) request.log.error({ err }, 'vdxp internal error');
      refuse(request, reply, e);
    }
    return reply;
  };

  app.post(
    '/sendEdoc',
    op('sendEdoc', async ({ system, params, body, findings, request }) => {
      // Set first, so a refused package is found under its agency too (GET /_lienthong/events?agency=…).
      if (request.exchange) request.exchange.agency = params.from;
      const result = await service.send(system, params, body, findings);
      return { DocId: result.docId };
    }),
  );

  const received = op('getReceivedEdocList', async ({ system, params, findings }) => ({ data: await service.mailbox.received(system, params, findings) }));
  app.post('/getReceivedEdocList', received);

  app.post(
    '/getEdoc',
    op('getEdoc', async ({ system, params, findings }) => {
      const bytes = await service.mailbox.fetch(system, params, findings);
      return { data: bytes.toString('base64') };
    }),
  );

  const download = op('downloadEdoc', async ({ system, params, findings, reply }) => {
    const bytes = await service.mailbox.fetch(system, params, findings);
    await reply.status(200).type('application/octet-stream').header('Content-Disposition', `attachment; filename="${params.docid}.edxml"`).send(bytes);
    return false;
  });
  app.get('/downloadEdoc', download);
  app.post('/downloadEdoc', download);

  app.post(
    '/updateStatus',
    op('updateStatus', async ({ system, params, findings }) => {
      await service.mailbox.updateTransportStatus(system, params, findings);
      return { data: [] };
    }),
  );

  app.post('/getSentEdocList', op('getSentEdocList', async ({ system, params, findings }) => ({ data: await service.mailbox.sent(system, params, findings) })));

  const count = (messageType: 'edoc' | 'status') => op(messageType === 'edoc' ? 'countReceiveEdoc' : 'countReceiveStatus', async ({ system }) => ({ count: await service.mailbox.countPending(system, messageType) }));
  // The SDK posts these although its code says GET (specs/vdxp.md §3.4); accept both.
  app.route({ method: ['GET', 'POST'], url: '/countReceiveEdoc', handler: count('edoc') });
  app.route({ method: ['GET', 'POST'], url: '/countReceiveStatus', handler: count('status') });

  app.post(
    '/getAgenciesList',
    op('getAgenciesList', async () => {
      const rows = await service.directory.list();
      return { data: rows.map((a) => ({ id: a.id, code: a.code, pid: a.pid ?? 0, name: a.name, mail: a.mail ?? '', oldCode: a.code })) };
    }),
  );

  app.post(
    '/getAgenciesListQD20',
    op('getAgenciesListQD20', async ({ params }) => {
      const level = params.level === undefined || params.level === '' ? undefined : Number(params.level);
      if (level !== undefined && (!Number.isInteger(level) || level < 1 || level > 4)) {
        throw vdxpError('VDXP_BAD_PARAMETER', `level "${params.level}" must be 1, 2, 3 or 4`, { field: 'XroadVnpt-level', rule: 'integer 1..4' });
      }
      const rows = await service.directory.list({ level });
      return { data: rows.map((a) => ({ id: a.id, code: a.qd20_code ?? a.code, name: a.name, mail: a.mail ?? '', code102: a.code })) };
    }),
  );

  app.post(
    '/getSynchronizeUnit',
    op('getSynchronizeUnit', async () => {
      const rows = await service.directory.list({ includeDeleted: true });
      return {
        data: rows.map((a) => ({
          id: a.id, code: a.code, pid: a.pid ?? 0, name: a.name, mail: a.mail ?? '', version: a.version,
          centerCode: a.system_id ?? '', deleted: a.deleted === 1, modifyDate: a.modified_at, isAgency: a.system_id !== null,
        })),
      };
    }),
  );

  const validateAgency = validatorFor<RegisterAgencyBody>('lienthong:vdxp/register-agency');
  app.post(
    '/registerAgency',
    op('registerAgency', async ({ system, body }) => {
      const input = parseJsonBody(body);
      if (!validateAgency(input)) {
        const problems = describeSchemaErrors(validateAgency.errors);
        throw vdxpError('VDXP_BAD_PARAMETER', `registerAgency body: ${problems.map((p) => p.message).join('; ')}`, { field: problems[0]?.field, rule: problems[0]?.rule, problems });
      }
      const agency = await service.directory.registerAgency(system.system_id, input);
      return { id: agency.id, code: agency.code };
    }),
  );

  app.post(
    '/deleteAgency',
    op('deleteAgency', async ({ system, params }) => {
      const code = params.agencycode;
      if (!code) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-AgencyCode is required', { field: 'XroadVnpt-AgencyCode', rule: 'required' });
      await service.directory.deleteAgency(system.system_id, code);
      return {};
    }),
  );
}
