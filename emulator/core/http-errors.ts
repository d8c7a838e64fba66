import type { FastifyError } from 'fastify';
import { coreError, EmulatorError } from './errors.js';

/**
 * Turns anything thrown inside a route into an EmulatorError: ours pass through, fastify's own (body too
 * large, bad content type, schema) keep their status with a stable code, the rest become INTERNAL.
 */
export function toEmulatorError(err: unknown, internal: () => EmulatorError = () => coreError('INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept')): EmulatorError {
  if (err instanceof EmulatorError) return err;
  const fe = err as Partial<FastifyError>;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return coreError('BODY_TOO_LARGE', 'the request body is larger than the limit of this endpoint', { field: 'body', rule: 'size limit' });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return coreError('UNSUPPORTED_MEDIA_TYPE', fe.message ?? 'unsupported content type', { field: 'Content-Type', rule: 'application/json' });
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe as { type?: string }).type === 'entity.parse.failed' || fe.statusCode === 400) {
    return coreError('BAD_REQUEST', fe.message ?? 'bad request', { field: 'body', rule: 'JSON' });
  }
  return internal();
}
