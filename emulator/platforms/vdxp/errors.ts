import { errorFactory, type Catalog } from '../../core/errors.js';

/**
 * VDXP error catalog. `wire` is the `ErrorCode` string sent to clients. The real axis's code table is not
 * public (specs/vdxp.md §6); where a provincial LGSP list gives a number for the same condition we reuse it
 * (10, 15, 18, 19, 20, 21, 22), the rest are ours. See docs/decisions/002-vdxp-error-codes.md.
 */
export const VDXP_ERRORS = {
  // Transport and authentication (specs/vdxp.md §3.2, §3.4)
  VDXP_AUTH_MISSING_HEADER: { http: 401, wire: '15', title: 'A required XroadVnpt-* authentication header is missing.' },
  VDXP_AUTH_UNKNOWN_SYSTEM: { http: 401, wire: '15', title: 'XroadVnpt-systemid names no connected system.' },
  VDXP_AUTH_SIGN_HEADER_MALFORMED: { http: 401, wire: '15', title: 'XroadVnpt-sign-header is not a JSON object of strings.' },
  VDXP_AUTH_HASH_MISMATCH: { http: 401, wire: '15', title: 'XroadVnpt-hash-header is not HMAC-SHA256(secret, sign-header).' },
  VDXP_AUTH_HEADER_MISMATCH: { http: 401, wire: '15', title: 'A name in sign-header-key was not sent, or sent with another value than the signed one.' },
  VDXP_UNKNOWN_OPERATION: { http: 404, wire: '12', title: 'No VDXP operation at this path or with this method.' },
  VDXP_STALE_HEADER: { http: 200, title: 'Not an error: a parameter header left over from an earlier SDK call (the SDK never clears its header map) was ignored.' },
  VDXP_AUTH_WARNING: { http: 200, title: 'Not an error: a tolerated quirk of the request headers, recorded as a warning.' },
  VDXP_BAD_PARAMETER: { http: 400, wire: '11', title: 'A parameter header has a value outside its allowed set.' },
  VDXP_MISSING_PARAMETER: { http: 400, wire: '11', title: 'A parameter header the operation needs is missing.' },
  VDXP_BODY_EMPTY: { http: 400, wire: '10', title: 'sendEdoc carried no package bytes.' },
  VDXP_BODY_TOO_LARGE: { http: 413, wire: '10', title: 'The body is larger than the configured limit.' },
  VDXP_HASH_FILE_MISMATCH: { http: 400, wire: '10', title: 'XroadVnpt-hash-file is not the SHA-256 of the package bytes.' },
  // XML and edXML structure (specs/vdxp.md §1, §5)
  VDXP_XML_MALFORMED: { http: 400, wire: '22', title: 'The body is not well-formed XML.' },
  VDXP_XML_DTD_FORBIDDEN: { http: 400, wire: '22', title: 'The package has a DOCTYPE; edXML never does, and entities are refused (XXE, entity expansion).' },
  VDXP_XML_BAD_CHARACTER: { http: 400, wire: '22', title: 'The package holds a character XML 1.0 forbids (NUL, another C0 control, U+FFFE/U+FFFF), raw or as a character reference.' },
  VDXP_XML_TOO_DEEP: { http: 400, wire: '22', title: 'Elements nest deeper than 64 levels; an edXML package needs about 10 (a nesting bomb is refused before it is parsed).' },
  VDXP_XML_NOT_UTF8: { http: 400, wire: '22', title: 'The package is not UTF-8.' },
  VDXP_XML_PROLOG_CONTENT: { http: 400, wire: '22', title: 'Bytes before the XML declaration (strict mode; lenient mode strips them with a warning).' },
  VDXP_XML_UNBOUND_PREFIX: { http: 400, wire: '22', title: 'A namespace prefix is used but never declared (strict mode; lenient mode binds it with a warning).' },
  VDXP_EDXML_WRONG_ROOT: { http: 400, wire: '22', title: 'The root element is not edXML.' },
  VDXP_EDXML_WRONG_NAMESPACE: { http: 400, wire: '22', title: 'An edXML element is not in http://www.mic.gov.vn/TBT/QCVN_102_2016.' },
  VDXP_EDXML_MISSING_HEADER: { http: 400, wire: '22', title: 'edXMLEnvelope/edXMLHeader/MessageHeader is missing.' },
  VDXP_EDXML_MISSING_FIELD: { http: 400, wire: '22', title: 'A required element is missing or empty.' },
  VDXP_EDXML_BAD_DATE: { http: 400, wire: '22', title: 'A date is not yyyy/MM/dd (or a timestamp not yyyy/MM/dd HH:mm:ss).' },
  VDXP_EDXML_FUTURE_DATE: { http: 400, wire: '22', title: 'PromulgationDate is after today.' },
  VDXP_EDXML_BAD_ORGAN_ID: { http: 400, wire: '22', title: 'An OrganId does not follow the QCVN 102 form 000.00.00.X00.' },
  VDXP_EDXML_DUPLICATE_ELEMENT: { http: 400, wire: '22', title: 'An element QCVN 102 allows once (MessageHeader, From, Subject, …) appears twice (strict mode; lenient mode reads the first with a warning).' },
  VDXP_EDXML_DUPLICATE_RECIPIENT: { http: 400, wire: '22', title: 'The same To/OrganId appears twice.' },
  VDXP_EDXML_BAD_ENUM: { http: 400, wire: '22', title: 'A coded value (Priority, BussinessDocType, ReceiverType, SteeringType, Type) is outside its set.' },
  VDXP_EDXML_DOCUMENT_ID_FORMAT: { http: 400, wire: '22', title: 'DocumentId is not {From/OrganId},{PromulgationDate},{CodeNumber}/{CodeNotation}.' },
  VDXP_EDXML_BUSINESS_INCOMPLETE: { http: 400, wire: '22', title: 'A revoke/update/replace package lacks the Bussiness part its type needs.' },
  VDXP_EDXML_ATTACHMENT_MISSING: { http: 400, wire: '22', title: 'A Manifest Reference has no Attachment with the same ContentId.' },
  VDXP_EDXML_BAD_BASE64: { http: 400, wire: '22', title: 'ContentTransferEncoded is not valid base64.' },
  VDXP_EDXML_BAD_STATUS_CODE: { http: 400, wire: '22', title: 'StatusCode is not one of 01 02 03 04 05 06 13 15 16.' },
  VDXP_EDXML_REASON_REQUIRED: { http: 400, wire: '22', title: 'Status 02 (từ chối tiếp nhận) and 13 (lấy lại) need a Description giving the reason.' },
  VDXP_EDXML_NONSTANDARD: { http: 400, wire: '22', title: 'A non-standard form the real axis tolerates (e.g. <Status> instead of <MessageHeader>).' },
  VDXP_EDXML_MESSAGETYPE_MISMATCH: { http: 400, wire: '22', title: 'messagetype says edoc but the body is a status package, or the reverse.' },
  // Signatures (specs/vdxp.md §1.4)
  VDXP_SIGNATURE_MISSING: { http: 400, wire: '24', title: 'Strict mode: the package carries no XML-DSig Signature.' },
  VDXP_SIGNATURE_INVALID: { http: 400, wire: '24', title: 'The XML-DSig Signature does not verify (digest, value or certificate).' },
  VDXP_SIGNATURE_UNTRUSTED: { http: 400, wire: '24', title: 'The signing certificate was not issued by the emulator test CA.' },
  VDXP_SIGNATURE_SIGNER_MISMATCH: { http: 400, wire: '24', title: 'The signature verifies, but with a certificate issued to another system than the one serving From/OrganId: the issuing agency signs its own documents (strict mode; lenient records a warning; docs/decisions/025).' },
  // Routing and business rules (specs/vdxp.md §2, §3.4)
  VDXP_SENDER_UNREGISTERED: { http: 403, wire: '19', title: 'From/OrganId is not an agency of the authenticated system.' },
  VDXP_RECIPIENT_UNKNOWN: { http: 400, wire: '18', title: 'A To/OrganId (or ResponseFor/OrganId) is not in the agency directory.' },
  VDXP_DUPLICATE_DOCUMENT: { http: 409, wire: '25', title: 'A new (BussinessDocType 0) package repeats a DocumentId already sent by this agency.' },
  VDXP_ORIGINAL_NOT_FOUND: { http: 404, wire: '26', title: 'The DocumentId a status, revoke, update or replace refers to was never exchanged between these agencies.' },
  VDXP_SEND_LATE: { http: 400, wire: '29', title: 'QĐ 28/2018 Điều 6: a document must be sent on its signing day, at the latest the next working day before 12:00 (strict mode).' },
  VDXP_STATUS_TRANSITION: { http: 409, wire: '27', title: 'The status code is not allowed after the current status of the document.' },
  VDXP_STATUS_WRONG_PARTY: { http: 403, wire: '27', title: 'This status must come from the other party of the exchange.' },
  VDXP_DOC_NOT_FOUND: { http: 404, wire: '21', title: 'No package with this docId in the mailbox of the calling system.' },
  VDXP_AGENCY_EXISTS: { http: 409, wire: '28', title: 'registerAgency: the code is already in the directory.' },
  VDXP_AGENCY_NOT_FOUND: { http: 404, wire: '18', title: 'deleteAgency: the code is not in the directory.' },
  VDXP_AGENCY_NOT_OWNED: { http: 403, wire: '19', title: 'The agency belongs to another connected system.' },
  VDXP_SYSTEM_EXISTS: { http: 409, wire: '28', title: 'Control plane: the systemId is already registered.' },
  VDXP_INTERNAL: { http: 500, wire: '20', title: 'Unexpected failure inside the emulator; accepted data is kept.' },
} as const satisfies Catalog;

export type VdxpErrorCode = keyof typeof VDXP_ERRORS;

export const vdxpError = errorFactory(VDXP_ERRORS);

/** What an unexpected exception becomes: a 500 that promises (truthfully: writes are transactional) no loss. */
export const vdxpInternal = () => vdxpError('VDXP_INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept');
