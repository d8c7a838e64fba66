import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CORE_ERRORS, type Catalog } from './errors.js';
import { VDXP_ERRORS } from '../platforms/vdxp/errors.js';

/** Every catalog, in the order docs/errors.md lists them. */
export const CATALOGS: ReadonlyArray<{ title: string; dialect: string; catalog: Catalog }> = [
  { title: 'Core and control plane', dialect: '`{"error":{"code","message","field","rule"}}`', catalog: CORE_ERRORS },
  { title: 'VDXP (/vdxp)', dialect: '`{"status":"FAIL","ErrorCode":"<wire>","ErrorDesc","code","field","rule"}`', catalog: VDXP_ERRORS },
];

/** docs/errors.md, generated from the catalogs so it cannot drift (`npm run docs:errors`). */
export function renderErrorsDoc(): string {
  const parts = ['# Error codes', '', 'Generated from the error catalogs by `npm run docs:errors`; do not edit by hand.', ''];
  for (const { title, dialect, catalog } of CATALOGS) {
    parts.push(`## ${title}`, '', `Rendered as ${dialect}.`, '', '| code | HTTP | wire | when |', '|---|---|---|---|');
    for (const [code, spec] of Object.entries(catalog)) parts.push(`| \`${code}\` | ${spec.http} | ${spec.wire ?? ''} | ${spec.title.replace(/\|/g, '\\|')} |`);
    parts.push('');
  }
  return parts.join('\n');
}

export const ERRORS_DOC_PATH = new URL('../../docs/errors.md', import.meta.url);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
}
