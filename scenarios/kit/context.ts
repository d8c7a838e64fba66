import { setTimeout as sleep } from 'node:timers/promises';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import type { EmulatorClient } from './emulator-client.js';
import { HarnessError, ScenarioEnded, ScenarioFailed } from './errors.js';
import type { Failure, Scenario, ScenarioContext, SutDriver, SutIdentity } from './types.js';

export interface ContextState {
  failures: Failure[];
  messages: string[];
}

const DEFAULT_ACTION_TIMEOUT_MS = 30_000;
const DEFAULT_WAIT_MS = 15_000;

/** Builds the `t` a scenario runs with; `state` collects what it found. */
export function createContext(
  scenario: Scenario,
  deps: { emulator: EmulatorClient; driver: SutDriver; sut: SutIdentity; startSeq: number; inputs: Record<string, unknown>; deadline: number },
  state: ContextState,
): ScenarioContext {
  const { emulator, driver, sut } = deps;
  const failureOf = (requirement: string, d: { message: string; expected?: unknown; actual?: unknown; evidence?: number[] }): Failure => ({
    requirement,
    message: d.message,
    expected: d.expected ?? null,
    actual: d.actual ?? null,
    evidence: d.evidence ?? [],
  });
  const t: ScenarioContext = {
    scenarioId: scenario.id,
    sut,
    emulatorUrl: emulator.url,
    inputs: deps.inputs,
    async act(action, params = {}, opts = {}) {
      const timeoutMs = Math.min(opts.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS, Math.max(1, deps.deadline - Date.now()));
      const outcome = await driver.perform(action, params, { scenarioId: scenario.id, timeoutMs });
      switch (outcome.status) {
        case 'done':
          state.messages.push(`SUT did ${action}`);
          return outcome.result;
        case 'unsupported':
          throw new ScenarioEnded('skip', `the SUT does not support ${action}: ${outcome.reason}`);
        case 'skipped':
          throw new ScenarioEnded('skip', `${action} skipped: ${outcome.reason}`);
        case 'pending':
          throw new ScenarioEnded('wait', `${action} is waiting: ${outcome.reason}`);
      }
    },
    async tryAct(action, params = {}, opts = {}) {
      const timeoutMs = Math.min(opts.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS, Math.max(1, deps.deadline - Date.now()));
      const outcome = await driver.perform(action, params, { scenarioId: scenario.id, timeoutMs });
      if (outcome.status === 'pending') throw new ScenarioEnded('wait', `${action} is waiting: ${outcome.reason}`);
      if (outcome.status !== 'done') {
        state.messages.push(`SUT did not ${action} on request (${outcome.reason}); relying on its own schedule`);
        return null;
      }
      state.messages.push(`SUT did ${action}`);
      return outcome.result;
    },
    check(requirement, ok, detail) {
      if (!ok) state.failures.push(failureOf(requirement, detail));
      return ok;
    },
    require(requirement, ok, detail) {
      if (!ok) throw new ScenarioFailed(failureOf(requirement, detail));
    },
    async waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, opts: { timeoutMs?: number; intervalMs?: number; requirement?: string } = {}) {
      const until = Math.min(Date.now() + (opts.timeoutMs ?? DEFAULT_WAIT_MS), deps.deadline);
      const interval = opts.intervalMs ?? 200;
      for (;;) {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false) return value as T;
        if (Date.now() >= until) {
          const waited = `${Math.round(((opts.timeoutMs ?? DEFAULT_WAIT_MS) / 1000) * 10) / 10} s`;
          if (opts.requirement) {
            throw new ScenarioFailed(failureOf(opts.requirement, { message: `${what}: not seen within ${waited}`, expected: what, actual: 'nothing within the wait' }));
          }
          throw new HarnessError(`timed out after ${waited} waiting for ${what}`);
        }
        await sleep(interval);
      }
    },
    async events(filter = {}): Promise<EvidenceEvent[]> {
      const events = await emulator.events(deps.startSeq, { platform: filter.platform, systemId: filter.systemId, agency: filter.agency });
      return filter.operation ? events.filter((e) => e.operation === filter.operation) : events;
    },
    control: <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => emulator.request<T>(method, path, body),
    clock: {
      now: async () => new Date((await emulator.request<{ now: string }>('GET', '/_lienthong/clock')).now),
      advance: async (duration) => new Date((await emulator.request<{ now: string }>('POST', '/_lienthong/clock', { advance: duration })).now),
    },
    skip(reason): never {
      throw new ScenarioEnded('skip', reason);
    },
    omit(reason): never {
      throw new ScenarioEnded('omit', reason);
    },
    log(message) {
      state.messages.push(message);
    },
  };
  return t;
}
