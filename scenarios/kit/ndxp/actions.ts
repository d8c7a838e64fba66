/**
 * The NDXP hook actions with their result types: each request and answer is checked against its schema in
 * schemas/harness/ (an answer that breaks the contract is the hook's failure, a harness error, not a verdict).
 */
import { describeSchemaErrors, validatorFor } from '../../../emulator/core/schemas.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

export type LookupOutcome = 'found' | 'not-found' | 'refused' | 'unavailable' | 'throttled' | 'invalid';

interface Reported {
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  nextAccessTime?: string;
}

export interface CitizenResult extends Reported {
  outcome: LookupOutcome;
  citizen?: { SoDinhDanh: string; HoVaTen: string; NgayThangNamSinh: string; GioiTinh?: string; SoCMND?: string };
}

export interface EnterpriseResult extends Reported {
  outcome: LookupOutcome;
  enterprise?: { msdn: string; NAME: string; ENTERPRISE_STATUS?: string; FOUNDING_DATE?: string };
}

export interface CallApiResult extends Reported {
  calls: ({ outcome: 'ok' | 'refused' | 'unavailable' | 'throttled'; status?: number } & Reported)[];
  succeeded: number;
  throttled: number;
}

export interface Example {
  name: string;
  method?: 'GET' | 'POST';
  resource: string;
  body?: string;
  contentType?: string;
  expect: { status: number; contentType: string; json?: Record<string, unknown> };
}

export interface PublishResult {
  context: string;
  version: string;
  examples: Example[];
}

export interface AccessLogResult {
  entries: { at?: string; method: string; resource: string; status: number; consumerKey?: string | null; consumerAgency?: string | null }[];
}

interface Actions {
  'ndxp.lookupCitizen': CitizenResult;
  'ndxp.lookupEnterprise': EnterpriseResult;
  'ndxp.callApi': CallApiResult;
  'ndxp.publishService': PublishResult;
  'ndxp.providerAccessLog': AccessLogResult;
}

export async function act<A extends keyof Actions>(t: ScenarioContext, action: A, params: Record<string, unknown> = {}): Promise<Actions[A]> {
  const result = await t.act(action, params);
  const validate = validatorFor(`lienthong:harness/action-${action}`);
  if (!validate({ params, result })) {
    const problems = describeSchemaErrors(validate.errors).map((p) => `${p.field}: ${p.message}`);
    throw new HarnessError(`the SUT's ${action} answer does not follow schemas/harness/action-${action}.json: ${problems.join('; ')}`);
  }
  t.log(`${action} → ${JSON.stringify(result).slice(0, 300)}`);
  return result as unknown as Actions[A];
}

/** One line for a failure message: the outcome and what the SUT said with it. */
export function described(r: Reported & { outcome: string }): string {
  return `"${r.outcome}"${r.code ? ` (code ${r.code})` : ''}${r.message ? `: ${r.message}` : ''}`;
}
