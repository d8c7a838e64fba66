import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorError } from '../../core/errors.js';

/**
 * VDXP replies are JSON `{status, ErrorCode, ErrorDesc, …}` (specs/vdxp.md §3.3). Non-ASCII is written as
 * \uXXXX: the SDK reads the sendEdoc reply as US-ASCII (MultipartUtility.finish), and escaped JSON decodes
 * the same in every client.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendOk(reply: FastifyReply, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .status(200)
    .type('application/json; charset=utf-8')
    .send(asciiJson({ status: 'OK', ErrorCode: '0', ErrorDesc: 'Success', ...extra }));
}

/**
 * What a failed operation must still carry: the SDK reads `DocId` from every sendEdoc reply without a null
 * check (KnobstickServiceImp.sendEdoc), so without it the client loses ErrorCode and ErrorDesc.
 */
export function failExtras(url: string): Record<string, unknown> {
  return /\/sendEdoc(?:[?#]|$)/.test(url) ? { DocId: '' } : {};
}

/** Failure in the VDXP dialect; the SDK reads the body whatever the HTTP status, so the status is a real one. */
function sendFail(reply: FastifyReply, err: EmulatorError): FastifyReply {
  return reply
    .status(err.httpStatus)
    .type('application/json; charset=utf-8')
    .send(
      asciiJson({
        status: 'FAIL',
        ErrorCode: err.wire ?? '20',
        ErrorDesc: err.message,
        code: err.code,
        ...(err.details.field !== undefined ? { field: err.details.field } : {}),
        ...(err.details.rule !== undefined ? { rule: err.details.rule } : {}),
        ...(Array.isArray(err.details.problems) ? { problems: err.details.problems } : {}),
        ...failExtras(reply.request.url),
      }),
    );
}

/** Every refusal: recorded as an error verdict of the exchange (the evidence), then answered as VDXP does. */
export function refuse(request: FastifyRequest, reply: FastifyReply, err: EmulatorError): FastifyReply {
  request.exchange ??= { platform: 'vdxp', verdicts: [] };
  request.exchange.verdicts.push({ code: err.code, severity: 'error', message: err.message, field: err.details.field });
  return sendFail(reply, err);
}
