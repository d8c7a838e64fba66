import { vnTimestamp } from '../../core/clock.js';
import type { EmulatorContext } from '../../core/context.js';
import type { SystemRow } from './directory.js';
import { vdxpError } from './errors.js';
import type { Findings } from './findings.js';
import { outOfOrderOnFault, redeliverOnFault, tamperOnFault } from './faults.js';
import { BUSINESS_TYPES, parseMessageType, statusLabel, TRANSPORT_DESC, TRANSPORT_STATUSES } from './rules.js';
import type { VdxpDb, VdxpTables } from './store.js';

type DeliveryRow = VdxpTables['vdxp_deliveries'];

/** Delivery statuses still in the mailbox: `pending` until fetched, and every transport status but `done`. */
const OPEN_STATUSES = ['pending', ...[...TRANSPORT_STATUSES].filter((s) => s !== 'done')];

/** `dd/MM/yyyy HH:mm:ss` in Vietnam time: the date form the clients' list filters use (specs/vdxp.md §3.3). */
export function listTime(iso: string | null): string {
  if (!iso) return '';
  const [date, time] = vnTimestamp(new Date(iso)).split(' ') as [string, string];
  const [y, m, d] = date.split('/');
  return `${d}/${m}/${y} ${time}`;
}

function parseListTime(field: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) throw vdxpError('VDXP_BAD_PARAMETER', `${field} "${value}" is not dd/MM/yyyy HH:mm:ss`, { field, rule: 'dd/MM/yyyy HH:mm:ss' });
  const [, d, mo, y, h = '00', mi = '00', s = '00'] = m;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`).toISOString();
}

function requireDocId(params: Record<string, string>): string {
  const docId = params.docid;
  if (!docId) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-docId is required', { field: 'XroadVnpt-docId', rule: 'required' });
  return docId;
}

function notInMailbox(system: SystemRow, docId: string) {
  return vdxpError('VDXP_DOC_NOT_FOUND', `docId ${docId} is not in the mailbox of system "${system.system_id}"`, { field: 'XroadVnpt-docId', rule: 'delivered to one of your agencies' });
}

/** The read side of the axis: mailboxes, transport acknowledgements, sent lists and document histories. */
export class Mailbox {
  constructor(private readonly ctx: EmulatorContext) {}

  private get db(): VdxpDb {
    return this.ctx.store.db<VdxpTables>();
  }

  /** Items delivered to the agencies a system serves and not acknowledged `done` (fail keeps them listed). */
  private pending(system: SystemRow, messageType: 'edoc' | 'status') {
    return this.db
      .selectFrom('vdxp_deliveries as d')
      .innerJoin('vdxp_agencies as a', 'a.code', 'd.to_code')
      .where('a.system_id', '=', system.system_id)
      .where('d.message_type', '=', messageType)
      // Listed as the open statuses, not `!= 'done'`: equality seeks on the mailbox index (to_code, message_type,
      // status) touch only the open items; `!=` walked every delivery an agency ever had (8 ms a call at 1 M packages).
      .where('d.status', 'in', OPEN_STATUSES);
  }

  /**
   * getReceivedEdocList: the pending items, oldest first, optionally between fromDate and toDate. `wire` is
   * the findings of a client's call: only those meet fault rules (a control-plane view never uses a hit).
   */
  async received(system: SystemRow, params: Record<string, string>, wire?: Findings) {
    const fromTime = parseListTime('fromDate', params.fromdate);
    const toTime = parseListTime('toDate', params.todate);
    const messageType = parseMessageType(params.messagetype ?? 'edoc');
    let q = this.pending(system, messageType)
      .innerJoin('vdxp_packages as p', 'p.doc_id', 'd.sender_doc_id')
      .select(['d.receiver_doc_id', 'd.message_type', 'd.created_at', 'd.updated_at', 'd.to_code', 'd.status', 'd.status_desc', 'p.from_code'])
      .orderBy('d.created_at')
      .orderBy('d.receiver_doc_id');
    if (fromTime) q = q.where('d.created_at', '>=', fromTime);
    if (toTime) q = q.where('d.created_at', '<=', toTime);
    const rows = await q.execute();
    const items = rows.map((r) => ({
      docId: r.receiver_doc_id,
      serviceType: 'eDoc',
      messageType: r.message_type,
      created_time: listTime(r.created_at),
      updated_time: listTime(r.updated_at),
      from: r.from_code,
      to: r.to_code,
      status: r.status,
      status_desc: r.status_desc ?? TRANSPORT_DESC[r.status] ?? r.status,
    }));
    return messageType === 'status' && wire ? outOfOrderOnFault(this.ctx, system, items, wire) : items;
  }

  async countPending(system: SystemRow, messageType: 'edoc' | 'status'): Promise<number> {
    const row = await this.pending(system, messageType)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The package bytes for a docId the system may read: one delivered to it, or one it sent (`wire` as for received). */
  async fetch(system: SystemRow, params: Record<string, string>, wire?: Findings): Promise<Buffer> {
    const docId = requireDocId(params);
    const delivery = await this.ownedDelivery(system, docId);
    if (delivery) {
      const p = await this.db.selectFrom('vdxp_packages').select(['body', 'delivered_body']).where('doc_id', '=', delivery.sender_doc_id).executeTakeFirstOrThrow();
      const bytes = p.delivered_body ?? p.body;
      return wire ? tamperOnFault(this.ctx, system, delivery, bytes, wire) : bytes;
    }
    const own = await this.db.selectFrom('vdxp_packages').select('body').where('doc_id', '=', docId).where('system_id', '=', system.system_id).executeTakeFirst();
    if (own) return own.body;
    throw notInMailbox(system, docId);
  }

  private async ownedDelivery(system: SystemRow, docId: string): Promise<DeliveryRow | undefined> {
    return this.db
      .selectFrom('vdxp_deliveries as d')
      .innerJoin('vdxp_agencies as a', 'a.code', 'd.to_code')
      .selectAll('d')
      .where('d.receiver_doc_id', '=', docId)
      .where('a.system_id', '=', system.system_id)
      .executeTakeFirst();
  }

  /** updateStatus: the transport acknowledgement (done | fail | processing), not a business status. */
  async updateTransportStatus(system: SystemRow, params: Record<string, string>, findings: Findings): Promise<void> {
    const docId = requireDocId(params);
    const raw = params.status;
    if (!raw) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-status is required (done, fail or processing)', { field: 'XroadVnpt-status', rule: 'required' });
    const status = raw.toLowerCase();
    if (!TRANSPORT_STATUSES.has(status)) {
      throw vdxpError('VDXP_BAD_PARAMETER', `status "${raw}" must be done, fail or processing; business statuses (01–16) travel as status packages through sendEdoc`, { field: 'XroadVnpt-status', rule: 'done | fail | processing' });
    }
    const delivery = await this.ownedDelivery(system, docId);
    if (!delivery) throw notInMailbox(system, docId);
    if (delivery.status === 'done' && status !== 'done') findings.warn('VDXP_BAD_PARAMETER', `docId ${docId} was already acknowledged done; now ${status}`, 'XroadVnpt-status');
    const at = this.ctx.clock.now().toISOString();
    await this.db
      .updateTable('vdxp_deliveries')
      .set({
        status,
        status_desc: params.description ?? TRANSPORT_DESC[status] ?? null,
        updated_at: at,
        received_at: status === 'done' ? (delivery.received_at ?? at) : delivery.received_at,
      })
      .where('receiver_doc_id', '=', docId)
      .execute();
    if (status === 'done') await redeliverOnFault(this.ctx, this.db, system, delivery, findings);
  }

  /** getSentEdocList: one row per recipient of each package the system sent. */
  async sent(system: SystemRow, params: Record<string, string>, findings: Findings) {
    let q = this.db
      .selectFrom('vdxp_deliveries as d')
      .innerJoin('vdxp_packages as p', 'p.doc_id', 'd.sender_doc_id')
      .leftJoin('vdxp_exchanges as x', (j) =>
        j.onRef('x.sender_code', '=', 'p.from_code').onRef('x.document_id', '=', 'p.document_id').onRef('x.recipient_code', '=', 'd.to_code'),
      )
      .select([
        'p.doc_id', 'p.from_code', 'p.subject', 'p.notation', 'p.message_type', 'p.created_at', 'p.business_type', 'p.status_code as sent_status_code',
        'd.receiver_doc_id', 'd.to_code', 'd.status', 'd.status_desc', 'd.received_at', 'x.status_code', 'x.change_pending', 'x.revoked',
      ])
      .where('p.system_id', '=', system.system_id)
      .orderBy('p.created_at')
      .orderBy('d.receiver_doc_id');
    if (params.messagetype) q = q.where('p.message_type', '=', parseMessageType(params.messagetype));
    const docId = params.docid;
    if (docId) {
      // The SDK never clears its header map: a docId left from getEdoc must not silently empty the list.
      const own = await this.db.selectFrom('vdxp_packages').select('doc_id').where('doc_id', '=', docId).where('system_id', '=', system.system_id).executeTakeFirst();
      if (own) {
        q = q.where('p.doc_id', '=', docId);
        findings.info('VDXP_STALE_HEADER', `list filtered to DocId ${docId} by XroadVnpt-docId (the SDK resends the last docId it used)`, 'XroadVnpt-docId');
      }
      else findings.info('VDXP_STALE_HEADER', `XroadVnpt-docId ${docId} is not a DocId you sent (a stale SDK header?); filter ignored`, 'XroadVnpt-docId');
    }
    const rows = await q.execute();
    return rows.map((r) => ({
      serviceType: 'eDoc',
      senderDocId: r.doc_id,
      receiverDocId: r.receiver_doc_id,
      fromCode: r.from_code,
      toCode: r.to_code,
      title: r.subject ?? '',
      notation: r.notation ?? '',
      messageType: r.message_type,
      sentTime: listTime(r.created_at),
      receivedTime: listTime(r.received_at),
      sendStatus: 'done',
      sendStatusDesc: 'Đã gửi lên trục (accepted by the axis)',
      receiveStatus: r.status,
      receiveStatusDesc: r.status_desc ?? TRANSPORT_DESC[r.status] ?? r.status,
      // Beyond the SDK model (Gson ignores unknown fields): the business state of this recipient.
      businessType: r.business_type ? (BUSINESS_TYPES[r.business_type] ?? r.business_type) : null,
      statusCode: r.message_type === 'status' ? r.sent_status_code : (r.status_code ?? null),
      statusDesc: r.message_type === 'status' ? statusLabel(r.sent_status_code) : statusLabel(r.status_code),
      changePending: r.change_pending ?? null,
      revoked: r.revoked === 1,
    }));
  }

  /**
   * One package exactly as its sender sent it, with what the axis found: the harness judges a SUT's package
   * on these bytes (the evidence log keeps only a bounded excerpt of each body). Undefined when unknown.
   */
  async packageRecord(docId: string) {
    const row = await this.db.selectFrom('vdxp_packages').selectAll().where('doc_id', '=', docId).executeTakeFirst();
    if (!row) return undefined;
    return {
      docId: row.doc_id,
      systemId: row.system_id,
      messageType: row.message_type,
      from: row.from_code,
      documentId: row.document_id,
      businessType: row.business_type,
      statusCode: row.status_code,
      signatureStatus: row.signature_status,
      warnings: JSON.parse(row.warnings) as unknown[],
      createdAt: row.created_at,
      size: row.size,
      sha256: row.sha256,
      edxml: Buffer.from(row.body).toString('base64'),
    };
  }

  /** Control plane: the business history of one document (every status package about it). */
  async documentHistory(documentId: string) {
    const exchanges = await this.db.selectFrom('vdxp_exchanges').selectAll().where((eb) => eb.or([eb('document_id', '=', documentId), eb('change_of', '=', documentId)])).execute();
    // An update or replacement with its own DocumentId belongs to this history too.
    const ids = [...new Set([documentId, ...exchanges.map((x) => x.document_id)])];
    const packages = await this.db
      .selectFrom('vdxp_packages')
      .select(['doc_id', 'document_id', 'message_type', 'from_code', 'status_code', 'business_type', 'created_at', 'signature_status'])
      .where('document_id', 'in', ids)
      .orderBy('created_at')
      .execute();
    return { documentId, exchanges, packages };
  }
}
