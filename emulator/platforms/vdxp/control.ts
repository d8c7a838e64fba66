import type { FastifyInstance } from 'fastify';
import { checkBody } from '../../core/control.js';
import { coreError } from '../../core/errors.js';
import type { AgencyInput, SystemInput, SystemRow } from './directory.js';
import type { VdxpService } from './service.js';

/** `/_lienthong/vdxp/…`: connect systems, inspect the directory and documents. Our API, our dialect. */
export function registerVdxpControl(app: FastifyInstance, service: VdxpService): void {
  const dir = service.directory;

  const describe = async (s: SystemRow) => ({
    systemId: s.system_id,
    name: s.name,
    mode: s.mode ?? service.modeOf(s),
    agencies: (await dir.agenciesOf(s.system_id)).map((a) => ({ code: a.code, name: a.name })),
  });

  const credentials = async (s: SystemRow) => ({
    ...(await describe(s)),
    secret: s.secret,
    certificatePem: s.certificate_pem,
    privateKeyPem: s.private_key_pem,
    caCertificatePem: await app.lienthong.ca.certificatePem(),
  });

  app.post('/_lienthong/vdxp/systems', async (request, reply) => {
    const input = checkBody<SystemInput>('lienthong:vdxp/system-create', request.body);
    const { system } = await dir.createSystem(input);
    return reply.status(201).send(await credentials(system));
  });

  app.get('/_lienthong/vdxp/systems', async () => ({ systems: await Promise.all((await dir.systems()).map(describe)) }));

  const systemOr404 = async (id: string) => {
    const s = await dir.system(id);
    if (!s) throw coreError('NOT_FOUND', `no connected system "${id}"`, { field: 'systemId' });
    return s;
  };

  app.get<{ Params: { id: string } }>('/_lienthong/vdxp/systems/:id', async (request) => describe(await systemOr404(request.params.id)));
  app.get<{ Params: { id: string } }>('/_lienthong/vdxp/systems/:id/credentials', async (request) => credentials(await systemOr404(request.params.id)));

  // What getReceivedEdocList would return to the system (documents and statuses not yet acknowledged done),
  // read without its credentials and without touching the header-signing state: for the console and the harness.
  app.get<{ Params: { id: string } }>('/_lienthong/vdxp/systems/:id/mailbox', async (request) => {
    const s = await systemOr404(request.params.id);
    const [edoc, status] = await Promise.all([service.mailbox.received(s, { messagetype: 'edoc' }), service.mailbox.received(s, { messagetype: 'status' })]);
    return { systemId: s.system_id, pending: { edoc, status } };
  });

  app.post<{ Params: { id: string } }>('/_lienthong/vdxp/systems/:id/agencies', async (request, reply) => {
    const s = await systemOr404(request.params.id);
    const input = checkBody<AgencyInput>('lienthong:vdxp/agency-add', request.body);
    const a = await dir.registerAgency(s.system_id, input);
    return reply.status(201).send({ code: a.code, name: a.name, systemId: s.system_id });
  });

  app.get<{ Querystring: { q?: string; level?: string; deleted?: string } }>('/_lienthong/vdxp/agencies', async (request) => {
    const level = request.query.level ? Number(request.query.level) : undefined;
    const rows = await dir.list({ query: request.query.q, level: Number.isInteger(level) ? level : undefined, includeDeleted: request.query.deleted === 'true' });
    return { agencies: rows.map((a) => ({ code: a.code, qd20: a.qd20_code, name: a.name, level: a.level, parent: a.pcode, mail: a.mail, systemId: a.system_id, deleted: a.deleted === 1 })) };
  });

  app.get<{ Querystring: { documentId?: string } }>('/_lienthong/vdxp/documents', async (request) => {
    const id = request.query.documentId;
    if (!id) throw coreError('BAD_REQUEST', 'documentId query parameter is required (the edXML DocumentId)', { field: 'documentId', rule: 'required' });
    return service.mailbox.documentHistory(id);
  });

  app.get<{ Params: { docId: string } }>('/_lienthong/vdxp/packages/:docId', async (request) => {
    const record = await service.mailbox.packageRecord(request.params.docId);
    if (!record) throw coreError('NOT_FOUND', `no package with DocId "${request.params.docId}" was accepted by the axis`, { field: 'docId' });
    return record;
  });

  app.get('/_lienthong/vdxp/ca', async () => ({ certificatePem: await app.lienthong.ca.certificatePem() }));
}
