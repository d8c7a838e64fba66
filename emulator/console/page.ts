/**
 * The console's HTML: the panels' fixed skeleton and styles. Everything the panels show is filled in by
 * browser.js (inlined here, read once) from the control plane, always as text nodes, never as markup.
 */
import { readFileSync } from 'node:fs';

const SCRIPT = readFileSync(new URL('./browser.js', import.meta.url), 'utf8');
// Inlined in a <script> element: the text must not be able to close it.
if (/<\/script/i.test(SCRIPT)) throw new Error('emulator/console/browser.js must not contain "</script"');

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const STYLE = `
:root { --fg:#1d2330; --muted:#5c6578; --line:#d9dde5; --bg:#f6f7f9; --card:#fff; --ok:#1a7f37; --warn:#9a6700; --err:#cf222e; --accent:#0b5cad; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header { display:flex; flex-wrap:wrap; gap:12px; align-items:center; padding:8px 16px; background:#12324f; color:#fff; }
header h1 { font-size:17px; margin:0; }
header h1 small { font-weight:400; opacity:.8; }
header .spacer { flex:1; }
.pill { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; background:#e7ecf3; color:var(--fg); }
#live[data-state="open"] { background:#d4f3dc; color:var(--ok); }
#live[data-state="connecting"], #live[data-state="reconnecting"] { background:#fff3cd; color:var(--warn); }
#message { min-height:0; padding:0 16px; }
#message:not(:empty) { padding:6px 16px; background:#eef5ff; border-bottom:1px solid var(--line); }
#message[data-kind="error"] { background:#ffebe9; color:var(--err); }
main { display:grid; grid-template-columns:minmax(0,3fr) minmax(0,2fr); gap:12px; padding:12px 16px; align-items:start; }
.column { display:flex; flex-direction:column; gap:12px; min-width:0; }
section { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:10px 12px; min-width:0; }
section h2 { font-size:15px; margin:0 0 8px; display:flex; gap:8px; align-items:center; }
section h2 .count { font-weight:400; color:var(--muted); font-size:13px; }
section h3 { font-size:13px; margin:10px 0 4px; }
.toolbar { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-bottom:8px; }
.muted { color:var(--muted); }
.empty { color:var(--muted); font-style:italic; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
td.mono { white-space:nowrap; } td.mono.wrap { white-space:normal; }
th { font-weight:600; color:var(--muted); font-size:12px; }
code, pre, .mono { font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12px; }
pre { background:#f3f4f6; padding:6px 8px; margin:2px 0 8px; max-height:320px; overflow:auto; white-space:pre-wrap; overflow-wrap:anywhere; }
#exchanges { list-style:none; margin:0; padding:0; max-height:calc(100vh - 190px); overflow:auto; }
.exchange { border-bottom:1px solid var(--line); }
.exchange > summary { cursor:pointer; display:grid; grid-template-columns:4em 5.5em 5.5em minmax(0,1fr) auto auto; gap:6px; padding:4px 2px; align-items:baseline; list-style:none; }
.exchange > summary::-webkit-details-marker { display:none; }
.exchange[open] > summary { background:#eef5ff; }
.exchange .path { overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.exchange .body { padding:4px 8px 8px; }
.platform { font-size:11px; text-transform:uppercase; font-weight:600; padding:0 6px; border-radius:3px; background:#e7ecf3; text-align:center; }
.platform.vdxp { background:#dbeafe; } .platform.dvcqg { background:#fde2e1; } .platform.ndxp { background:#dcfce7; } .platform.lienthong { background:#ede9fe; }
.status.s2 { color:var(--ok); } .status.s3 { color:var(--accent); } .status.s4, .status.s5 { color:var(--err); font-weight:600; }
.verdict.error { color:var(--err); } .verdict.warning { color:var(--warn); } .verdict.info { color:var(--muted); }
.badge { font-size:11px; padding:0 5px; border-radius:8px; margin-left:3px; }
.badge.error { background:#ffebe9; color:var(--err); } .badge.warning { background:#fff3cd; color:var(--warn); }
.system { border:1px solid var(--line); border-radius:4px; padding:6px 8px; margin-bottom:8px; }
.system h3 { margin:0 0 4px; }
.overdue { color:var(--err); font-weight:600; }
form.inline { display:flex; flex-wrap:wrap; gap:6px; align-items:end; }
form.inline label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
input, select, button { font:inherit; font-size:13px; }
input[type="number"] { width:6em; }
button { cursor:pointer; border:1px solid #b6bfcc; background:#fff; border-radius:4px; padding:2px 10px; }
button.danger { border-color:#e5a3a3; color:var(--err); }
button:disabled { opacity:.5; cursor:default; }
.controls-row { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-bottom:6px; }
@media (max-width: 1000px) { main { grid-template-columns:1fr; } }
`;

