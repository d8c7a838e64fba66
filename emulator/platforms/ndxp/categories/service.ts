/**
 * The category service's rules, without HTTP: the catalogue list, metadata, rows with filters and pages,
 * and adding rows (validated, all-or-nothing, shared by every consumer).
 */
import type { EmulatorContext, ValidationMode } from '../../../core/context.js';
import { EmulatorError } from '../../../core/errors.js';
import type { Verdict } from '../../../core/evidence.js';
import type { Caller } from '../upstream.js';
import { CATALOGUES, builtinRows, catalogueByCode, suggestCatalogue, type Catalogue, type Row } from './catalogues.js';
import { categoryError } from './errors.js';
import { addedCounts, addedRows, existingKeys, type CategoryDb, type CategoryTables } from './store.js';
import { checkRows, rowsOf, type RowIssue } from './validate.js';

/** Rows per page of GET /Category/<code>?page=N, and so AllCategory's TotalPage (ours: S1 only shows paging exists). */
export const PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 5000;

/** One AllCategory item: the fields the S1-era NGSP client reads (CategoryCode, CategoryName, TotalItem, TotalPage, UrlGetList). */
export interface CategoryListItem {
  CategoryCode: string;
  CategoryName: string;
  TotalItem: number;
  TotalPage: number;
  UrlGetList: string;
}

export interface MetadataItem {
  PropertyCode: string;
  PropertyName: string;
  PropertyType: string;
}

export class CategoryService {
  readonly db: CategoryDb;

  constructor(readonly ctx: EmulatorContext) {
    this.db = ctx.store.db<CategoryTables>();
  }

  /** The catalogue, or NDXP_DMDC_CATEGORY_NOT_FOUND naming the code (with the S4 spelling when it is a near miss). */
  catalogue(code: string): Catalogue {
    const c = catalogueByCode(code);
    if (c) return c;
    const hint = suggestCatalogue(code);
    throw categoryError(
      'NDXP_DMDC_CATEGORY_NOT_FOUND',
      code === ''
        ? 'Category code is missing: call /Category/<code> or /Metadata/<code> (see /AllCategory)'
        : `Category "${code}" not found${hint ? `; did you mean "${hint}"?` : ''} (GET /AllCategory lists the ${CATALOGUES.length} catalogues served)`,
      { field: 'CategoryCode', rule: 'a code listed by /AllCategory', ...(hint ? { suggestion: hint } : {}) },
    );
  }

  async list(urlBase: string): Promise<CategoryListItem[]> {
    const counts = await addedCounts(this.db);
    return CATALOGUES.map((c) => {
      const total = builtinRows(c, this.ctx.world).rows.length + (counts.get(c.code) ?? 0);
      return { CategoryCode: c.code, CategoryName: c.name, TotalItem: total, TotalPage: Math.max(1, Math.ceil(total / PAGE_SIZE)), UrlGetList: `${urlBase}/Category/${c.code}` };
    });
  }

  metadata(code: string): MetadataItem[] {
    return this.catalogue(code).properties.map((p) => ({ PropertyCode: p.code, PropertyName: p.name, PropertyType: p.type }));
  }

