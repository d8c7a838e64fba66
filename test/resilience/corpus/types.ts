/**
 * The shape of one generated bad-input case: the request to inject, how to read the platform's error code
 * from the reply (its dialect), and the codes that would be a correct, specific refusal.
 */
export type Dialect =
  /** VDXP `{status:"FAIL", ErrorCode, code}`. */
  | 'vdxp'
  /** DVCQG integration API `{error_code, code}`. */
  | 'dvcqg'
  /** DVCQG payment platform `{MaLoi, code}`. */
  | 'pay-pp'
  /** PayGov `{error_code:"INVALID_…", code}`. */
  | 'pay-paygov'
  /** NDXP token endpoint, RFC 6749 `{error, lienthong:{code}}`. */
  | 'ndxp-oauth'
  /** NDXP gateway, WSO2 `{fault:{code}, lienthong:{code}}` (or `<ams:fault>`). */
  | 'ndxp-gateway'
  /** Population SOAP 1.1 Fault, HTTP 500, `<detail><dan:code>`. */
  | 'soap'
  /** Business registration `{Status:"0", ErrorCode}`. */
  | 'dkdn'
  /** Category service `{MSG, ErrorCode}`. */
  | 'dmdc';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';

export interface BadRequest {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: Buffer;
}

export interface BadCase {
  /** Stable, unique: `<surface>.<family>#<n>`. */
  id: string;
  /** Wire surface: vdxp-edxml, vdxp-status, vdxp-headers, vdxp-signature, dvcqg-json, dvcqg-payment, ndxp-token, ndxp-gateway, ndxp-soap. */
  surface: string;
  /** What kind of bad input (truncated, xxe, invalid-utf8, …): the report groups by it. */
  family: string;
  dialect: Dialect;
  request: BadRequest;
  /** Codes that are a correct refusal of this input; the first is the one the input was built to provoke. */
  expect: readonly string[];
}

/** Collects the cases of one surface, numbering them per family. */
export class CaseList {
  readonly cases: BadCase[] = [];
  private readonly seq = new Map<string, number>();
  constructor(
    readonly surface: string,
    readonly dialect: Dialect,
  ) {}

  add(family: string, request: BadRequest, expect: readonly string[], dialect: Dialect = this.dialect): void {
    const n = (this.seq.get(family) ?? 0) + 1;
    this.seq.set(family, n);
    this.cases.push({ id: `${this.surface}.${family}#${n}`, surface: this.surface, family, dialect, request, expect });
  }
}
