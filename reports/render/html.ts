/**
 * The self-contained HTML report: one file a certifier opens from disk with no network (inline CSS and a
 * small inline script, nothing fetched). It holds the summary, a filterable table of scenarios, each failure
 * with its clause, expected vs actual and replay command, every exchange of the evidence expandable, and the
 * requirement coverage; labels in Vietnamese and English.
 *
 * Its DOM is a contract the browser tests rely on (/work/briefs/reports.md): #summary, input#filter,
 * select#outcome-filter, table#scenarios with tr.scenario[data-id][data-outcome], details.failure with
 * code.replay inside, details.exchange with the summary "METHOD path → status", table#requirements.
 *
 * Everything from the report is HTML-escaped, and the page's Content-Security-Policy allows only this
 * file's own script and style (by hash): text that escaped escaping still could not run or fetch anything.
 */
import { createHash } from 'node:crypto';
import type { CoverageOutcome, Outcome } from '../../scenarios/kit/types.js';
import { assertValidReport, type ComplianceReport, type ReportExchange, type ReportScenario } from '../model.js';
import { COUNT_LABEL, durationText, jsonOf, LABEL, LEVELS, OUTCOME_LABEL, OUTCOMES, readableBody, showControls, withVietnamTime } from './text.js';

/** Escapes for text and for double- or single-quoted attribute values alike. */
const h = (s: string | number): string =>
  showControls(String(s)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
:root { --fg: #1d232a; --muted: #5b6672; --line: #d7dde3; --bg-soft: #f5f7f9;
  --pass: #176b2c; --pass-bg: #e3f4e7; --fail: #a21c1c; --fail-bg: #fde7e7; --error: #8a4b00; --error-bg: #fff1d6;
  --skip: #4a5563; --skip-bg: #eceff2; --wait: #3c4f9a; --wait-bg: #e7ebfb; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 1280px; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3, h4, h5 { margin: .75rem 0 .25rem; font-size: .95rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; margin: .25rem 0 .5rem;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28rem; overflow: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--bg-soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { font-size: 1.25rem; padding: .5rem .75rem; border-radius: 6px; display: inline-block; margin: 0 0 1rem; }
.verdict.outcome-pass { background: var(--pass-bg); color: var(--pass); } .verdict.outcome-fail { background: var(--fail-bg); color: var(--fail); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.levels { width: auto; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .85em; white-space: nowrap; }
.outcome-pass .badge, .badge.outcome-pass { background: var(--pass-bg); color: var(--pass); }
.outcome-fail .badge, .badge.outcome-fail { background: var(--fail-bg); color: var(--fail); }
.outcome-error .badge, .badge.outcome-error { background: var(--error-bg); color: var(--error); }
.outcome-skip .badge, .badge.outcome-skip, .outcome-omit .badge, .badge.outcome-omit, .badge.outcome-untested, .badge.outcome-unproven, .badge.outcome-not-applicable { background: var(--skip-bg); color: var(--skip); }
.outcome-wait .badge, .badge.outcome-wait { background: var(--wait-bg); color: var(--wait); }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 0 0 .75rem; }
.filters input { min-width: 18rem; padding: .3rem .5rem; font: inherit; } .filters select { padding: .3rem; font: inherit; }
.shown { color: var(--muted); }
tr.scenario > td:first-child { width: 62%; }
tr.scenario.outcome-fail > td:first-child { border-left: 4px solid var(--fail); }
tr.scenario.outcome-error > td:first-child { border-left: 4px solid var(--error); }
.title { display: block; }
.reason, .ex-meta, .omitted { color: var(--muted); margin: .25rem 0; }
.messages { margin: .25rem 0; padding-left: 1.25rem; color: var(--muted); }
details { margin: .35rem 0; border: 1px solid var(--line); border-radius: 4px; }
details > summary { cursor: pointer; padding: .25rem .5rem; overflow-wrap: anywhere; }
details[open] > summary { border-bottom: 1px solid var(--line); background: var(--bg-soft); }
details > .body { padding: .25rem .75rem .5rem; }
details.failure { border-color: var(--fail); } details.failure > summary { color: var(--fail); }
details.exchange > summary { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
details.exchange.bad > summary { color: var(--fail); }
details.exchange > summary::before { content: "#" attr(data-seq) " "; color: var(--muted); }
.ea { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
@media (max-width: 800px) { .ea { grid-template-columns: 1fr; } tr.scenario > td:first-child { width: auto; } }
button.seq { font: inherit; font-size: .85em; border: 1px solid var(--line); background: #fff; border-radius: 3px; cursor: pointer; padding: 0 .3rem; }
.sev-error { color: var(--fail); } .sev-warning { color: var(--error); } .sev-info { color: var(--muted); }
.ex-verdicts { margin: .25rem 0; padding-left: 1.25rem; }
`;

/** Filtering (free text over id/title/requirements, and outcome) by the hidden attribute; evidence buttons open their exchange. */
const SCRIPT = `
(function () {
  var text = document.getElementById('filter');
  var outcome = document.getElementById('outcome-filter');
  var shown = document.getElementById('shown-count');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.scenario'));
  function apply() {
    var terms = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var want = outcome.value;
    var n = 0;
    rows.forEach(function (row) {
      var hay = row.getAttribute('data-search') || '';
      var ok = (want === 'all' || row.getAttribute('data-outcome') === want) && terms.every(function (t) { return hay.indexOf(t) !== -1; });
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
  }
  text.addEventListener('input', apply);
  outcome.addEventListener('change', apply);
  document.addEventListener('click', function (ev) {
    var b = ev.target.closest ? ev.target.closest('button.seq') : null;
    if (!b) return;
    var row = b.closest('tr.scenario');
    var d = row && row.querySelector('details.exchange[data-seq="' + b.getAttribute('data-seq') + '"]');
    if (!d) return;
    d.open = true;
    d.scrollIntoView({ block: 'nearest' });
  });
  apply();
})();
`;

const cspHash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

const badge = (o: CoverageOutcome | 'not-applicable') => `<span class="badge outcome-${o}">${h(OUTCOME_LABEL[o])}</span>`;

function fact(label: string, value: string): string {
  return `<dt>${h(label)}</dt><dd>${value}</dd>`;
}

function summary(r: ComplianceReport): string {
  const levels = LEVELS.map((level) => {
    const v = r.verdicts[level];
    return `<tr data-level="${level}"><th>${level}</th><td>${badge(v.verdict)}</td>${OUTCOMES.map((o) => `<td class="num" data-count="${o}">${v.counts[o]}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<section id="summary">
<h1>${h(LABEL.title)}</h1>
<p class="verdict outcome-${r.verdict}" data-verdict="${r.verdict}">${h(LABEL.verdict)}: <strong>${h(OUTCOME_LABEL[r.verdict])}</strong></p>
<dl class="facts">
${fact(LABEL.suite, `<code>${h(r.suite.id)}</code> ${h(r.suite.version)} — ${h(r.suite.title)}`)}
${fact(LABEL.digest, `<code>${h(r.suite.digest)}</code>`)}
${fact(LABEL.catalog, h(r.suite.catalogVersion))}
${fact(LABEL.sut, `${h(r.sut.name)} ${h(r.sut.version)} — ${h(LABEL.agency)} <code>${h(r.sut.agency)}</code>${r.sut.systemId ? `, systemId <code>${h(r.sut.systemId)}</code>` : ''} — ${h(LABEL.driver)} ${h(r.sut.driver)}`)}
${fact(LABEL.emulator, `${h(r.emulator.version)} (<code>${h(r.emulator.url)}</code>)`)}
${fact(LABEL.seed, h(r.emulator.seed))}
${fact(LABEL.clock, h(r.emulator.clockMode))}
${fact(LABEL.started, h(withVietnamTime(r.startedAt)))}
${fact(LABEL.ended, h(withVietnamTime(r.endedAt)))}
${fact(LABEL.reportId, `<code>${h(r.id)}</code>`)}
${fact(LABEL.generated, h(withVietnamTime(r.generatedAt)))}
</dl>
<table class="levels">
<thead><tr><th>${h(LABEL.level)}</th><th>${h(LABEL.verdict)}</th>${OUTCOMES.map((o) => `<th class="num">${h(COUNT_LABEL[o])}</th>`).join('')}</tr></thead>
<tbody>
${levels}
</tbody>
</table>
</section>`;
}

function seqRef(s: ReportScenario, seq: number): string {
  return s.evidence.exchanges.some((e) => e.seq === seq) ? `<button type="button" class="seq" data-seq="${seq}">#${seq}</button>` : `<span class="seq">#${seq}</span>`;
}

function failure(r: ComplianceReport, s: ReportScenario, f: ReportScenario['failures'][number]): string {
  const level = r.requirements.find((q) => q.id === f.requirement)?.level;
  return `<details class="failure" data-requirement="${h(f.requirement)}">
<summary>${h(LABEL.requirement)} <code>${h(f.requirement)}</code>${level ? ` (${level})` : ''} — ${h(f.message)}</summary>
<div class="body">
<h4>${h(LABEL.clause)}</h4><p class="clause">${h(f.clause ?? '')}</p>
<h4>${h(LABEL.message)}</h4><p class="message">${h(f.message)}</p>
<div class="ea"><div><h4>${h(LABEL.expected)}</h4><pre class="expected">${h(jsonOf(f.expected))}</pre></div><div><h4>${h(LABEL.actual)}</h4><pre class="actual">${h(jsonOf(f.actual))}</pre></div></div>
<p class="evidence">${h(LABEL.evidence)}: ${f.evidence.length ? f.evidence.map((q) => seqRef(s, q)).join(' ') : h(`(${LABEL.none})`)}</p>
<p>${h(LABEL.replay)}: <code class="replay">${h(s.replay)}</code></p>
</div>
</details>`;
}

function headers(hs: Record<string, string>): string {
  const lines = Object.entries(hs).map(([k, v]) => `${k}: ${v}`);
  return lines.length ? lines.join('\n') : `(${LABEL.none})`;
}

function exchange(e: ReportExchange): string {
  const bad = e.status >= 400 || e.verdicts.some((v) => v.severity === 'error');
  const meta = [`#${e.seq}`, e.platform, e.operation, e.systemId ? `systemId ${e.systemId}` : null, e.at, `${e.durationMs} ms`].filter(Boolean).join(' · ');
  const verdicts = e.verdicts.length
    ? `<ul class="ex-verdicts">${e.verdicts.map((v) => `<li class="sev-${v.severity}"><code>${h(v.code)}</code> ${h(v.message)}${v.field ? ` (<code>${h(v.field)}</code>)` : ''}</li>`).join('')}</ul>`
    : '';
  return `<details class="exchange${bad ? ' bad' : ''}" data-seq="${e.seq}">
<summary data-seq="${e.seq}">${h(e.method)} ${h(e.path)} → ${e.status}</summary>
<div class="body">
<p class="ex-meta">${h(meta)}</p>
${verdicts}<h5>${h(LABEL.requestHeaders)}</h5><pre class="request-headers">${h(headers(e.requestHeaders))}</pre>
<h5>${h(LABEL.requestBody)}</h5><pre class="request-body">${h(readableBody(e.requestBody))}</pre>
<h5>${h(LABEL.responseBody)}</h5><pre class="response-body">${h(readableBody(e.responseBody))}</pre>
<p class="ex-meta">${h(LABEL.hash)}: <code>${h(e.hash)}</code></p>
</div>
</details>`;
}

function scenarioRow(r: ComplianceReport, s: ReportScenario): string {
  const search = [s.id, s.title, ...s.requirements].join(' ').toLowerCase();
  const parts: string[] = [`<code class="sid">${h(s.id)}</code> <span class="title">${h(s.title)}</span>`];
  if (s.reason) parts.push(`<p class="reason">${h(LABEL.reason)}: ${h(s.reason)}</p>`);
  if (s.outcome === 'error') parts.push(`<p class="reason">${h(LABEL.replay)}: <code class="command">${h(s.replay)}</code></p>`);
  for (const f of s.failures) parts.push(failure(r, s, f));
  if (s.messages.length) parts.push(`<ul class="messages">${s.messages.map((m) => `<li>${h(m)}</li>`).join('')}</ul>`);
  if (s.description) parts.push(`<details class="description"><summary>${h(LABEL.description)}</summary><div class="body"><p>${h(s.description)}</p></div></details>`);
  if (s.evidence.exchanges.length || s.evidence.omitted) {
    parts.push(`<h5>${h(LABEL.exchanges)} (${s.evidence.exchanges.length + s.evidence.omitted})</h5>`);
    parts.push(...s.evidence.exchanges.map(exchange));
    if (s.evidence.omitted) parts.push(`<p class="omitted">+${s.evidence.omitted} ${h(LABEL.omittedExchanges)}</p>`);
  }
  return `<tr class="scenario outcome-${s.outcome}" data-id="${h(s.id)}" data-outcome="${s.outcome}" data-level="${s.level}" data-search="${h(search)}">
<td>${parts.join('\n')}</td>
<td>${s.level}</td>
<td>${badge(s.outcome)}</td>
<td>${s.requirements.map((q) => `<code>${h(q)}</code>`).join('<br>')}</td>
<td class="num">${s.outcome === 'omit' ? '—' : h(durationText(s.durationMs))}</td>
</tr>`;
}

function scenarios(r: ComplianceReport): string {
  const options = ['all', ...OUTCOMES].map((o) => `<option value="${o}">${h(o === 'all' ? LABEL.all : OUTCOME_LABEL[o as Outcome])}</option>`).join('');
  return `<section id="scenarios-section">
<h2>${h(LABEL.scenarios)} (${r.scenarios.length})</h2>
<div class="filters">
<label>${h(LABEL.filter)} <input id="filter" type="search" placeholder="vdxp.send… / vdxp.edxml.valid" autocomplete="off"></label>
<label>${h(LABEL.outcome)} <select id="outcome-filter">${options}</select></label>
<span class="shown"><span id="shown-count">${r.scenarios.length}</span> / ${r.scenarios.length}</span>
</div>
<table id="scenarios">
<thead><tr><th>${h(LABEL.scenario)}</th><th>${h(LABEL.level)}</th><th>${h(LABEL.outcome)}</th><th>${h(LABEL.requirements)}</th><th class="num">${h(LABEL.duration)}</th></tr></thead>
<tbody>
${r.scenarios.map((s) => scenarioRow(r, s)).join('\n')}
</tbody>
</table>
</section>`;
}

function requirements(r: ComplianceReport): string {
  const rows = r.requirements.map(
    (q) => `<tr class="requirement outcome-${q.outcome}" data-id="${h(q.id)}" data-outcome="${q.outcome}">
<td><code>${h(q.id)}</code></td><td>${q.level}</td><td>${badge(q.outcome)}</td><td lang="vi">${h(q.text.vi)}</td><td lang="en">${h(q.text.en)}</td><td>${h(q.source)}</td><td>${q.scenarios.map((id) => `<code>${h(id)}</code>`).join('<br>') || h(`(${LABEL.none})`)}</td>
</tr>`,
  );
  return `<section id="requirements-section">
<h2>${h(LABEL.coverage)} (${r.requirements.length})</h2>
<table id="requirements">
<thead><tr><th>${h(LABEL.requirement)}</th><th>${h(LABEL.level)}</th><th>${h(LABEL.outcome)}</th><th>${h(LABEL.textVi)}</th><th>${h(LABEL.textEn)}</th><th>${h(LABEL.source)}</th><th>${h(LABEL.scenarios)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

export function renderHtml(report: ComplianceReport): string {
  assertValidReport(report);
  const r = report;
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lienthong">
<link rel="icon" href="data:,">
<title>${h(`${LABEL.title} — ${r.suite.id} ${r.suite.version} — ${r.sut.name} ${r.sut.version}: ${OUTCOME_LABEL[r.verdict]}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${summary(r)}
${scenarios(r)}
${requirements(r)}
<script>${SCRIPT}</script>
</body>
</html>`;
}
