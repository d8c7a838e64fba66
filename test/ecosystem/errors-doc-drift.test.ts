/**
 * docs/errors.md is generated from the error catalogs and emulator/core/errors-doc.test.ts compares it with a
 * fresh rendering. These tests prove that comparison bites: a catalog changed without `npm run docs:errors`
 * renders differently from the file, and no catalog can be left out of the generator.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Catalog, ErrorSpec } from '../../emulator/core/errors.js';
import { CATALOGS, ERRORS_DOC_PATH, renderErrorsDoc } from '../../emulator/core/errors-doc.js';

const EMULATOR = fileURLToPath(new URL('../../emulator/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Runs `change` on a catalog, renders, and puts the catalog back exactly as it was. */
function renderedWith(catalog: Catalog, change: (c: Record<string, ErrorSpec>) => void): string {
  const live = catalog as Record<string, ErrorSpec>;
  const saved = Object.entries(live).map(([k, v]) => [k, { ...v }] as const);
  try {
    change(live);
    return renderErrorsDoc();
  } finally {
    for (const k of Object.keys(live)) delete live[k];
    for (const [k, v] of saved) live[k] = v;
  }
}

describe('the docs/errors.md drift check', () => {
  const onDisk = () => readFileSync(ERRORS_DOC_PATH, 'utf8');

  it('fails when a catalog gains a code, changes a title, an HTTP status or a wire code without regenerating', () => {
    const [vdxp] = CATALOGS.filter((c) => c.title.startsWith('VDXP')).map((c) => c.catalog);
    const first = Object.keys(vdxp!)[0]!;
    const before = renderErrorsDoc();
    const variants = [
      renderedWith(vdxp!, (c) => (c.VDXP_DRIFT_PROBE = { http: 400, wire: '99', title: 'A code nobody documented.' })),
      renderedWith(vdxp!, (c) => (c[first] = { ...c[first]!, title: `${c[first]!.title} (changed)` })),
      renderedWith(vdxp!, (c) => (c[first] = { ...c[first]!, http: c[first]!.http === 400 ? 409 : 400 })),
      renderedWith(vdxp!, (c) => (c[first] = { ...c[first]!, wire: '98' })),
      renderedWith(vdxp!, (c) => delete c[first]),
    ];
    for (const v of variants) expect(v).not.toBe(before);
    // The catalogs are back as they were.
    expect(renderErrorsDoc()).toBe(before);
    expect(variants[0]).toContain('`VDXP_DRIFT_PROBE`');
  });

  it('is a comparison of the whole file, which is in step with the catalogs now', () => {
    expect(onDisk()).toBe(renderErrorsDoc());
  });

  it('lists every error catalog of the emulator: a new *_ERRORS catalog left out of the generator fails here', async () => {
    const declared: { file: string; name: string }[] = [];
    for (const file of sources(EMULATOR)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^export const ([A-Z][A-Z0-9_]*_ERRORS)\b/gm)) declared.push({ file, name: m[1]! });
    }
    expect(declared.length).toBeGreaterThanOrEqual(CATALOGS.length);
    const missing: string[] = [];
    for (const { file, name } of declared) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      if (!CATALOGS.some((c) => c.catalog === mod[name])) missing.push(`${name} (${relative(EMULATOR, file)})`);
    }
    expect(missing, 'add them to CATALOGS in emulator/core/errors-doc.ts, then npm run docs:errors').toEqual([]);
  });
});
