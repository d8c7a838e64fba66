import { createHash } from 'node:crypto';
import type { EmulatorContext, ValidationMode } from '../../core/context.js';
import { vnDate, vnTimestamp } from '../../core/clock.js';
import type { Verdict } from '../../core/evidence.js';
import { Directory, type SystemRow } from './directory.js';
import { vdxpError } from './errors.js';
import { ExchangeBook } from './exchanges.js';
import { BUSINESS_TYPES, statusLabel, TRANSPORT_DESC, TRANSPORT_STATUSES } from './rules.js';
import type { VdxpDb, VdxpTables } from './store.js';
import type { EdocPackage, EdxmlIssue, EdxmlPackage, StatusPackage } from './wire/edxml-model.js';
import { parseEdxml } from './wire/edxml-parse.js';
import { appendTraceHeader } from './wire/edxml-build.js';
import { validateEdxml } from './wire/edxml-validate.js';
import { verifyEdxmlSignature } from './wire/signature.js';
import { sameHashFile } from './wire/xroad-headers.js';

export interface VdxpOptions {
  /** OrganId the axis writes in the TraceHeader it appends (Văn phòng Chính phủ operates the axis). */
  axisOrganId?: string;
}

type DeliveryRow = VdxpTables['vdxp_deliveries'];
type PackageRow = VdxpTables['vdxp_packages'];

export interface SendResult {
  docId: string;
  recipients: { code: string; receiverDocId: string }[];
  duplicateOf?: string;
}

/** Findings collected while serving one request; they end up in the evidence log. */
export class Findings {
  readonly verdicts: Verdict[] = [];
  warn(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'warning', message, field });
  }
  /** A quirk of the official SDK itself: noted, never held against the vendor. */
  info(code: string, message: string, field?: string): void {
    this.verdicts.push({ code, severity: 'info', message, field });
  }
  issues(list: EdxmlIssue[], severity: 'warning' | 'error'): void {
    for (const i of list) this.verdicts.push({ code: i.code, severity, message: i.message, field: i.field });
  }
}

/** How long an identical upload counts as a retry of the first one. */
export const RETRY_WINDOW_MS = 10 * 60 * 1000;

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The SDK appends CRLF after the file (specs/vdxp.md §3.4): framing, not part of the package. */
function stripSdkFraming(body: Buffer): Buffer {
  return body.length >= 2 && body[body.length - 2] === 0x0d && body[body.length - 1] === 0x0a ? body.subarray(0, body.length - 2) : body;
}

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

/** The document axis: accepts packages, routes them to mailboxes, tracks transport and business status. */
export class VdxpService {
  readonly directory: Directory;
  private readonly book: ExchangeBook;
  private readonly axisOrganId: string;

  constructor(
    private readonly ctx: EmulatorContext,
    opts: VdxpOptions = {},
  ) {
    this.directory = new Directory(ctx);
    this.book = new ExchangeBook();
    this.axisOrganId = opts.axisOrganId ?? '000.00.00.G22';
  }

  private get db(): VdxpDb {
    return this.ctx.store.db<VdxpTables>();
  }

  modeOf(system: SystemRow): ValidationMode {
    return (system.mode as ValidationMode | null) ?? this.ctx.mode;
  }

