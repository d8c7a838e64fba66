// The live console's script, inlined into GET /_lienthong/ui by page.ts. Plain browser JavaScript, no
// build step. Everything it reads comes from the control plane of the emulator that served the page, and
// everything it shows is inserted as text (bodies and headers are untrusted input from the systems under test).
(function () {
  'use strict';

  // The control plane's root, from the page's own path, so a proxy prefix in front of the emulator still works.
  var BASE = location.pathname.replace(/\/ui\/?$/, '');
  var MAX_EXCHANGES = 500;
  var REPLAY = 200;

  function $(id) {
    return document.getElementById(id);
  }

  /** h('td', {class: 'x', dataset: {seq: 1}}, 'text', child): an element whose children are text or elements. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'dataset') Object.keys(v).forEach(function (d) { if (v[d] !== undefined && v[d] !== null) el.dataset[d] = String(v[d]); });
        else if (k === 'text') el.textContent = String(v);
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === undefined || c === null || c === false) continue;
      el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function say(text, kind) {
    var m = $('message');
    m.textContent = text;
    m.dataset.kind = kind || 'info';
  }

  async function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    var res = await fetch(BASE + path, init);
    var text = await res.text();
    var json;
    try { json = text ? JSON.parse(text) : undefined; } catch (e) { json = undefined; }
    if (!res.ok) throw new Error((json && json.error && json.error.message) || method + ' ' + path + ': HTTP ' + res.status);
    return json;
  }

  /** Emulator time shown in Vietnam time, `yyyy-MM-dd HH:mm:ss`. */
  function vnTime(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return new Date(d.getTime() + 7 * 3600 * 1000).toISOString().replace('T', ' ').slice(0, 19);
  }

  function pretty(text) {
    if (text === null || text === undefined || text === '') return '(trống / empty)';
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return String(text); }
  }

  // ---- Live exchanges -------------------------------------------------------------------------------

  var list = $('exchanges');
  var filter = $('platform-filter');

  function shown(platform) {
    return filter.value === 'all' || filter.value === platform;
  }

  function updateCount() {
    var all = list.children.length;
    var visible = list.querySelectorAll('.exchange:not([hidden])').length;
    $('exchange-count').textContent = all === visible ? '(' + all + ')' : '(' + visible + ' / ' + all + ')';
    $('exchanges-empty').hidden = visible > 0;
  }

  function verdictCounts(verdicts) {
    var n = { error: 0, warning: 0 };
    (verdicts || []).forEach(function (v) { if (n[v.severity] !== undefined) n[v.severity]++; });
    return n;
  }

  /** The expanded part of an exchange, built on first open (bodies can be large). */
  function exchangeBody(e) {
    var headers = Object.keys(e.requestHeaders || {}).map(function (k) { return k + ': ' + e.requestHeaders[k]; }).join('\n');
    var verdicts = (e.verdicts || []).length
      ? h('ul', { 'data-testid': 'exchange-verdicts' }, ...e.verdicts.map(function (v) {
          return h('li', { class: 'verdict ' + v.severity, 'data-testid': 'verdict', dataset: { code: v.code } },
            h('b', null, v.severity + ' ' + v.code), v.field ? ' [' + v.field + ']' : '', ' — ' + v.message);
        }))
      : h('p', { class: 'empty', 'data-testid': 'exchange-verdicts' }, 'Không có nhận xét / No verdict');
    return h('div', { class: 'body' },
      h('p', { class: 'muted' },
        'seq ' + e.seq + ' · ' + vnTime(e.at) + ' · ' + e.durationMs + ' ms' +
        (e.agency ? ' · ' + e.agency : '') + (e.systemId ? ' · ' + e.systemId : '') + ' · hash ' + String(e.hash || '').slice(0, 12) + '…'),
      h('h3', null, 'Kết luận / Verdicts'), verdicts,
      h('h3', null, 'Tiêu đề yêu cầu / Request headers'), h('pre', { 'data-testid': 'request-headers' }, headers),
      h('h3', null, 'Nội dung yêu cầu / Request body' + (e.requestBodyBytes ? ' (' + e.requestBodyBytes + ' bytes)' : '')),
      h('pre', { 'data-testid': 'request-body' }, pretty(e.requestBody)),
      h('h3', null, 'Nội dung trả lời / Response body'), h('pre', { 'data-testid': 'response-body' }, pretty(e.responseBody)));
  }

  function addExchange(e) {
    var n = verdictCounts(e.verdicts);
    var item = h('details', {
      class: 'exchange', 'data-testid': 'exchange',
      dataset: { seq: e.seq, platform: e.platform, operation: e.operation || '', status: e.status, systemId: e.systemId || '' },
    },
      h('summary', null,
        h('span', { class: 'mono muted' }, '#' + e.seq),
        h('span', { class: 'mono muted' }, vnTime(e.at).slice(11)),
        h('span', { class: 'platform ' + e.platform }, e.platform),
        h('span', { class: 'path', title: e.method + ' ' + e.path }, h('b', null, e.operation || ''), ' ',
          // Control-plane operations are already named by their method and route.
          (e.operation || '').indexOf(e.method + ' ') === 0 ? null : h('span', { class: 'muted mono' }, e.method + ' ' + e.path)),
        h('span', { class: 'mono muted' }, e.systemId || e.agency || ''),
        h('span', null,
          h('span', { class: 'mono status s' + String(e.status).charAt(0), 'data-testid': 'exchange-status' }, e.status),
          n.error ? h('span', { class: 'badge error', title: 'errors' }, n.error) : null,
          n.warning ? h('span', { class: 'badge warning', title: 'warnings' }, n.warning) : null)));
    item.addEventListener('toggle', function () {
      if (item.open && item.children.length === 1) item.appendChild(exchangeBody(e));
    });
    item.hidden = !shown(e.platform);
    list.prepend(item);
    while (list.children.length > MAX_EXCHANGES) list.lastElementChild.remove();
    updateCount();
  }

  filter.addEventListener('change', function () {
    Array.prototype.forEach.call(list.children, function (li) { li.hidden = !shown(li.dataset.platform); });
    updateCount();
  });
  $('exchanges-clear').addEventListener('click', function () {
    list.textContent = '';
    updateCount();
  });

  // ---- Panels, refreshed from the control plane when an exchange says they may have changed ----------

  function setRows(tableId, emptyId, countId, rows) {
    var body = $(tableId).tBodies[0];
    body.textContent = '';
    rows.forEach(function (r) { body.appendChild(r); });
    $(emptyId).hidden = rows.length > 0;
    $(tableId).hidden = rows.length === 0;
    if (countId) $(countId).textContent = '(' + rows.length + ')';
  }

  // Both clocks run: between reads the emulator's time is shown ticking from the last offset read.
  var clockOffset = null;
  function showClock() {
    if (clockOffset === null) return;
    $('clock-now').textContent = vnTime(new Date(Date.now() + clockOffset).toISOString()) + ' (giờ VN / Vietnam time)';
  }
  setInterval(showClock, 1000);

  async function refreshClock() {
    var c = await api('GET', '/clock');
    clockOffset = Date.parse(c.now) - Date.now();
    $('clock-now').dataset.iso = c.now;
    showClock();
    $('clock-mode').textContent = c.mode === 'virtual' ? 'ảo / virtual' : 'thực / real';
    $('clock-mode-detail').textContent = c.mode === 'virtual' ? 'ảo / virtual' : 'thực / real';
    $('clock-mode-detail').dataset.mode = c.mode;
    $('clock-advance-btn').disabled = c.mode !== 'virtual';
    $('clock-note').hidden = c.mode === 'virtual';
  }

  async function refreshFaults() {
    var faults = (await api('GET', '/faults')).faults;
    setRows('faults', 'faults-empty', 'fault-count', faults.map(function (f) {
      var kind = f.kind + (f.kind === 'error' ? ' ' + (f.status || 503) : f.kind === 'latency' ? ' ' + f.latencyMs + ' ms' : '');
      return h('tr', { 'data-testid': 'fault', dataset: { faultId: f.id, platform: f.platform } },
        h('td', null, f.platform), h('td', null, f.operation || '*'), h('td', null, f.agency || '*'),
        h('td', null, f.systemId || f.account || f.clientId || '*'), h('td', null, kind),
        h('td', null, f.count === undefined ? '∞' : f.count), h('td', { 'data-testid': 'fault-hits' }, f.hits),
        h('td', null, h('button', {
          type: 'button', class: 'danger', 'data-testid': 'fault-delete', title: f.id,
          onclick: function () { act(function () { return api('DELETE', '/faults/' + encodeURIComponent(f.id)); }, 'Đã xoá lỗi giả lập / Fault rule deleted', ['faults']); },
        }, 'Xoá / Delete')));
    }));
  }

  async function refreshMailboxes() {
    var systems = (await api('GET', '/vdxp/systems')).systems;
    var boxes = await Promise.all(systems.map(function (s) {
      return api('GET', '/vdxp/systems/' + encodeURIComponent(s.systemId) + '/mailbox');
    }));
    var root = $('mailboxes');
    root.textContent = '';
    $('system-count').textContent = '(' + systems.length + ')';
    if (systems.length === 0) {
      root.appendChild(h('p', { class: 'empty' }, 'Chưa có hệ thống kết nối (POST /_lienthong/vdxp/systems) / No connected system'));
      return;
    }
    systems.forEach(function (s, i) {
      var items = boxes[i].pending.edoc.concat(boxes[i].pending.status);
      var perAgency = s.agencies.map(function (a) {
        var n = items.filter(function (it) { return it.to === a.code; }).length;
        return h('span', { class: 'pill', 'data-testid': 'mailbox-agency', title: a.name, dataset: { code: a.code, pending: n } }, a.code + ': ' + n);
      });
      var table = items.length === 0
        ? h('p', { class: 'empty' }, 'Không có mục chờ nhận / Nothing pending')
        : h('table', null,
            h('thead', null, h('tr', null, h('th', null, 'Loại / Type'), h('th', null, 'Từ / From'), h('th', null, 'Đến / To'),
              h('th', null, 'DocId'), h('th', null, 'Gửi lúc / Sent'), h('th', null, 'Trạng thái / Status'))),
            h('tbody', null, ...items.map(function (it) {
              return h('tr', { 'data-testid': 'mailbox-item', dataset: { docId: it.docId, from: it.from, to: it.to, type: it.messageType } },
                h('td', null, it.messageType === 'status' ? 'trạng thái / status' : 'văn bản / document'),
                h('td', { class: 'mono' }, it.from), h('td', { class: 'mono' }, it.to), h('td', { class: 'mono wrap' }, it.docId),
                h('td', null, it.created_time), h('td', null, it.status_desc || it.status));
            })));
      root.appendChild(h('div', { class: 'system', 'data-testid': 'mailbox', dataset: { systemId: s.systemId, pending: items.length } },
        h('h3', null, s.systemId, s.name ? ' — ' + s.name : '', ' ', h('span', { class: 'pill' }, s.mode), ' ',
          h('span', { class: 'muted' }, items.length + ' chờ nhận / pending')),
        h('div', null, ...perAgency), table));
    });
  }

  async function refreshDossiers() {
    var dossiers = (await api('GET', '/dvcqg/dossiers?limit=200')).dossiers;
    setRows('dossiers', 'dossiers-empty', 'dossier-count', dossiers.map(function (d) {
      var t = d.timeliness || {};
      var due = t.dueAt ? vnTime(t.dueAt) : '';
      return h('tr', { 'data-testid': 'dossier', dataset: { maHoSo: d.MaHoSo, status: d.TrangThaiHoSo } },
        h('td', { class: 'mono wrap' }, d.MaHoSo), h('td', { class: 'mono' }, d.madonvi), h('td', { class: 'mono' }, d.MaTTHC),
        h('td', null, d.status), h('td', null, vnTime(d.receivedAt)),
        h('td', { class: t.overdue ? 'overdue' : '' }, due, t.overdue ? ' — quá hạn / overdue' : t.finishedAt ? (t.onTime ? ' — đúng hạn / on time' : ' — trễ hạn / late') : ''));
    }));
  }

  async function refreshConsumers() {
    var r = await Promise.all([api('GET', '/ndxp/consumers'), api('GET', '/ndxp/tokens'), api('GET', '/ndxp/usage')]);
    var tokens = r[1].tokens;
    var usage = r[2].usage;
    setRows('consumers', 'consumers-empty', 'consumer-count', r[0].consumers.map(function (c) {
      var mine = tokens.filter(function (t) { return t.clientId === c.clientId; });
      var active = mine.filter(function (t) { return t.state === 'active'; }).length;
      // Usage rows come newest window first: the first per API and kind is the current window.
      var seen = {};
      var current = usage.filter(function (u) {
        var key = u.api + '|' + u.kind;
        if (u.clientId !== c.clientId || seen[key]) return false;
        return (seen[key] = true);
      });
      var limitOf = function (kind) { var l = kind === 'quota' ? c.quota : c.rateLimit; return l ? ' / ' + l.limit + ' per ' + l.period : ''; };
      return h('tr', { 'data-testid': 'consumer', dataset: { clientId: c.clientId, activeTokens: active } },
        h('td', { class: 'mono' }, c.clientId, c.name ? h('div', { class: 'muted' }, c.name) : null),
        h('td', { class: 'mono' }, c.agency),
        h('td', null, (c.apis || []).join(', ')),
        h('td', { 'data-testid': 'consumer-tokens' }, active + ' đang dùng / active, ' + mine.length + ' tổng / total',
          ...mine.slice(0, 5).map(function (t) {
            return h('div', { class: 'mono muted', 'data-testid': 'token', dataset: { state: t.state } }, t.tokenPrefix + ' ' + t.state + ' → ' + vnTime(t.expiresAt));
          })),
        h('td', { 'data-testid': 'consumer-usage' }, current.length === 0 ? h('span', { class: 'muted' }, '—') : null,
          ...current.map(function (u) { return h('div', null, u.api + ' ' + u.kind + ': ' + u.count + limitOf(u.kind)); })));
    }));
  }

  var refreshers = { clock: refreshClock, faults: refreshFaults, mailboxes: refreshMailboxes, dossiers: refreshDossiers, consumers: refreshConsumers };
  var ALL = Object.keys(refreshers);
  var due = {};
  var timer = null;
  var chain = Promise.resolve();

  /** Coalesces refreshes asked for within 150 ms and runs them one after another (no stale overwrite). */
  function schedule(names) {
    names.forEach(function (n) { due[n] = true; });
    if (timer) return;
    timer = setTimeout(function () {
      timer = null;
      var run = Object.keys(due);
      due = {};
      chain = chain.then(function () {
        return Promise.all(run.map(function (n) {
          return refreshers[n]().catch(function (err) { say(n + ': ' + err.message, 'error'); });
        }));
      });
    }, 150);
  }

  var PANELS_OF = { vdxp: ['mailboxes'], dvcqg: ['dossiers'], ndxp: ['consumers'], lienthong: ALL };
  function onExchange(e) {
    addExchange(e);
    var panels = (PANELS_OF[e.platform] || []).slice();
    if ((e.verdicts || []).some(function (v) { return v.code === 'FAULT_INJECTED'; })) panels.push('faults');
    if (panels.length) schedule(panels);
  }

  /** Runs a control action, reports it, and refreshes what it changed. */
  async function act(fn, done, panels) {
    try {
      await fn();
      say(done, 'info');
    } catch (err) {
      say(err.message, 'error');
    }
    schedule(panels);
  }

  // ---- Controls ----------------------------------------------------------------------------------------

  $('clock-advance-btn').addEventListener('click', function () {
    var by = $('clock-advance').value.trim();
    act(function () { return api('POST', '/clock', { advance: by }); }, 'Đã tua đồng hồ / Clock advanced by ' + by, ['clock', 'dossiers', 'consumers']);
  });

  $('reset-btn').addEventListener('click', function () {
    var keep = $('reset-keep-systems').checked;
    var question = keep
      ? 'Đặt lại trình giả lập (giữ hệ thống đã kết nối)? / Reset the emulator, keeping connected systems?'
      : 'Đặt lại trình giả lập: xoá văn bản, hệ thống, hồ sơ và nhật ký? / Reset the emulator: delete documents, systems, dossiers and the evidence log?';
    if (!window.confirm(question)) return;
    act(function () { return api('POST', '/reset', { keepSystems: keep }); }, 'Đã đặt lại / Emulator reset', ALL);
  });

  $('fault-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var f = ev.target.elements;
    var rule = { platform: f.platform.value, kind: f.kind.value };
    if (f.operation.value.trim()) rule.operation = f.operation.value.trim();
    if (f.agency.value.trim()) rule.agency = f.agency.value.trim();
    // The caller is named in each platform's own terms (decision 019).
    var callerField = { vdxp: 'systemId', dvcqg: 'account', ndxp: 'clientId' }[rule.platform];
    if (f.caller.value.trim()) rule[callerField] = f.caller.value.trim();
    if (rule.kind === 'error' && f.status.value) rule.status = Number(f.status.value);
    if (rule.kind === 'latency') rule.latencyMs = Number(f.latencyMs.value || 0);
    if (f.count.value) rule.count = Number(f.count.value);
    act(function () { return api('POST', '/faults', rule); }, 'Đã thêm lỗi giả lập / Fault rule added', ['faults']);
  });

  // ---- The stream ------------------------------------------------------------------------------------

  async function connect() {
    var after = 0;
    try {
      after = Math.max(0, (await api('GET', '/events?limit=1')).lastSeq - REPLAY);
    } catch (err) {
      say(err.message, 'error');
    }
    var live = $('live');
    var source = new EventSource(BASE + '/events/stream?after=' + after);
    source.addEventListener('open', function () {
      live.dataset.state = 'open';
      live.textContent = 'Trực tiếp / Live';
    });
    source.addEventListener('error', function () {
      live.dataset.state = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
      live.textContent = source.readyState === EventSource.CLOSED ? 'Mất kết nối / Disconnected' : 'Đang kết nối lại / Reconnecting';
    });
    source.addEventListener('exchange', function (m) {
      onExchange(JSON.parse(m.data));
    });
    // The evidence log was emptied by a reset: what is on screen belongs to the old log.
    source.addEventListener('reset', function () {
      list.textContent = '';
      updateCount();
      schedule(ALL);
    });
  }

  updateCount();
  schedule(ALL);
  connect();
})();
