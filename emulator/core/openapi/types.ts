/**
 * The vocabulary of the operation catalog (operations-*.ts): one entry per fastify route and method,
 * written once, turned into OpenAPI 3.1 by document.ts. A schema is either the `$id` of a file under
 * schemas/ (loaded by the single Ajv, emitted as a component) or a small inline JSON Schema for a shape
 * that has no file of its own (a path parameter, a wire envelope we only read through a codec).
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const DOCUMENTED_METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type JsonSchema = Record<string, unknown>;
/** `lienthong:<area>/<name>` (a file under schemas/) or an inline schema. */
export type SchemaRef = `lienthong:${string}` | JsonSchema;

export interface Content {
  /** Media types; several when the operation reads or writes more than one. */
  type: string | readonly string[];
  schema?: SchemaRef;
}

export interface Reply extends Partial<Content> {
  description: string;
}

export interface Param {
  description: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OperationDoc {
  /** The fastify route exactly as registered, prefix included (`/vdxp/sendEdoc`, `/ndxp/*`). */
  route: string;
  methods: readonly Method[];
  /** OpenAPI path when it is not the route (wildcard routes are documented by their concrete paths). */
  path?: string;
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters are read from `{name}` in the path; these describe them. */
  params?: Record<string, string>;
  query?: Record<string, Param | string>;
  headers?: Record<string, Param | string>;
  body?: Content & { description?: string; required?: boolean };
  replies: Record<string, Reply>;
  security?: readonly string[];
}

/** A method a wildcard route accepts although no endpoint behind it serves it: listed, with the reason. */
export interface UnservedMethods {
  route: string;
  methods: readonly Method[];
  reason: string;
}

export interface TagDoc {
  name: string;
  description: string;
}
