import { createHash } from 'node:crypto';
import type { EmulatorContext, ValidationMode } from '../../core/context.js';
import { vnDate, vnTimestamp } from '../../core/clock.js';
import { Directory, type SystemRow } from './directory.js';
import { vdxpError } from './errors.js';
import { ExchangeBook } from './exchanges.js';
import { Findings } from './findings.js';
import { Mailbox } from './mailbox.js';
import { parseMessageType, sendingDeadline, statusLabel } from './rules.js';
import { issuedTo, ownerOf } from './signer.js';
import type { VdxpDb, VdxpTables } from './store.js';
import type { EdocPackage, EdxmlIssue, EdxmlPackage, StatusPackage } from './wire/edxml-model.js';
import { parseEdxml } from './wire/edxml-parse.js';
import { appendTraceHeader } from './wire/edxml-build.js';
import { validateEdxml } from './wire/edxml-validate.js';
import { verifyEdxmlSignature, type SignerInfo } from './wire/signature.js';
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

/** How long an identical upload counts as a retry of the first one. */
export const RETRY_WINDOW_MS = 10 * 60 * 1000;

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The SDK appends CRLF after the file (specs/vdxp.md §3.4): framing, not part of the package. */
function stripSdkFraming(body: Buffer): Buffer {
  return body.length >= 2 && body[body.length - 2] === 0x0d && body[body.length - 1] === 0x0a ? body.subarray(0, body.length - 2) : body;
}


/** The document axis: accepts packages and routes them to mailboxes (the read side is `mailbox`). */
export class VdxpService {
  readonly directory: Directory;
  readonly mailbox: Mailbox;
  private readonly book: ExchangeBook;
  private readonly axisOrganId: string;

