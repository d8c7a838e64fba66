import { enterprise, enterpriseCount, type World } from '../../../core/world/index.js';

export interface EnterpriseTypeRow {
  readonly id: string;
  readonly name: string;
}

// The world's type table (enterprises.ts TYPES) is not exported, so the catalogue reads the
// ENTERPRISE_TYPE_ID/NAME pairs off the enterprises themselves: the catalogue then holds exactly the values
// the business-registration answers carry. The rarest type weighs 1 %: 2 000 enterprises miss it with
// probability 0.99^2000 ≈ 2e-9. ~0.15 s once per world.
const SAMPLE = 2000;
const cache = new WeakMap<World, readonly EnterpriseTypeRow[]>();

export function enterpriseTypes(world: World): readonly EnterpriseTypeRow[] {
  let rows = cache.get(world);
  if (rows) return rows;
  const seen = new Map<string, string>();
  const n = Math.min(SAMPLE, enterpriseCount(world));
  for (let i = 0; i < n; i++) {
    const m = enterprise(world, i).MainInformation;
    if (!seen.has(m.ENTERPRISE_TYPE_ID)) seen.set(m.ENTERPRISE_TYPE_ID, m.ENTERPRISE_TYPE_NAME);
  }
  rows = Object.freeze([...seen].sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b)).map(([id, name]) => Object.freeze({ id, name })));
  cache.set(world, rows);
  return rows;
}
