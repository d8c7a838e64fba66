import type { FastifyInstance } from 'fastify';
import { dvcqgError } from './errors.js';
import { isGroupId, parseEvaluationRequest, renderEvaluation, renderIndex } from './kpi/index.js';
import { KpiService } from './kpi-service.js';
import type { DvcqgService } from './service.js';

/**
 * The public reporting API of the QĐ 766 index (§A11 [C]: `POST /api/v1/reporting/evaluation/<API id>` with
 * `{timeType, year, rootDepartmentId, currentPage, pageSize}`), computed from what the agencies synced.
 * Without an API id: every group of each agency (our addition, for testers).
 */
export function registerKpiRoutes(app: FastifyInstance, svc: DvcqgService): void {
  const kpi = new KpiService(svc);
  const parse = (body: unknown) => {
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
    let value: unknown = {};
    try {
      value = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw dvcqgError('DVCQG_BAD_JSON', 'the body is not valid JSON', { field: 'body', rule: 'JSON object' });
    }
    const parsed = parseEvaluationRequest(value);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw dvcqgError('DVCQG_REPORT_BAD_REQUEST', parsed.errors.map((e) => e.message).join('; '), { field: first?.field, rule: first?.rule, problems: parsed.errors });
    }
    return parsed;
  };

  app.post<{ Params: { apiId: string } }>('/api/v1/reporting/evaluation/:apiId', async (request) => {
    request.exchange = { platform: 'dvcqg', operation: `reporting.${request.params.apiId}`, verdicts: [] };
    const { apiId } = request.params;
    if (!isGroupId(apiId)) throw dvcqgError('DVCQG_REPORT_UNKNOWN_INDEX', `"${apiId}" is not a QĐ 766 evaluation group; use transparency, dvc-progress-tree, provide-online-tree, formality-online-payment-tree, handling-satisfaction or dossier-digitized`, { field: 'apiId', rule: 'known group' });
    const q = parse(request.body);
    const results = await Promise.all((await kpi.agencies(q.rootDepartmentId)).map((a) => kpi.compute(a, q.period)));
    return renderEvaluation(apiId, results, q.page);
  });

  app.post('/api/v1/reporting/evaluation', async (request) => {
    request.exchange = { platform: 'dvcqg', operation: 'reporting.index', verdicts: [] };
    const q = parse(request.body);
    const results = await Promise.all((await kpi.agencies(q.rootDepartmentId)).map((a) => kpi.compute(a, q.period)));
    return { success: true, data: results.map((r) => renderIndex(r).data) };
  });
}