  constructor(
    private readonly ctx: EmulatorContext,
    opts: VdxpOptions = {},
  ) {
    this.directory = new Directory(ctx);
    this.mailbox = new Mailbox(ctx);
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
    // An empty file sent by the SDK arrives as just its CRLF framing: no package either.
    const body = stripSdkFraming(rawBody);
    if (body.length === 0) throw vdxpError('VDXP_BODY_EMPTY', 'sendEdoc carried no package: the body must be the .edxml bytes (an empty file arrives as the SDK framing CRLF alone)', { field: 'body', rule: 'non-empty' });

    const hashFile = params['hash-file'];
    if (hashFile === undefined) {
      if (strict) throw vdxpError('VDXP_MISSING_PARAMETER', 'XroadVnpt-hash-file is required: the SHA-256 of the package', { field: 'XroadVnpt-hash-file', rule: 'required' });
      findings.warn('VDXP_MISSING_PARAMETER', 'XroadVnpt-hash-file was not sent; the package integrity was not checked', 'XroadVnpt-hash-file');
    } else if (!sameHashFile(hashFile, body) && !sameHashFile(hashFile, rawBody)) {
      throw vdxpError('VDXP_HASH_FILE_MISMATCH', 'XroadVnpt-hash-file is not the SHA-256 of the package bytes: the upload was altered or truncated', { field: 'XroadVnpt-hash-file', rule: 'sha256(body)' });
    }
    this.checkServiceType(params, strict, findings);
    const declared = params.messagetype === undefined ? undefined : parseMessageType(params.messagetype);

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

    const signature = await this.checkSignature(parsed.xml, pkg, strict, findings, now);
    const from = (pkg.kind === 'edoc' ? pkg.header.from?.organId : pkg.from?.organId)?.trim();
    await this.checkSender(system, from, params.from, findings);
    // After checkSender: the system serving From is then the authenticated one.
    const signatureStatus = signature.signer ? await this.checkSigner(system, from as string, signature.signer, strict, findings) : signature.status;

    const sha256 = sha256Hex(body);
    // Check-then-write in one transaction: the SQLite driver holds its single connection until commit, so
    // concurrent sends cannot both pass the duplicate and business-state checks; an error rolls back all.
    return this.db.transaction().execute(async (trx) => {
      // A retry is the same bytes again shortly after (the SDK retries 2–5 times); a deliberate re-send
      // later is a new package, judged by the duplicate-DocumentId rule instead.
      const duplicate = await trx
        .selectFrom('vdxp_packages')
        .select('doc_id')
        .where('system_id', '=', system.system_id)
        .where('sha256', '=', sha256)
        .where('created_at', '>=', new Date(now.getTime() - RETRY_WINDOW_MS).toISOString())
        .executeTakeFirst();
      if (duplicate) {
        findings.warn('VDXP_DUPLICATE_DOCUMENT', `identical package already accepted as DocId ${duplicate.doc_id}; returned that DocId, nothing delivered again`);
        const recipients = await trx.selectFrom('vdxp_deliveries').select(['to_code', 'receiver_doc_id']).where('sender_doc_id', '=', duplicate.doc_id).execute();
        return { docId: duplicate.doc_id, recipients: recipients.map((r) => ({ code: r.to_code, receiverDocId: r.receiver_doc_id })), duplicateOf: duplicate.doc_id };
      }
      const o = { sha256, signatureStatus, strict, findings, now };
      return pkg.kind === 'edoc' ? this.acceptEdoc(trx, system, pkg, parsed.xml, body, o) : this.acceptStatus(trx, system, pkg, body, o);
    });
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

  /** The verification verdict; `signer` only when the signature is valid (the one case whose signer is worth naming). */
  private async checkSignature(xml: string, pkg: EdxmlPackage, strict: boolean, findings: Findings, now: Date): Promise<{ status: string; signer?: SignerInfo }> {
    if (!pkg.signature) {
      if (strict) throw vdxpError('VDXP_SIGNATURE_MISSING', 'strict mode: the package must carry an XML-DSig Signature as the last child of edXMLHeader', { field: 'edXMLHeader/Signature', rule: 'required in strict mode' });
      return { status: 'absent' };
    }
    const v = verifyEdxmlSignature(xml, { trustedCaPems: [await this.ctx.ca.certificatePem()], now });
    if (v.status === 'valid') return { status: 'valid', signer: v.signer };
    const code = v.status === 'untrusted' ? 'VDXP_SIGNATURE_UNTRUSTED' : 'VDXP_SIGNATURE_INVALID';
    const message = `Signature ${v.status}: ${v.reason ?? 'verification failed'}`;
    if (strict) throw vdxpError(code, message, { field: 'edXMLHeader/Signature', rule: 'XML-DSig verifies against the test CA' });
    // Lenient: the real axis relays dummy signatures (specs/vdxp.md §1.4).
    findings.warn(code, message, 'edXMLHeader/Signature');
    return { status: v.status };
  }

  /**
   * A valid signature must be the sender's own (decision 025): QCVN 102 and Nghị định 30/2020/NĐ-CP put the
   * issuing agency's signature on the document, and the emulator's stand-in for an agency certificate is the
   * certificate of the system serving it. The real axis does not check this (specs/vdxp.md §1.4): lenient
   * mode relays the package with a warning and records the status `signer-mismatch`.
   */
  private async checkSigner(system: SystemRow, from: string, signer: SignerInfo, strict: boolean, findings: Findings): Promise<string> {
    if (issuedTo(signer, system)) return 'valid';
    const owner = ownerOf(signer, await this.directory.systems());
    const message =
      `From/OrganId ${from} is served by system "${system.system_id}", but the package is signed with the certificate ${signer.subject} (${owner}): ` +
      `the signature on an outgoing document is the issuing agency's own (chữ ký số của cơ quan, tổ chức ban hành văn bản; Nghị định 30/2020/NĐ-CP, QCVN 102:2016); ` +
      `sign with the certificate of system "${system.system_id}" (GET /_lienthong/vdxp/systems/${system.system_id}/credentials)`;
    if (strict) {
      throw vdxpError('VDXP_SIGNATURE_SIGNER_MISMATCH', message, {
        field: 'edXMLHeader/Signature',
        rule: 'signing certificate issued to the system serving From/OrganId',
        signerSubject: signer.subject,
        from,
      });
    }
    findings.warn('VDXP_SIGNATURE_SIGNER_MISMATCH', message, 'edXMLHeader/Signature');
    return 'signer-mismatch';
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

  /** QĐ 28/2018 Điều 6 (specs/vdxp.md §5 check 12), for new documents: revisions carry the original date. */
  private checkDeadline(promulgationDate: string | undefined, now: Date, strict: boolean, findings: Findings): void {
    const deadline = promulgationDate ? sendingDeadline(promulgationDate) : null;
    if (!deadline || now.getTime() <= deadline.getTime()) return;
    const message = `sent ${vnTimestamp(now)}, after the QĐ 28/2018 Điều 6 deadline ${vnTimestamp(deadline)} for a document signed ${promulgationDate} (send on the signing day, at the latest the next working day before 12:00)`;
    if (strict) throw vdxpError('VDXP_SEND_LATE', message, { field: 'MessageHeader/PromulgationInfo/PromulgationDate', rule: 'QĐ 28/2018 Điều 6 sending deadline' });
    findings.warn('VDXP_SEND_LATE', message, 'MessageHeader/PromulgationInfo/PromulgationDate');
  }

  private async resolveRecipients(db: VdxpDb, codes: string[], field: string): Promise<void> {
    const found = await this.directory.activeAgencies(codes, db);
    const unknown = codes.filter((c) => !found.has(c));
    if (unknown.length > 0) {
      throw vdxpError('VDXP_RECIPIENT_UNKNOWN', `${field} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in the agency directory (danh mục mã định danh)`, { field, rule: 'recipient in the directory', unknown });
    }
  }

  private async acceptEdoc(
    db: VdxpDb,
    system: SystemRow,
    pkg: EdocPackage,
    xml: string,
    body: Buffer,
    o: { sha256: string; signatureStatus: string; strict: boolean; findings: Findings; now: Date },
  ): Promise<SendResult> {
    const from = pkg.header.from?.organId?.trim() as string;
    const recipients = [...new Set(pkg.header.to.map((t) => t.organId?.trim() ?? '').filter((c) => c !== ''))];
    await this.resolveRecipients(db, recipients, 'MessageHeader/To/OrganId');
    const type = pkg.business?.docType?.trim() || '0';
    if (type === '0') this.checkDeadline(pkg.header.promulgationInfo?.promulgationDate, o.now, o.strict, o.findings);
    const documentId = pkg.header.documentId?.trim() || null;
    const plan = await this.book.planEdoc(db, { from, documentId, type, recipients, business: pkg.business, strict: o.strict, findings: o.findings });

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
    await db.insertInto('vdxp_packages').values(row).execute();
    for (const d of deliveries) await db.insertInto('vdxp_deliveries').values(newDelivery(d.receiverDocId, docId, d.code, 'edoc', at)).execute();
    await this.book.applyEdoc(db, plan, { from, documentId, docId, at });
    return { docId, recipients: deliveries };
  }

  private async acceptStatus(
    db: VdxpDb,
    system: SystemRow,
    pkg: StatusPackage,
    body: Buffer,
    o: { sha256: string; signatureStatus: string; strict: boolean; findings: Findings; now: Date },
  ): Promise<SendResult> {
    const from = pkg.from?.organId?.trim() as string;
    const to = pkg.responseFor?.organId?.trim() ?? '';
    await this.resolveRecipients(db, [to], 'MessageHeader/ResponseFor/OrganId');
    const statusCode = pkg.statusCode?.trim() ?? '';
    const documentId = pkg.responseFor?.documentId?.trim() ?? '';
    const plan = await this.book.planStatus(db, { from, to, documentId, statusCode, strict: o.strict, findings: o.findings });
    const docId = this.ctx.ids.objectId(o.now);
    const receiverDocId = this.ctx.ids.objectId(o.now);
    const at = o.now.toISOString();
    const row: PackageRow = {
      doc_id: docId, system_id: system.system_id, message_type: 'status', from_code: from, document_id: documentId,
      business_type: null, status_code: statusCode, subject: pkg.description ?? statusLabel(statusCode), notation: pkg.responseFor?.code ?? null,
      sha256: o.sha256, size: body.length, body, delivered_body: null, signature_status: o.signatureStatus,
      warnings: JSON.stringify(o.findings.verdicts), created_at: at,
    };
    await db.insertInto('vdxp_packages').values(row).execute();
    await db.insertInto('vdxp_deliveries').values(newDelivery(receiverDocId, docId, to, 'status', at)).execute();
    await this.book.applyStatus(db, plan, at);
    return { docId, recipients: [{ code: to, receiverDocId }] };
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
