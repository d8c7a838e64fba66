/**
 * Stateless edXML checks: the candidate checks 2–8 and 10 of specs/vdxp.md §5, plus the QCVN 102 OrganId
 * form (§4). Checks that need the directory, the mailbox or the clock of the exchange (sender identity,
 * originals, transitions, deadlines) live with the axis, not here.
 *
 * Severity by mode:
 * - lenient (default) accepts what the real axis accepts: only what routing needs is an error (an edoc's
 *   To/OrganId; a status's ResponseFor/OrganId, ResponseFor/DocumentId and known StatusCode, §3.4); all
 *   other findings are warnings. All 15 official samples pass with zero errors.
 * - strict turns every finding into an error, except the DocumentId pattern, which the samples themselves
 *   break (a UUID in EX edoc.edxml) and is always a warning (§5 check 4).
 */
import { checkBase64 } from './edxml-attachment.js';
import type {
  Business,
  EdocPackage,
  EdxmlIssue,
  EdxmlPackage,
  ResponseFor,
  StatusPackage,
  ValidationMode,
  ValidationResult,
} from './edxml-model.js';
import type { VdxpErrorCode } from '../errors.js';

/** routing: always an error; check: error in strict, warning in lenient; advice: always a warning. */
type Level = 'routing' | 'check' | 'advice';

class Findings {
  readonly errors: EdxmlIssue[] = [];
  readonly warnings: EdxmlIssue[] = [];
  constructor(private readonly mode: ValidationMode) {}

  add(level: Level, code: VdxpErrorCode, field: string, rule: string, message: string): void {
    const isError = level === 'routing' || (level === 'check' && this.mode === 'strict');
    (isError ? this.errors : this.warnings).push({ code, field, rule, message });
  }
}

/** Status codes of specs/vdxp.md §2 and their Vietnamese names, for validation and for messages. */
export const STATUS_CODES: Readonly<Record<string, string>> = {
  '01': 'đã đến',
  '02': 'từ chối tiếp nhận',
  '03': 'đã tiếp nhận',
  '04': 'phân công',
  '05': 'đang xử lý',
  '06': 'hoàn thành',
  '13': 'lấy lại',
  '15': 'đồng ý cập nhật/lấy lại',
  '16': 'từ chối cập nhật/lấy lại',
};

const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const TIMESTAMP = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function blank(v: string | undefined): boolean {
  return v === undefined || v.trim() === '';
}

