import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorError } from '../../core/errors.js';

/**
 * DVCQG replies are JSON with `error_code` 0 on success (§A1; older clients compare it with "00", so a
 * number 0 is what both readings accept) and a non-zero `error_code` with a `message` otherwise. The
 * symbolic `code`, `field` and `rule` are ours, added so a developer sees which rule was broken.
 */
export function sendOk(reply: FastifyReply, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.status(200).type('application/json; charset=utf-8').send({ error_code: 0, message: 'Thành công (success)', ...extra });
}

export function refuse(request: FastifyRequest, reply: FastifyReply, err: EmulatorError): FastifyReply {
  request.exchange ??= { platform: 'dvcqg', verdicts: [] };
  request.exchange.verdicts.push({ code: err.code, severity: 'error', message: err.message, field: err.details.field });
  return reply
    .status(err.httpStatus)
    .type('application/json; charset=utf-8')
    .send({
      error_code: Number(err.wire ?? '999'),
      message: err.message,
      code: err.code,
      ...(err.details.field !== undefined ? { field: err.details.field } : {}),
      ...(err.details.rule !== undefined ? { rule: err.details.rule } : {}),
      ...(Array.isArray(err.details.problems) ? { problems: err.details.problems } : {}),
    });
}
