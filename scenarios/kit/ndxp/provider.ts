/**
 * The provider scenarios' common parts: the SUT's published API as it declares it (`ndxp.publishService`)
 * and as the gateway's registry holds it, and the judgement of one declared example answered through the
 * gateway: status, Content-Type, a body well-formed in that type, and the declared JSON fields.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseXml } from '../../../emulator/platforms/ndxp/population/wire/xml.js';
import type { ScenarioContext } from '../types.js';
import { act, type Example, type PublishResult } from './actions.js';
import type { HarnessReply } from './harness-consumer.js';
import { faultOf } from './sut.js';

export interface RegistryEntry {
  kind: 'builtin' | 'published';
  context: string;
  version: string;
  provider: string;
  upstream?: string;
}

/** Asks the SUT to publish (or confirm) its service; answers its contract and the registry's entry. */
export async function publishedService(t: ScenarioContext): Promise<{ contract: PublishResult; entry: RegistryEntry | undefined }> {
  const contract = await act(t, 'ndxp.publishService');
  const { apis } = await t.control<{ apis: RegistryEntry[] }>('GET', '/_lienthong/ndxp/apis');
  const entry = apis.find((a) => a.kind === 'published' && a.context === contract.context && a.version === contract.version);
  return { contract, entry };
}

export const gatewayPath = (c: PublishResult, ex: Example) => `/${c.context}/${c.version}${ex.resource}`;

/** Fields of `want` missing from `got` or different there (deeply, `want` is a subset). */
function subsetDiff(want: unknown, got: unknown, path = ''): string[] {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return [`${path || 'body'} is ${JSON.stringify(got)}, expected an object`];
    return Object.entries(want).flatMap(([k, v]) => subsetDiff(v, (got as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return isDeepStrictEqual(want, got) ? [] : [`${path} is ${JSON.stringify(got)}, declared ${JSON.stringify(want)}`];
}

/** What is wrong with one example's answer (empty when it is as declared). */
export function exampleProblems(ex: Example, reply: HarnessReply): string[] {
  const problems: string[] = [];
  if (reply.status !== ex.expect.status) problems.push(`HTTP ${reply.status}, declared ${ex.expect.status}`);
  const media = reply.contentType.split(';')[0]!.trim().toLowerCase();
  if (media !== ex.expect.contentType) problems.push(`Content-Type "${reply.contentType || '(none)'}", declared ${ex.expect.contentType}`);
  if (ex.expect.contentType === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      problems.push(`the body is not JSON: ${JSON.stringify(reply.text.slice(0, 120))}`);
      return problems;
    }
    if (ex.expect.json) problems.push(...subsetDiff(ex.expect.json, body));
  } else {
    try {
      parseXml(Buffer.from(reply.text, 'utf8'));
    } catch (err) {
      problems.push(`the body is not well-formed XML: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** True when the gateway itself failed to reach the service (WSO2 101503 / 101504), not the service answering. */
export function unreachable(reply: HarnessReply): string | undefined {
  if (!reply.event || (reply.status !== 503 && reply.status !== 504)) return undefined;
  const f = faultOf(reply.event);
  return f && (f.code === '101503' || f.code === '101504') ? `${f.code}: ${f.description}` : undefined;
}
