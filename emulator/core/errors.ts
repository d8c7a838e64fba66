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
  FAULT_INJECTED: { http: 503, title: 'A /_lienthong/faults rule of kind error failed this platform request (at the rule\'s HTTP status, 503 by default): the reply is in the platform\'s own dialect and carries this code (docs/faults.md).' },
  SANDBOX_SETTINGS_MISMATCH: { http: 409, title: 'A process joining a shared store (PostgreSQL) was started with another --seed, --population, --enterprises, --mode or clock than the sandbox\'s first process (docs/store.md).' },
  SNAPSHOT_FORMAT: { http: 400, title: 'A restore body is not a lienthong snapshot (empty, or its first line is not the `lienthong-snapshot` header).' },
  SNAPSHOT_CORRUPT: { http: 400, title: 'A snapshot is damaged: its gzip stream is broken, a line is not JSON, or a line is longer than the limit.' },
  SNAPSHOT_TRUNCATED: { http: 400, title: 'A snapshot ends before its end line (a partial download or copy).' },
  SNAPSHOT_CHECKSUM: { http: 400, title: 'The sha256 in a snapshot\'s end line does not match its content (the file was edited or damaged).' },
  SNAPSHOT_ROW_INVALID: { http: 400, title: 'A snapshot row is not an array of its table\'s columns, holds a value of an unknown encoding, or a table has more or fewer rows than its header says.' },
  SNAPSHOT_ROW_REJECTED: { http: 400, title: 'The store refused a snapshot row (duplicate key, missing value, broken foreign key); nothing was restored.' },
  SNAPSHOT_VERSION: { http: 409, title: 'The snapshot\'s format version is not one this emulator reads.' },
  SNAPSHOT_UNKNOWN_TABLE: { http: 409, title: 'The snapshot holds a table this emulator does not have (taken by another version).' },
  SNAPSHOT_TABLE_MISSING: { http: 409, title: 'The snapshot lacks a table this emulator has (taken by another version).' },
  SNAPSHOT_COLUMN_MISMATCH: { http: 409, title: 'A snapshot table has other columns than the same table here (taken by another version).' },
  SNAPSHOT_WORLD_MISMATCH: { http: 409, title: 'The snapshot was taken with another synthetic world (--seed, --population, --enterprises) than this emulator runs.' },
} as const satisfies Catalog;

export const coreError = errorFactory(CORE_ERRORS);