  /** sendEdoc: validate, authorise, route and store in one transaction; nothing is stored on error. */
  async send(system: SystemRow, params: Record<string, string>, rawBody: Buffer, findings: Findings): Promise<SendResult> {
    const mode = this.modeOf(system);
    const strict = mode === 'strict';
    if (rawBody.length === 0) throw vdxpError('VDXP_BODY_EMPTY', 'sendEdoc carried no package: the body must be the .edxml bytes', { field: 'body', rule: 'non-empty' });
    const body = stripSdkFraming(rawBody);

    const hashFile = params['hash-file'];
    if (hashFile === undefined) {
      if (strict) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-hash-file is required: the SHA-256 of the package', { field: 'XroadVnpt-hash-file', rule: 'required' });
      findings.warn('VDXP_MISSING_PARAMETER', 'XroadVnpt-hash-file was not sent; the package integrity was not checked', 'XroadVnpt-hash-file');
    } else if (!sameHashFile(hashFile, body) && !sameHashFile(hashFile, rawBody)) {
      throw vdxpError('VDXP_HASH_FILE_MISMATCH', 'XroadVnpt-hash-file is not the SHA-256 of the package bytes: the upload was altered or truncated', { field: 'XroadVnpt-hash-file', rule: 'sha256(body)' });
    }
    this.checkServiceType(params, strict, findings);
    const declared = params.messagetype?.toLowerCase();
    if (declared !== undefined && declared !== 'edoc' && declared !== 'status') {
      throw vdxpError('VDXP_BAD_PARAMETER', `messagetype "${params.messagetype}" must be edoc or status`, { field: 'XroadVnpt-messagetype', rule: 'edoc | status' });
    }

    const parsed = parseEdxml(body, { mode });
    findings.issues(parsed.warnings, 'warning');
    const pkg = parsed.pkg;
    if (declared === undefined) {
      if (strict) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-messagetype is required (edoc or status)', { field: 'XroadVnpt-messagetype', rule: 'required' });
      findings.warn('VDXP_MISSING_PARAMETER', `XroadVnpt-messagetype missing; taken from the body as ${pkg.kind}`, 'XroadVnpt-messagetype');
    } else if (declared !== pkg.kind) {
      throw vdxpError('VDXP_EDXML_MESSAGETYPE_MISMATCH', `messagetype is ${declared} but the body is ${pkg.kind === 'edoc' ? 'a document' : 'a status'} package`, { field: 'XroadVnpt-messagetype', rule: 'must match the package' });
    }
    const now = this.ctx.clock.now();
    const verdict = validateEdxml(pkg, { mode, today: vnDate(now) });
    findings.issues(verdict.warnings, 'warning');
    if (verdict.errors.length > 0) throw issuesError(verdict.errors);

    const signatureStatus = await this.checkSignature(parsed.xml, pkg, strict, findings, now);
    const from = (pkg.kind === 'edoc' ? pkg.header.from?.organId : pkg.from?.organId)?.trim();
    await this.checkSender(system, from, params.from, findings);

    const sha256 = sha256Hex(body);
    // A retry is the same bytes again shortly after (the SDK retries 2–5 times); a deliberate re-send
    // later is a new package, judged by the duplicate-DocumentId rule instead.
    const duplicate = await this.db
      .selectFrom('vdxp_packages')
      .select('doc_id')
      .where('system_id', '=', system.system_id)
      .where('sha256', '=', sha256)
      .where('created_at', '>=', new Date(now.getTime() - RETRY_WINDOW_MS).toISOString())
      .executeTakeFirst();
    if (duplicate) {
      // The SDK retries (VnptProperties retry 2–5): the same bytes again must not be delivered twice.
      findings.warn('VDXP_DUPLICATE_DOCUMENT', `identical package already accepted as DocId ${duplicate.doc_id}; returned that DocId, nothing delivered again`);
      const recipients = await this.db.selectFrom('vdxp_deliveries').select(['to_code', 'receiver_doc_id']).where('sender_doc_id', '=', duplicate.doc_id).execute();
      return { docId: duplicate.doc_id, recipients: recipients.map((r) => ({ code: r.to_code, receiverDocId: r.receiver_doc_id })), duplicateOf: duplicate.doc_id };
    }
    return pkg.kind === 'edoc'
      ? this.acceptEdoc(system, pkg, parsed.xml, body, { sha256, signatureStatus, strict, findings, now })
      : this.acceptStatus(system, pkg, body, { sha256, signatureStatus, strict, findings, now });
  }

