/**
 * What the SUT did on the axis, read from the evidence log and judged with the emulator's own code: its
 * packages as it sent them (parsed and validated strictly by the same parser and rules the axis runs,
 * signature status as the axis found it), its transport acknowledgements, and its statuses.
 */
import { vnDate } from '../../../emulator/core/clock.js';
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import type { EdocPackage, EdxmlIssue, StatusPackage } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import { parseEdxml } from '../../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { validateEdxml } from '../../../emulator/platforms/vdxp/wire/edxml-validate.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

/** One sendEdoc the SUT made: accepted (with the package judged) or refused by the axis. */
export interface SutSend {
  event: EvidenceEvent;
  accepted: boolean;
  /** The axis's refusal (`ErrorDesc`) when not accepted. */
  refusal?: string;
  docId?: string;
  kind?: 'edoc' | 'status';
  edoc?: EdocPackage;
  status?: StatusPackage;
  /** Strict QCVN 102 problems, by the emulator's parser and validator. */
  problems: EdxmlIssue[];
  /** valid | absent | invalid | untrusted | signer-mismatch (decision 025), as the axis verified it on the bytes sent. */
  signatureStatus?: string;
  /** The axis's own findings on the exchange (warnings such as VDXP_SEND_LATE, VDXP_STATUS_TRANSITION). */
  verdicts: EvidenceEvent['verdicts'];
}

interface PackageRecord {
  docId: string;
  messageType: string;
  signatureStatus: string;
  createdAt: string;
  edxml: string;
}

/** The SUT's VDXP systemId: as system.info told, else the system its agency is connected through. */
export async function sutSystemId(t: ScenarioContext): Promise<string> {
  if (t.sut.systemId) return t.sut.systemId;
  const { agencies } = await t.control<{ agencies: { code: string; systemId: string | null }[] }>('GET', `/_lienthong/vdxp/agencies?q=${encodeURIComponent(t.sut.agency)}`);
  const own = agencies.find((a) => a.code === t.sut.agency)?.systemId;
  if (!own) throw new HarnessError(`the SUT's agency ${t.sut.agency} is not connected to the axis through any system: connect it first (POST /_lienthong/vdxp/systems)`);
  return own;
}

const cache = new Map<number, SutSend>();

async function judgeSend(t: ScenarioContext, event: EvidenceEvent): Promise<SutSend> {
  const hit = cache.get(event.seq);
  if (hit && hit.event.hash === event.hash) return hit;
  let reply: { status?: string; DocId?: string; ErrorDesc?: string } = {};
  try {
    reply = JSON.parse(event.responseBody ?? '{}') as typeof reply;
  } catch {
    /* a reply that is not JSON is a refusal */
  }
  const out: SutSend = { event, accepted: event.status === 200 && reply.status === 'OK' && !!reply.DocId, problems: [], verdicts: event.verdicts };
  if (!out.accepted) {
    out.refusal = reply.ErrorDesc ?? `HTTP ${event.status}`;
    return out;
  }
  out.docId = reply.DocId as string;
  const record = await t.control<PackageRecord>('GET', `/_lienthong/vdxp/packages/${encodeURIComponent(out.docId)}`);
  out.signatureStatus = record.signatureStatus;
  const bytes = Buffer.from(record.edxml, 'base64');
  try {
    const { pkg } = parseEdxml(bytes, { mode: 'strict' });
    out.kind = pkg.kind;
    if (pkg.kind === 'edoc') out.edoc = pkg;
    else out.status = pkg;
    // "today" as the axis saw it when the package arrived, so a later clock move changes nothing.
    out.problems = validateEdxml(pkg, { mode: 'strict', today: vnDate(new Date(record.createdAt)) }).errors;
  } catch (err) {
    const e = err as Error & { code?: string; details?: { field?: string; rule?: string } };
    out.problems = [{ code: e.code ?? 'VDXP_EDXML_INVALID', field: e.details?.field ?? 'package', rule: e.details?.rule ?? 'well-formed QCVN 102 XML', message: e.message }];
    // Strict parsing refuses what the lenient axis relayed: read it leniently to know what it was.
    const lenient = parseEdxml(bytes, { mode: 'lenient' }).pkg;
    out.kind = lenient.kind;
    if (lenient.kind === 'edoc') out.edoc = lenient;
    else out.status = lenient;
  }
  cache.set(event.seq, out);
  return out;
}

/** Every sendEdoc of the SUT since the scenario started, oldest first. */
export async function sutSends(t: ScenarioContext, filter: { kind?: 'edoc' | 'status'; acceptedOnly?: boolean } = {}): Promise<SutSend[]> {
  const systemId = await sutSystemId(t);
  const events = await t.events({ platform: 'vdxp', systemId, operation: 'sendEdoc' });
  const out: SutSend[] = [];
  for (const e of events) {
    const s = await judgeSend(t, e);
    if (filter.acceptedOnly && !s.accepted) continue;
    if (filter.kind && s.accepted && s.kind !== filter.kind) continue;
    out.push(s);
  }
  return out;
}

/** The SUT's status packages about one document (matched by ResponseFor/DocumentId), oldest first. */
export async function sutStatuses(t: ScenarioContext, documentId?: string): Promise<(SutSend & { status: StatusPackage })[]> {
  const sends = await sutSends(t, { kind: 'status', acceptedOnly: true });
  return sends.filter((s): s is SutSend & { status: StatusPackage } => !!s.status && (documentId === undefined || s.status.responseFor?.documentId?.trim() === documentId));
}

export interface SutAck {
  event: EvidenceEvent;
  docId: string;
  status: string;
}

/** The SUT's accepted updateStatus calls since the scenario started. */
export async function sutAcks(t: ScenarioContext): Promise<SutAck[]> {
  const systemId = await sutSystemId(t);
  const events = await t.events({ platform: 'vdxp', systemId, operation: 'updateStatus' });
  return events
    .filter((e) => e.status === 200)
    .map((e) => ({ event: e, docId: e.requestHeaders['xroadvnpt-docid'] ?? '', status: (e.requestHeaders['xroadvnpt-status'] ?? '').toLowerCase() }));
}

/** The wall-clock wait for the SUT's reaction (scenario input `waitMs`). */
export const WAIT_INPUT = {
  waitMs: { description: 'how long to wait for the SUT to react (it may poll the axis on its own schedule), in milliseconds', default: 60_000 },
} as const;

export const waitMs = (t: ScenarioContext): number => Number(t.inputs.waitMs ?? 60_000);

/** `yes` when s is a non-empty reason after trimming. */
export const hasText = (s: string | undefined | null): boolean => typeof s === 'string' && s.trim().length > 0;

export const seqs = (...items: ({ event: EvidenceEvent } | undefined)[]): number[] => items.filter((i): i is { event: EvidenceEvent } => !!i).map((i) => i.event.seq);
