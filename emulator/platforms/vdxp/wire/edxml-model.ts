/**
 * The typed view of an edXML package (QCVN 102:2016). Values are kept as the strings found on the wire
 * (never coerced) so validation can name a bad value exactly; absent elements are `undefined`.
 * Shapes follow specs/vdxp.md §1.
 */
export const QCVN_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export interface Organization {
  organId?: string;
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

export interface ResponseFor {
  organId?: string;
  code?: string;
  promulgationDate?: string;
  documentId?: string;
}

export interface StaffInfo {
  department?: string;
  staff?: string;
  mobile?: string;
  email?: string;
}

export interface TraceHeader {
  organId?: string;
  timestamp?: string;
}

export interface Receiver {
  organId?: string;
  /** 0 = removed from the recipients, 1 = added (specs/vdxp.md §1.3). */
  receiverType?: string;
}

export interface ReplacementInfo {
  documentId?: string;
  organIds: string[];
}

/** `Bussiness` (sic) inside TraceHeaderList; `Business` is accepted as a variant. */
export interface Business {
  /** Which spelling the package used. */
  elementName: 'Bussiness' | 'Business';
  /** 0 new, 1 revoke (thu hồi), 2 update (cập nhật), 3 replace (thay thế). */
  docType?: string;
  docReason?: string;
  documentId?: string;
  paper?: string;
  staffInfo?: StaffInfo;
  documentInfo?: {
    documentInfo?: string;
    documentReceiver?: string;
    receivers: Receiver[];
  };
  replacements: ReplacementInfo[];
}

export interface OtherInfo {
  priority?: string;
  sphereOfPromulgation?: string;
  typerNotation?: string;
  promulgationAmount?: string;
  pageAmount?: string;
  direction?: string;
  referenceCodes?: string;
  appendixes: string[];
}

export interface EdocHeader {
  from?: Organization;
  to: Organization[];
  documentId?: string;
  code?: { codeNumber?: string; codeNotation?: string };
  promulgationInfo?: { place?: string; promulgationDate?: string };
  documentType?: { type?: string; typeDetail?: string; typeName?: string };
  subject?: string;
  content?: string;
  signerInfo?: { competence?: string; position?: string; fullName?: string };
  dueDate?: string;
  otherInfo?: OtherInfo;
  responseFor: ResponseFor[];
  steeringType?: string;
  toPlaces: string[];
  responseForTask?: { taskCode?: string };
  applicationType?: string;
}

export interface ManifestReference {
  contentId?: string;
  contentType?: string;
  description?: string;
  attachmentName?: string;
}

export interface Attachment {
  contentId?: string;
  attachmentName?: string;
  description?: string;
  contentType?: string;
  /** The base64 text exactly as sent (whitespace included). */
  encoded: string;
}

/** What the parser saw of an XML-DSig Signature; verification lives in wire/signature.ts. */
export interface SignaturePresence {
  /** Namespace of the Signature element: xmldsig (standard) or the QCVN namespace (VNPT builder). */
  namespace: string;
  subjectName?: string;
}

export interface EdocPackage {
  kind: 'edoc';
  header: EdocHeader;
  traces: TraceHeader[];
  business?: Business;
  signature?: SignaturePresence;
  manifest: { version?: string; references: ManifestReference[] };
  attachments: Attachment[];
}

export interface StatusPackage {
  kind: 'status';
  /** `MessageHeader` (standard) or `Status` (a non-standard builder, accepted leniently). */
  headerElementName: 'MessageHeader' | 'Status';
  from?: Organization;
  responseFor?: ResponseFor;
  staffInfo?: StaffInfo;
  statusCode?: string;
  description?: string;
  timestamp?: string;
  signature?: SignaturePresence;
}

export type EdxmlPackage = EdocPackage | StatusPackage;

/** A finding of the codec or validator. `field` is a path such as `MessageHeader/To[2]/OrganId`. */
export interface EdxmlIssue {
  code: string;
  field: string;
  rule: string;
  message: string;
}

export type ValidationMode = 'lenient' | 'strict';

export interface ValidationResult {
  errors: EdxmlIssue[];
  warnings: EdxmlIssue[];
}
