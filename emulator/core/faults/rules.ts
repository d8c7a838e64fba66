/**
 * What a fault rule may say (decision 019): the kinds, which platform each exists on, which fields each
 * takes, and the checks that refuse a rule naming the field and the rule broken. The JSON Schema
 * (schemas/common/fault-create.json) says the same for tools; these checks run first so a person gets a
 * sentence ("latencyMs is required for kind latency") instead of a JSON-Schema trace.
 */
import { coreError } from '../errors.js';

export type FaultPlatform = 'vdxp' | 'dvcqg' | 'ndxp';
export type FaultKind = 'error' | 'latency' | 'drop' | 'expired-token' | 'duplicate' | 'out-of-order' | 'tamper';

export interface FaultInput {
  platform: FaultPlatform;
  kind: FaultKind;
  /** A name the request goes by: the last path segment, a DVCQG `service`, an NDXP API context (or context/version). */
  operation?: string;
  /** VDXP: the calling system (XroadVnpt-systemid). */
  systemId?: string;
  /** DVCQG: the one-stop account (username) of the session or login. */
  account?: string;
  /** NDXP: the consumer application (client_id) of the bearer token or token request. */
  clientId?: string;
  /** Agency code the caller acts for (VDXP: an agency of the system, or the recipient; DVCQG madonvi; NDXP the consumer's agency). */
  agency?: string;
  /** error: the HTTP status (default 503). */
  status?: number;
  /** latency: milliseconds added before the platform handles the request. */
  latencyMs?: number;
  /** error, drop: `request` (default) fails it before the platform sees it; `reply` lets it act, then fails or loses the reply. */
  phase?: 'request' | 'reply';
  /** duplicate: the same docId listed again (default), or a second delivery with a new docId. */
  redelivery?: 'same-docid' | 'new-docid';
  /** duplicate, tamper: only documents (edoc) or only status messages; default both. */
  messageType?: 'edoc' | 'status';
  /** How many times the rule hits; default unlimited. */
  count?: number;
  /** Chance that a matching request is hit (0 < p ≤ 1; default 1). */
  probability?: number;
  /** Makes `probability` reproducible: the n-th matching request rolls the same number in every run. */
  seed?: number;
}

export interface FaultRule extends FaultInput {
  id: string;
  /** Requests (or deliveries) this rule has hit so far. */
  hits: number;
  createdAt: string;
}

const ALL: readonly FaultPlatform[] = ['vdxp', 'dvcqg', 'ndxp'];

interface KindSpec {
  platforms: readonly FaultPlatform[];
  /** Kind-specific fields this kind takes. */
  fields: readonly (keyof FaultInput)[];
  required?: readonly (keyof FaultInput)[];
  /** Where a delivery kind acts, for the message refusing `operation` (it acts at one place only). */
  actsOn?: string;
  /** Hit by the request hook (before the platform handles it) rather than at a delivery inside VDXP. */
  request: boolean;
}

export const FAULT_KINDS: Readonly<Record<FaultKind, KindSpec>> = {
  error: { platforms: ALL, fields: ['status', 'phase'], request: true },
  latency: { platforms: ALL, fields: ['latencyMs'], required: ['latencyMs'], request: true },
  drop: { platforms: ALL, fields: ['phase'], request: true },
  'expired-token': { platforms: ['dvcqg', 'ndxp'], fields: [], request: true },
  duplicate: { platforms: ['vdxp'], fields: ['redelivery', 'messageType'], actsOn: 'updateStatus done (the acknowledgement of a delivered item)', request: false },
  'out-of-order': { platforms: ['vdxp'], fields: [], actsOn: 'getReceivedEdocList of status messages', request: false },
  tamper: { platforms: ['vdxp'], fields: ['messageType'], actsOn: 'getEdoc and downloadEdoc of a delivered package', request: false },
};

export const REQUEST_KINDS = (Object.keys(FAULT_KINDS) as FaultKind[]).filter((k) => FAULT_KINDS[k].request);

