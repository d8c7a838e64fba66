import type { Failure } from './types.js';

/** The harness itself broke (or could not drive the SUT): the scenario's outcome is `error`, never `fail`. */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

/** Thrown by `t.require` and by a `waitFor` with a requirement: ends the scenario as `fail`. */
export class ScenarioFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'ScenarioFailed';
  }
}

/** Thrown by `t.skip`, `t.omit` and by an action the SUT cannot perform. */
export class ScenarioEnded extends Error {
  constructor(
    readonly outcome: 'skip' | 'omit' | 'wait',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ScenarioEnded';
  }
}
