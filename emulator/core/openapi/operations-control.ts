/** The control plane (`/_lienthong/…`): the emulator's own API, its console and this documentation. */
import { badRequest, conflict, coreError, html, json, jsonBody, list, notFound, object } from './replies.js';
import type { OperationDoc } from './types.js';

const T = 'control plane';
const TV = 'control plane: VDXP';
const TD = 'control plane: DVCQG';
const TN = 'control plane: NDXP';

const eventFilters = {
  platform: 'vdxp, dvcqg, ndxp, or lienthong (control-plane changes)',
  agency: 'agency code (mã định danh) the exchange concerned',
  systemId: 'the calling system, consumer or account',
  since: 'ISO 8601 date-time; events at or after it',
  after: { description: 'cursor: the last sequence number already seen', schema: { type: 'integer', minimum: 0 } },
  limit: { description: 'at most this many events (1–1000, default 100)', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
};
const page = {
  limit: { description: 'how many (1–1000, default 20)', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
  offset: { description: 'start at this index of the world', schema: { type: 'integer', minimum: 0 } },
};

export const CONTROL_OPERATIONS: readonly OperationDoc[] = [
  {
    route: '/_lienthong/health', methods: ['GET'], tag: T, summary: 'Liveness: what a container health check polls',
    replies: { 200: json('the emulator is up', 'lienthong:common/health') },
  },
  {
    route: '/_lienthong/info', methods: ['GET'], tag: T, summary: 'Version, mode, seed, clock, store and each platform with its LIMITATIONS',
    replies: { 200: json('the emulator as it runs', object('info', { version: { type: 'string' }, mode: { enum: ['lenient', 'strict'] }, seed: { type: 'integer' }, platforms: { type: 'array' } })) },
  },
  {
    route: '/_lienthong/reset', methods: ['POST'], tag: T, summary: 'Wipe documents, directory changes and the evidence log, and re-seed',
    body: { ...jsonBody('lienthong:common/reset-request'), required: false },
    replies: { 200: json('reset done', object('reset', { status: { const: 'ok' }, keptSystems: { type: 'boolean' } })), 400: badRequest },
  },
  {
    route: '/_lienthong/ca/certificates', methods: ['POST'], tag: T, summary: 'Issue a certificate from the test CA (to sign a compliance report; test material only)',
    body: jsonBody('lienthong:common/certificate-request'),
    replies: { 201: json('certificate, private key and the CA certificate (PEM)', object('issued', { certificatePem: { type: 'string' }, privateKeyPem: { type: 'string' }, caCertificatePem: { type: 'string' } })), 400: badRequest },
  },
  {
    route: '/_lienthong/clock', methods: ['GET'], tag: T, summary: 'The emulator clock',
    replies: { 200: json('mode and current time', object('clock', { mode: { enum: ['real', 'virtual'] }, now: { type: 'string', format: 'date-time' } })) },
  },
  {
    route: '/_lienthong/clock', methods: ['POST'], tag: T, summary: 'Move a virtual clock: advance by an ISO 8601 duration or set it',
    body: jsonBody('lienthong:common/clock-request'),
    replies: {
      200: json('the new time', object('clock', { mode: { const: 'virtual' }, now: { type: 'string', format: 'date-time' } })),
      400: coreError('BAD_REQUEST or BAD_DURATION'),
      409: coreError('CLOCK_REAL: the emulator runs on the real clock (start it with --virtual-clock)'),
    },
  },
  {
    route: '/_lienthong/events', methods: ['GET'], tag: T, summary: 'The evidence log: every exchange with its rule verdicts, hash-chained',
    query: eventFilters,
    replies: { 200: json('events, oldest first', list('events', 'a page of the log')), 400: badRequest },
  },
  {
    route: '/_lienthong/events/stream', methods: ['GET'], tag: T, summary: 'The evidence log, live, as server-sent events (`event: reset` after a reset)',
    query: { platform: eventFilters.platform, agency: eventFilters.agency, systemId: eventFilters.systemId, after: eventFilters.after },
    headers: { 'Last-Event-ID': 'replay what came after this sequence number' },
    replies: { 200: { description: 'one `data:` line of JSON per event', type: 'text/event-stream', schema: { type: 'string' } }, 400: badRequest },
  },
  {
    route: '/_lienthong/events/verify', methods: ['GET'], tag: T, summary: 'Recompute the hash chain of the evidence log',
    replies: { 200: json('whether the chain is intact, and where it breaks', object('verification', { ok: { type: 'boolean' } })) },
  },
  {
    route: '/_lienthong/faults', methods: ['GET'], tag: T, summary: 'Fault-injection rules with their hits',
    query: { platform: { description: 'only this platform\'s rules', schema: { enum: ['vdxp', 'dvcqg', 'ndxp'] } } },
    replies: { 200: json('the rules', list('faults', 'rules in force')), 400: badRequest },
  },
  {
    route: '/_lienthong/faults/:id', methods: ['GET'], tag: T, summary: 'One fault rule with its hits', params: { id: 'the rule id' },
    replies: { 200: json('the rule', object('fault rule', { id: { type: 'string' } })), 404: notFound },
  },
  {
    route: '/_lienthong/faults', methods: ['POST'], tag: T, summary: 'Make a platform misbehave for matching requests (error, latency, dropped reply)',
    body: jsonBody('lienthong:common/fault-create'),
    replies: { 201: json('the rule, with its id', object('fault rule', { id: { type: 'string' } })), 400: badRequest },
  },
  {
    route: '/_lienthong/faults', methods: ['DELETE'], tag: T, summary: 'Remove every fault rule',
    replies: { 200: json('how many were removed', object('removed', { status: { const: 'ok' }, removed: { type: 'integer' } })) },
  },
  {
    route: '/_lienthong/faults/:id', methods: ['DELETE'], tag: T, summary: 'Remove one fault rule', params: { id: 'the rule id' },
    replies: { 200: json('removed', object('removed')), 404: notFound },
  },
  {
    route: '/_lienthong/snapshot', methods: ['GET'], tag: T, summary: 'The whole state as one gzip\'d file (docs/snapshot.md); restore it with POST /_lienthong/restore or lienthong start --restore',
    replies: { 200: { description: 'the snapshot (X-Lienthong-Snapshot-Rows, X-Lienthong-Snapshot-Sha256)', type: 'application/gzip', schema: { type: 'string', contentEncoding: 'binary' } } },
  },
  {
    route: '/_lienthong/restore', methods: ['POST'], tag: T, summary: 'Replace the whole state with a snapshot (all or nothing)',
    body: { type: ['application/gzip', 'application/octet-stream'], schema: { type: 'string', contentEncoding: 'binary' }, description: 'a file from GET /_lienthong/snapshot (gzip\'d or plain JSON lines)', required: true },
    replies: { 200: json('what was restored', object('restored', { status: { const: 'ok' } })), 400: coreError('SNAPSHOT_FORMAT, SNAPSHOT_CORRUPT, SNAPSHOT_TRUNCATED, SNAPSHOT_CHECKSUM or a rejected row: nothing restored'), 409: coreError('the snapshot was taken by another version or with another world'), 413: coreError('BODY_TOO_LARGE') },
  },
  { route: '/_lienthong/ui', methods: ['GET'], tag: T, summary: 'The live console (self-contained HTML)', replies: { 200: html('the console page') } },
  { route: '/_lienthong/openapi.json', methods: ['GET'], tag: T, summary: 'This document (OpenAPI 3.1)', replies: { 200: json('the OpenAPI document', { type: 'object', required: ['openapi', 'paths'] }) } },
  { route: '/_lienthong/docs', methods: ['GET'], tag: T, summary: 'This document as a self-contained HTML page, with the error codes', replies: { 200: html('the documentation page') } },

  // VDXP
  {
    route: '/_lienthong/vdxp/systems', methods: ['POST'], tag: TV, summary: 'Connect a document system (systemId, secret, agencies): credentials, key and certificate',
    body: jsonBody('lienthong:vdxp/system-create'),
    replies: { 201: json('credentials (secret, private key, certificate)', object('credentials', { systemId: { type: 'string' }, secret: { type: 'string' } })), 400: badRequest, 409: conflict },
  },
  { route: '/_lienthong/vdxp/systems', methods: ['GET'], tag: TV, summary: 'Connected systems', replies: { 200: json('systems', list('systems', 'connected systems')) } },
  { route: '/_lienthong/vdxp/systems/:id', methods: ['GET'], tag: TV, summary: 'One connected system', params: { id: 'systemId (mã trung tâm)' }, replies: { 200: json('the system', object('system')), 404: notFound } },
  {
    route: '/_lienthong/vdxp/systems/:id/credentials', methods: ['GET'], tag: TV, summary: 'A system\'s secret, key and certificate again', params: { id: 'systemId' },
    replies: { 200: json('credentials', object('credentials')), 404: notFound },
  },
  {
    route: '/_lienthong/vdxp/systems/:id/mailbox', methods: ['GET'], tag: TV, summary: 'What the system would list with getReceivedEdocList (not yet acknowledged done)', params: { id: 'systemId' },
    replies: { 200: json('documents and statuses waiting', object('mailbox')), 404: notFound },
  },
  {
    route: '/_lienthong/vdxp/systems/:id/agencies', methods: ['POST'], tag: TV, summary: 'Add an agency served by the system', params: { id: 'systemId' },
    body: jsonBody('lienthong:vdxp/agency-add'),
    replies: { 201: json('the agency', object('agency', { code: { type: 'string' }, name: { type: 'string' }, systemId: { type: 'string' } })), 400: badRequest, 404: notFound },
  },
  {
    route: '/_lienthong/vdxp/agencies', methods: ['GET'], tag: TV, summary: 'The agency directory (danh mục mã định danh)',
    query: { q: 'code or name contains', level: { description: 'QĐ 20 level 1–4', schema: { type: 'integer', minimum: 1, maximum: 4 } }, deleted: 'true to include deleted agencies' },
    replies: { 200: json('agencies', list('agencies', 'the directory')), 400: badRequest },
  },
  {
    route: '/_lienthong/vdxp/documents', methods: ['GET'], tag: TV, summary: 'A document\'s exchanges and every status about it',
    query: { documentId: { description: 'edXML DocumentId: `<OrganId>,<yyyy/MM/dd>,<Code number>/<notation>`', required: true } },
    replies: { 200: json('the document\'s history', object('document')), 400: badRequest, 404: notFound },
  },
  {
    route: '/_lienthong/vdxp/packages/:docId', methods: ['GET'], tag: TV, summary: 'One accepted package exactly as sent (base64), its findings and signature status', params: { docId: 'the axis DocId' },
    replies: { 200: json('the package', object('package', { base64: { type: 'string' } })), 404: notFound },
  },
  { route: '/_lienthong/vdxp/ca', methods: ['GET'], tag: TV, summary: 'The test CA certificate', replies: { 200: json('PEM', object('ca', { certificatePem: { type: 'string' } })) } },

  // DVCQG
  {
    route: '/_lienthong/dvcqg/accounts', methods: ['POST'], tag: TD, summary: 'Create a one-stop account (username, password, madonvi, callbackUrl) and its payment credentials',
    body: jsonBody('lienthong:dvcqg/account-create'),
    replies: { 201: json('the account and payment credentials', object('account')), 400: badRequest, 409: conflict },
  },
  { route: '/_lienthong/dvcqg/accounts', methods: ['GET'], tag: TD, summary: 'One-stop accounts', replies: { 200: json('accounts', list('accounts', 'accounts')) } },
  {
    route: '/_lienthong/dvcqg/accounts/:username', methods: ['PATCH'], tag: TD, summary: 'Change an account', params: { username: 'the account' },
    body: jsonBody('lienthong:dvcqg/account-update'),
    replies: { 200: json('the account', object('account')), 400: badRequest, 404: notFound },
  },
  {
    route: '/_lienthong/dvcqg/dossiers', methods: ['GET'], tag: TD, summary: 'Dossiers synced to the portal, with status and timeliness',
    query: { madonvi: 'agency code', status: 'TrangThaiHoSo 1–10', limit: { description: 'at most this many', schema: { type: 'integer', minimum: 1 } } },
    replies: { 200: json('dossiers', list('dossiers', 'dossiers')), 400: badRequest },
  },
  {
    route: '/_lienthong/dvcqg/dossiers/:maHoSo', methods: ['GET'], tag: TD, summary: 'One dossier: history, timeliness and legalDue (hạn giải quyết)', params: { maHoSo: 'MaHoSo' },
    replies: { 200: json('the dossier', object('dossier', { legalDue: { type: ['object', 'null'] } })), 404: notFound },
  },
  {
    route: '/_lienthong/dvcqg/lookups', methods: ['POST'], tag: TD, summary: 'Make the portal call the agency\'s /direct lookup and judge the answer',
    body: jsonBody('lienthong:dvcqg/lookup-request'),
    replies: { 200: json('what the agency answered and the verdicts', object('lookup')), 400: badRequest, 404: notFound },
  },
  {
    route: '/_lienthong/dvcqg/submissions', methods: ['POST'], tag: TD, summary: 'Submit a dossier online and push it to the agency',
    body: jsonBody('lienthong:dvcqg/submission-request'),
    replies: { 201: json('the submission', object('submission')), 400: badRequest, 404: notFound },
  },
  {
    route: '/_lienthong/dvcqg/sso/clients', methods: ['POST'], tag: TD, summary: 'Register an SSO relying party (client id, secret, redirect URIs)',
    body: jsonBody('lienthong:dvcqg/sso-client'),
    replies: { 201: json('the client, its secret and the SSO endpoints', object('client')), 400: badRequest, 409: conflict },
  },
  { route: '/_lienthong/dvcqg/sso/clients', methods: ['GET'], tag: TD, summary: 'SSO relying parties and the endpoints', replies: { 200: json('clients', list('clients', 'relying parties')) } },
  {
    route: '/_lienthong/dvcqg/sso/accounts', methods: ['GET'], tag: TD, summary: 'Test logins of the synthetic world (citizens and organisations)',
    query: { limit: { description: '1–1000', schema: { type: 'integer', minimum: 1, maximum: 1000 } }, kind: { description: 'citizen or organisation', schema: { enum: ['citizen', 'organisation'] } } },
    replies: { 200: json('accounts and how to sign in headless', list('accounts', 'test logins')), 400: badRequest },
  },
  {
    route: '/_lienthong/dvcqg/payment/partners', methods: ['POST'], tag: TD, summary: 'Create or change a PP DVCQG payment partner (created: 201, changed: 200)',
    body: jsonBody('lienthong:dvcqg/payment-partner'),
    replies: { 200: json('the partner\'s credentials', object('partner')), 201: json('the partner\'s credentials', object('partner')), 400: badRequest },
  },
  {
    route: '/_lienthong/dvcqg/payment/paygov-partners', methods: ['POST'], tag: TD, summary: 'Create or change a PayGov partner (created: 201, changed: 200)',
    body: jsonBody('lienthong:dvcqg/payment-paygov-partner'),
    replies: { 200: json('the partner\'s credentials', object('partner')), 201: json('the partner\'s credentials', object('partner')), 400: badRequest },
  },
  { route: '/_lienthong/dvcqg/payment/partners', methods: ['GET'], tag: TD, summary: 'Payment partners', replies: { 200: json('partners', list('partners', 'partners')) } },
  {
    route: '/_lienthong/dvcqg/payment/transactions', methods: ['GET'], tag: TD, summary: 'Payment transactions',
    query: { agency: 'agency code', maHoSo: 'dossier', partner: 'partner code', state: 'transaction state', channel: 'ppdvcqg or paygov' },
    replies: { 200: json('transactions', list('transactions', 'transactions')) },
  },
  { route: '/_lienthong/dvcqg/payment/transactions/:ref', methods: ['GET'], tag: TD, summary: 'One transaction with its callback deliveries', params: { ref: 'transaction reference' }, replies: { 200: json('the transaction', object('transaction')), 404: notFound } },
  {
    route: '/_lienthong/dvcqg/payment/transactions/:ref/complete', methods: ['POST'], tag: TD, summary: 'Pay (or fail) a transaction headless, as the payer would on the payment page', params: { ref: 'transaction reference' },
    body: jsonBody('lienthong:dvcqg/payment-complete'),
    replies: { 200: json('the transaction after the callback', object('transaction')), 400: badRequest, 404: notFound },
  },
  {
    route: '/_lienthong/dvcqg/payment/transactions/:ref/callback', methods: ['POST'], tag: TD, summary: 'Send the payment result to the agency again', params: { ref: 'transaction reference' },
    body: jsonBody('lienthong:dvcqg/payment-resend'),
    replies: { 200: json('the delivery', object('delivery')), 400: badRequest, 404: notFound },
  },
  { route: '/_lienthong/dvcqg/payment/settings', methods: ['GET'], tag: TD, summary: 'Callback retry schedule and timeout', replies: { 200: json('settings', object('settings')) } },
  {
    route: '/_lienthong/dvcqg/payment/settings', methods: ['PUT'], tag: TD, summary: 'Change the callback retry schedule and timeout',
    body: jsonBody('lienthong:dvcqg/payment-settings'),
    replies: { 200: json('settings', object('settings')), 400: badRequest },
  },

  // NDXP
  {
    route: '/_lienthong/ndxp/consumers', methods: ['POST'], tag: TN, summary: 'Register a consumer application (key, secret, agency, subscriptions, quota, rate limit)',
    body: jsonBody('lienthong:ndxp/consumer-create'),
    replies: { 201: json('the consumer, its secret and the token endpoint', object('consumer', { clientId: { type: 'string' }, clientSecret: { type: 'string' }, tokenEndpoint: { type: 'string' } })), 400: badRequest, 409: conflict },
  },
  { route: '/_lienthong/ndxp/consumers', methods: ['GET'], tag: TN, summary: 'Consumer applications', query: { agency: 'agency code' }, replies: { 200: json('consumers', list('consumers', 'consumers')) } },
  { route: '/_lienthong/ndxp/consumers/:clientId', methods: ['GET'], tag: TN, summary: 'One consumer', params: { clientId: 'consumer key' }, replies: { 200: json('the consumer', object('consumer')), 404: notFound } },
  {
    route: '/_lienthong/ndxp/consumers/:clientId', methods: ['PATCH'], tag: TN, summary: 'Change a consumer (subscriptions, limits, token lifetime)', params: { clientId: 'consumer key' },
    body: jsonBody('lienthong:ndxp/consumer-update'),
    replies: { 200: json('the consumer', object('consumer')), 400: badRequest, 404: notFound },
  },
  { route: '/_lienthong/ndxp/consumers/:clientId', methods: ['DELETE'], tag: TN, summary: 'Remove a consumer', params: { clientId: 'consumer key' }, replies: { 204: { description: 'removed' }, 404: notFound } },
  {
    route: '/_lienthong/ndxp/consumers/:clientId/revoke-tokens', methods: ['POST'], tag: TN, summary: 'Revoke every token the consumer holds (an operator\'s action, no secret needed)', params: { clientId: 'consumer key' },
    replies: { 200: json('how many were revoked', object('revoked', { clientId: { type: 'string' }, revoked: { type: 'integer' } })), 404: notFound },
  },
  {
    route: '/_lienthong/ndxp/apis', methods: ['POST'], tag: TN, summary: 'Publish an API on the gateway (context, version, upstream, provider, consumers)',
    body: jsonBody('lienthong:ndxp/api-publish'),
    replies: { 201: json('the API and its gateway path', object('api', { gatewayPath: { type: 'string' } })), 400: badRequest, 409: conflict },
  },
  { route: '/_lienthong/ndxp/apis', methods: ['GET'], tag: TN, summary: 'The service registry: built-in national APIs and published ones', replies: { 200: json('APIs', list('apis', 'published APIs')) } },
  { route: '/_lienthong/ndxp/apis/:context/:version', methods: ['DELETE'], tag: TN, summary: 'Withdraw a published API', params: { context: 'API context', version: 'API version' }, replies: { 204: { description: 'withdrawn' }, 404: notFound } },
  { route: '/_lienthong/ndxp/tokens', methods: ['GET'], tag: TN, summary: 'Issued tokens (prefix only)', query: { clientId: 'consumer key' }, replies: { 200: json('tokens', list('tokens', 'tokens')) } },
  { route: '/_lienthong/ndxp/usage', methods: ['GET'], tag: TN, summary: 'Quota and rate counters', query: { clientId: 'consumer key' }, replies: { 200: json('usage', list('usage', 'counters')) } },
  { route: '/_lienthong/ndxp/citizens', methods: ['GET'], tag: TN, summary: 'Sample citizens of the synthetic world (valid ID numbers, with each one\'s DVCQG TechID)', query: page, replies: { 200: json('citizens', list('citizens', 'a sample')), 400: badRequest } },
  { route: '/_lienthong/ndxp/enterprises', methods: ['GET'], tag: TN, summary: 'Sample enterprises of the synthetic world (valid tax codes)', query: page, replies: { 200: json('enterprises', list('enterprises', 'a sample')), 400: badRequest } },
  { route: '/_lienthong/ndxp/population/licences', methods: ['GET'], tag: TN, summary: 'Population-database licences per consumer', replies: { 200: json('licences', list('licences', 'licences')) } },
  { route: '/_lienthong/ndxp/population/licences/:clientId', methods: ['GET'], tag: TN, summary: 'A consumer\'s licence', params: { clientId: 'consumer key' }, replies: { 200: json('the licence', object('licence')), 400: badRequest } },
  {
    route: '/_lienthong/ndxp/population/licences/:clientId', methods: ['PUT'], tag: TN, summary: 'Licence procedures and officials (faults 004 and 005 otherwise; created: 201, changed: 200)', params: { clientId: 'consumer key' },
    body: jsonBody('lienthong:ndxp/population-licence'),
    replies: { 200: json('the licence', object('licence')), 201: json('the licence', object('licence')), 400: badRequest },
  },
  { route: '/_lienthong/ndxp/population/licences/:clientId', methods: ['DELETE'], tag: TN, summary: 'Remove a licence (everything licensed again)', params: { clientId: 'consumer key' }, replies: { 200: json('whether one was removed', object('deleted', { deleted: { type: 'boolean' } })), 400: badRequest } },
  { route: '/_lienthong/ndxp/categories', methods: ['GET'], tag: TN, summary: 'The shared catalogues (danh mục dùng chung)', replies: { 200: json('catalogues', object('catalogues')) } },
  { route: '/_lienthong/ndxp/categories/:code/added', methods: ['GET'], tag: TN, summary: 'Rows consumers added to a catalogue', params: { code: 'catalogue code' }, replies: { 200: json('rows', object('rows')), 404: notFound } },
];
