import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describeSchemaErrors, validatorFor } from '../../emulator/core/schemas.js';
import type { Requirement, Scenario } from './types.js';

export const REQUIREMENTS_FILE = fileURLToPath(new URL('../requirements.yaml', import.meta.url));

export interface Catalog {
  version: string;
  requirements: Map<string, Requirement>;
}

/** Reads and validates scenarios/requirements.yaml (schema lienthong:harness/requirements). */
export function loadRequirements(file = REQUIREMENTS_FILE): Catalog {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  const validate = validatorFor<{ version: string; requirements: Requirement[] }>('lienthong:harness/requirements');
  if (!validate(doc)) {
    const problems = describeSchemaErrors(validate.errors).map((p) => `${p.field}: ${p.message}`);
    throw new Error(`${file} is not a valid requirement catalog: ${problems.join('; ')}`);
  }
  const requirements = new Map<string, Requirement>();
  for (const r of doc.requirements) {
    if (requirements.has(r.id)) throw new Error(`${file}: requirement ${r.id} is listed twice`);
    requirements.set(r.id, r);
  }
  return { version: doc.version, requirements };
}

/**
 * What is wrong between the catalog and the scenarios: a scenario naming an unknown requirement, or a MUST
 * requirement that no scenario proves. Empty when all is well.
 */
export function catalogProblems(catalog: Catalog, scenarios: readonly Scenario[]): string[] {
  const problems: string[] = [];
  const proven = new Set<string>();
  for (const s of scenarios) {
    for (const id of s.requirements) {
      if (!catalog.requirements.has(id)) problems.push(`scenario ${s.id} names unknown requirement ${id}`);
      proven.add(id);
    }
  }
  for (const r of catalog.requirements.values()) {
    if (r.level === 'MUST' && !proven.has(r.id)) problems.push(`MUST requirement ${r.id} has no scenario`);
  }
  return problems;
}