function validDay(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** yyyy/MM/dd naming a real calendar day (Java's DateUtils parses non-leniently). */
export function isEdxmlDate(v: string): boolean {
  const m = DATE.exec(v);
  return !!m && validDay(m[1]!, m[2]!, m[3]!);
}

/** yyyy/MM/dd HH:mm:ss. */
export function isEdxmlTimestamp(v: string): boolean {
  const m = TIMESTAMP.exec(v);
  return !!m && validDay(m[1]!, m[2]!, m[3]!) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

export function validateEdxml(pkg: EdxmlPackage, opts: { mode: ValidationMode; today: string }): ValidationResult {
  const f = new Findings(opts.mode);
  if (pkg.kind === 'edoc') validateEdoc(pkg, f, opts.today);
  else validateStatus(pkg, f);
  return { errors: f.errors, warnings: f.warnings };
}

// ---- shared field checks ----

function required(f: Findings, level: Level, value: string | undefined, field: string, what: string): boolean {
  if (!blank(value)) return true;
  f.add(level, 'VDXP_EDXML_MISSING_FIELD', field, 'required, non-empty', `${field} (${what}) is ${value === undefined ? 'missing' : 'empty'}; it is required.`);
  return false;
}

function organId(f: Findings, value: string | undefined, field: string): void {
  if (blank(value) || ORGAN_ID.test(value!)) return;
  f.add(
    'check',
    'VDXP_EDXML_BAD_ORGAN_ID',
    field,
    'OrganId form 000.00.00.X00',
    `${field} "${value}" does not follow the QCVN 102:2016 agency code (mã định danh cơ quan) form 000.00.00.X00, i.e. ^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$ (§4).`,
  );
}

function date(f: Findings, value: string | undefined, field: string, what: string): boolean {
  if (blank(value)) return false;
  if (isEdxmlDate(value!)) return true;
  f.add('check', 'VDXP_EDXML_BAD_DATE', field, 'yyyy/MM/dd', `${field} (${what}) "${value}" is not a date in the form yyyy/MM/dd (§5 check 3).`);
  return false;
}

function timestamp(f: Findings, value: string | undefined, field: string): void {
  if (!required(f, 'check', value, field, 'thời điểm')) return;
  if (isEdxmlTimestamp(value!)) return;
  f.add('check', 'VDXP_EDXML_BAD_DATE', field, 'yyyy/MM/dd HH:mm:ss', `${field} "${value}" is not a timestamp in the form yyyy/MM/dd HH:mm:ss (§5 check 3).`);
}

function enumerated(f: Findings, value: string | undefined, field: string, allowed: RegExp, meaning: string): void {
  if (value === undefined || allowed.test(value)) return;
  f.add('check', 'VDXP_EDXML_BAD_ENUM', field, meaning, `${field} "${value}" is outside its set: ${meaning} (§5 check 5).`);
}

// ---- document packages (§1.2, §1.3) ----

function validateEdoc(pkg: EdocPackage, f: Findings, today: string): void {
  const h = pkg.header;
  const MH = 'MessageHeader';

  // Check 2: sender, recipients, number, notation, summary.
  required(f, 'check', h.from?.organId, `${MH}/From/OrganId`, 'mã cơ quan gửi');
  organId(f, h.from?.organId, `${MH}/From/OrganId`);
  if (!h.to.length) {
    f.add(
      'routing',
      'VDXP_EDXML_MISSING_FIELD',
      `${MH}/To`,
      'at least one To',
      `${MH}/To (cơ quan nhận) is missing; a document needs at least one recipient, the axis routes it by To/OrganId (§3.4, §5 check 2).`,
    );
  }
  const seen = new Map<string, number>();
  h.to.forEach((to, i) => {
    const field = `${MH}/To[${i + 1}]/OrganId`;
    if (blank(to.organId)) {
      f.add(
        'routing',
        'VDXP_EDXML_MISSING_FIELD',
        field,
        'required, non-empty',
        `${field} (mã cơ quan nhận) is ${to.organId === undefined ? 'missing' : 'empty'}; the axis routes a document by To/OrganId (§3.4, §5 check 2).`,
      );
      return;
    }
    organId(f, to.organId, field);
    const key = to.organId!.trim();
    const first = seen.get(key);
    if (first !== undefined) {
      f.add(
        'check',
        'VDXP_EDXML_DUPLICATE_RECIPIENT',
        field,
        'no duplicate To/OrganId',
        `${field} "${key}" repeats To[${first}]; each recipient (cơ quan nhận) may appear once (§5 check 2).`,
      );
    } else {
      seen.set(key, i + 1);
    }
  });
  required(f, 'check', h.code?.codeNumber, `${MH}/Code/CodeNumber`, 'số văn bản');
  required(f, 'check', h.code?.codeNotation, `${MH}/Code/CodeNotation`, 'ký hiệu văn bản');
  required(f, 'check', h.subject, `${MH}/Subject`, 'trích yếu');
  required(f, 'check', h.documentId, `${MH}/DocumentId`, 'mã văn bản');

  // Check 3: dates.
  const promulgation = h.promulgationInfo?.promulgationDate;
  const promField = `${MH}/PromulgationInfo/PromulgationDate`;
  if (required(f, 'check', promulgation, promField, 'ngày ban hành') && date(f, promulgation, promField, 'ngày ban hành') && promulgation! > today) {
    f.add(
      'check',
      'VDXP_EDXML_FUTURE_DATE',
      promField,
      'not after today',
      `${promField} (ngày ban hành) ${promulgation} is after today (${today}); a document cannot be promulgated in the future (§5 check 3).`,
    );
  }
  date(f, h.dueDate, `${MH}/DueDate`, 'hạn xử lý');
  h.responseFor.forEach((r, i) => edocResponseFor(f, r, `${MH}/ResponseFor[${i + 1}]`));
  pkg.traces.forEach((t, i) => {
    const field = `TraceHeaderList/TraceHeader[${i + 1}]`;
    required(f, 'check', t.organId, `${field}/OrganId`, 'mã cơ quan');
    organId(f, t.organId, `${field}/OrganId`);
    timestamp(f, t.timestamp, `${field}/Timestamp`);
  });

  // Check 4: DocumentId pattern, advice only.
  documentIdPattern(f, pkg);

  // Check 5: coded values.
  enumerated(f, h.otherInfo?.priority, `${MH}/OtherInfo/Priority`, /^[0-4]$/, 'Priority (độ khẩn) 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ');
  // 0 is outside TG's table but real clients send it (CS, LS), so it is accepted (§1.2).
  enumerated(f, h.steeringType, `${MH}/SteeringType`, /^[0-3]$/, 'SteeringType (chỉ đạo) 0–3: 1 không phải chỉ đạo, 2 chỉ đạo, 3 báo cáo chỉ đạo');
  enumerated(f, h.documentType?.type, `${MH}/DocumentType/Type`, /^\d+$/, 'DocumentType/Type (loại văn bản) is an integer');
  enumerated(f, h.documentType?.typeDetail, `${MH}/DocumentType/TypeDetail`, /^\d+$/, 'DocumentType/TypeDetail is an integer');

  // Check 6: Bussiness.
  business(f, pkg.business);

  // Check 7: manifest ↔ attachments, base64.
  const ids = new Set(pkg.attachments.map((a) => a.contentId?.trim()).filter((id): id is string => !!id));
  pkg.manifest.references.forEach((r, i) => {
    const field = `edXMLManifest/Reference[${i + 1}]/ContentId`;
    if (!required(f, 'check', r.contentId, field, 'mã tệp đính kèm')) return;
    if (!ids.has(r.contentId!.trim())) {
      f.add(
        'check',
        'VDXP_EDXML_ATTACHMENT_MISSING',
        field,
        'each Reference has an Attachment',
        `${field} "${r.contentId}" has no AttachmentEncoded/Attachment with the same ContentId (tệp đính kèm) (§5 check 7).`,
      );
    }
  });
  pkg.attachments.forEach((a, i) => {
    const check = checkBase64(a.encoded);
    if (check.ok) return;
    const field = `AttachmentEncoded/Attachment[${i + 1}]/ContentTransferEncoded`;
    f.add(
      'check',
      'VDXP_EDXML_BAD_BASE64',
      field,
      'base64 (RFC 4648)',
      `${field} of attachment ${a.contentId ?? '(no ContentId)'} is not valid base64: ${check.reason} (§5 check 7).`,
    );
  });
}

function edocResponseFor(f: Findings, r: ResponseFor, field: string): void {
  if ([r.organId, r.code, r.promulgationDate, r.documentId].every(blank)) {
    // The VNPT builder writes an empty ResponseFor for "replies to nothing" (EX edoc.edxml).
    f.add('check', 'VDXP_EDXML_MISSING_FIELD', field, 'ResponseFor names a document', `${field} (văn bản trả lời) is present but empty; omit it or name the document replied to.`);
    return;
  }
  required(f, 'check', r.organId, `${field}/OrganId`, 'mã cơ quan ban hành văn bản được trả lời');
  organId(f, r.organId, `${field}/OrganId`);
  required(f, 'check', r.documentId, `${field}/DocumentId`, 'mã văn bản được trả lời');
  date(f, r.promulgationDate, `${field}/PromulgationDate`, 'ngày ban hành');
}

function documentIdPattern(f: Findings, pkg: EdocPackage): void {
  const h = pkg.header;
  const id = h.documentId;
  if (blank(id)) return;
  const parts = [h.from?.organId, h.promulgationInfo?.promulgationDate, h.code?.codeNumber, h.code?.codeNotation];
  const expected = parts.every((p) => !blank(p)) ? `${parts[0]},${parts[1]},${parts[2]}/${parts[3]}` : undefined;
  const ok = expected ? id === expected : /^[^,]+,\d{4}\/\d{2}\/\d{2},[^/]+\/.+$/.test(id!);
  if (ok) return;
  f.add(
    'advice',
    'VDXP_EDXML_DOCUMENT_ID_FORMAT',
    'MessageHeader/DocumentId',
    '{From/OrganId},{PromulgationDate},{CodeNumber}/{CodeNotation}',
    `MessageHeader/DocumentId (mã văn bản) "${id}" is not {From/OrganId},{PromulgationDate},{CodeNumber}/{CodeNotation}` +
      `${expected ? ` ("${expected}")` : ''}; the official samples use that form, the axis does not enforce it (§1.2, §5 check 4).`,
  );
}

function business(f: Findings, b: Business | undefined): void {
  if (!b) {
    f.add(
      'check',
      'VDXP_EDXML_MISSING_FIELD',
      'TraceHeaderList/Bussiness',
      'TraceHeaderList carries one Bussiness',
      'TraceHeaderList/Bussiness is missing; the package is taken as BussinessDocType 0 (văn bản mới) (§1.3).',
    );
    return;
  }
  const B = `TraceHeaderList/${b.elementName}`;
  const D = b.elementName; // child names follow the same spelling (BussinessDocType / BusinessDocType)
  if (b.elementName === 'Business') {
    f.add('advice', 'VDXP_EDXML_NONSTANDARD', B, 'spelled Bussiness', `${B} is spelled "Business"; the VNPT library writes "Bussiness" (sic). Accepted (§1.3).`);
  }
  const type = b.docType;
  if (required(f, 'check', type, `${B}/${D}DocType`, 'loại nghiệp vụ')) {
    enumerated(f, type, `${B}/${D}DocType`, /^[0-3]$/, `${D}DocType 0 mới, 1 thu hồi, 2 cập nhật, 3 thay thế`);
  }
  const what: Record<string, string> = { '1': 'thu hồi (revoke)', '2': 'cập nhật (update)', '3': 'thay thế (replace)' };
  if ((type === '1' || type === '2') && blank(b.documentId)) {
    f.add(
      'check',
      'VDXP_EDXML_BUSINESS_INCOMPLETE',
      `${B}/DocumentId`,
      `${D}DocType ${type} names the document it changes`,
      `${B}/DocumentId is missing; a ${what[type]} package (${D}DocType ${type}) must name the DocumentId of the document it changes (§1.3, §5 check 6).`,
    );
  }
  if (type === '2' && !b.documentInfo) {
    f.add(
      'check',
      'VDXP_EDXML_BUSINESS_INCOMPLETE',
      `${B}/${D}DocumentInfo`,
      `${D}DocType 2 carries ${D}DocumentInfo`,
      `${B}/${D}DocumentInfo is missing; an update package (cập nhật, ${D}DocType 2) says what changed (§1.3, §5 check 6).`,
    );
  }
  if (type === '3') {
    if (!b.replacements.length) {
      f.add(
        'check',
        'VDXP_EDXML_BUSINESS_INCOMPLETE',
        `${B}/ReplacementInfoList`,
        `${D}DocType 3 carries ReplacementInfoList`,
        `${B}/ReplacementInfoList is missing or empty; a replacement package (thay thế, ${D}DocType 3) lists the documents it replaces (§1.3, §5 check 6).`,
      );
    }
    b.replacements.forEach((r, i) => {
      const field = `${B}/ReplacementInfoList/ReplacementInfo[${i + 1}]`;
      if (blank(r.documentId)) {
        f.add(
          'check',
          'VDXP_EDXML_BUSINESS_INCOMPLETE',
          `${field}/DocumentId`,
          'ReplacementInfo names the replaced document',
          `${field}/DocumentId is missing; each ReplacementInfo names the DocumentId of the replaced document (văn bản bị thay thế) (§1.3, §5 check 6).`,
        );
      }
      r.organIds.forEach((id, k) => organId(f, id, `${field}/OrganIdList/OrganId[${k + 1}]`));
    });
  }
  const info = b.documentInfo;
  if (info) {
    const I = `${B}/${D}DocumentInfo`;
    enumerated(f, info.documentInfo, `${I}/DocumentInfo`, /^[01]$/, 'DocumentInfo 0 or 1');
    enumerated(f, info.documentReceiver, `${I}/DocumentReceiver`, /^[01]$/, 'DocumentReceiver 0 or 1');
    info.receivers.forEach((r, i) => {
      const field = `${I}/ReceiverList/Receiver[${i + 1}]`;
      if (required(f, 'check', r.organId, `${field}/OrganId`, 'mã cơ quan nhận')) organId(f, r.organId, `${field}/OrganId`);
      enumerated(f, r.receiverType, `${field}/ReceiverType`, /^[01]$/, 'ReceiverType 0 = removed from the recipients, 1 = added');
    });
  }
}

// ---- status packages (§1.5, §2) ----

function validateStatus(pkg: StatusPackage, f: Findings): void {
  const H = pkg.headerElementName;
  required(f, 'check', pkg.from?.organId, `${H}/From/OrganId`, 'mã cơ quan báo trạng thái');
  organId(f, pkg.from?.organId, `${H}/From/OrganId`);

  const r = pkg.responseFor;
  const R = `${H}/ResponseFor`;
  if (blank(r?.organId)) {
    f.add(
      'routing',
      'VDXP_EDXML_MISSING_FIELD',
      `${R}/OrganId`,
      'required, non-empty',
      `${R}/OrganId is ${r?.organId === undefined ? 'missing' : 'empty'}; the axis routes a status package to ResponseFor/OrganId (§1.5, §3.4, §5 check 8).`,
    );
  } else {
    organId(f, r!.organId, `${R}/OrganId`);
  }
  if (blank(r?.documentId)) {
    f.add(
      'routing',
      'VDXP_EDXML_MISSING_FIELD',
      `${R}/DocumentId`,
      'required, non-empty',
      `${R}/DocumentId (mã văn bản) is ${r?.documentId === undefined ? 'missing' : 'empty'}; a status must name the DocumentId of the document it reports on (§1.5, §5 check 8).`,
    );
  }
  required(f, 'check', r?.code, `${R}/Code`, 'số, ký hiệu văn bản');
  date(f, r?.promulgationDate, `${R}/PromulgationDate`, 'ngày ban hành');

  const code = pkg.statusCode;
  const S = `${H}/StatusCode`;
  if (blank(code)) {
    f.add('routing', 'VDXP_EDXML_MISSING_FIELD', S, 'required, non-empty', `${S} (mã trạng thái) is ${code === undefined ? 'missing' : 'empty'}; a status package carries one (§1.5, §5 check 8).`);
  } else if (!Object.hasOwn(STATUS_CODES, code!)) {
    f.add(
      'routing',
      'VDXP_EDXML_BAD_STATUS_CODE',
      S,
      'StatusCode ∈ 01 02 03 04 05 06 13 15 16',
      `${S} (mã trạng thái) "${code}" is not one of 01 02 03 04 05 06 13 15 16 (§2, §5 check 8).`,
    );
  } else if ((code === '02' || code === '13') && blank(pkg.description)) {
    f.add(
      'check',
      'VDXP_EDXML_REASON_REQUIRED',
      `${H}/Description`,
      `StatusCode ${code} needs a reason`,
      `StatusCode ${code} (${STATUS_CODES[code!]}) needs a ${H}/Description giving the reason (lý do) (§2, §5 check 10).`,
    );
  }
  timestamp(f, pkg.timestamp, `${H}/Timestamp`);
}
