/**
 * The reference agency's one-stop system (hệ thống thông tin một cửa điện tử) of UBND tỉnh Quảng Ninh,
 * connected to DVCQG as a vendor's system is configured (specs/dvcqg-ndxp.md part A): a portal account and
 * payment-partner keys from the control plane, an SSO client registration, and its own web endpoints for
 * the portal's lookup (/direct), the SSO return (/dvcqgsso/auth) and payment results. Its work goes over the
 * wire: dossiers are registered with a MaHoSo and a due date, synced (DongBoHoSoMC) and followed by progress
 * (CapNhatTienDoHoSoMC) in the legal order of statuses; fees are collected through PP DVCQG.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { formatVnStamp, formatVnYymmdd } from '../../emulator/platforms/dvcqg/wire/dates.js';
import { appointment, dossierCode, dossierObject, progressObject, type Applicant, type Dossier, type Step } from './motcua/dossiers.js';
import { json, text, WebServer, type Request, type Response, type Route } from './motcua/http.js';
import { callbackReply, callbackSigned, initMessage, merchantRef, type Partner, type PendingPayment } from './motcua/payment.js';
import { PortalClient, PortalError } from './motcua/portal-client.js';
import { ProcedureTable } from './motcua/procedures.js';
import { SsoClient } from './motcua/sso.js';
import { ActionFailed, isString, param, type AgencyConfig, type AgencyPart, type DefectSpec } from './part.js';

/** UBND tỉnh Quảng Ninh, as on the document axis: one agency, two systems. */
export const MOTCUA_AGENCY = '000.00.00.H49';
export const MOTCUA_AGENCY_NAME = 'UBND tỉnh Quảng Ninh';
export const MOTCUA_USERNAME = 'ref.motcua.h49';
const SSO_CLIENT_ID = 'ref.motcua.h49';
const SSO_CALLBACK_PATH = '/dvcqgsso/auth';
/** S1's callback path for PP DVCQG results (docs/decisions/009 §7): the portal posts there under our base URL. */
const PAYMENT_CALLBACK_PATH = '/o/pgi/ppdvcqg/dpnhankqthanhtoanhs';
/** The payer's address as the desk terminal reports it (A10a `Ip`). */
const DESK_IP = '10.49.0.15';

export const MOTCUA_DEFECTS: DefectSpec[] = [
  { name: 'dvcqg-numeric-fields', part: 'motcua', description: 'writes LoaiDoiTuong, HinhThuc and TrangThaiHoSo as JSON numbers (every §A3 value must be a string)' },
  { name: 'dvcqg-bad-dossier-code', part: 'motcua', description: 'numbers dossiers <madonvi>-yyyymmdd-NNNNNNN instead of the account\'s <madonvi>-yymmdd-NNNN' },
  { name: 'dvcqg-no-progress', part: 'motcua', description: 'reports status changes by re-syncing the dossier only, never with CapNhatTienDoHoSoMC progress' },
  { name: 'dvcqg-skip-result-ready', part: 'motcua', description: 'hands the result over (10) straight from processing, never reporting 9 (đã xử lý xong)' },
  { name: 'dvcqg-padded-due-date', part: 'motcua', description: 'appoints the result 5 working days later than the procedure\'s processing time allows' },
  { name: 'dvcqg-backdated-finish', part: 'motcua', description: 'reports a late dossier as finished an hour before its due date' },
  { name: 'dvcqg-moved-due-date', part: 'motcua', description: 'moves NgayHenTra past the finish of a late dossier, without a supplement or apology record' },
  { name: 'dvcqg-lookup-stale', part: 'motcua', description: 'answers the portal\'s lookup with the dossier as it was at intake' },
  { name: 'dvcqg-sso-redirect-mismatch', part: 'motcua', description: 'sends another redirect_uri in the SSO token request than in the authorization request' },
  { name: 'dvcqg-sso-no-state-check', part: 'motcua', description: 'exchanges the code of any SSO callback without checking its state' },
  { name: 'dvcqg-pay-missing-receipt', part: 'motcua', description: 'leaves MaTTHC, TenTTHC, TenDonVi, MaDVC and TenDVC out of the payment receipt data' },
  { name: 'dvcqg-pay-no-ack', part: 'motcua', description: 'answers the payment result callback in PayGov\'s dialect instead of MaLoi "00"' },
];

