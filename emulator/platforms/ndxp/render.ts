import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorError } from '../../core/errors.js';

/** WSO2's own `message` per fault code, and the namespace of its XML form. */
const WSO2_FAULTS: Record<string, { message: string; ns: string; type?: string }> = {
  '900901': { message: 'Invalid Credentials', ns: 'http://wso2.org/apimanager/security' },
  '900902': { message: 'Missing Credentials', ns: 'http://wso2.org/apimanager/security' },
  '900903': { message: 'Access Token Expired', ns: 'http://wso2.org/apimanager/security' },
  '900906': { message: 'No matching resource found in the API for the given request', ns: 'http://wso2.org/apimanager/security' },
  '900908': { message: 'Resource forbidden', ns: 'http://wso2.org/apimanager/security' },
  '900804': { message: 'Message throttled out', ns: 'http://wso2.org/apimanager/throttling' },
  '900807': { message: 'Message throttled out', ns: 'http://wso2.org/apimanager/throttling' },
  '404': { message: 'Runtime Error', ns: 'http://wso2.org/apimanager', type: 'Status report' },
  '101503': { message: 'Runtime Error', ns: 'http://wso2.org/apimanager', type: 'Status report' },
  '101504': { message: 'Runtime Error', ns: 'http://wso2.org/apimanager', type: 'Status report' },
  '900400': { message: 'Bad Request', ns: 'http://wso2.org/apimanager', type: 'Status report' },
  '900900': { message: 'Unclassified Authentication Failure', ns: 'http://wso2.org/apimanager/security' },
};

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** XML callers (the population SOAP clients) get WSO2's XML fault; everyone else its JSON form. */
function wantsXml(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '');
  const accept = String(request.headers.accept ?? '');
  if (/json/i.test(accept)) return false;
  return /xml/i.test(type) || (/xml/i.test(accept) && !/\*\/\*/.test(accept));
}

/**
 * Renders a gateway error as WSO2 API Manager does: `{"fault":{"code","message","description"}}` (or
 * `<ams:fault>`), the description naming the field and the rule. `lienthong` carries our symbolic code.
 */
export function sendFault(request: FastifyRequest, reply: FastifyReply, e: EmulatorError, extra: Record<string, unknown> = {}): FastifyReply {
  const f = faultPayload(request, e, extra);
  return reply.status(e.httpStatus).type(f.contentType).send(f.body);
}

/** The body of sendFault, for callers that replace a reply already under way (fault injection's `phase: reply`). */
export function faultPayload(request: FastifyRequest, e: EmulatorError, extra: Record<string, unknown> = {}): { contentType: string; body: string } {
  const code = e.wire ?? '900900';
  const known = WSO2_FAULTS[code] ?? { message: 'Runtime Error', ns: 'http://wso2.org/apimanager', type: 'Status report' };
  const field = typeof e.details.field === 'string' ? e.details.field : undefined;
  const rule = typeof e.details.rule === 'string' ? e.details.rule : undefined;
  if (wantsXml(request)) {
    const extras = Object.entries(extra)
      .map(([k, v]) => `<ams:${k}>${escapeXml(String(v))}</ams:${k}>`)
      .join('');
    const type = known.type ? `<ams:type>${escapeXml(known.type)}</ams:type>` : '';
    const xml = `<ams:fault xmlns:ams="${known.ns}"><ams:code>${code}</ams:code>${type}<ams:message>${escapeXml(known.message)}</ams:message><ams:description>${escapeXml(e.message)}</ams:description>${extras}</ams:fault>`;
    return { contentType: 'application/xml; charset=UTF-8', body: xml };
  }
  const numeric = /^\d+$/.test(code) ? Number(code) : code;
  return {
    contentType: 'application/json; charset=UTF-8',
    body: JSON.stringify({
      fault: { code: numeric, ...(known.type ? { type: known.type } : {}), message: known.message, description: e.message, ...extra },
      lienthong: { code: e.code, ...(field ? { field } : {}), ...(rule ? { rule } : {}) },
    }),
  };
}

/** RFC 6749 §5.2 error body of the token endpoint (WSO2 Key Manager's form). */
export function sendOAuthError(reply: FastifyReply, e: EmulatorError): FastifyReply {
  if (e.httpStatus === 401) void reply.header('www-authenticate', 'Basic realm="NDXP token endpoint"');
  const field = typeof e.details.field === 'string' ? e.details.field : undefined;
  return reply
    .status(e.httpStatus)
    .type('application/json; charset=UTF-8')
    .send({ error: e.wire, error_description: e.message, lienthong: { code: e.code, ...(field ? { field } : {}) } });
}
