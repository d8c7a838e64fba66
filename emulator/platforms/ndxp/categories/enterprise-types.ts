import { ENTERPRISE_TYPES } from '../../../core/world/index.js';

export interface EnterpriseTypeRow {
  readonly id: string;
  readonly name: string;
}

// The world's own type table (enterprises.ts ENTERPRISE_TYPES): the catalogue holds exactly the
// ENTERPRISE_TYPE_ID/NAME pairs the business-registration answers carry, whatever the world's seed or size.
const ROWS: readonly EnterpriseTypeRow[] = Object.freeze(
  [...ENTERPRISE_TYPES]
    .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id))
    .map((t) => Object.freeze({ id: t.id, name: t.name })),
);

export function enterpriseTypes(): readonly EnterpriseTypeRow[] {
  return ROWS;
}
