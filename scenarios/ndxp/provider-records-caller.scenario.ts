import { act } from '../kit/ndxp/actions.js';
import { HarnessConsumer } from '../kit/ndxp/harness-consumer.js';
import { gatewayPath, publishedService } from '../kit/ndxp/provider.js';
import { HarnessError } from '../kit/errors.js';
import { defineScenario } from '../kit/types.js';

const REQ = 'ndxp.provider.caller-recorded';

export const scenario = defineScenario({
  id: 'ndxp.provider.records-caller',
  title: 'Records which consumer and agency called its service',
  description:
    'The harness calls each example of the SUT\'s published API through the gateway as a consumer of another agency; the gateway names that consumer to the service in X-Consumer-Key and X-Consumer-Agency (decision 010 §6). Then it asks the SUT for its access log (ndxp.providerAccessLog): every call must be there with that consumer key and agency. On failure: read X-Consumer-Key and X-Consumer-Agency on every request and keep them with what was answered, so the data owner can tell who obtained which data.',
  requirements: [REQ],
  role: 'ndxp-provider',
  platform: 'ndxp',
  async run(t) {
    const { contract, entry } = await publishedService(t);
    if (!entry) throw new HarnessError(`the SUT's API ${contract.context}/${contract.version} is not published; see ndxp.provider.answers`);
    const consumer = await HarnessConsumer.create(t, [`${contract.context}/${contract.version}`]);
    const made: { resource: string; seq?: number }[] = [];
    try {
      for (const ex of contract.examples) {
        const reply = await consumer.call(ex.method ?? 'GET', gatewayPath(contract, ex), ex.body, ex.contentType);
        made.push({ resource: ex.resource, ...(reply.event ? { seq: reply.event.seq } : {}) });
      }
    } finally {
      await consumer.remove();
    }
    const log = await act(t, 'ndxp.providerAccessLog', { limit: 200 });
    const ours = log.entries.filter((e) => e.consumerKey === consumer.clientId);
    const evidence = made.flatMap((m) => (m.seq === undefined ? [] : [m.seq]));
    t.check(REQ, ours.length >= made.length, {
      message: `the SUT's access log names the calling consumer ${consumer.clientId} for ${ours.length} of the ${made.length} calls the gateway passed it`,
      expected: made.map((m) => ({ resource: m.resource, consumerKey: consumer.clientId, consumerAgency: consumer.agency })),
      actual: log.entries.slice(-made.length - 2),
      evidence,
    });
    const wrongAgency = ours.filter((e) => e.consumerAgency !== consumer.agency);
    t.check(REQ, wrongAgency.length === 0, {
      message: `the SUT's access log gives the calling agency as ${JSON.stringify([...new Set(wrongAgency.map((e) => e.consumerAgency))])}, the gateway said ${consumer.agency}`,
      expected: consumer.agency,
      actual: wrongAgency,
      evidence,
    });
  },
});
