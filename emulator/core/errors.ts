/**
 * The error pattern every platform uses: a catalog of stable SCREAMING_SNAKE codes, each with an HTTP
 * status and (optionally) the platform's own wire code; `EmulatorError` carries one; each platform renders
 * it in its own dialect (VDXP: `{status:"FAIL", ErrorCode, ErrorDesc}`; DVCQG: `error_code`; …).
 */
export interface ErrorSpec {
  /** HTTP status the emulator answers with. */
  readonly http: number;
  /** The code in the platform's own dialect (VDXP `ErrorCode`), when it has one. */
  readonly wire?: string;
  /** One line for docs/errors.md: when this error is raised. */
  readonly title: string;
}

export type Catalog = Readonly<Record<string, ErrorSpec>>;

/** Field and rule that an error is about, so every message can name them. */
export interface ErrorDetails {
  field?: string;
  rule?: string;
  [key: string]: unknown;
}

export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly details: ErrorDetails = {},
    readonly wire?: string,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** Builds a typed error factory over a catalog: `fail('VDXP_DOC_NOT_FOUND', 'docId … not found', {field})`. */
export function errorFactory<C extends Catalog>(catalog: C) {
  return (code: keyof C & string, message: string, details: ErrorDetails = {}): EmulatorError => {
    const spec = catalog[code];
    if (!spec) throw new Error(`unknown error code ${code}`);
    return new EmulatorError(code, spec.http, message, details, spec.wire);
  };
}

/** Errors of the core itself (control plane, unexpected failures). */
export const CORE_ERRORS = {
  INTERNAL: { http: 500, title: 'Unexpected failure inside the emulator; accepted data is kept.' },
  NOT_FOUND: { http: 404, title: 'No route at this path.' },
  BAD_REQUEST: { http: 400, title: 'The request does not match the schema of the operation.' },
  BODY_TOO_LARGE: { http: 413, title: 'The request body is larger than the configured limit (--max-body).' },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, title: 'The request body has a Content-Type this endpoint does not read.' },
  CONFLICT: { http: 409, title: 'The control-plane resource already exists (a consumer id, a published API version).' },
  CLOCK_REAL: { http: 409, title: 'The clock is real; start with --virtual-clock (or clock: "virtual") to move it.' },
  BAD_DURATION: { http: 400, title: 'A clock advance is not an ISO 8601 duration such as PT2H or P1D.' },
} as const satisfies Catalog;

export const coreError = errorFactory(CORE_ERRORS);
