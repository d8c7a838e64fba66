/**
 * The hook contract over HTTP: `POST /lienthong/actions` {action, params, scenario} → 200 {result},
 * 501 {error: "unsupported"}, 422 {error: "action-failed"} when the agency could not do it, 400 for a
 * malformed request (schemas/harness/action-request.json).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { describeSchemaErrors, validatorFor } from '../../emulator/core/schemas.js';
import { ActionFailed, type ReferenceAgency } from './agency.js';

interface ActionRequest {
  action: string;
  params: Record<string, unknown>;
  scenario?: string;
}

export async function createHookServer(agency: ReferenceAgency, opts: { log?: (line: string) => void } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const validate = validatorFor<ActionRequest>('lienthong:harness/action-request');
  app.post('/lienthong/actions', async (request, reply) => {
    if (!validate(request.body)) {
      const problems = describeSchemaErrors(validate.errors);
      return reply.status(400).send({ error: 'bad-request', message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') });
    }
    const { action, params, scenario } = request.body;
    opts.log?.(`${scenario ?? '-'}: ${action}`);
    try {
      const outcome = await agency.perform(action, params);
      if (outcome.status === 'done') return reply.send({ result: outcome.result });
      if (outcome.status === 'unsupported') return reply.status(501).send({ error: 'unsupported', message: outcome.reason });
      return reply.status(409).send({ error: outcome.status, message: outcome.reason });
    } catch (err) {
      const failed = err instanceof ActionFailed;
      return reply.status(failed ? 422 : 500).send({ error: failed ? 'action-failed' : 'internal', message: (err as Error).message });
    }
  });
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
}
