/**
 * `GET /_lienthong/docs`: the OpenAPI document rendered on the server as one self-contained page (inline
 * CSS and a few lines of script to filter; nothing fetched from elsewhere), with the error codes of every
 * catalog — the same tables as docs/errors.md — so a developer has the operations and the codes side by side.
 */
import { CATALOGS } from '../errors-doc.js';
import type { JsonSchema } from './types.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const anchor = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

type Operation = JsonSchema & { summary?: string; description?: string; tags?: string[]; operationId?: string };

/** A schema as a link to its component, or inline JSON when it has no name. */
function schemaHtml(schema: unknown): string {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    return `<a href="#schema-${esc(anchor(name))}"><code>${esc(name)}</code></a>`;
  }
  if (schema === undefined) return '';
  return `<details><summary>schema</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function contentHtml(content: Record<string, { schema?: unknown }> | undefined): string {
  if (!content) return '';
  return Object.entries(content)
    .map(([type, c]) => `<div><code>${esc(type)}</code> ${schemaHtml(c.schema)}</div>`)
    .join('');
}

function operationHtml(path: string, method: string, op: Operation): string {
  const params = (op.parameters as { name: string; in: string; required?: boolean; description?: string }[] | undefined) ?? [];
  const body = op.requestBody as { required?: boolean; description?: string; content?: Record<string, { schema?: unknown }> } | undefined;
  const responses = (op.responses ?? {}) as Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  const route = op['x-lienthong-route'] ? ` <small>route <code>${esc(op['x-lienthong-route'])}</code></small>` : '';
  const undocumented = op['x-lienthong-undocumented'] ? ' <span class="warn">undocumented</span>' : '';
  return `<section class="op" id="${esc(op.operationId)}" data-text="${esc(`${method} ${path} ${op.summary ?? ''} ${(op.tags ?? []).join(' ')}`.toLowerCase())}">
<h3><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code>${route}${undocumented}</h3>
<p>${esc(op.summary)}</p>${op.description ? `<p class="desc">${esc(op.description)}</p>` : ''}
${params.length ? `<table><tr><th>parameter</th><th>in</th><th>description</th></tr>${params.map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <b>*</b>' : ''}</td><td>${esc(p.in)}</td><td>${esc(p.description)}</td></tr>`).join('')}</table>` : ''}
${body ? `<h4>request body${body.required ? ' <b>*</b>' : ''}</h4>${body.description ? `<p>${esc(body.description)}</p>` : ''}${contentHtml(body.content)}` : ''}
<h4>responses</h4><table><tr><th>status</th><th>description</th><th>content</th></tr>${Object.entries(responses)
    .map(([status, r]) => `<tr><td>${esc(status)}</td><td>${esc(r.description)}</td><td>${contentHtml(r.content)}</td></tr>`)
    .join('')}</table>
</section>`;
}

function errorsHtml(): string {
  return CATALOGS.map(
    ({ title, dialect, catalog }) => `<h3>${esc(title)}</h3><p>Rendered as ${esc(dialect.replace(/`/g, ''))}.</p>
<table><tr><th>code</th><th>HTTP</th><th>wire</th><th>when</th></tr>${Object.entries(catalog)
      .map(([code, spec]) => `<tr id="error-${esc(code)}"><td><code>${esc(code)}</code></td><td>${spec.http}</td><td>${esc(spec.wire ?? '')}</td><td>${esc(spec.title)}</td></tr>`)
      .join('')}</table>`,
  ).join('\n');
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header{background:#123;color:#fff;padding:12px 20px;position:sticky;top:0}header a{color:#9cf}
main{padding:8px 20px;max-width:1100px}input{font:inherit;padding:4px 8px;width:320px}
.op,.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:4px 14px;margin:10px 0}
h3{font-size:15px;margin:8px 0}h4{margin:8px 0 4px;font-size:13px}table{border-collapse:collapse;margin:4px 0 8px;width:100%}
td,th{border:1px solid #e3e3e3;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}
.m{display:inline-block;min-width:58px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:1px 4px}
.m-get{background:#2b7}.m-post{background:#26c}.m-put{background:#c80}.m-patch{background:#a5c}.m-delete{background:#c33}
.warn{background:#c33;color:#fff;border-radius:4px;padding:0 4px;font-size:12px}.desc{color:#444}pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}
nav a{margin-right:10px}`;

/** Hides the operations whose method, path, summary or tag does not contain what is typed, and groups left empty. */
const SCRIPT = `const q=document.getElementById('filter');q.addEventListener('input',()=>{const t=q.value.trim().toLowerCase();for(const s of document.querySelectorAll('.op[data-text]'))s.hidden=t!==''&&!s.dataset.text.includes(t);for(const g of document.querySelectorAll('section.tag'))g.hidden=!g.querySelector('.op:not([hidden])');});`;

export function docsPage(document: JsonSchema, nonce: string): string {
  const info = document.info as { title: string; version: string; description: string };
  const paths = document.paths as Record<string, Record<string, Operation>>;
  const tags = (document.tags as { name: string; description: string }[]) ?? [];
  const schemas = ((document.components as { schemas?: Record<string, JsonSchema> }).schemas ?? {}) as Record<string, JsonSchema>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
    }
  }
  const sections = [...tags.map((t) => t.name), ...[...byTag.keys()].filter((t) => !tags.some((x) => x.name === t))]
    .filter((t) => byTag.has(t))
    .map((t) => `<section class="tag"><h2 id="tag-${esc(anchor(t))}">${esc(t)}</h2><p>${esc(tags.find((x) => x.name === t)?.description ?? '')}</p>${byTag.get(t)!.join('\n')}</section>`)
    .join('\n');
  const components = Object.entries(schemas)
    .map(([name, s]) => `<section class="card" id="schema-${esc(anchor(name))}"><h3><code>${esc(name)}</code></h3>${s.description ? `<p class="desc">${esc(s.description)}</p>` : ''}<details><summary>JSON Schema</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details></section>`)
    .join('\n');
  const n = esc(nonce);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} — API</title><style nonce="${n}">${CSS}</style></head>
<body><header><strong>${esc(info.title)}</strong> v${esc(info.version)} · <a href="/_lienthong/openapi.json">openapi.json</a> · <a href="#errors">error codes</a> · <a href="/_lienthong/ui">console</a></header>
<main><p>${esc(info.description)}</p>
<nav>${tags.filter((t) => byTag.has(t.name)).map((t) => `<a href="#tag-${esc(anchor(t.name))}">${esc(t.name)}</a>`).join('')}<a href="#schemas">schemas</a><a href="#errors">error codes</a></nav>
<p><label>Filter operations <input id="filter" type="search" placeholder="sendEdoc, token, POST, dossiers…" autocomplete="off"></label></p>
${sections}
<h2 id="schemas">Schemas</h2><p>The JSON Schemas under <code>schemas/</code> that the operations use, as the emulator validates with them.</p>
${components}
<h2 id="errors">Error codes</h2><p>Every refusal names a stable code, the field and the rule. The same tables are in <code>docs/errors.md</code> in the repository, generated from the catalogs by <code>npm run docs:errors</code>.</p>
${errorsHtml()}
</main><script nonce="${n}">${SCRIPT}</script></body></html>
`;
}