/** The whole page; `nonce` must match the response's Content-Security-Policy. */
export function consolePage(opts: { version: string; nonce: string }): string {
  const nonce = escapeAttr(opts.nonce);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lienthong — Bảng điều khiển / Console</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <h1>lienthong <small>Bảng điều khiển / Console</small></h1>
  <span class="pill" id="version" data-testid="version">v${escapeAttr(opts.version)}</span>
  <span class="pill" id="live" data-testid="live" data-state="connecting">Đang kết nối / Connecting</span>
  <span class="spacer"></span>
  <span>Đồng hồ / Clock: <b id="clock-now" data-testid="clock-now">…</b> <span class="pill" id="clock-mode" data-testid="clock-mode">…</span></span>
</header>
<div id="message" data-testid="message" role="status" aria-live="polite"></div>
<main>
  <div class="column">
    <section id="exchanges-panel" aria-labelledby="exchanges-title">
      <h2 id="exchanges-title">Trao đổi trực tiếp / Live exchanges <span class="count" id="exchange-count" data-testid="exchange-count"></span></h2>
      <div class="toolbar">
        <label>Nền tảng / Platform
          <select id="platform-filter" data-testid="platform-filter">
            <option value="all">Tất cả / All</option>
            <option value="vdxp">VDXP</option>
            <option value="dvcqg">DVCQG</option>
            <option value="ndxp">NDXP</option>
            <option value="lienthong">lienthong (điều khiển / control)</option>
          </select>
        </label>
        <button type="button" id="exchanges-clear" data-testid="exchanges-clear">Xoá màn hình / Clear view</button>
        <span class="muted">Mới nhất ở trên; bấm để xem chi tiết / Newest first; click to expand</span>
      </div>
      <ol id="exchanges" data-testid="exchanges"></ol>
      <p id="exchanges-empty" class="empty">Chưa có trao đổi nào / No exchange yet</p>
    </section>
  </div>
  <div class="column">
    <section id="controls-panel" aria-labelledby="controls-title">
      <h2 id="controls-title">Điều khiển / Controls</h2>
      <h3>Đồng hồ / Clock</h3>
      <div class="controls-row">
        <span>Chế độ / Mode: <b id="clock-mode-detail" data-testid="clock-mode-detail">…</b></span>
        <label>Tua thêm / Advance <input id="clock-advance" data-testid="clock-advance" value="PT1H" size="8" title="ISO 8601 duration, e.g. PT1H, P1D"></label>
        <button type="button" id="clock-advance-btn" data-testid="clock-advance-btn" disabled>Tua / Advance</button>
      </div>
      <p id="clock-note" class="muted" hidden>Đồng hồ thực: khởi động với --virtual-clock để tua / Real clock: start with --virtual-clock to advance it</p>
      <h3>Đặt lại / Reset</h3>
      <div class="controls-row">
        <label><input type="checkbox" id="reset-keep-systems" data-testid="reset-keep-systems"> Giữ hệ thống đã kết nối / Keep connected systems</label>
        <button type="button" class="danger" id="reset-btn" data-testid="reset-btn">Đặt lại / Reset</button>
      </div>
      <h3>Lỗi giả lập / Faults <span class="count muted" id="fault-count"></span></h3>
      <table id="faults" data-testid="faults">
        <thead><tr><th>Nền tảng / Platform</th><th>Thao tác / Operation</th><th>Cơ quan / Agency</th><th>Bên gọi / Caller</th><th>Loại / Kind</th><th>Số lần / Count</th><th>Đã gặp / Hits</th><th></th></tr></thead>
        <tbody></tbody>
      </table>
      <p id="faults-empty" class="empty">Không có lỗi giả lập / No fault rule</p>
      <form id="fault-form" data-testid="fault-form" class="inline">
        <label>Nền tảng / Platform<select name="platform"><option>vdxp</option><option>dvcqg</option><option>ndxp</option></select></label>
        <label>Thao tác / Operation<input name="operation" placeholder="sendEdoc" size="12"></label>
        <label>Cơ quan / Agency<input name="agency" placeholder="000.00.00.G22" size="13"></label>
        <label title="VDXP systemId, DVCQG account or NDXP clientId">Bên gọi / Caller<input name="caller" placeholder="systemId / account / clientId" size="12"></label>
        <label>Loại / Kind<select name="kind"><option value="error">error</option><option value="latency">latency</option><option value="drop">drop</option><option value="expired-token">expired-token (DVCQG, NDXP)</option><option value="duplicate">duplicate (VDXP)</option><option value="out-of-order">out-of-order (VDXP)</option><option value="tamper">tamper (VDXP)</option></select></label>
        <label>HTTP<input name="status" type="number" min="400" max="599" value="503"></label>
        <label>Trễ / Latency ms<input name="latencyMs" type="number" min="0" max="120000" value="2000"></label>
        <label>Số lần / Count<input name="count" type="number" min="1" placeholder="∞"></label>
        <button type="submit" data-testid="fault-add">Thêm / Add</button>
      </form>
    </section>
    <section id="mailboxes-panel" aria-labelledby="mailboxes-title">
      <h2 id="mailboxes-title">Hộp thư VDXP / VDXP mailboxes <span class="count" id="system-count"></span></h2>
      <p class="muted">Văn bản và trạng thái chờ nhận (chưa báo done) / Documents and statuses pending (not yet acknowledged done)</p>
      <div id="mailboxes" data-testid="mailboxes"></div>
    </section>
    <section id="dossiers-panel" aria-labelledby="dossiers-title">
      <h2 id="dossiers-title">Hồ sơ DVCQG / DVCQG dossiers <span class="count" id="dossier-count"></span></h2>
      <table id="dossiers" data-testid="dossiers">
        <thead><tr><th>Mã hồ sơ / Dossier</th><th>Đơn vị / Agency</th><th>Thủ tục / Procedure</th><th>Trạng thái / Status</th><th>Tiếp nhận / Received</th><th>Hạn trả / Due</th></tr></thead>
        <tbody></tbody>
      </table>
      <p id="dossiers-empty" class="empty">Chưa có hồ sơ / No dossier yet</p>
    </section>
    <section id="consumers-panel" aria-labelledby="consumers-title">
      <h2 id="consumers-title">Ứng dụng khai thác NDXP / NDXP consumers <span class="count" id="consumer-count"></span></h2>
      <table id="consumers" data-testid="consumers">
        <thead><tr><th>Client ID</th><th>Cơ quan / Agency</th><th>API</th><th>Mã truy cập / Tokens</th><th>Lượt dùng / Usage</th></tr></thead>
        <tbody></tbody>
      </table>
      <p id="consumers-empty" class="empty">Chưa có ứng dụng / No consumer yet</p>
    </section>
  </div>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
