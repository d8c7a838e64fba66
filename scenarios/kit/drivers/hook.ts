import { HarnessError } from '../errors.js';
import type { ActionOutcome, SutDriver } from '../types.js';

/**
 * The `hook` driver: the SUT serves `POST <hook-url>/lienthong/actions` with `{action, params, scenario}`
 * (schemas/harness/action-request.json) and answers 200 `{result}`, 501 `{error:"unsupported"}`, or another
 * status `{error, message}` when it could not act — which is a harness error (the SUT could not be driven),
 * not a verdict on the rule under test.
 */
export function hookDriver(hookUrl: string): SutDriver {
  const endpoint = new URL('lienthong/actions', hookUrl.endsWith('/') ? hookUrl : `${hookUrl}/`).href;
  return {
    kind: 'hook',
    async perform(action, params, opts): Promise<ActionOutcome> {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action, params, scenario: opts.scenarioId }),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        const why = e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : (e.cause?.code ?? e.message);
        throw new HarnessError(`the SUT's hook ${endpoint} did not answer ${action}: ${why}`);
      }
      const text = await res.text();
      let body: { result?: Record<string, unknown>; error?: string; message?: string } = {};
      try {
        body = text ? (JSON.parse(text) as typeof body) : {};
      } catch {
        throw new HarnessError(`the SUT's hook answered ${action} with HTTP ${res.status} and a body that is not JSON: ${text.slice(0, 200)}`);
      }
      if (res.status === 501 || body.error === 'unsupported') return { status: 'unsupported', reason: body.message ?? `${action} is not implemented by the SUT` };
      if (!res.ok) throw new HarnessError(`the SUT's hook could not do ${action}: HTTP ${res.status} ${body.error ?? ''} ${body.message ?? text.slice(0, 300)}`.trim());
      if (typeof body.result !== 'object' || body.result === null) throw new HarnessError(`the SUT's hook answered ${action} without a "result" object`);
      return { status: 'done', result: body.result };
    },
  };
}
