/**
 * The shared category service (dịch vụ danh mục dùng chung, `/ndxp/dmdc`, specs/dvcqg-ndxp.md §B1, §B5):
 * the national catalogues behind the NDXP gateway — `GET /AllCategory`, `GET /Metadata/<code>`,
 * `GET|POST /Category/<code>` — with rows from the shared world, so the codes are those the population and
 * business-registration answers carry. Decisions: docs/decisions/013-category-service.md.
 */
import type { EmulatorContext } from '../../../core/context.js';
import type { NdxpPart } from '../upstream.js';
import { categoryApi } from './api.js';
import { registerCategoryControl } from './control.js';
import { CategoryService } from './service.js';
import { categoryMigrations, clearCategoryRows } from './store.js';

const LIMITATIONS = [
  'dmdc: 11 catalogues are served, not the ~30 of the Quảng Bình LGSP guide (S4): no postal codes, education levels, salary scales, Party titles, document types or urgency levels (no real data for them in the world).',
  'dmdc: districts (donvihanhchinhcap2) and wards (donvihanhchinhcap3) are the world\'s FICTIONAL geography: GSO-shaped codes and parent links, invented names, 4-9 districts per province and 3-8 wards per district (the real country has ~700 and ~10 600); provinces are the real 63 before the 2025 merger.',
  'dmdc: property codes other than those of qlvanbandieuhanhcap1 (S4 word for word) are ours: S4 shows no other metadata; matongiao codes and loaihinhdoanhnghiep ids are the world\'s own assumptions; maquocgia is a 20-country extract of ISO 3166-1.',
  'dmdc: AllCategory items carry the five fields one NGSP client reads (CategoryCode, CategoryName, TotalItem, TotalPage, UrlGetList); the real list may carry more. Pages hold 1000 rows (?page=N); the real page size is unknown.',
  'dmdc: HTTP statuses of refusals (400/404/409/413/415) and ErrorCode/Field/Rule/Errors are ours; S4 shows only the bodies {MSG:"Done",Count} and {MSG:"Data not insert: … is duplicate",Count:0}.',
  'dmdc: rows can only be added (S4 documents no update or delete); built-in rows never change; added rows are cleared by /_lienthong/reset.',
];

const services = new WeakMap<EmulatorContext, CategoryService>();
function serviceFor(ctx: EmulatorContext): CategoryService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new CategoryService(ctx)));
  return s;
}

export const categoriesPart: NdxpPart = {
  name: 'categories',
  migrations: categoryMigrations,
  limitations: LIMITATIONS,
  apis: (ctx) => [categoryApi(ctx, serviceFor(ctx))],
  registerControl: (app, ctx) => registerCategoryControl(app, serviceFor(ctx)),
  clear: async (ctx) => clearCategoryRows(serviceFor(ctx).db),
};

export { CATEGORY_ERRORS } from './errors.js';
export { CATALOGUES } from './catalogues.js';
export { DMDC_CONTEXT, DMDC_PROVIDER, DMDC_VERSION } from './api.js';
