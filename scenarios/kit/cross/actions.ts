/**
 * The cross-platform hook action, checked against its JSON Schema (schemas/harness/action-cross.handleDossier.json):
 * the harness sends only valid params (a scenario bug otherwise), and a result that breaks the schema is the
 * hook's fault, so an `error`, never a verdict on a rule.
 */
import { describeSchemaErrors, validatorFor } from '../../../emulator/core/schemas.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

export interface JourneyParams {
  applicant: { idNumber: string; fullName: string; birthDate: string };
  maTTHC?: string;
  resultTo: string;
}

export interface JourneyResult {
  outcome: 'done' | 'refused';
  maHoSo?: string;
  maTTHC?: string;
  documentId?: string;
  reason?: string;
}

const ACTION = 'cross.handleDossier';

/** Asks the SUT to handle one applicant's dossier from the desk to the result document. */
export async function handleDossier(t: ScenarioContext, params: JourneyParams): Promise<JourneyResult> {
  const validate = validatorFor(`lienthong:harness/action-${ACTION}`);
  if (!validate({ params, result: { outcome: 'refused' } })) {
    throw new HarnessError(`scenario bug: ${ACTION} params break the action schema: ${describeSchemaErrors(validate.errors).map((p) => p.message).join('; ')}`);
  }
  const result = await t.act(ACTION, params as unknown as Record<string, unknown>);
  if (!validate({ params, result })) {
    const problems = describeSchemaErrors(validate.errors).map((p) => p.message);
    throw new HarnessError(`the SUT answered ${ACTION} with a result that breaks schemas/harness/action-${ACTION}.json: ${problems.join('; ')}`);
  }
  t.log(`${ACTION} → ${JSON.stringify(result).slice(0, 300)}`);
  return result as unknown as JourneyResult;
}

/** The wall-clock waits for the SUT (it may sync and send in the background). */
export const JOURNEY_INPUTS = {
  waitMs: { description: 'how long to wait for each of the SUT\'s exchanges (the DVCQG sync, the result document on the axis), in milliseconds', default: 60_000 },
} as const;

export const waitMs = (t: ScenarioContext): number => Number(t.inputs.waitMs ?? 60_000);
