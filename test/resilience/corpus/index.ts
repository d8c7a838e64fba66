/**
 * The bad-input corpus: every surface's generated cases, deterministic for a fixture and a seed.
 * `npx vitest run test/resilience/bad-input.test.ts` runs it; CORPUS_SURFACE=a,b narrows it while developing.
 */
import type { Fixture } from './fixture.js';
import type { BadCase } from './types.js';
import { dvcqgJsonCases } from './dvcqg-json.js';
import { dvcqgPaymentCases } from './dvcqg-payment.js';
import { ndxpGatewayCases } from './ndxp-gateway.js';
import { ndxpSoapCases } from './ndxp-soap.js';
import { ndxpTokenCases } from './ndxp-token.js';
import { vdxpEdxmlCases } from './vdxp-edxml.js';
import { vdxpHeaderCases } from './vdxp-headers.js';
import { vdxpSignatureCases } from './vdxp-signature.js';
import { vdxpStatusCases } from './vdxp-status.js';

export type { BadCase } from './types.js';

const SURFACES: Record<string, (fx: Fixture) => BadCase[]> = {
  'vdxp-edxml': (fx) => vdxpEdxmlCases(fx),
  'vdxp-status': (fx) => vdxpStatusCases(fx),
  'vdxp-headers': (fx) => vdxpHeaderCases(fx),
  'vdxp-signature': (fx) => vdxpSignatureCases(fx),
  'dvcqg-json': (fx) => dvcqgJsonCases(fx),
  'dvcqg-payment': (fx) => dvcqgPaymentCases(fx),
  'ndxp-token': (fx) => ndxpTokenCases(fx),
  'ndxp-gateway': (fx) => ndxpGatewayCases(fx),
  'ndxp-soap': (fx) => ndxpSoapCases(fx),
};

export function buildCorpus(fx: Fixture, only: readonly string[] = []): BadCase[] {
  const out: BadCase[] = [];
  for (const [name, make] of Object.entries(SURFACES)) if (only.length === 0 || only.includes(name)) out.push(...make(fx));
  const ids = new Set<string>();
  for (const c of out) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return out;
}
