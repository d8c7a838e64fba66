import type { FastifyInstance } from 'fastify';
import { CATALOGUES, builtinRows } from './catalogues.js';
import type { CategoryService } from './service.js';
import { addedCounts, addedRows } from './store.js';

/**
 * `/_lienthong/ndxp/categories`: what each catalogue holds (built-in vs added) and who added which row
 * (the wire API returns rows only, as the real service does).
 */
export function registerCategoryControl(app: FastifyInstance, svc: CategoryService): void {
  app.get('/_lienthong/ndxp/categories', async () => {
    const counts = await addedCounts(svc.db);
    return {
      categories: CATALOGUES.map((c) => ({
        code: c.code,
        name: c.name,
        key: c.key,
        ...(c.parent ? { parent: c.parent } : {}),
        builtin: builtinRows(c, svc.ctx.world).rows.length,
        added: counts.get(c.code) ?? 0,
        source: c.source,
      })),
    };
  });
  app.get<{ Params: { code: string } }>('/_lienthong/ndxp/categories/:code/added', async (request) => {
    const c = svc.catalogue(request.params.code);
    return { category: c.code, rows: await addedRows(svc.db, c.code) };
  });
}
