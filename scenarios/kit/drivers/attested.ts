import { readFileSync } from 'node:fs';
import type { ActionOutcome, SutDriver } from '../types.js';

/**
 * The `attested` driver: a JSON file of answers prepared in advance, so manual steps do not block CI.
 * `{"system.info": {...}, "actions": {"<scenario-id>": {"<action>": {"result": {...}} | {"skip": "why"}}}}`;
 * the person attests they performed the action in the SUT. A missing answer leaves the scenario `wait`ing.
 */
export interface Attestations {
  'system.info'?: Record<string, unknown>;
  actions?: Record<string, Record<string, { result?: Record<string, unknown>; skip?: string }>>;
}

export function attestedDriver(source: string | Attestations): SutDriver {
  const answers = typeof source === 'string' ? (JSON.parse(readFileSync(source, 'utf8')) as Attestations) : source;
  return {
    kind: 'attested',
    async perform(action, _params, opts): Promise<ActionOutcome> {
      if (action === 'system.info') {
        return answers['system.info'] ? { status: 'done', result: answers['system.info'] } : { status: 'pending', reason: 'no "system.info" attestation' };
      }
      const a = answers.actions?.[opts.scenarioId]?.[action];
      if (!a) return { status: 'pending', reason: `no attestation for ${action} in scenario ${opts.scenarioId}` };
      if (a.skip) return { status: 'skipped', reason: a.skip };
      return { status: 'done', result: a.result ?? {} };
    },
  };
}
