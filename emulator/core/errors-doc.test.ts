import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGS, ERRORS_DOC_PATH, renderErrorsDoc } from './errors-doc.js';

describe('docs/errors.md', () => {
  it('is up to date with the catalogs (run `npm run docs:errors` after changing one)', () => {
    expect(readFileSync(ERRORS_DOC_PATH, 'utf8')).toBe(renderErrorsDoc());
  });

  it('uses stable SCREAMING_SNAKE codes, real HTTP statuses and wire codes of the dialect\'s form', () => {
    for (const { catalog, wireForm } of CATALOGS) {
      for (const [code, spec] of Object.entries(catalog)) {
        expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(spec.http).toBeGreaterThanOrEqual(200);
        expect(spec.http).toBeLessThan(600);
        if (spec.wire !== undefined) expect(spec.wire, code).toMatch(wireForm);
      }
    }
  });
});
