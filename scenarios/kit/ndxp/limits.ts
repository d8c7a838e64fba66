/**
 * The limit scenarios' common parts: the API they drive (the shared category service, cheap and subscribed
 * by most consumers), a limit set on the SUT's consumer for the scenario and undone after, and the judgement
 * that no call came before the time a 429 gave (decision 010 §7).
 */
import type { ScenarioContext } from '../types.js';
import { apiCalls, contextOf, earlyRetries, ensureSubscribed, patchConsumer, sutConsumer, sutExchanges, type ConsumerView, type Limit } from './sut.js';
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import { act } from './actions.js';

export const LIMITED_API = { context: 'dmdc', version: '1.0' } as const;
export const LIMITED = `${LIMITED_API.context}/${LIMITED_API.version}`;

/** The SUT's consumer, subscribed to the category service, with `limit` set; `undo` puts both back. */
export async function limitedConsumer(t: ScenarioContext, kind: 'quota' | 'rateLimit', limit: (c: ConsumerView) => Promise<Limit> | Limit): Promise<{ consumer: ConsumerView; undo: () => Promise<void> }> {
  const consumer = await sutConsumer(t, () => act(t, 'ndxp.callApi', { api: LIMITED, resource: '/Category/magioitinh', times: 1 }));
  const unsubscribe = await ensureSubscribed(t, consumer, LIMITED_API.context, LIMITED_API.version);
  try {
    const value = await limit(consumer);
    const unlimit = await patchConsumer(t, consumer.clientId, { [kind]: value });
    t.log(`set the SUT's ${kind === 'quota' ? 'quota' : 'rate limit'} on ${LIMITED} to ${value.limit} per ${value.period}`);
    return {
      consumer,
      undo: async () => {
        await unlimit();
        await unsubscribe();
      },
    };
  } catch (err) {
    await unsubscribe();
    throw err;
  }
}

/** The SUT's calls to the limited API since `mark`. */
export async function limitedCalls(t: ScenarioContext, mark: number): Promise<EvidenceEvent[]> {
  return apiCalls(await sutExchanges(t, mark)).filter((e) => contextOf(e) === LIMITED_API.context);
}

/** Fails the rule for every call made before the time its 429 gave. */
export function judgeRetryAfter(t: ScenarioContext, calls: EvidenceEvent[]): void {
  for (const g of earlyRetries(calls)) {
    t.check('ndxp.limits.retry-after', false, {
      message: `the SUT called ${LIMITED} ${g.calls.length - 1} more time(s) before ${g.nextAccessTime}, the time the gateway's 429 gave (Retry-After / nextAccessTime); each was throttled again`,
      expected: `no call to ${LIMITED} before ${g.nextAccessTime}`,
      actual: `${g.calls.length} calls throttled with the same nextAccessTime`,
      evidence: g.calls.map((e) => e.seq),
    });
  }
}
