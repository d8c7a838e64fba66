import { LEVEL1 } from '../../core/world/agencies.js';
import { buildCatalogue, queryProcedures, renderCoQuan, renderDvc, renderLinhVuc, renderThuTuc, renderTthcListItem, type Catalogue, type Procedure } from './catalogue/index.js';
import { dvcqgError } from './errors.js';

/** The catalogue's agencies: the verified level-1 bodies (ministries G…, provinces H…) in QCVN 102 form. */
function catalogueAgencies() {
  return LEVEL1.map(([code, name]) => ({ code: `000.00.00.${code}`, name, level: code.startsWith('G') ? ('ministry' as const) : ('province' as const) }));
}

/** What the integration services read from the national procedure catalogue (§A7). */
export class CatalogueView {
  readonly data: Catalogue;

  constructor(seed: number) {
    this.data = buildCatalogue(seed, catalogueAgencies());
  }

  procedure(code: string): Procedure | undefined {
    return this.data.procedure(code);
  }

  /** The facts the dossier validator checks a synced dossier against. */
  forValidation(code: string): { code: string; name: string; fieldCode: string } | undefined {
    const p = this.data.procedure(code);
    return p ? { code: p.code, name: p.name, fieldCode: p.fields[0]?.code ?? '' } : undefined;
  }

  thuTuc(code: string) {
    const p = this.data.procedure(code);
    if (!p) throw dvcqgError('DVCQG_PROCEDURE_UNKNOWN', `maTTHC "${code}" is not a procedure of the national catalogue (LayDanhSachTTHC lists them)`, { field: 'maTTHC', rule: 'in the national catalogue' });
    return renderThuTuc(p);
  }

  list(q: { agency?: string; field?: string; keyword?: string; page: number; pageSize: number }) {
    const out = queryProcedures(this.data, q);
    return { total: out.total, items: out.items.map(renderTthcListItem) };
  }

  services(q: { agency?: string; code?: string; page: number; pageSize: number }) {
    if (q.code !== undefined) {
      const p = this.data.procedure(q.code);
      if (!p) throw dvcqgError('DVCQG_PROCEDURE_UNKNOWN', `maTTHC "${q.code}" is not a procedure of the national catalogue`, { field: 'maTTHC', rule: 'in the national catalogue' });
      return { total: 1, items: [renderDvc(p, this.data, q.agency)] };
    }
    const out = queryProcedures(this.data, { agency: q.agency, online: true, page: q.page, pageSize: q.pageSize });
    return { total: out.total, items: out.items.map((p) => renderDvc(p, this.data, q.agency)) };
  }

  agencies() {
    return this.data.agencies.map(renderCoQuan);
  }

  fields() {
    return this.data.fields.map(renderLinhVuc);
  }
}
