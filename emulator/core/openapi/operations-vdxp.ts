/**
 * VDXP, the SDKVXP HTTP API at `/vdxp` (specs/vdxp.md §3.3–3.4): parameters travel in signed
 * `XroadVnpt-*` headers, packages as raw edXML bodies, replies are `{status, ErrorCode, ErrorDesc}` JSON.
 */
import { JSON_TYPE, json } from './replies.js';
import type { OperationDoc, Param, Reply } from './types.js';

const T = 'VDXP';
const SECURITY = ['xroadvnpt'];

/** The SDK's request headers; every call carries these, operations add their own signed parameters. */
const AUTH: Record<string, Param> = {
  'XroadVnpt-systemid': { description: 'the calling system (mã trung tâm), e.g. 00.41.W00', required: true },
  'XroadVnpt-sign-header': { description: 'JSON object of the signed parameters (names without the prefix, lower case)', required: true },
  'XroadVnpt-sign-header-key': { description: 'the signed names without the prefix, separated by semicolons (timestamp;systemid;from;…)', required: true },
  'XroadVnpt-hash-header': { description: 'lowercase hex HMAC-SHA256 of XroadVnpt-sign-header under the system\'s secret', required: true },
};
const withAuth = (extra: Record<string, Param | string> = {}): Record<string, Param | string> => ({ ...AUTH, ...extra });

const refused: Record<string, Reply> = {
  400: json('FAIL: a parameter or the package breaks a rule (ErrorCode ≠ "0", code naming the rule)', 'lienthong:vdxp/reply'),
  401: json('FAIL: authentication (ErrorCode 15): missing header, unknown system, HMAC mismatch', 'lienthong:vdxp/reply'),
};
const ok = (schema: `lienthong:${string}`, description: string): Record<string, Reply> => ({ 200: json(description, schema), ...refused });
/** The SDK labels these bodies application/json although they are empty: any type is read as bytes. */
const EMPTY_BODY = { type: [JSON_TYPE, 'application/octet-stream'], required: false, description: 'empty (the SDK sends none)' } as const;