  private checkServiceType(params: Record<string, string>, strict: boolean, findings: Findings): void {
    const st = params.servicetype;
    if (st === undefined) {
      if (strict) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-servicetype is required (eDoc)', { field: 'XroadVnpt-servicetype', rule: 'required' });
      findings.warn('VDXP_MISSING_PARAMETER', 'XroadVnpt-servicetype missing; eDoc assumed', 'XroadVnpt-servicetype');
    } else if (st.toLowerCase() !== 'edoc') {
      // Java sends eDoc, C# edoc (specs/vdxp.md §3.4): compared case-insensitively.
      throw vdxpError('VDXP_BAD_PARAMETER', `servicetype "${st}" is not eDoc`, { field: 'XroadVnpt-servicetype', rule: 'eDoc (case-insensitive)' });
    }
  }

  private async checkSignature(xml: string, pkg: EdxmlPackage, strict: boolean, findings: Findings, now: Date): Promise<string> {
    if (!pkg.signature) {
      if (strict) throw vdxpError('VDXP_SIGNATURE_MISSING', 'strict mode: the package must carry an XML-DSig Signature as the last child of edXMLHeader', { field: 'edXMLHeader/Signature', rule: 'required in strict mode' });
      return 'absent';
    }
    const v = verifyEdxmlSignature(xml, { trustedCaPems: [await this.ctx.ca.certificatePem()], now });
    if (v.status === 'valid') return 'valid';
    const code = v.status === 'untrusted' ? 'VDXP_SIGNATURE_UNTRUSTED' : 'VDXP_SIGNATURE_INVALID';
    const message = `Signature ${v.status}: ${v.reason ?? 'verification failed'}`;
    if (strict) throw vdxpError(code, message, { field: 'edXMLHeader/Signature', rule: 'XML-DSig verifies against the test CA' });
    // Lenient: the real axis relays dummy signatures (specs/vdxp.md §1.4).
    findings.warn(code, message, 'edXMLHeader/Signature');
    return v.status;
  }

  private async checkSender(system: SystemRow, from: string | undefined, fromParam: string | undefined, findings: Findings): Promise<void> {
    const code = from ?? '';
    const agency = (await this.directory.activeAgencies([code])).get(code);
    if (!agency || agency.system_id !== system.system_id) {
      const owner = agency?.system_id ? ` (it is connected through another system)` : agency ? ' (it is in the directory but not connected through this system; register it first)' : ' (not in the directory)';
      throw vdxpError('VDXP_SENDER_UNREGISTERED', `From/OrganId ${code || '(empty)'} is not an agency of system "${system.system_id}"${owner}`, { field: 'MessageHeader/From/OrganId', rule: 'sender owned by the authenticated system' });
    }
    if (fromParam !== undefined && fromParam !== code && fromParam !== system.system_id) {
      findings.warn('VDXP_BAD_PARAMETER', `XroadVnpt-from "${fromParam}" differs from From/OrganId ${code}; the package is authoritative`, 'XroadVnpt-from');
    }
  }

  private async resolveRecipients(codes: string[], field: string): Promise<void> {
    const found = await this.directory.activeAgencies(codes);
    const unknown = codes.filter((c) => !found.has(c));
    if (unknown.length > 0) {
      throw vdxpError('VDXP_RECIPIENT_UNKNOWN', `${field} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in the agency directory (danh mục mã định danh)`, { field, rule: 'recipient in the directory', unknown });
    }
  }

