import { HarnessError } from '../errors.js';
import type { ActionOutcome, SutDriver } from '../types.js';

/** A Node SUT driven directly: any object with the hook contract's `perform(action, params)`. */
export interface InProcessSut {
  perform(action: string, params: Record<string, unknown>): Promise<ActionOutcome>;
}

export function inProcessDriver(sut: InProcessSut): SutDriver {
  return {
    kind: 'in-process',
    async perform(action, params, opts) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          sut.perform(action, params),
          new Promise<ActionOutcome>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the SUT did not finish ${action} within ${opts.timeoutMs} ms`)), opts.timeoutMs);
          }),
        ]);
      } catch (err) {
        // The SUT could not be driven: a harness error, never a verdict on the rule under test.
        throw new HarnessError(`the SUT could not do ${action}: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
