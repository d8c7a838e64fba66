/**
 * The SOAP endpoint behind the gateway: POST to the API root or any resource under it; the operation is the
 * Body's first element (decision 011). Replies 200 with the result, or a SOAP 1.1 Fault.
 */
import type { EmulatorContext } from '../../../core/context.js';
import { EmulatorError } from '../../../core/errors.js';
import type { Verdict } from '../../../core/evidence.js';
import type { BuiltinApi, UpstreamRequest, UpstreamResponse } from '../upstream.js';
import { populationError } from './errors.js';
import { checkLicence } from './licences.js';
import { BATCH_OPERATIONS, OPERATIONS } from './operations.js';
import { OperationRequest, readCallerFields, vietnamDate } from './request.js';
import { DAN_NS, envelope, faultEnvelope, operationElement } from './wire/envelope.js';
import { clip, parseXml } from './wire/xml.js';

const XML_TYPE = 'text/xml; charset=utf-8';

function header(req: UpstreamRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** application/xml is what the public clients send; text/xml is SOAP 1.1's own; anything else is noted. */
function checkContentType(req: UpstreamRequest, ctx: EmulatorContext, verdicts: Verdict[]): void {
  const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/xml' || type === 'text/xml') return;
  const what = type ? `Content-Type ${clip(type)}` : 'no Content-Type';
  if (ctx.mode === 'strict') {
    throw populationError('NDXP_POP_CONTENT_TYPE', `The request has ${what}; send application/xml (as the public clients do) or text/xml.`, { field: 'Content-Type', rule: 'application/xml or text/xml' });
  }
  verdicts.push({ code: 'NDXP_POP_CONTENT_TYPE', severity: 'warning', message: `${what}; application/xml or text/xml expected (read as XML in lenient mode)`, field: 'Content-Type' });
}

function operationOf(op: ReturnType<typeof operationElement>): string {
  const name = op.localName ?? '';
  // Own properties only: an element named `constructor` or `toString` is not an operation.
  const known = Object.hasOwn(OPERATIONS, name);
  if (op.namespaceURI !== DAN_NS) {
    const ns = op.namespaceURI ? `namespace "${clip(op.namespaceURI)}"` : 'no namespace';
    if (known) throw populationError('NDXP_POP_WRONG_NAMESPACE', `The operation ${name} is in ${ns}; it must be in ${DAN_NS}.`, { field: name, rule: `namespace ${DAN_NS}` });
    throw populationError('NDXP_POP_UNKNOWN_OPERATION', `The Body holds <${clip(op.nodeName)}> in ${ns}; expected an operation of ${DAN_NS} such as TraCuuThongTinCongDan.`, { field: 'Body', rule: 'known operation' });
  }
  if (BATCH_OPERATIONS.has(name)) {
    throw populationError('NDXP_POP_UNKNOWN_OPERATION', `${name} belongs to the asynchronous batch API, which the emulator does not serve (see LIMITATIONS).`, { field: name, rule: 'known operation' });
  }
  if (!known) {
    throw populationError('NDXP_POP_UNKNOWN_OPERATION', `${clip(name)} is not an operation of the population database; served: ${Object.keys(OPERATIONS).join(', ')}.`, { field: name, rule: 'known operation' });
  }
  return name;
}

async function serve(ctx: EmulatorContext, req: UpstreamRequest, verdicts: Verdict[], named: (op: string) => void): Promise<string> {
  if (req.method !== 'POST') {
    throw populationError('NDXP_POP_METHOD_NOT_ALLOWED', `${req.method} is not served: the population database is a SOAP endpoint, call it with POST.`, { field: 'method', rule: 'POST' });
  }
  checkContentType(req, ctx, verdicts);
  const op = operationElement(parseXml(req.body));
  const name = operationOf(op);
  named(name);
  const r = new OperationRequest(op, ctx.mode);
  try {
    const caller = readCallerFields(r);
    await checkLicence(ctx, req.caller.clientId, caller.MaDVC, caller.MaCanBo);
    const content = OPERATIONS[name]!({ r, world: ctx.world, today: vietnamDate(ctx.clock.now()) });
    return envelope(content);
  } finally {
    verdicts.push(...r.verdicts);
  }
}

export function populationApi(ctx: EmulatorContext): BuiltinApi {
  return {
    context: 'apiCSDLDC',
    version: '1.0',
    defaultVersion: true,
    provider: '000.00.00.G01',
    name: 'CSDL quốc gia về dân cư',
    description:
      'National Population Database (Bộ Công an, C06): SOAP 1.1 in http://dancuquocgia.bca — TraCuuThongTinCongDan, XacThucThongTinCongDan, CungCap…, XacMinh…, CungCapDanhSachTheo… (paged).',
    async handle(req: UpstreamRequest): Promise<UpstreamResponse> {
      const verdicts: Verdict[] = [];
      let operation: string | undefined;
      try {
        const body = await serve(ctx, req, verdicts, (op) => (operation = op));
        return { status: 200, contentType: XML_TYPE, body, verdicts, operation };
      } catch (err) {
        const e = err instanceof EmulatorError ? err : populationError('NDXP_POP_INTERNAL', 'Unexpected failure inside the emulator while answering the request.', { field: 'body', rule: 'internal' });
        // The cause of an internal failure goes to the evidence, not to the caller.
        const message = err instanceof EmulatorError ? e.message : `${e.message} (${err instanceof Error ? err.message : String(err)})`;
        verdicts.push({ code: e.code, severity: 'error', message, field: typeof e.details.field === 'string' ? e.details.field : undefined });
        return {
          status: e.httpStatus,
          contentType: XML_TYPE,
          body: faultEnvelope(e),
          headers: e.httpStatus === 405 ? { allow: 'POST' } : undefined,
          verdicts,
          operation,
        };
      }
    },
  };
}