/** Who does what at the agency (names on the progress records). */
const DESK = { officer: 'Nguyễn Thị Lan', title: 'Công chức tiếp nhận', department: 'Bộ phận Một cửa - Trung tâm Phục vụ hành chính công tỉnh' };
const SPECIALIST = { officer: 'Trần Văn Hùng', title: 'Chuyên viên', department: 'Phòng chuyên môn thụ lý' };
const LEADER = { officer: 'Phạm Minh Đức', title: 'Phó Giám đốc', department: 'Ban Giám đốc' };

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

export function createMotcua(config: AgencyConfig): AgencyPart {
  const has = (d: string) => config.defects.has(d);
  const web = new WebServer(routes, config.log);
  const dossiers = new Map<string, Dossier>();
  /** What the lookup answers under the stale defect: the dossier as synced at intake. */
  const atIntake = new Map<string, Record<string, unknown>>();
  const payments = new Map<string, PendingPayment>();
  const sequences = new Map<string, number>();
  const background = new Set<Promise<unknown>>();
  let portal: PortalClient | undefined;
  let procedures: ProcedureTable | undefined;
  let sso: SsoClient | undefined;
  let partner: Partner | undefined;
  let ssoClientId = SSO_CLIENT_ID;
  let walkIn: Applicant | undefined;
  /** Dossier changes happen one at a time, so syncs and progress reach the portal in the order they happened. */
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };

  async function control<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await fetch(config.emulatorUrl + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: (await res.json()) as T };
  }

  /** The emulator's clock (it may be virtual): a real system reads its own. */
  async function now(): Promise<Date> {
    return new Date((await control<{ now: string }>('GET', '/_lienthong/clock')).json.now);
  }

  const wire = (): PortalClient => {
    if (!portal || !procedures) throw new ActionFailed('the one-stop system is not connected to DVCQG yet');
    return portal;
  };

  let connecting: Promise<void> | undefined;
  /** Connects on first need, so the agency may start before the emulator does (lienthong test starts one). */
  async function connected(): Promise<void> {
    if (portal && procedures && sso) return;
    await (connecting ??= connect().finally(() => (connecting = undefined)));
  }

  function dossierOf(params: Record<string, unknown>, allowed: number[], what: string): Dossier {
    const maHoSo = param(params, 'maHoSo', isString, 'a MaHoSo');
    const d = dossiers.get(maHoSo);
    if (!d) throw new ActionFailed(`dossier ${maHoSo} is not in this one-stop system's book`);
    if (!allowed.includes(d.status)) throw new ActionFailed(`dossier ${maHoSo} is at status ${d.status}; ${what} needs status ${allowed.join(' or ')}`);
    return d;
  }

  const fileUrl = (id: string) => `${web.baseUrl}/files/${id}`;

  /** The dossier object as sent; the numeric-fields defect writes three coded values as numbers. */
  function wireObject(d: Dossier): Record<string, unknown> {
    const o = dossierObject(d, { agencyName: MOTCUA_AGENCY_NAME, fileUrl });
    if (has('dvcqg-numeric-fields')) Object.assign(o, { LoaiDoiTuong: 1, HinhThuc: 0, TrangThaiHoSo: d.status });
    return o;
  }

  /** Tells the portal about a change: the dossier as it now is (DongBoHoSoMC), then the step (CapNhatTienDoHoSoMC). */
  async function report(d: Dossier, step: Step): Promise<boolean> {
    d.steps.push(step);
    let ok = true;
    try {
      await wire().call('DongBoHoSoMC', { isUpdating: d.onPortal ? 'True' : 'False', data: [wireObject(d)] });
      d.onPortal = true;
    } catch (err) {
      // The desk's work stands; the sync is retried with the next change (the portal is told the whole dossier each time).
      config.log(`DongBoHoSoMC ${d.maHoSo} failed: ${(err as Error).message}`);
      ok = false;
    }
    if (has('dvcqg-lookup-stale') && !atIntake.has(d.maHoSo)) atIntake.set(d.maHoSo, lookupFields(d));
    if (has('dvcqg-no-progress') || !d.onPortal) return ok;
    try {
      await wire().call('CapNhatTienDoHoSoMC', { data: [progressObject(d, step, d.steps[0]?.at ?? d.receivedAt)] });
    } catch (err) {
      config.log(`CapNhatTienDoHoSoMC ${d.maHoSo} failed: ${(err as Error).message}`);
      ok = false;
    }
    return ok;
  }

  async function move(d: Dossier, status: number, who: typeof DESK, action: string, note: string, at?: Date): Promise<boolean> {
    d.status = status;
    return report(d, { status, at: at ?? (await now()), ...who, action, note });
  }

  async function nextCode(at: Date): Promise<string> {
    const day = formatVnYymmdd(at);
    for (;;) {
      const seq = (sequences.get(day) ?? 0) + 1;
      sequences.set(day, seq);
      const code = dossierCode(MOTCUA_AGENCY, at, seq, has('dvcqg-bad-dossier-code') ? 'igate' : 'standard');
      // A number the portal already holds (an earlier run against the same emulator) is skipped.
      const found = await wire().call('TraCuuHoSo', { MaHoSo: code });
      if (!Array.isArray(found.result) || found.result.length === 0) return code;
    }
  }

  async function applicantFrom(params: Record<string, unknown>): Promise<Applicant> {
    const a = params.applicant as Record<string, unknown> | undefined;
    let applicant: Applicant;
    if (a && isString(a.idNumber) && isString(a.name)) {
      applicant = { idNumber: a.idNumber, name: a.name, ...(isString(a.phone) ? { phone: a.phone } : {}), ...(isString(a.email) ? { email: a.email } : {}), ...(isString(a.address) ? { address: a.address } : {}) };
    } else {
      // A walk-in applicant of the synthetic world when the harness names none.
      walkIn ??= await (async () => {
        const r = await control<{ accounts: Array<{ claims: Record<string, string> }> }>('GET', '/_lienthong/dvcqg/sso/accounts?kind=citizen&limit=1');
        const c = r.json.accounts[0]?.claims;
        if (!c) throw new ActionFailed('no applicant given and the emulator lists no test citizen');
        return { idNumber: c.SoDinhDanh ?? '', name: c.HoVaTen ?? '', phone: c.SoDienThoai, email: c.ThuDienTu, address: c.DiaChi };
      })();
      applicant = { ...walkIn };
    }
    try {
      const r = await wire().call('TraCuuTechID', { provider: 'wso2is', mstorcmnd: applicant.idNumber });
      const techId = (r.result as Array<{ TECHNICALID?: string }> | undefined)?.[0]?.TECHNICALID;
      if (techId) applicant.techId = techId;
    } catch (err) {
      if (!(err instanceof PortalError)) throw err;
      // No DVCQG account: the dossier goes without MaDoiTuong.
    }
    return applicant;
  }

  function lookupFields(d: Dossier): Record<string, unknown> {
    const o = dossierObject(d, { agencyName: MOTCUA_AGENCY_NAME, fileUrl });
    return Object.fromEntries(['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'LoaiDoiTuong', 'TrangThaiHoSo', 'HinhThuc', 'DonViXuLy'].map((k) => [k, o[k]]));
  }

  // ------------------------------------------------------------ web endpoints the portal and browsers call

  /** §A4: the portal looks a dossier up; errors are HTTP 200 with error_code "-1", as OpenCPS answers. */
  async function direct(req: Request): Promise<Response> {
    const maHoSo = req.json?.masohoso;
    const d = typeof maHoSo === 'string' ? dossiers.get(maHoSo) : undefined;
    if (!d || req.json?.madonvi !== MOTCUA_AGENCY) return json({ error_code: '-1', error_message: `Không tìm thấy hồ sơ ${String(maHoSo ?? '')}` });
    return json(has('dvcqg-lookup-stale') ? (atIntake.get(d.maHoSo) ?? lookupFields(d)) : lookupFields(d));
  }

  /** A10a: the payment result. Verified, recorded, acknowledged; processing resumes once the fee is paid. */
  async function paymentResult(req: Request): Promise<Response> {
    const body = req.json ?? {};
    const p = partner;
    if (!p) return json({ MaLoi: '99', MoTaLoi: 'Hệ thống chưa sẵn sàng' });
    if (!callbackSigned(body, p)) {
      config.log(`payment callback for ${String(body.MaThamChieu)} with a wrong MaXacThuc: refused`);
      return json(callbackReply(body, p, false, 'Sai mã xác thực (MaXacThuc)'));
    }
    const pay = payments.get(String(body.MaThamChieu));
    if (!pay) return json(callbackReply(body, p, false, 'Không tìm thấy giao dịch (MaThamChieu)'));
    if (pay.state === 'pending') {
      pay.state = body.MaLoi === '00' ? 'paid' : body.MaLoi === '01' ? 'cancelled' : 'failed';
      pay.transactionId = String(body.MaGiaoDich ?? '');
      const d = dossiers.get(pay.maHoSo);
      if (pay.state === 'paid' && d?.status === 6) {
        const resumeTo = d.finishedAt ? 9 : 4;
        const job = serial(() => move(d, resumeTo, SPECIALIST, 'Đã nộp phí, lệ phí', `Giao dịch ${pay.transactionId}; ${resumeTo === 9 ? 'chờ trả kết quả' : 'tiếp tục giải quyết'}`));
        background.add(job);
        void job.finally(() => background.delete(job));
      }
    }
    if (has('dvcqg-pay-no-ack')) return json({ error_code: 'SUCCESSFUL', error_message: 'Đã nhận kết quả thanh toán' });
    return json(callbackReply(body, p, true, 'Đã nhận kết quả thanh toán'));
  }

  function routes(method: string, path: string): Route | undefined {
    if (method === 'POST' && path === '/direct') return direct;
    if (method === 'POST' && path === PAYMENT_CALLBACK_PATH) return paymentResult;
    if (method === 'GET' && path === SSO_CALLBACK_PATH) {
      return async (req) => {
        if (!sso) return text('SSO is not configured', 503);
        const r = await sso.callback(req.query);
        return text(r.text, r.status);
      };
    }
    if (method === 'GET' && path.startsWith('/files/')) {
      // The scanned files of a dossier (DuongDanTaiTepTin): a placeholder PDF per file.
      return async () => ({ status: 200, type: 'pdf', body: Buffer.from(`%PDF-1.4\n% ${path.slice(7)}\n%%EOF\n`, 'utf8') });
    }
    if (method === 'GET' && path === '/') return async () => text(`Hệ thống thông tin giải quyết TTHC - ${MOTCUA_AGENCY_NAME} (reference agency)`);
    return undefined;
  }

  // ------------------------------------------------------------ hook actions

  const actions: AgencyPart['actions'] = {
    async 'dvcqg.receiveDossier'(params) {
      await connected();
      const applicant = await applicantFrom(params);
      const procedure = isString(params.maTTHC) ? await procedures!.get(params.maTTHC) : await procedures!.pick({ withFee: params.withFee === true });
      return serial(async () => {
        const at = await now();
        const maHoSo = await nextCode(at);
        const days = procedure.processingDays + (has('dvcqg-padded-due-date') ? 5 : 0);
        const d: Dossier = {
          maHoSo,
          procedure,
          applicant,
          receivedAt: at,
          dueAt: appointment(at, days),
          status: 2,
          steps: [],
          supplements: [],
          files: procedure.documents.slice(0, 3).map((doc) => ({ id: randomUUID(), name: `${doc.name}.pdf`, documentCode: doc.code })),
          results: [],
          onPortal: false,
        };
        dossiers.set(maHoSo, d);
        const synced = await report(d, { status: 2, at, ...DESK, action: 'Tiếp nhận hồ sơ', note: `Hồ sơ đầy đủ, hẹn trả kết quả ${formatVnStamp(d.dueAt)}` });
        return { maHoSo, maTTHC: procedure.code, ngayHenTra: formatVnStamp(d.dueAt), synced };
      });
    },

    async 'dvcqg.processDossier'(params) {
      const d = dossierOf(params, [2], 'processing');
      return serial(async () => {
        const synced = await move(d, 4, SPECIALIST, 'Chuyển xử lý', 'Hồ sơ được chuyển phòng chuyên môn thụ lý');
        return { status: '4', synced };
      });
    },

    async 'dvcqg.requestSupplement'(params) {
      const d = dossierOf(params, [2, 4], 'a supplement request');
      const reason = param(params, 'reason', isString, 'the documents asked for');
      return serial(async () => {
        const at = await now();
        d.supplements.push({ id: randomUUID(), requestedAt: at, reason });
        return { status: '5', synced: await move(d, 5, SPECIALIST, 'Yêu cầu bổ sung hồ sơ', reason, at) };
      });
    },

    async 'dvcqg.receiveSupplement'(params) {
      const d = dossierOf(params, [5], 'receiving a supplement');
      return serial(async () => {
        const at = await now();
        const open = d.supplements.find((s) => !s.receivedAt);
        if (open) open.receivedAt = at;
        return { status: '4', synced: await move(d, 4, DESK, 'Tiếp nhận hồ sơ bổ sung', 'Đã nhận đủ giấy tờ bổ sung; tiếp tục giải quyết', at) };
      });
    },

    async 'dvcqg.finishDossier'(params) {
      const d = dossierOf(params, [2, 4], 'finishing');
      const deliver = params.deliver === undefined ? true : param(params, 'deliver', isBoolean, 'true or false');
      return serial(async () => {
        const at = await now();
        const late = at > d.dueAt;
        // Defect: a late dossier is reported as finished before its due date.
        const finishedAt = late && has('dvcqg-backdated-finish') ? new Date(d.dueAt.getTime() - 3600_000) : at;
        // Defect: the appointment silently moves past the finish of a late dossier.
        if (late && has('dvcqg-moved-due-date')) d.dueAt = new Date(at.getTime() + 3600_000);
        d.finishedAt = finishedAt;
        const result = d.procedure.results[0];
        if (result) d.results.push({ id: randomUUID(), name: result.name, resultCode: result.code });
        let synced = true;
        if (!has('dvcqg-skip-result-ready')) synced = await move(d, 9, LEADER, 'Phê duyệt kết quả', 'Đã ký kết quả giải quyết; chuyển Bộ phận Một cửa', finishedAt);
        if (deliver) {
          d.deliveredAt = at;
          synced = (await move(d, 10, DESK, 'Trả kết quả', 'Đã trả kết quả trực tiếp cho người nộp hồ sơ', at)) && synced;
        }
        return { status: String(d.status), synced };
      });
    },

    async 'dvcqg.requestPayment'(params) {
      await connected();
      const d = dossierOf(params, [2, 4, 9], 'a fee request');
      if (d.procedure.fees.length === 0) throw new ActionFailed(`procedure ${d.procedure.code} of ${d.maHoSo} has no fee`);
      if (!partner) throw new ActionFailed('no payment partner keys: the account was not created');
      const p = partner;
      return serial(async () => {
        const at = await now();
        await move(d, 6, SPECIALIST, 'Yêu cầu thực hiện nghĩa vụ tài chính', `Nộp phí, lệ phí ${d.procedure.fees.reduce((s, f) => s + f.amount, 0)} đồng qua Nền tảng thanh toán trên Cổng DVCQG`, at);
        const ref = merchantRef(d.maHoSo);
        const message = initMessage(d, { partner: p, madonvi: MOTCUA_AGENCY, agencyName: MOTCUA_AGENCY_NAME, now: at, ref, payerIp: DESK_IP, lean: has('dvcqg-pay-missing-receipt') });
        const res = await fetch(`${config.emulatorUrl}/dvcqg/payment/init`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
        const reply = (await res.json()) as Record<string, unknown>;
        if (reply.MaLoi !== '00' || typeof reply.UrlThanhToan !== 'string') throw new ActionFailed(`PP DVCQG refused the payment of ${d.maHoSo}: MaLoi ${String(reply.MaLoi)} ${String(reply.MoTaLoi ?? '')}`);
        const amount = Number(message.SoTien);
        payments.set(ref, { maThamChieu: ref, maHoSo: d.maHoSo, amount, requestedAt: String(message.ThoiGianGD), state: 'pending' });
        return { paymentUrl: reply.UrlThanhToan, maThamChieu: ref, amount };
      });
    },

    async 'dvcqg.startSsoLogin'() {
      await connected();
      if (!sso) throw new ActionFailed('SSO is not configured');
      const { authorizationUrl } = await sso.start();
      return { authorizationUrl };
    },

    async 'dvcqg.ssoSession'(params) {
      if (!sso) throw new ActionFailed('SSO is not configured');
      const s = sso.session(param(params, 'state', isString, 'the state of the sign-in'));
      return { signedIn: s.signedIn, ...(s.user ?? {}), ...(s.error ? { error: s.error } : {}) };
    },
  };

  /** What the vendor's installer does once: the portal account (and payment keys), the SSO client, the procedure table. */
  async function connect(): Promise<void> {
    const base = web.baseUrl;
    if (!portal) await connectAccount(base);
    if (!sso) await connectSso(base);
    const table = new ProcedureTable(portal!, MOTCUA_AGENCY);
    await table.load();
    procedures = table;
    config.log(`connected to DVCQG as ${MOTCUA_USERNAME} (${MOTCUA_AGENCY}), SSO client ${ssoClientId}, web ${base}`);
  }

  async function connectAccount(base: string): Promise<void> {
    const password = randomBytes(18).toString('base64url');
    const created = await control<{ payment?: { ppdvcqg: { maDoiTac: string; hashKey: string } }; error?: { message?: string } }>('POST', '/_lienthong/dvcqg/accounts', {
      username: MOTCUA_USERNAME,
      password,
      madonvi: MOTCUA_AGENCY,
      callbackUrl: base,
    });
    if (created.status === 201 && created.json.payment) {
      partner = { maDoiTac: created.json.payment.ppdvcqg.maDoiTac, hashKey: created.json.payment.ppdvcqg.hashKey };
    } else {
      // Connected before (same emulator): new password and our new address; the payment keys stay.
      const patched = await control('PATCH', `/_lienthong/dvcqg/accounts/${MOTCUA_USERNAME}`, { password, callbackUrl: base });
      if (patched.status !== 200) throw new Error(`cannot create or update DVCQG account ${MOTCUA_USERNAME}: ${JSON.stringify(created.json)} / ${JSON.stringify(patched.json)}`);
      const partners = await control<{ partners: Array<{ channel: string; maDoiTac?: string; hashKey?: string; agency: string }> }>('GET', '/_lienthong/dvcqg/payment/partners');
      const pp = partners.json.partners.find((x) => x.channel === 'ppdvcqg' && x.agency === MOTCUA_AGENCY && x.maDoiTac === MOTCUA_AGENCY);
      if (!pp?.hashKey) throw new Error(`no PP DVCQG partner for ${MOTCUA_AGENCY}`);
      partner = { maDoiTac: pp.maDoiTac!, hashKey: pp.hashKey };
    }
    portal = new PortalClient(`${config.emulatorUrl}/dvcqg`, { username: MOTCUA_USERNAME, password, madonvi: MOTCUA_AGENCY });
  }

  async function connectSso(base: string): Promise<void> {
    const secret = randomBytes(24).toString('base64url');
    const redirectUri = `${base}${SSO_CALLBACK_PATH}`;
    // A client id is registered once; a restarted system (new port, so a new redirect URI) registers a fresh one.
    for (const clientId of [SSO_CLIENT_ID, `${SSO_CLIENT_ID}.${randomBytes(4).toString('hex')}`]) {
      const r = await control<{ endpoints?: { issuer: string } }>('POST', '/_lienthong/dvcqg/sso/clients', { clientId, clientSecret: secret, redirectUris: [redirectUri], name: `Một cửa điện tử ${MOTCUA_AGENCY_NAME}` });
      if (r.status === 201 && r.json.endpoints) {
        ssoClientId = clientId;
        sso = new SsoClient({
          issuer: r.json.endpoints.issuer,
          clientId,
          clientSecret: secret,
          redirectUri,
          ...(has('dvcqg-sso-redirect-mismatch') ? { tokenRedirectUri: `${base}/dvcqgsso/callback` } : {}),
          skipStateCheck: has('dvcqg-sso-no-state-check'),
          log: config.log,
        });
        return;
      }
    }
    throw new Error('cannot register the SSO client');
  }

  return {
    name: 'motcua',
    roles: ['motcua'],
    actions,
    async start() {
      await web.listen();
      await connected().catch((err: unknown) => config.log(`DVCQG is not reachable yet (${(err as Error).message}); connecting on first use`));
    },
    async stop() {
      await Promise.allSettled([...background]);
      await chain;
      await web.close();
    },
    info: () => ({ agencies: [MOTCUA_AGENCY], dvcqgAccount: MOTCUA_USERNAME, ssoClientId, webUrl: web.baseUrl }),
  };
}
