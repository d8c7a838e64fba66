import type { Findings } from './findings.js';
import { vdxpError, type VdxpErrorCode } from './errors.js';
import { CHANGE_ANSWERS, PROGRESS_CODES, progressViolation, statusLabel } from './rules.js';
import type { VdxpDb, VdxpTables } from './store.js';
import type { Business } from './wire/edxml-model.js';

type ExchangeRow = VdxpTables['vdxp_exchanges'];
type Key = Pick<ExchangeRow, 'sender_code' | 'document_id' | 'recipient_code'>;

const CHANGE_OF_TYPE: Readonly<Record<string, string>> = { '1': 'revoke', '2': 'update', '3': 'replace' };

/** A rule broken: an error in strict mode; in lenient mode a recorded warning (the real axis relays it). */
function breach(strict: boolean, findings: Findings, code: VdxpErrorCode, message: string, field: string, rule: string): void {
  if (strict) throw vdxpError(code, message, { field, rule });
  findings.warn(code, message, field);
}

export interface EdocPlan {
  /** Exchange rows this package opens: (sender, its DocumentId, recipient). */
  open: { recipient: string; changeOf: string | null }[];
  /** Existing exchanges that now await a 15/16 answer. */
  pending: { key: Key; change: string }[];
}

export interface StatusPlan {
  statusCode: string;
  /** The exchange the status is about; absent when lenient mode relays an untracked status. */
  row?: ExchangeRow;
  /** For 15/16: the exchange whose change is answered (the original document's). */
  changed?: ExchangeRow;
}

/**
 * The business state of documents between agencies (specs/vdxp.md §2): who received what, the last status
 * each recipient reported, and pending revocations/updates/replacements. Plans are computed and checked
 * before the write transaction so a refused package changes nothing.
 */
export class ExchangeBook {
  private async find(db: VdxpDb, key: Key): Promise<ExchangeRow | undefined> {
    return db
      .selectFrom('vdxp_exchanges')
      .selectAll()
      .where('sender_code', '=', key.sender_code)
      .where('document_id', '=', key.document_id)
      .where('recipient_code', '=', key.recipient_code)
      .executeTakeFirst();
  }

  async planEdoc(
    db: VdxpDb,
    p: { from: string; documentId: string | null; type: string; recipients: string[]; business?: Business; strict: boolean; findings: Findings },
  ): Promise<EdocPlan> {
    const plan: EdocPlan = { open: [], pending: [] };
    if (!p.documentId) {
      p.findings.warn('VDXP_EDXML_MISSING_FIELD', 'MessageHeader/DocumentId is empty: statuses about this document cannot be matched to it', 'MessageHeader/DocumentId');
      return plan;
    }
    const change = CHANGE_OF_TYPE[p.type];
    if (!change) {
      const earlier = await db.selectFrom('vdxp_exchanges').select('recipient_code').where('sender_code', '=', p.from).where('document_id', '=', p.documentId).execute();
      if (earlier.length > 0) {
        breach(p.strict, p.findings, 'VDXP_DUPLICATE_DOCUMENT', `DocumentId ${p.documentId} was already sent by ${p.from} as a new document (BussinessDocType 0); to change it send BussinessDocType 1 (thu hồi), 2 (cập nhật) or 3 (thay thế)`, 'MessageHeader/DocumentId', 'unique per sender for BussinessDocType 0');
      }
      plan.open = p.recipients.map((recipient) => ({ recipient, changeOf: null }));
      return plan;
    }
    const targets =
      p.type === '3'
        ? [...new Set((p.business?.replacements ?? []).map((r) => r.documentId?.trim() ?? '').filter(Boolean))]
        : [p.business?.documentId?.trim() || p.documentId];
    let sentBefore = 0;
    for (const target of targets) {
      const rows = await db.selectFrom('vdxp_exchanges').selectAll().where('sender_code', '=', p.from).where('document_id', '=', target).execute();
      sentBefore += rows.length;
      if (rows.length === 0) {
        breach(p.strict, p.findings, 'VDXP_ORIGINAL_NOT_FOUND', `BussinessDocType ${p.type} (${change}) refers to DocumentId ${target}, which ${p.from} never sent through the axis`, p.type === '3' ? 'Bussiness/ReplacementInfoList/ReplacementInfo/DocumentId' : 'Bussiness/DocumentId', 'the changed document was sent earlier by the same agency');
      }
      for (const row of rows) {
        if (p.recipients.includes(row.recipient_code)) plan.pending.push({ key: row, change });
      }
    }
    const sameDocument = targets.length === 1 && targets[0] === p.documentId;
    // A change that carries the DocumentId of a document never sent (lenient relays it) must not record that
    // document as sent: later statuses and changes about it would lose their ORIGINAL_NOT_FOUND warning, and
    // the real original, sent afterwards, would be taken for a duplicate.
    if (sameDocument && sentBefore === 0) return plan;
    // A change package with its own DocumentId opens exchanges for it; recipients new to the document too.
    for (const recipient of p.recipients) {
      const known = plan.pending.some((x) => x.key.recipient_code === recipient && x.key.document_id === p.documentId);
      if (!sameDocument || !known) plan.open.push({ recipient, changeOf: sameDocument ? null : (targets[0] ?? null) });
    }
    return plan;
  }

