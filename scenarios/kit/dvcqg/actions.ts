/**
 * The DVCQG hook actions, checked against their JSON Schemas (schemas/harness/action-dvcqg.*.json): the
 * harness sends only valid params (a scenario bug otherwise), and a result that breaks its schema is the
 * hook's fault, so an `error`, never a verdict on a rule.
 */
import { describeSchemaErrors, validatorFor } from '../../../emulator/core/schemas.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

export type DvcqgAction =
  | 'dvcqg.receiveDossier'
  | 'dvcqg.processDossier'
  | 'dvcqg.requestSupplement'
  | 'dvcqg.receiveSupplement'
  | 'dvcqg.finishDossier'
  | 'dvcqg.requestPayment'
  | 'dvcqg.startSsoLogin'
  | 'dvcqg.ssoSession';

export async function act(t: ScenarioContext, action: DvcqgAction, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const validate = validatorFor(`lienthong:harness/action-${action}`);
  const sent = { params, result: {} };
  if (!validate(sent) && describeSchemaErrors(validate.errors).some((p) => p.field.startsWith('/params'))) {
    throw new HarnessError(`scenario bug: ${action} params break the action schema: ${describeSchemaErrors(validate.errors).map((p) => p.message).join('; ')}`);
  }
  const result = await t.act(action, params);
  if (!validate({ params, result })) {
    const problems = describeSchemaErrors(validate.errors).map((p) => p.message);
    throw new HarnessError(`the SUT answered ${action} with a result that breaks schemas/harness/action-${action}.json: ${problems.join('; ')}`);
  }
  return result;
}

/** The MaHoSo of a received dossier. */
export async function receive(t: ScenarioContext, params: Record<string, unknown>): Promise<{ maHoSo: string; maTTHC?: string; ngayHenTra?: string }> {
  const r = await act(t, 'dvcqg.receiveDossier', params);
  t.log(`the SUT received dossier ${String(r.maHoSo)} (${String(r.maTTHC ?? 'procedure of its choice')}, appointment ${String(r.ngayHenTra ?? '?')})`);
  return r as { maHoSo: string; maTTHC?: string; ngayHenTra?: string };
}
