import { HarnessConsumer } from '../kit/ndxp/harness-consumer.js';
import { exampleProblems, gatewayPath, publishedService, unreachable } from '../kit/ndxp/provider.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'ndxp.provider.answers',
  title: 'Publishes its service and answers the gateway as its contract says',
  description:
    'The harness asks the SUT to publish its data service (ndxp.publishService answers the API\'s context, version and examples: a request that finds a record and one that finds nothing, each with the status, Content-Type and JSON fields it must get). The API must be in the gateway\'s registry under the SUT\'s own agency code. The harness then calls every example through the gateway as a consumer of another agency (the gateway adds X-Consumer-Key and X-Consumer-Agency and passes the answer through unchanged, decision 010 §6) and checks the answer: the declared status (200 with data, 404 when there is none), Content-Type, a body well-formed in that type, and the declared fields. On failure: a gateway 503/504 (101503/101504) means the published upstream URL cannot be reached from the gateway; otherwise fix the service\'s answer, or the contract it declares.',
  requirements: ['ndxp.provider.publish', 'ndxp.provider.reply'],
  role: 'ndxp-provider',
  platform: 'ndxp',
  async run(t) {
    const { contract, entry } = await publishedService(t);
    t.require('ndxp.provider.publish', !!entry, { message: `the API ${contract.context}/${contract.version} the SUT says it published is not in the gateway's registry`, expected: `${contract.context}/${contract.version} in GET /_lienthong/ndxp/apis`, actual: null });
    t.check('ndxp.provider.publish', entry!.provider === t.sut.agency, { message: `the API is published under agency ${entry!.provider}, not the SUT's own ${t.sut.agency}`, expected: t.sut.agency, actual: entry!.provider });
    const statuses = contract.examples.map((x) => x.expect.status);
    t.check('ndxp.provider.reply', statuses.some((s) => s >= 200 && s < 300) && statuses.includes(404), {
      message: 'the contract does not declare both a request that finds a record (2xx) and one that finds nothing (404)',
      expected: 'examples answering 200 and 404',
      actual: statuses,
    });
    const consumer = await HarnessConsumer.create(t, [`${contract.context}/${contract.version}`]);
    try {
      for (const ex of contract.examples) {
        const reply = await consumer.call(ex.method ?? 'GET', gatewayPath(contract, ex), ex.body, ex.contentType);
        const evidence = reply.event ? [reply.event.seq] : [];
        const down = unreachable(reply);
        if (down) {
          t.check('ndxp.provider.publish', false, { message: `the gateway could not reach the SUT's service for "${ex.name}": ${down}`, expected: 'the service answers the gateway', actual: `HTTP ${reply.status}`, evidence });
          continue;
        }
        const problems = exampleProblems(ex, reply);
        t.check('ndxp.provider.reply', problems.length === 0, {
          message: `"${ex.name}" (${ex.method ?? 'GET'} ${ex.resource}) is not answered as declared: ${problems.join('; ')}`,
          expected: ex.expect,
          actual: { status: reply.status, contentType: reply.contentType, body: reply.text.slice(0, 300) },
          evidence,
        });
      }
    } finally {
      await consumer.remove();
    }
  },
});