  async applyEdoc(db: VdxpDb, plan: EdocPlan, p: { from: string; documentId: string | null; docId: string; at: string }): Promise<void> {
    if (!p.documentId) return;
    for (const o of plan.open) {
      await db
        .insertInto('vdxp_exchanges')
        .values({ sender_code: p.from, document_id: p.documentId, recipient_code: o.recipient, sender_doc_id: p.docId, status_code: null, change_pending: null, change_of: o.changeOf, revoked: 0, updated_at: p.at })
        .onConflict((oc) => oc.columns(['sender_code', 'document_id', 'recipient_code']).doUpdateSet({ sender_doc_id: p.docId, updated_at: p.at }))
        .execute();
    }
    for (const x of plan.pending) await this.update(db, x.key, { change_pending: x.change, updated_at: p.at });
  }

  async planStatus(db: VdxpDb, p: { from: string; to: string; documentId: string; statusCode: string; strict: boolean; findings: Findings }): Promise<StatusPlan> {
    const label = statusLabel(p.statusCode);
    const senderSide = p.statusCode === '13';
    // 13 goes sender → recipient; every other code recipient → sender (specs/vdxp.md §1.5).
    const key: Key = senderSide
      ? { sender_code: p.from, document_id: p.documentId, recipient_code: p.to }
      : { sender_code: p.to, document_id: p.documentId, recipient_code: p.from };
    const row = await this.find(db, key);
    if (!row) {
      const reversed = await this.find(db, { sender_code: key.recipient_code, document_id: p.documentId, recipient_code: key.sender_code });
      if (reversed) {
        const who = senderSide ? 'the original sender' : 'the recipient of the document';
        breach(p.strict, p.findings, 'VDXP_STATUS_WRONG_PARTY', `${label} must come from ${who}; From/OrganId ${p.from} is the other party of DocumentId ${p.documentId}`, 'MessageHeader/From/OrganId', senderSide ? '13 from the sender' : 'progress statuses from the recipient');
      } else {
        breach(p.strict, p.findings, 'VDXP_ORIGINAL_NOT_FOUND', `${label} refers to DocumentId ${p.documentId}, which was never sent from ${key.sender_code} to ${key.recipient_code} through the axis`, 'MessageHeader/ResponseFor/DocumentId', 'status about a document exchanged between the two agencies');
      }
      return { statusCode: p.statusCode };
    }
    if (senderSide) {
      if (row.revoked) breach(p.strict, p.findings, 'VDXP_STATUS_TRANSITION', `StatusCode ${p.statusCode}: DocumentId ${p.documentId} is already revoked (đã thu hồi); ${label} cannot be sent again`, 'MessageHeader/StatusCode', 'revoke once');
      return { statusCode: p.statusCode, row };
    }
    if (PROGRESS_CODES.has(p.statusCode)) {
      const why = progressViolation(row.status_code, p.statusCode, row.revoked === 1);
      if (why) breach(p.strict, p.findings, 'VDXP_STATUS_TRANSITION', `StatusCode ${p.statusCode}: ${why} (DocumentId ${p.documentId})`, 'MessageHeader/StatusCode', 'status order of QĐ 28/2018 practice: 01 → 02|03 → 04 → 05 → 06');
      return { statusCode: p.statusCode, row };
    }
    if (CHANGE_ANSWERS.has(p.statusCode)) {
      const changed = row.change_pending ? row : row.change_of ? await this.find(db, { ...key, document_id: row.change_of }) : undefined;
      if (!changed?.change_pending) {
        breach(p.strict, p.findings, 'VDXP_STATUS_TRANSITION', `StatusCode ${p.statusCode}: ${label} answers a revocation or change, but none is pending for DocumentId ${p.documentId}: send it only after status 13 or a BussinessDocType 1, 2 or 3 package`, 'MessageHeader/StatusCode', '15/16 only after 13 or BussinessDocType 1–3');
        return { statusCode: p.statusCode, row };
      }
      return { statusCode: p.statusCode, row, changed };
    }
    return { statusCode: p.statusCode, row };
  }

  async applyStatus(db: VdxpDb, plan: StatusPlan, at: string): Promise<void> {
    const { row, changed, statusCode } = plan;
    if (!row) return;
    if (statusCode === '13') {
      await this.update(db, row, { change_pending: 'revoke', updated_at: at });
    } else if (PROGRESS_CODES.has(statusCode)) {
      await this.update(db, row, { status_code: statusCode, updated_at: at });
    } else if (changed) {
      const agreedRevoke = statusCode === '15' && changed.change_pending === 'revoke';
      await this.update(db, changed, { change_pending: null, revoked: agreedRevoke ? 1 : changed.revoked, updated_at: at });
      if (changed !== row) await this.update(db, row, { change_pending: null, updated_at: at });
    }
  }

  private async update(db: VdxpDb, key: Key, set: Partial<ExchangeRow>): Promise<void> {
    await db
      .updateTable('vdxp_exchanges')
      .set(set)
      .where('sender_code', '=', key.sender_code)
      .where('document_id', '=', key.document_id)
      .where('recipient_code', '=', key.recipient_code)
      .execute();
  }
}