  /** Built-in rows, then added rows oldest first; filtered by `parent` and PropertyCode=value, then paged. */
  async rows(code: string, query: URLSearchParams, mode: ValidationMode, verdicts: Verdict[]): Promise<Row[]> {
    const c = this.catalogue(code);
    const filters = new Map<string, Set<string>>();
    let page: number | null = null;
    let pageSize = PAGE_SIZE;
    const positive = (name: string, max: number): number => {
      const raw = query.get(name) ?? '';
      const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= 1 && n <= max)) {
        throw categoryError('NDXP_DMDC_QUERY_INVALID', `${name} must be a whole number from 1 to ${max}, got "${raw}"`, { field: name, rule: `integer 1..${max}` });
      }
      return n;
    };
    for (const name of new Set(query.keys())) {
      if (name === 'page') page = positive('page', 1_000_000);
      else if (name === 'pageSize') pageSize = positive('pageSize', MAX_PAGE_SIZE);
      else if (name === 'parent') {
        if (!c.parent) {
          throw categoryError('NDXP_DMDC_QUERY_INVALID', `parent filters the administrative levels 2 and 3; ${c.code} has no parent level (filter by a PropertyCode instead, e.g. ?${c.key}=…)`, { field: 'parent', rule: 'donvihanhchinhcap2 or donvihanhchinhcap3 only' });
        }
        filters.set(c.parent.property, new Set([...(filters.get(c.parent.property) ?? []), ...query.getAll('parent')]));
      } else if (c.properties.some((p) => p.code === name)) {
        filters.set(name, new Set([...(filters.get(name) ?? []), ...query.getAll(name)]));
      } else {
        const message = `query parameter ${name} is not known: use page, pageSize${c.parent ? ', parent' : ''} or a PropertyCode of ${c.code} (${c.properties.map((p) => p.code).join(', ')})`;
        if (mode === 'strict') throw categoryError('NDXP_DMDC_QUERY_INVALID', message, { field: name, rule: 'page, pageSize, parent or a PropertyCode' });
        verdicts.push({ code: 'NDXP_DMDC_QUERY_IGNORED', severity: 'warning', field: name, message: `${message}; ignored` });
      }
    }
    if (page === null && query.has('pageSize')) page = 1;
    const all = [...builtinRows(c, this.ctx.world).rows, ...(await addedRows(this.db, c.code)).map((a) => a.row)];
    const kept = filters.size === 0 ? all : all.filter((r) => [...filters].every(([k, values]) => values.has(r[k] ?? '')));
    return page === null ? kept : kept.slice((page - 1) * pageSize, page * pageSize);
  }

  /**
   * Adds rows: validated against the metadata, then keys checked against the built-in and stored rows and
   * within the request, parents checked; any fault refuses the whole POST (nothing stored).
   */
  async add(code: string, body: unknown, caller: Caller, mode: ValidationMode, verdicts: Verdict[]): Promise<number> {
    const c = this.catalogue(code);
    const input = rowsOf(body, mode, verdicts);
    if (input.length === 0) {
      verdicts.push({ code: 'NDXP_DMDC_EMPTY_POST', severity: 'warning', message: 'the array holds no row; nothing added (strict mode refuses this)' });
      return 0;
    }
    const { rows, issues } = checkRows(c, input, mode, verdicts);
    const builtin = builtinRows(c, this.ctx.world).keys;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const keys = rows.map((r) => r[c.key]).filter((k): k is string => typeof k === 'string' && k !== '');
        const stored = await existingKeys(trx, c.code, keys);
        const firstAt = new Map<string, number>();
        rows.forEach((r, i) => {
          const key = r[c.key];
          if (typeof key !== 'string' || key === '' || issues.some((x) => x.record === i + 1 && x.field === c.key)) return;
          const where = builtin.has(key) ? 'a built-in row of the national catalogue, which cannot be changed' : stored.has(key) ? 'a row already added to the catalogue' : firstAt.has(key) ? `record ${firstAt.get(key)} of this request` : null;
          if (where) issues.push(duplicate(c, i + 1, key, where));
          else firstAt.set(key, i + 1);
        });
        if (c.parent) await this.checkParents(trx, c, rows, issues);
        if (issues.length > 0) throw refusal(issues);
        const addedAt = this.ctx.clock.now().toISOString();
        for (let i = 0; i < rows.length; i += 200) {
          await trx
            .insertInto('ndxp_category_rows')
            .values(rows.slice(i, i + 200).map((r) => ({ category: c.code, row_key: r[c.key] as string, data: JSON.stringify(r), client_id: caller.clientId, agency: caller.agency, added_at: addedAt })))
            .execute();
        }
        return rows.length;
      });
    } catch (err) {
      // Two POSTs racing for one key: the unique index refuses the second; answer as a duplicate.
      if (!(err instanceof EmulatorError) && /UNIQUE/i.test(String((err as Error)?.message))) {
        throw refusal([{ record: 1, code: 'NDXP_DMDC_DUPLICATE', field: c.key, rule: 'unique key', message: `Record 1: a row with one of these ${c.key} values was added concurrently; nothing stored` }]);
      }
      throw err;
    }
  }

  private async checkParents(db: CategoryDb, c: Catalogue, rows: Row[], issues: RowIssue[]): Promise<void> {
    const { property, catalogue } = c.parent!;
    const parent = catalogueByCode(catalogue)!;
    const wanted = [...new Set(rows.map((r) => r[property]).filter((v): v is string => typeof v === 'string' && v !== ''))];
    const builtin = builtinRows(parent, this.ctx.world).keys;
    const stored = await existingKeys(db, parent.code, wanted.filter((k) => !builtin.has(k)));
    rows.forEach((r, i) => {
      const v = r[property];
      if (typeof v !== 'string' || v === '' || builtin.has(v) || stored.has(v)) return;
      if (issues.some((x) => x.record === i + 1 && x.field === property)) return;
      issues.push({
        record: i + 1,
        code: 'NDXP_DMDC_PARENT_UNKNOWN',
        field: property,
        rule: `a ${parent.key} of ${parent.code}`,
        message: `Record ${i + 1}: ${property} "${v}" is not in ${parent.code}; add the parent unit there first`,
      });
    });
  }
}

function duplicate(c: Catalogue, record: number, key: string, where: string): RowIssue {
  return { record, code: 'NDXP_DMDC_DUPLICATE', field: c.key, rule: 'unique key', value: key, message: `Record ${record}: ${c.key} "${key}" is ${where}` };
}

/**
 * The refusal of a POST: MSG in S4's words for the first fault — for a duplicate exactly S4's
 * `Data not insert: Record 1: MaDinhDanhCap1 "000.00.00.H30 is duplicate` (sic: S4 opens the quote and
 * never closes it) — and every fault in `issues`.
 */
function refusal(issues: RowIssue[]): EmulatorError {
  issues.sort((a, b) => a.record - b.record);
  const first = issues[0]!;
  const msg = first.value !== undefined ? `Data not insert: Record ${first.record}: ${first.field} "${first.value} is duplicate` : `Data not insert: ${first.message}`;
  return categoryError(first.code, msg, { field: first.field, rule: first.rule, record: first.record, issues });
}
