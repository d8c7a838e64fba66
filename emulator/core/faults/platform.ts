import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.js';
import type { FaultTarget } from './book.js';

/** A failure reply in a platform's own dialect (VDXP `status FAIL`, DVCQG `error_code`, NDXP WSO2 `fault`). */
export interface FaultFailure {
  contentType: string;
  body: string;
}

/**
 * What a platform gives the fault hooks (PlatformModule.faults): who a request comes from, and how the
 * platform fails. `identify` runs only when the platform has rules, so it may read the store; it must
 * never throw (a request it cannot place matches only rules without caller or agency criteria).
 */
export interface PlatformFaults {
  identify(ctx: EmulatorContext, request: FastifyRequest): Promise<FaultTarget>;
  failure(request: FastifyRequest, status: number, message: string): FaultFailure;
  /** `expired-token`: make this live credential expire now, so the platform itself answers it as expired. */
  expireCredential?(ctx: EmulatorContext, credential: string): Promise<void>;
}

/** The last non-empty path segment, without the query: the operation name shared by every platform. */
export function lastSegment(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.split('/').filter(Boolean).pop() ?? '';
}
