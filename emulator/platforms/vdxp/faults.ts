/**
 * VDXP under fault injection (docs/faults.md, decision 019): who a request comes from (the system and the
 * agency it acts for), the failure reply in the axis's dialect, and the three things an axis can do wrong
 * with what it delivers — list an acknowledged item again (duplicate), hand statuses over in another order
 * than they were sent (out-of-order), and hand over a package whose signature no longer verifies (tamper).
 */
import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../../core/context.js';
import { faultVerdict, lastSegment, type PlatformFaults } from '../../core/faults.js';
import type { SystemRow } from './directory.js';
import type { Findings } from './findings.js';
import { asciiJson, failExtras } from './render.js';
import type { VdxpService } from './service.js';
import type { VdxpDb, VdxpTables } from './store.js';

/** The sending agency as a package names it (MessageHeader/From/OrganId, or a status's From): read, not parsed. */
const FROM_ORGAN_ID = /<(?:[\w.-]+:)?From\b[^>]*>\s*<(?:[\w.-]+:)?OrganId\b[^>]*>\s*([^<\s]+)/;

function headerText(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function vdxpFaults(serviceFor: (ctx: EmulatorContext) => VdxpService): PlatformFaults {
  return {
    async identify(ctx, request) {
      const operation = lastSegment(request.url);
      const systemId = headerText(request, 'xroadvnpt-systemid');
      if (!systemId) return { operations: [operation], agencies: [] };
      const agencies = (await serviceFor(ctx).directory.agenciesOf(systemId)).map((a) => a.code);
      // A system may serve several agencies: a sendEdoc acts for the one its package names; other calls for all.
      let from: string | undefined;
      if (Buffer.isBuffer(request.body) && request.body.length > 0) from = FROM_ORGAN_ID.exec(request.body.subarray(0, 65536).toString('utf8'))?.[1];
      from ??= headerText(request, 'xroadvnpt-from');
      return { operations: [operation], caller: systemId, agencies: from && agencies.includes(from) ? [from] : agencies };
    },
    failure(request, status, message) {
      return {
        contentType: 'application/json; charset=utf-8',
        // DocId on a failed sendEdoc too: the SDK reads it without a null check (render.ts failExtras).
        body: asciiJson({ status: 'FAIL', ErrorCode: String(status), ErrorDesc: message, code: 'FAULT_INJECTED', ...failExtras(request.url) }),
      };
    },
  };
}

/**
 * out-of-order: the recipient's oldest pending status is held back (it appears once the newer ones are
 * acknowledged) and the others are listed newest first, so a client sees e.g. 05 before 03 whatever order
 * it reads the list in. Items of other agencies keep their place.
 */
export function holdBackOldest<T extends { to: string }>(items: T[], agency: string): { items: T[]; held: T; reordered: T[] } {
  const mine = items.filter((i) => i.to === agency);
  const [held, ...rest] = mine as [T, ...T[]];
  const reordered = rest.reverse();
  return { items: [...items.filter((i) => i.to !== agency), ...reordered], held, reordered };
}

const SIGNATURE_VALUE = /(<(?:[\w.-]+:)?SignatureValue\b[^>]*>)([^<]*)(<\/(?:[\w.-]+:)?SignatureValue\s*>)/;

/**
 * tamper: the package with one bit of its SignatureValue flipped — whatever else a verifier checks, the RSA
 * signature over SignedInfo no longer verifies. Undefined when the package carries no signature value.
 */
export function tamperSignature(bytes: Buffer): Buffer | undefined {
  const text = bytes.toString('utf8');
  const m = SIGNATURE_VALUE.exec(text);
  if (!m) return undefined;
  const value = Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64');
  if (value.length === 0) return undefined;
  value[value.length - 1] = value[value.length - 1]! ^ 0x01;
  return Buffer.from(text.slice(0, m.index) + m[1] + value.toString('base64') + m[3] + text.slice(m.index + m[0].length), 'utf8');
}

type DeliveryRow = VdxpTables['vdxp_deliveries'];
type System = Pick<SystemRow, 'system_id'>;

/** getReceivedEdocList of statuses: per recipient agency with two or more pending, an out-of-order rule may hit. */
export async function outOfOrderOnFault<T extends { docId: string; to: string }>(ctx: EmulatorContext, system: System, items: T[], findings: Findings): Promise<T[]> {
  if (!ctx.faults || items.length < 2) return items;
  let out = items;
  for (const agency of new Set(items.map((i) => i.to))) {
    if (out.filter((i) => i.to === agency).length < 2) continue;
    const rule = await ctx.faults.hit('vdxp', ['out-of-order'], { operations: ['getReceivedEdocList'], caller: system.system_id, agencies: [agency], messageType: 'status' });
    if (!rule) continue;
    const r = holdBackOldest(out, agency);
    out = r.items;
    const v = faultVerdict(rule, `status ${r.held.docId} to ${agency} held back until the newer ones are acknowledged; listed newest first: ${r.reordered.map((i) => i.docId).join(', ')}`);
    findings.info(v.code, v.message);
  }
  return out;
}

/** getEdoc / downloadEdoc of a delivered package: a tamper rule may hand over a copy whose signature fails. */
export async function tamperOnFault(ctx: EmulatorContext, system: System, delivery: DeliveryRow, bytes: Buffer, findings: Findings): Promise<Buffer> {
  if (!ctx.faults) return bytes;
  const tampered = tamperSignature(bytes);
  // A package without a signature cannot be tampered with detectably: the rule keeps its hit for a signed one.
  if (!tampered) return bytes;
  const rule = await ctx.faults.hit('vdxp', ['tamper'], {
    operations: ['getEdoc', 'downloadEdoc'],
    caller: system.system_id,
    agencies: [delivery.to_code],
    messageType: delivery.message_type === 'status' ? 'status' : 'edoc',
  });
  if (!rule) return bytes;
  const v = faultVerdict(rule, `docId ${delivery.receiver_doc_id} handed over with its SignatureValue altered: XML-DSig verification fails`);
  findings.info(v.code, v.message);
  return tampered;
}

/**
 * updateStatus done: a duplicate rule makes the axis deliver the item again, as an at-least-once axis does
 * when it loses an acknowledgement (same docId, still pending) or replays a delivery (a new docId).
 */
export async function redeliverOnFault(ctx: EmulatorContext, db: VdxpDb, system: System, delivery: DeliveryRow, findings: Findings): Promise<void> {
  if (!ctx.faults) return;
  const rule = await ctx.faults.hit('vdxp', ['duplicate'], {
    operations: ['updateStatus'],
    caller: system.system_id,
    agencies: [delivery.to_code],
    messageType: delivery.message_type === 'status' ? 'status' : 'edoc',
  });
  if (!rule) return;
  const at = ctx.clock.now();
  if ((rule.redelivery ?? 'same-docid') === 'same-docid') {
    await db
      .updateTable('vdxp_deliveries')
      .set({ status: 'pending', status_desc: 'Chờ nhận lại (redelivered: the axis lost the acknowledgement)', updated_at: at.toISOString(), received_at: delivery.received_at })
      .where('receiver_doc_id', '=', delivery.receiver_doc_id)
      .execute();
    const v = faultVerdict(rule, `the acknowledgement of docId ${delivery.receiver_doc_id} was lost: it is listed again, still pending`);
    findings.info(v.code, v.message);
    return;
  }
  const copy = ctx.ids.objectId(at);
  await db
    .insertInto('vdxp_deliveries')
    .values({ ...delivery, receiver_doc_id: copy, status: 'pending', status_desc: null, created_at: at.toISOString(), updated_at: at.toISOString(), received_at: null })
    .execute();
  const v = faultVerdict(rule, `docId ${delivery.receiver_doc_id} delivered again as docId ${copy} (the same package)`);
  findings.info(v.code, v.message);
}
