/**
 * The `/dmdc` API behind the gateway (§B1): resources `AllCategory`, `Metadata/<code>`, `Category/<code>`
 * (GET, POST), answered as JSON in the service's own dialect: success bodies are bare arrays or
 * `{MSG:"Done", Count}` (S4); refusals keep `MSG` (and `Count:0` on POST) and add `ErrorCode`, `Field`,
 * `Rule`, and for rows `Errors[]`.
 */
import type { EmulatorContext } from '../../../core/context.js';
import { EmulatorError } from '../../../core/errors.js';
import type { Verdict } from '../../../core/evidence.js';
import { ndxpError } from '../errors.js';
import type { BuiltinApi, UpstreamRequest, UpstreamResponse } from '../upstream.js';
import { CATEGORY_ERRORS, categoryError } from './errors.js';
import { CategoryService } from './service.js';
import type { RowIssue } from './validate.js';

export const DMDC_CONTEXT = 'dmdc';
export const DMDC_VERSION = '1.0';
/**
 * Bộ Khoa học và Công nghệ (G06): NGSP and the national shared-category system were run by the Ministry of
 * Information and Communications, merged into the Ministry of Science and Technology on 1 March 2025 [M];
 * LEVEL1 (agencies.ts) carries G06 under its current name and no separate MIC code.
 */
export const DMDC_PROVIDER = '000.00.00.G06';

const JSON_TYPE = 'application/json; charset=utf-8';

function header(req: UpstreamRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Absolute base of UrlGetList, as NGSP hands out absolute URLs the client fetches as they are (S1 client). */
function urlBase(req: UpstreamRequest): string {
  const host = header(req, 'x-forwarded-host') ?? header(req, 'host');
  const proto = (header(req, 'x-forwarded-proto') ?? 'http').split(',')[0]!.trim();
  return `${host ? `${proto}://${host}` : ''}/ndxp/${DMDC_CONTEXT}/${DMDC_VERSION}`;
}

function json(status: number, body: unknown, operation: string, verdicts: Verdict[]): UpstreamResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body), operation, verdicts };
}

function parseJsonBody(req: UpstreamRequest, strict: boolean): unknown {
  const type = header(req, 'content-type') ?? '';
  if (strict && !/json/i.test(type)) {
    throw categoryError('NDXP_DMDC_CONTENT_TYPE', `Data not insert: the body must be sent as Content-Type: application/json (got ${type || 'none'})`, { field: 'Content-Type', rule: 'application/json' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(req.body).replace(/^\uFEFF/, '');
  } catch {
    throw categoryError('NDXP_DMDC_BODY_NOT_JSON', 'Data not insert: the body is not UTF-8 text', { field: 'body', rule: 'UTF-8 JSON' });
  }
  if (text.trim() === '') throw categoryError('NDXP_DMDC_BODY_NOT_JSON', 'Data not insert: the body is empty; send a JSON array of rows', { field: 'body', rule: 'JSON array of rows' });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw categoryError('NDXP_DMDC_BODY_NOT_JSON', `Data not insert: the body is not valid JSON (${(e as Error).message})`, { field: 'body', rule: 'JSON array of rows' });
  }
}

function refusal(e: EmulatorError, post: boolean, operation: string, verdicts: Verdict[]): UpstreamResponse {
  const field = typeof e.details.field === 'string' ? e.details.field : undefined;
  const rule = typeof e.details.rule === 'string' ? e.details.rule : undefined;
  const issues = e.details.issues as RowIssue[] | undefined;
  verdicts.push({ code: e.code, severity: 'error', message: e.message, ...(field ? { field } : {}) });
  for (const i of issues?.slice(1) ?? []) verdicts.push({ code: i.code, severity: 'error', message: i.message, field: i.field });
  return json(
    e.httpStatus,
    {
      MSG: e.message,
      ...(post ? { Count: 0 } : {}),
      ErrorCode: e.code,
      ...(field ? { Field: field } : {}),
      ...(rule ? { Rule: rule } : {}),
      ...(issues ? { Errors: issues.map((i) => ({ Record: i.record, ErrorCode: i.code, Field: i.field, Rule: i.rule, Message: i.message })) } : {}),
    },
    operation,
    verdicts,
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

async function serve(svc: CategoryService, req: UpstreamRequest): Promise<UpstreamResponse> {
  const verdicts: Verdict[] = [];
  const [res = '', cat, extra] = req.resource.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const known = (res === 'AllCategory' && cat === undefined && method === 'GET') || ((res === 'Metadata' || res === 'Category') && extra === undefined && (method === 'GET' || (res === 'Category' && method === 'POST')));
  if (!known) {
    // WSO2 answers a path or method outside the API definition itself (900906), before any upstream.
    throw ndxpError('NDXP_RESOURCE_NOT_FOUND', `No matching resource found in the API for the given request: ${req.method} /${DMDC_CONTEXT}/${DMDC_VERSION}${req.resource} (resources: GET /AllCategory, GET /Metadata/<code>, GET|POST /Category/<code>)`, { field: 'path', rule: 'GET /AllCategory, GET /Metadata/<code>, GET|POST /Category/<code>' });
  }
  const code = safeDecode(cat ?? '');
  const post = method === 'POST';
  const operation = res === 'AllCategory' ? 'AllCategory' : `${res}/${code}${post ? ' (add)' : ''}`;
  try {
    if (res === 'AllCategory') return json(200, await svc.list(urlBase(req)), operation, verdicts);
    if (res === 'Metadata') return json(200, svc.metadata(code), operation, verdicts);
    if (!post) return json(200, await svc.rows(code, req.query, svc.ctx.mode, verdicts), operation, verdicts);
    svc.catalogue(code); // an unknown catalogue is named before the body is judged
    const body = parseJsonBody(req, svc.ctx.mode === 'strict');
    const count = await svc.add(code, body, req.caller, svc.ctx.mode, verdicts);
    return json(200, { MSG: 'Done', Count: count }, operation, verdicts);
  } catch (err) {
    if (err instanceof EmulatorError && err.code in CATEGORY_ERRORS) return refusal(err, post, operation, verdicts);
    const e = categoryError('NDXP_DMDC_INTERNAL', 'unexpected failure inside the category service; rows already stored are kept');
    return refusal(e, post, operation, verdicts);
  }
}

export function categoryApi(ctx: EmulatorContext, svc: CategoryService = new CategoryService(ctx)): BuiltinApi {
  return {
    context: DMDC_CONTEXT,
    version: DMDC_VERSION,
    defaultVersion: true,
    provider: DMDC_PROVIDER,
    name: 'Dịch vụ danh mục dùng chung',
    description: 'Shared national catalogues (danh mục dùng chung): administrative units, ethnic groups, religions, sex, blood groups, marital status, countries, enterprise types, level-1 agency codes. GET /AllCategory, GET /Metadata/<code>, GET|POST /Category/<code>.',
    handle: (req) => serve(svc, req),
  };
}