export const VDXP_OPERATIONS: readonly OperationDoc[] = [
  {
    route: '/vdxp/sendEdoc', methods: ['POST'], tag: T, security: SECURITY, summary: 'Send an edXML package (a document or a status): routed by content to every recipient',
    description: 'Documents are routed by `MessageHeader/To/OrganId`, status packages by `ResponseFor/OrganId`; one mailbox item per recipient. A retried upload of the same bytes is not delivered twice.',
    headers: withAuth({ 'XroadVnpt-from': 'sender agency code (signed)', 'XroadVnpt-messagetype': 'edoc or status (signed)', 'XroadVnpt-servicetype': 'eDoc (signed; eDoc/edoc both accepted)' }),
    body: { type: ['application/octet-stream', 'application/xml', 'text/xml'], schema: { type: 'string', contentEncoding: 'binary' }, description: 'the edXML package bytes (QCVN 102:2016)', required: true },
    replies: { ...ok('lienthong:vdxp/reply-send-edoc', 'OK with the DocId the axis gave the package'), 413: json('FAIL: VDXP_BODY_TOO_LARGE', 'lienthong:vdxp/reply') },
  },
  {
    route: '/vdxp/getReceivedEdocList', methods: ['POST'], tag: T, security: SECURITY, summary: 'List what is waiting for the system (until updateStatus done)',
    headers: withAuth({ 'XroadVnpt-messagetype': 'edoc or status (signed)' }), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply-received-list', 'OK with data: the items'),
  },
  {
    route: '/vdxp/getEdoc', methods: ['POST'], tag: T, security: SECURITY, summary: 'Fetch one package as base64 in the JSON reply',
    headers: withAuth({ 'XroadVnpt-docid': { description: 'the item\'s DocId (signed)', required: true } }), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply-get-edoc', 'OK with data: the package in base64'),
  },
  {
    route: '/vdxp/downloadEdoc', methods: ['GET', 'POST'], tag: T, security: SECURITY, summary: 'Fetch one package as raw bytes',
    headers: withAuth({ 'XroadVnpt-docid': { description: 'the item\'s DocId (signed)', required: true } }),
    replies: { 200: { description: 'the edXML package (Content-Disposition: attachment)', type: 'application/octet-stream', schema: { type: 'string', contentEncoding: 'binary' } }, ...refused },
  },
  {
    route: '/vdxp/updateStatus', methods: ['POST'], tag: T, security: SECURITY, summary: 'Acknowledge an item (status done removes it from the list)',
    headers: withAuth({ 'XroadVnpt-docid': { description: 'DocId (signed)', required: true }, 'XroadVnpt-status': { description: 'processing, done or fail (signed)', required: true }, 'XroadVnpt-description': 'free text (signed)' }),
    body: EMPTY_BODY, replies: ok('lienthong:vdxp/reply', 'OK'),
  },
  {
    route: '/vdxp/getSentEdocList', methods: ['POST'], tag: T, security: SECURITY, summary: 'What the system sent, with each recipient\'s receipt and business status',
    headers: withAuth({ 'XroadVnpt-fromdate': 'dd/MM/yyyy (signed)', 'XroadVnpt-todate': 'dd/MM/yyyy (signed)', 'XroadVnpt-docid': 'one DocId (signed)' }), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply-sent-list', 'OK with data: sent items'),
  },
  {
    route: '/vdxp/countReceiveEdoc', methods: ['GET', 'POST'], tag: T, security: SECURITY, summary: 'How many documents are waiting (the SDK posts although its code says GET)',
    headers: withAuth(), replies: { 200: json('OK with count', { allOf: [{ $ref: 'lienthong:vdxp/reply' }], properties: { count: { type: 'integer', minimum: 0 } } }), ...refused },
  },
  {
    route: '/vdxp/countReceiveStatus', methods: ['GET', 'POST'], tag: T, security: SECURITY, summary: 'How many status packages are waiting',
    headers: withAuth(), replies: { 200: json('OK with count', { allOf: [{ $ref: 'lienthong:vdxp/reply' }], properties: { count: { type: 'integer', minimum: 0 } } }), ...refused },
  },
  {
    route: '/vdxp/getAgenciesList', methods: ['POST'], tag: T, security: SECURITY, summary: 'The agency directory in the QCVN 102 form', headers: withAuth(), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply-agencies', 'OK with data: agencies'),
  },
  {
    route: '/vdxp/getAgenciesListQD20', methods: ['POST'], tag: T, security: SECURITY, summary: 'The agency directory in the QĐ 20/2020 form',
    headers: withAuth({ 'XroadVnpt-level': { description: 'level 1–4 (signed)', schema: { type: 'integer', minimum: 1, maximum: 4 } } }), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply-agencies', 'OK with data: agencies (code = QĐ 20 code, code102 beside it)'),
  },
  {
    route: '/vdxp/getSynchronizeUnit', methods: ['POST'], tag: T, security: SECURITY, summary: 'The directory with versions and deletions, to synchronise a local copy', headers: withAuth(), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply-agencies', 'OK with data: agencies, deleted ones included'),
  },
  {
    route: '/vdxp/registerAgency', methods: ['POST'], tag: T, security: SECURITY, summary: 'Register a sub-unit of the system in the directory', headers: withAuth(),
    body: { type: JSON_TYPE, schema: 'lienthong:vdxp/register-agency', required: true },
    replies: ok('lienthong:vdxp/reply', 'OK with the agency\'s id and code'),
  },
  {
    route: '/vdxp/deleteAgency', methods: ['POST'], tag: T, security: SECURITY, summary: 'Remove one of the system\'s agencies from the directory',
    headers: withAuth({ 'XroadVnpt-AgencyCode': { description: 'the agency code (signed)', required: true } }), body: EMPTY_BODY,
    replies: ok('lienthong:vdxp/reply', 'OK'),
  },
];
