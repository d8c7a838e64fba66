import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorError } from '../../../core/errors.js';

/** JSON with non-ASCII escaped (\uXXXX): every client decodes it alike, whatever charset it assumes. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const OK_TEXT = 'Thành công (success)';

function details(err: EmulatorError): Record<string, unknown> {
  return {
    code: err.code,
    ...(err.details.field !== undefined ? { field: err.details.field } : {}),
    ...(err.details.rule !== undefined ? { rule: err.details.rule } : {}),
    ...(Array.isArray(err.details.problems) ? { problems: err.details.problems } : {}),
  };
}

/** The code a refusal carries on the wire: the catalog's, or for core errors (bad JSON, …) the closest one. */
function wireOf(err: EmulatorError, dialect: 'pp' | 'paygov'): string {
  if (err.wire) return err.wire;
  if (dialect === 'pp') return err.httpStatus >= 500 ? '99' : '02';
  return err.httpStatus >= 500 ? 'FAILED' : 'INVALID_PARAMETER';
}

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(asciiJson(body));
}

/** PP DVCQG success: `{MaLoi:"00", MoTaLoi, …}` (A10a). */
export function ppOk(reply: FastifyReply, extra: Record<string, unknown>): FastifyReply {
  return send(reply, 200, { MaLoi: '00', MoTaLoi: OK_TEXT, ...extra });
}

/** PayGov success: `{error_code:"SUCCESSFUL", error_message, data}` (our form of the reply, docs/decisions/009-dvcqg-payments.md §3). */
export function paygovOk(reply: FastifyReply, extra: Record<string, unknown>): FastifyReply {
  return send(reply, 200, { error_code: 'SUCCESSFUL', error_message: OK_TEXT, ...extra });
}

/** Every refusal: an error verdict of the exchange (the evidence), then the reply in the channel's dialect. */
export function refuse(request: FastifyRequest, reply: FastifyReply, err: EmulatorError, dialect: 'pp' | 'paygov', operation?: string): FastifyReply {
  request.exchange ??= { platform: 'dvcqg', operation, verdicts: [] };
  request.exchange.verdicts.push({ code: err.code, severity: 'error', message: err.message, field: err.details.field });
  if (dialect === 'pp') {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    // Echo the references the caller sent, so it can match the refusal to its request.
    const echo = Object.fromEntries(['MaDoiTac', 'MaThamChieu'].filter((k) => typeof body[k] === 'string').map((k) => [k, body[k]]));
    return send(reply, err.httpStatus, { MaLoi: wireOf(err, dialect), MoTaLoi: err.message, ...echo, ...details(err) });
  }
  return send(reply, err.httpStatus, { error_code: wireOf(err, dialect), error_message: err.message, ...details(err) });
}

// ------------------------------------------------------------------ HTML (self-contained: inline CSS, no network)

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function vnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#eef2f7;color:#1b2430}
header{background:#b3261e;color:#fff;padding:14px 24px}header b{font-size:17px}header small{display:block;opacity:.85}
main{max-width:720px;margin:24px auto;padding:0 16px}.card{background:#fff;border-radius:10px;box-shadow:0 1px 4px rgba(0,0,0,.12);padding:20px 24px;margin-bottom:16px}
h1{font-size:20px;margin:0 0 12px}.amount{font-size:30px;font-weight:700;color:#b3261e;margin:4px 0 16px}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e3e8ef;vertical-align:top}th{width:42%;font-weight:600;color:#4a5568}
.en{color:#718096;font-weight:400;font-size:13px}.actions{display:flex;gap:12px;flex-wrap:wrap;margin-top:18px}
button{font:inherit;border:0;border-radius:8px;padding:11px 22px;cursor:pointer}.pay{background:#1f7a3a;color:#fff;font-weight:700}.cancel{background:#e2e8f0;color:#1b2430}
.fail{background:none;color:#718096;text-decoration:underline;padding:11px 4px}.state{display:inline-block;border-radius:6px;padding:3px 10px;font-weight:600}
.s-paid{background:#d9f2e1;color:#1f7a3a}.s-pending{background:#fef3c7;color:#92400e}.s-failed,.s-cancelled{background:#fde2e1;color:#b3261e}
.note{font-size:13px;color:#718096}a{color:#1d4ed8}`;

export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body><header><b>Nền tảng thanh toán — Cổng Dịch vụ công quốc gia</b><small>Payment platform of the National Public Service Portal · lienthong emulator (test only, no money moves)</small></header><main>${body}</main></body></html>`;
}

/** One table row with a bilingual label; empty values are left out. */
export function row(vi: string, en: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  return `<tr><th>${esc(vi)} <span class="en">/ ${esc(en)}</span></th><td>${esc(value)}</td></tr>`;
}

const STATE_LABEL: Record<string, string> = {
  pending: 'Chờ thanh toán / Awaiting payment',
  paid: 'Đã thanh toán / Paid',
  failed: 'Thất bại / Failed',
  cancelled: 'Đã hủy / Cancelled',
};

export function stateBadge(state: string): string {
  return `<span class="state s-${esc(state)}">${esc(STATE_LABEL[state] ?? state)}</span>`;
}

export function errorPage(status: number, vi: string, en: string, message: string): string {
  return htmlPage(`${status} ${en}`, `<div class="card"><h1>${esc(vi)} <span class="en">/ ${esc(en)}</span></h1><p>${esc(message)}</p></div>`);
}
