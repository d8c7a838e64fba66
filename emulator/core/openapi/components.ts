/**
 * The schemas under schemas/ as OpenAPI components, taken from the single Ajv registry (no second copy):
 * `lienthong:vdxp/reply` becomes `#/components/schemas/vdxp.reply`. Each component loses its `$id`, so every
 * `$ref` (by `$id` or local `#/$defs/…`) is rewritten to a pointer inside the document: tools that do not
 * resolve `$id`s (most of them) and those that do read the same thing.
 */
import { schemaRegistry } from '../schemas.js';
import type { JsonSchema, SchemaRef } from './types.js';

export const COMPONENTS_PREFIX = '#/components/schemas/';

/** `lienthong:vdxp/reply` → `vdxp.reply` (component names allow letters, digits, `.`, `-`, `_`). */
export function componentName(id: string): string {
  return id.replace(/^lienthong:/, '').replace(/\//g, '.').replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Values that are data, not schemas: a `$ref` member inside them is not a reference. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'examples', 'default', 'example']);

function rewriteRef(ref: string, base: string | undefined): string {
  const [target, fragment = ''] = ref.split('#', 2) as [string, string?];
  if (target === '') {
    if (!base) return ref; // a local pointer in an inline schema stays as written
    return `${COMPONENTS_PREFIX}${componentName(base)}${fragment}`;
  }
  if (target.startsWith('lienthong:')) return `${COMPONENTS_PREFIX}${componentName(target)}${fragment}`;
  return ref;
}

function rewrite(value: unknown, base: string | undefined, found: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, base, found));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === '$ref' && typeof v === 'string') {
      const target = v.split('#', 1)[0]!;
      if (target.startsWith('lienthong:')) found.add(target);
      else if (target === '' && base) found.add(base);
      out.$ref = rewriteRef(v, base);
    } else out[key] = DATA_KEYWORDS.has(key) ? v : rewrite(v, base, found);
  }
  return out;
}

/** The schema as loaded (not compiled: the document needs its source, and compiling is the validators' job). */
export function loadedSchema(id: string): JsonSchema {
  const env = schemaRegistry().schemas[id];
  if (!env || typeof env.schema !== 'object') throw new Error(`no schema with $id ${id} under schemas/ (referenced by the OpenAPI catalog)`);
  return env.schema as JsonSchema;
}

/**
 * Collects components while operations are turned into OpenAPI: `use` returns the schema object to put in
 * the document (a `$ref` for a schema file, the rewritten inline schema otherwise) and remembers every schema
 * file reached, transitively.
 */
export class Components {
  private readonly schemas = new Map<string, JsonSchema>();

  use(ref: SchemaRef): JsonSchema {
    if (typeof ref === 'string') {
      this.add(ref);
      return { $ref: `${COMPONENTS_PREFIX}${componentName(ref)}` };
    }
    const found = new Set<string>();
    const schema = rewrite(ref, undefined, found) as JsonSchema;
    for (const id of found) this.add(id);
    return schema;
  }

  private add(id: string): void {
    if (this.schemas.has(id)) return;
    const source = loadedSchema(id);
    const found = new Set<string>();
    const schema = rewrite(source, id, found) as JsonSchema;
    const comment = typeof source.$comment === 'string' ? source.$comment : undefined;
    this.schemas.set(id, { title: id, ...(comment && schema.description === undefined ? { description: comment } : {}), ...schema });
    for (const next of found) this.add(next);
  }

  /** `components.schemas`, sorted by name so the document is stable. */
  toObject(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas].map(([id, s]) => [componentName(id), s] as const).sort(([a], [b]) => a.localeCompare(b)));
  }
}
