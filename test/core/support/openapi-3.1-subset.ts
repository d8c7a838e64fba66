/**
 * A JSON Schema (2020-12) for the parts of OpenAPI 3.1 the emulator's document uses, written from the
 * OpenAPI 3.1.0 specification (no meta-schema package is installed). Unknown members are refused except
 * `x-` extensions, so a misspelt keyword fails instead of being ignored by every tool.
 */
export const OPENAPI_31_SUBSET = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.test/openapi-3.1-subset',
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: {
        title: { type: 'string' },
        version: { type: 'string' },
        summary: { type: 'string' },
        description: { type: 'string' },
        license: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, identifier: { type: 'string' }, url: { type: 'string' } }, additionalProperties: false },
      },
      additionalProperties: false,
    },
    jsonSchemaDialect: { type: 'string', format: 'uri' },
    servers: { type: 'array', items: { type: 'object', required: ['url'], properties: { url: { type: 'string' }, description: { type: 'string' } }, additionalProperties: false } },
    tags: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, description: { type: 'string' } }, additionalProperties: false } },
    paths: { type: 'object', propertyNames: { pattern: '^/' }, additionalProperties: { $ref: '#/$defs/pathItem' } },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', propertyNames: { pattern: '^[a-zA-Z0-9._-]+$' }, additionalProperties: { type: ['object', 'boolean'] } },
        securitySchemes: { type: 'object', propertyNames: { pattern: '^[a-zA-Z0-9._-]+$' }, additionalProperties: { $ref: '#/$defs/securityScheme' } },
      },
      additionalProperties: false,
    },
    externalDocs: { type: 'object', required: ['url'], properties: { url: { type: 'string' }, description: { type: 'string' } }, additionalProperties: false },
  },
  patternProperties: { '^x-': true },
  additionalProperties: false,
  $defs: {
    pathItem: {
      type: 'object',
      properties: Object.fromEntries(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].map((m) => [m, { $ref: '#/$defs/operation' }])),
      patternProperties: { '^x-': true },
      additionalProperties: false,
      minProperties: 1,
    },
    operation: {
      type: 'object',
      required: ['responses'],
      properties: {
        tags: { type: 'array', items: { type: 'string' } },
        summary: { type: 'string' },
        description: { type: 'string' },
        operationId: { type: 'string', pattern: '^[A-Za-z0-9_]+$' },
        parameters: { type: 'array', items: { $ref: '#/$defs/parameter' } },
        requestBody: { $ref: '#/$defs/requestBody' },
        responses: { $ref: '#/$defs/responses' },
        security: { type: 'array', items: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } },
      },
      patternProperties: { '^x-': true },
      additionalProperties: false,
    },
    parameter: {
      type: 'object',
      required: ['name', 'in', 'schema'],
      properties: {
        name: { type: 'string', minLength: 1 },
        in: { enum: ['query', 'header', 'path', 'cookie'] },
        description: { type: 'string' },
        required: { type: 'boolean' },
        schema: { type: ['object', 'boolean'] },
      },
      // OpenAPI 3.1 §4.8.12.1: a path parameter MUST be required.
      if: { properties: { in: { const: 'path' } } },
      then: { required: ['required'], properties: { required: { const: true } } },
      additionalProperties: false,
    },
    requestBody: {
      type: 'object',
      required: ['content'],
      properties: { description: { type: 'string' }, required: { type: 'boolean' }, content: { $ref: '#/$defs/content' } },
      additionalProperties: false,
    },
    content: {
      type: 'object',
      propertyNames: { pattern: '^[a-z]+/[a-z0-9.+*-]+$' },
      additionalProperties: { type: 'object', properties: { schema: { type: ['object', 'boolean'] } }, additionalProperties: false },
    },
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^([1-5]([0-9]{2}|XX)|default)$' },
      additionalProperties: {
        type: 'object',
        required: ['description'],
        properties: { description: { type: 'string' }, content: { $ref: '#/$defs/content' } },
        additionalProperties: false,
      },
    },
    securityScheme: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] },
        description: { type: 'string' },
        name: { type: 'string' },
        in: { enum: ['query', 'header', 'cookie'] },
        scheme: { type: 'string' },
        bearerFormat: { type: 'string' },
      },
      allOf: [
        { if: { properties: { type: { const: 'apiKey' } } }, then: { required: ['name', 'in'] } },
        { if: { properties: { type: { const: 'http' } } }, then: { required: ['scheme'] } },
      ],
      additionalProperties: false,
    },
  },
} as const;
