/** Building blocks the operation catalogs share: media types and the replies every dialect repeats. */
import type { Content, JsonSchema, Reply, SchemaRef } from './types.js';

export const JSON_TYPE = 'application/json';
export const HTML_TYPE = 'text/html';
export const FORM_TYPE = 'application/x-www-form-urlencoded';

export const json = (description: string, schema?: SchemaRef): Reply => ({ description, type: JSON_TYPE, ...(schema ? { schema } : {}) });
export const html = (description: string): Reply => ({ description, type: HTML_TYPE, schema: { type: 'string' } });
export const jsonBody = (schema: SchemaRef, description?: string): Content & { description?: string } => ({ type: JSON_TYPE, schema, ...(description ? { description } : {}) });

/** An object with free-form members: replies of the control plane that have no schema file. */
export const object = (description: string, properties: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  description,
  properties,
});
export const list = (key: string, description: string): JsonSchema => object(description, { [key]: { type: 'array', items: { type: 'object' } } });

/** `{"error":{"code","message","field","rule"}}`, the control plane's refusal. */
export const coreError = (description: string): Reply => json(description, 'lienthong:common/error');
export const badRequest = coreError('the body or a parameter breaks a rule: BAD_REQUEST naming the field and the rule');
export const notFound = coreError('no such resource: NOT_FOUND');
export const conflict = coreError('it already exists: CONFLICT');
