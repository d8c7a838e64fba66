import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { EmulatorContext } from '../../core/context.js';
import type { Verdict } from '../../core/evidence.js';

/** The consumer (an agency's application on the gateway) a call was authenticated as. */
export interface Caller {
  clientId: string;
  /** Agency code of the consumer (QCVN 102 form, e.g. 000.00.01.H22). */
  agency: string;
}

/** One call the gateway hands to an API's upstream once the caller is authenticated and authorised. */
export interface UpstreamRequest {
  method: string;
  /** The path after `/<context>/<version>`, starting with `/` (`/chiTietDoanhNghiep`), or `''` for the API root. */
  resource: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  caller: Caller;
}

export interface UpstreamResponse {
  status: number;
  contentType: string;
  body: string;
  /** Extra response headers (e.g. none for SOAP). */
  headers?: Record<string, string>;
  /** Judgements of the caller's request (warnings in lenient mode, …), recorded with the exchange. */
  verdicts?: Verdict[];
  /** Name of the operation for the evidence log (a SOAP operation, a business-registration query). */
  operation?: string;
}

/** An API served by the emulator itself behind the gateway (the national databases, the category service). */
export interface BuiltinApi {
  /** First path segment after /ndxp, e.g. `apiCSDLDKDN`. */
  readonly context: string;
  readonly version: string;
  /** WSO2 "default version": `/ndxp/<context>/<resource>` (no version segment) reaches this version too. */
  readonly defaultVersion?: boolean;
  /** Agency code of the publisher (the owner of the national database). */
  readonly provider: string;
  readonly name: string;
  readonly description: string;
  handle(req: UpstreamRequest): Promise<UpstreamResponse>;
}

/**
 * A self-contained part of NDXP (a national database, the category service): its tables, the APIs it serves
 * behind the gateway, its control routes and limitations. The platform index wires every part.
 */
export interface NdxpPart {
  readonly name: string;
  readonly migrations: Record<string, Migration>;
  readonly limitations: readonly string[];
  apis(ctx: EmulatorContext): BuiltinApi[];
  /** Control routes under `/_lienthong/ndxp/…` (optional). */
  registerControl?(app: FastifyInstance, ctx: EmulatorContext): Promise<void> | void;
  clear(ctx: EmulatorContext, opts: { keepSystems: boolean }): Promise<void>;
}
