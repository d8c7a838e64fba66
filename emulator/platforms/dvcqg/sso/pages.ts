import type { SsoAccount } from './accounts.js';

/** Self-contained pages (inline CSS, no external assets) so the login works offline and in CI browsers. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f3f5f8;color:#1d2733}
header{background:#b71c1c;color:#fff;padding:14px 24px}header h1{margin:0;font-size:18px;font-weight:600}header p{margin:2px 0 0;font-size:13px;opacity:.9}
main{max-width:860px;margin:24px auto;padding:0 16px}.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:20px 24px;margin-bottom:18px}
h2{font-size:16px;margin:0 0 12px}small,.muted{color:#5b6776}.error{background:#fdecea;color:#8a1c13;border-radius:6px;padding:10px 14px;margin-bottom:14px}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #e6e9ee;font-size:14px}th{font-weight:600;color:#5b6776}
button{font:inherit;border:0;border-radius:6px;padding:7px 14px;background:#b71c1c;color:#fff;cursor:pointer}button.secondary{background:#e6e9ee;color:#1d2733}
button.pick{background:#fff;color:#b71c1c;border:1px solid #b71c1c;padding:4px 10px}input[type=text]{font:inherit;padding:7px 10px;border:1px solid #c5ccd6;border-radius:6px;width:280px}
code{background:#eef1f5;padding:1px 5px;border-radius:4px}form.inline{display:flex;gap:8px;flex-wrap:wrap;align-items:center}`;

export function messagePage(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>Cổng dịch vụ công quốc gia — Xác thực</h1><p>National public-service portal — sign-in (lienthong emulator, test data only)</p></header>
<main><div class="card"><h2>${escapeHtml(title)}</h2>${body}</div></main></body></html>`;
}

export interface LoginPageInput {
  action: string;
  sessionDataKey: string;
  clientName: string;
  accounts: readonly SsoAccount[];
  error?: string;
  typed?: string;
}

function rows(accounts: readonly SsoAccount[], target: string, kind: SsoAccount['kind']): string {
  return accounts
    .filter((a) => a.kind === kind)
    .map((a) => {
      const who = kind === 'citizen' ? escapeHtml(a.claims.HoVaTen) : `${escapeHtml(a.claims.TenDoanhNghiep)}<br><small>${escapeHtml(a.claims.HoVaTen)}</small>`;
      return `<tr><td>${who}</td><td><code>${escapeHtml(a.loginId)}</code></td>
<td><form method="post" action="${escapeHtml(target)}"><input type="hidden" name="account" value="${escapeHtml(a.loginId)}"><button class="pick" type="submit">Chọn · Pick</button></form></td></tr>`;
    })
    .join('\n');
}

/** The page a browser lands on: pick a test account or type any ID number / tax code of the synthetic world. */
export function loginPage(p: LoginPageInput): string {
  const target = `${p.action}?sessionDataKey=${encodeURIComponent(p.sessionDataKey)}`;
  const error = p.error ? `<div class="error">${escapeHtml(p.error)}</div>` : '';
  const example = [p.accounts.find((a) => a.kind === 'citizen'), p.accounts.find((a) => a.kind === 'organisation')].flatMap((a) => (a ? [a.loginId] : [])).join(' / ');
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Đăng nhập · Sign in</title><style>${STYLE}</style></head>
<body><header><h1>Cổng dịch vụ công quốc gia — Đăng nhập</h1><p>National public-service portal — sign in to <strong>${escapeHtml(p.clientName)}</strong> (lienthong emulator, test data only)</p></header>
<main>
<div class="card"><h2>Đăng nhập bằng tài khoản thử nghiệm · Sign in with a test account</h2>${error}
<form class="inline" method="post" action="${escapeHtml(target)}">
<label for="account">Số định danh / CMND / Mã số thuế · ID number or tax code</label>
<input type="text" id="account" name="account" value="${escapeHtml(p.typed ?? '')}" placeholder="${escapeHtml(example)}" autocomplete="off">
<button type="submit">Đăng nhập · Sign in</button>
<button type="submit" class="secondary" name="cancel" value="1">Hủy · Cancel</button>
</form>
<p class="muted"><small>Any citizen or organisation of the emulator's synthetic world can sign in by its number; the lists below are a starting point.
Headless clients pass <code>login_hint=&lt;SoDinhDanh|MaSoThue|TechID&gt;</code> on the authorize request instead.</small></p></div>
<div class="card"><h2>Công dân · Citizens (LoaiTaiKhoan 1)</h2><table><tr><th>Họ và tên · Name</th><th>Số định danh · ID number</th><th></th></tr>
${rows(p.accounts, target, 'citizen')}</table></div>
<div class="card"><h2>Tổ chức, doanh nghiệp · Organisations (LoaiTaiKhoan 2)</h2><table><tr><th>Tên doanh nghiệp · Name (người đại diện · representative)</th><th>Mã số thuế · Tax code</th><th></th></tr>
${rows(p.accounts, target, 'organisation')}</table></div>
</main></body></html>`;
}