  private async acceptEdoc(
    system: SystemRow,
    pkg: EdocPackage,
    xml: string,
    body: Buffer,
    o: { sha256: string; signatureStatus: string; strict: boolean; findings: Findings; now: Date },
  ): Promise<SendResult> {
    const from = pkg.header.from?.organId?.trim() as string;
    const recipients = [...new Set(pkg.header.to.map((t) => t.organId?.trim() ?? '').filter((c) => c !== ''))];
    await this.resolveRecipients(recipients, 'MessageHeader/To/OrganId');
    const type = pkg.business?.docType?.trim() || '0';
    const documentId = pkg.header.documentId?.trim() || null;
    const plan = await this.book.planEdoc(this.db, { from, documentId, type, recipients, business: pkg.business, strict: o.strict, findings: o.findings });

    const docId = this.ctx.ids.objectId(o.now);
    const delivered = Buffer.from(appendTraceHeader(xml, { organId: this.axisOrganId, timestamp: vnTimestamp(o.now) }), 'utf8');
    const at = o.now.toISOString();
    const deliveries = recipients.map((code) => ({ code, receiverDocId: this.ctx.ids.objectId(o.now) }));
    const code = pkg.header.code;
    const row: PackageRow = {
      doc_id: docId, system_id: system.system_id, message_type: 'edoc', from_code: from, document_id: documentId,
      business_type: type, status_code: null, subject: pkg.header.subject ?? null,
      notation: code ? [code.codeNumber, code.codeNotation].filter(Boolean).join('/') || null : null,
      sha256: o.sha256, size: body.length, body, delivered_body: delivered.equals(body) ? null : delivered,
      signature_status: o.signatureStatus, warnings: JSON.stringify(o.findings.verdicts), created_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('vdxp_packages').values(row).execute();
      for (const d of deliveries) await trx.insertInto('vdxp_deliveries').values(newDelivery(d.receiverDocId, docId, d.code, 'edoc', at)).execute();
      await this.book.applyEdoc(trx, plan, { from, documentId, docId, at });
    });
    return { docId, recipients: deliveries };
  }

  private async acceptStatus(
    system: SystemRow,
    pkg: StatusPackage,
    body: Buffer,
    o: { sha256: string; signatureStatus: string; strict: boolean; findings: Findings; now: Date },
  ): Promise<SendResult> {
    const from = pkg.from?.organId?.trim() as string;
    const to = pkg.responseFor?.organId?.trim() ?? '';
    await this.resolveRecipients([to], 'MessageHeader/ResponseFor/OrganId');
    const statusCode = pkg.statusCode?.trim() ?? '';
    const documentId = pkg.responseFor?.documentId?.trim() ?? '';
    const plan = await this.book.planStatus(this.db, { from, to, documentId, statusCode, strict: o.strict, findings: o.findings });
    const docId = this.ctx.ids.objectId(o.now);
    const receiverDocId = this.ctx.ids.objectId(o.now);
    const at = o.now.toISOString();
    const row: PackageRow = {
      doc_id: docId, system_id: system.system_id, message_type: 'status', from_code: from, document_id: documentId,
      business_type: null, status_code: statusCode, subject: pkg.description ?? statusLabel(statusCode), notation: pkg.responseFor?.code ?? null,
      sha256: o.sha256, size: body.length, body, delivered_body: null, signature_status: o.signatureStatus,
      warnings: JSON.stringify(o.findings.verdicts), created_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('vdxp_packages').values(row).execute();
      await trx.insertInto('vdxp_deliveries').values(newDelivery(receiverDocId, docId, to, 'status', at)).execute();
      await this.book.applyStatus(trx, plan, at);
    });
    return { docId, recipients: [{ code: to, receiverDocId }] };
  }

  /** Mailbox items of every agency the system serves that are not acknowledged `done` yet. */
  async received(system: SystemRow, params: Record<string, string>) {
    const messageType = this.messageTypeParam(params);
    const fromTime = parseListTime('fromDate', params.fromdate);
    const toTime = parseListTime('toDate', params.todate);
    let q = this.db
      .selectFrom('vdxp_deliveries as d')
      .innerJoin('vdxp_agencies as a', 'a.code', 'd.to_code')
      .innerJoin('vdxp_packages as p', 'p.doc_id', 'd.sender_doc_id')
      .select(['d.receiver_doc_id', 'd.message_type', 'd.created_at', 'd.updated_at', 'd.to_code', 'd.status', 'd.status_desc', 'p.from_code'])
      .where('a.system_id', '=', system.system_id)
      .where('d.message_type', '=', messageType)
      .where('d.status', '!=', 'done')
      .orderBy('d.created_at')
      .orderBy('d.receiver_doc_id');
    if (fromTime) q = q.where('d.created_at', '>=', fromTime);
    if (toTime) q = q.where('d.created_at', '<=', toTime);
    const rows = await q.execute();
    return rows.map((r) => ({
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
  }

  async countPending(system: SystemRow, messageType: 'edoc' | 'status'): Promise<number> {
    const row = await this.db
      .selectFrom('vdxp_deliveries as d')
      .innerJoin('vdxp_agencies as a', 'a.code', 'd.to_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.system_id', '=', system.system_id)
      .where('d.message_type', '=', messageType)
      .where('d.status', '!=', 'done')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private messageTypeParam(params: Record<string, string>): 'edoc' | 'status' {
    const mt = (params.messagetype ?? 'edoc').toLowerCase();
    if (mt !== 'edoc' && mt !== 'status') throw vdxpError('VDXP_BAD_PARAMETER', `messagetype "${params.messagetype}" must be edoc or status`, { field: 'XroadVnpt-messagetype', rule: 'edoc | status' });
    return mt;
  }

  /** The package bytes for a docId the system may read: one delivered to it, or one it sent. */
  async fetch(system: SystemRow, docId: string | undefined): Promise<{ bytes: Buffer; delivery?: DeliveryRow }> {
    if (!docId) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-docId is required', { field: 'XroadVnpt-docId', rule: 'required' });
    const delivery = await this.ownedDelivery(system, docId);
    if (delivery) {
      const p = await this.db.selectFrom('vdxp_packages').select(['body', 'delivered_body']).where('doc_id', '=', delivery.sender_doc_id).executeTakeFirstOrThrow();
      return { bytes: p.delivered_body ?? p.body, delivery };
    }
    const own = await this.db.selectFrom('vdxp_packages').select('body').where('doc_id', '=', docId).where('system_id', '=', system.system_id).executeTakeFirst();
    if (own) return { bytes: own.body };
    throw vdxpError('VDXP_DOC_NOT_FOUND', `docId ${docId} is not in the mailbox of system "${system.system_id}"`, { field: 'XroadVnpt-docId', rule: 'delivered to one of your agencies' });
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
    const docId = params.docid;
    if (!docId) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-docId is required', { field: 'XroadVnpt-docId', rule: 'required' });
    const raw = params.status;
    if (!raw) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-status is required (done, fail or processing)', { field: 'XroadVnpt-status', rule: 'required' });
    const status = raw.toLowerCase();
    if (!TRANSPORT_STATUSES.has(status)) {
      throw vdxpError('VDXP_BAD_PARAMETER', `status "${raw}" must be done, fail or processing; business statuses (01–16) travel as status packages through sendEdoc`, { field: 'XroadVnpt-status', rule: 'done | fail | processing' });
    }
    const delivery = await this.ownedDelivery(system, docId);
    if (!delivery) throw vdxpError('VDXP_DOC_NOT_FOUND', `docId ${docId} is not in the mailbox of system "${system.system_id}"`, { field: 'XroadVnpt-docId', rule: 'delivered to one of your agencies' });
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
    if (params.messagetype) q = q.where('p.message_type', '=', this.messageTypeParam(params));
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

function newDelivery(receiverDocId: string, senderDocId: string, to: string, messageType: string, at: string): DeliveryRow {
  return { receiver_doc_id: receiverDocId, sender_doc_id: senderDocId, to_code: to, message_type: messageType, status: 'pending', status_desc: null, created_at: at, updated_at: at, received_at: null };
}

/** Several validation errors become one error naming the first, with every problem listed. */
function issuesError(errors: EdxmlIssue[]) {
  const [first] = errors as [EdxmlIssue, ...EdxmlIssue[]];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return vdxpError(first.code as never, `${first.message}${more}`, {
    field: first.field,
    rule: first.rule,
    problems: errors.map((e) => ({ code: e.code, field: e.field, rule: e.rule, message: e.message })),
  });
}