const KIND_FIELDS: readonly (keyof FaultInput)[] = ['status', 'latencyMs', 'phase', 'redelivery', 'messageType'];

/** Each platform names its caller in its own words. */
export const CALLER_FIELD: Readonly<Record<FaultPlatform, 'systemId' | 'account' | 'clientId'>> = { vdxp: 'systemId', dvcqg: 'account', ndxp: 'clientId' };

const CALLER_MEANING: Readonly<Record<FaultPlatform, string>> = {
  vdxp: 'systemId (the XroadVnpt-systemid of the connected system)',
  dvcqg: 'account (the one-stop account username)',
  ndxp: 'clientId (the consumer key)',
};

/** The first thing wrong with the combination of fields, or undefined. Reads only presence, kind and platform. */
export function faultRuleProblem(body: Record<string, unknown>): { field: string; rule: string; message: string } | undefined {
  const platform = body.platform as FaultPlatform;
  const kind = body.kind as FaultKind;
  const spec = Object.hasOwn(FAULT_KINDS, String(kind)) ? FAULT_KINDS[kind] : undefined;
  if (!spec || !ALL.includes(platform)) return undefined; // the schema names the unknown kind or platform
  const has = (f: string) => body[f] !== undefined && body[f] !== null;
  if (!spec.platforms.includes(platform)) {
    return { field: 'kind', rule: `kind ${kind} on ${spec.platforms.join(', ')} only`, message: `kind ${kind} exists on platform ${spec.platforms.join(' and ')} only, not ${platform}` };
  }
  for (const f of spec.required ?? []) {
    if (!has(f)) return { field: f, rule: `required for kind ${kind}`, message: `${f} is required for kind ${kind}` };
  }
  for (const f of KIND_FIELDS) {
    if (has(f) && !spec.fields.includes(f)) {
      const owners = (Object.keys(FAULT_KINDS) as FaultKind[]).filter((k) => FAULT_KINDS[k].fields.includes(f));
      return { field: f, rule: `only for kind ${owners.join(' or ')}`, message: `${f} applies to kind ${owners.join(' or ')} only, not ${kind}` };
    }
  }
  for (const [p, f] of Object.entries(CALLER_FIELD) as [FaultPlatform, string][]) {
    if (has(f) && p !== platform) {
      return { field: f, rule: `only for platform ${p}`, message: `${f} applies to platform ${p} only; on ${platform} the caller is ${CALLER_MEANING[platform]}` };
    }
  }
  if (spec.actsOn && has('operation')) {
    return { field: 'operation', rule: `not for kind ${kind}`, message: `operation does not apply to kind ${kind}: it acts on ${spec.actsOn}` };
  }
  if (has('seed') && !has('probability')) {
    return { field: 'seed', rule: 'only with probability', message: 'seed makes probability reproducible; give a probability too' };
  }
  return undefined;
}

/** Throws the 400 that names the field and rule when the combination is not allowed. */
export function assertFaultRule(body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return; // the schema says "must be object"
  const p = faultRuleProblem(body as Record<string, unknown>);
  if (p) throw coreError('BAD_REQUEST', `invalid fault rule: ${p.message}`, { field: p.field, rule: p.rule, problems: [p] });
}

/** One line for logs, the CLI and evidence: `error 503`, `latency 300 ms`, `drop reply`, `duplicate new-docid`. */
export function describeFault(r: FaultInput): string {
  switch (r.kind) {
    case 'error':
      return `error ${r.status ?? 503}${r.phase === 'reply' ? ' after handling' : ''}`;
    case 'latency':
      return `latency ${r.latencyMs} ms`;
    case 'drop':
      return r.phase === 'reply' ? 'drop reply (request handled)' : 'drop request';
    case 'duplicate':
      return `duplicate ${r.redelivery ?? 'same-docid'}${r.messageType ? ` (${r.messageType})` : ''}`;
    case 'tamper':
      return `tamper${r.messageType ? ` (${r.messageType})` : ''}`;
    default:
      return r.kind;
  }
}
