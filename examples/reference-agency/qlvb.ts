/**
 * The reference agency's document-management system (hệ thống quản lý văn bản và điều hành) on the
 * national axis, done the way specs/vdxp.md §3.5 describes real clients: an SDK-faithful client, a poller
 * that fetches, validates, registers and acknowledges (updateStatus, then status 01 or 02), statuses
 * 03–06 in order, answers 15 to revocations and changes, and an outbox that retries transient axis errors.
 */
import { vnDate, vnTimestamp } from '../../emulator/core/clock.js';
import { createSdkClient, edocModel, fetchTransport, statusModel, type SdkClient } from '../../emulator/platforms/vdxp/index.js';
import { buildEdoc, buildStatus } from '../../emulator/platforms/vdxp/wire/edxml-build.js';
import type { EdocPackage, StatusPackage } from '../../emulator/platforms/vdxp/wire/edxml-model.js';
import { parseEdxml } from '../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { validateEdxml } from '../../emulator/platforms/vdxp/wire/edxml-validate.js';
import { signEdxml } from '../../emulator/platforms/vdxp/wire/signature.js';
import { ActionFailed, isString, param, type AgencyConfig, type AgencyPart, type DefectSpec } from './part.js';

export const QLVB_SYSTEM_ID = 'ref.qlvb';
/** UBND tỉnh Quảng Ninh: the reference agency's own code (QCVN 102 form). */
export const QLVB_AGENCY = '000.00.00.H49';

export const QLVB_DEFECTS: DefectSpec[] = [
  { name: 'bad-package', part: 'qlvb', description: 'writes Priority 9 (outside 0–4) into every document package' },
  { name: 'unsigned', part: 'qlvb', description: 'sends documents unsigned even when asked to sign' },
  { name: 'late-send', part: 'qlvb', description: 'sends documents signed a week earlier (misses the QĐ 28 deadline)' },
  { name: 'no-ack', part: 'qlvb', description: 'never acknowledges fetched packages with updateStatus' },
  { name: 'no-status-01', part: 'qlvb', description: 'never sends status 01 (đã đến) for a received document' },
  { name: 'wrong-response-for', part: 'qlvb', description: 'puts its own registration number as ResponseFor/DocumentId in statuses' },
  { name: 'status-out-of-order', part: 'qlvb', description: 'sends 05 (đang xử lý) before 04 (phân công)' },
  { name: 'accept-faulty', part: 'qlvb', description: 'accepts packages that fail QCVN 102 checks instead of refusing them with 02' },
  { name: 'no-reason', part: 'qlvb', description: 'sends 02 and 13 with an empty Description (no reason)' },
  { name: 'duplicate-ack', part: 'qlvb', description: 'registers a document delivered twice twice (second status 01)' },
  { name: 'no-change-answer', part: 'qlvb', description: 'never answers revocations and changes with 15/16' },
  { name: 'no-retry', part: 'qlvb', description: 'gives up on the first transient axis error (no retry)' },
];

interface Incoming {
  documentId: string;
  from: string;
  /** The sender's CodeNumber/CodeNotation and PromulgationDate, for ResponseFor. */
  code: string;
  date: string;
  /** Our own registration number in the incoming book (sổ văn bản đến). */
  bookNumber: number;
  status: string;
  revoked: boolean;
}

interface Outgoing {
  documentId: string;
  to: string[];
  number: string;
  notation: string;
  date: string;
  subject: string;
}

/** What one poll did with an item (the `vdxp.receive` result). */
interface Handled {
  documentId: string;
  from: string;
  kind: 'edoc' | 'status';
  statusCode?: string;
  rejected?: boolean;
}

/** What the poller does with a fetched package: acknowledge it stored or not, then maybe send a status. */
interface Outcome {
  stored: boolean;
  after?: () => Promise<void>;
  handled?: Handled;
}

const TRANSIENT_RETRIES_MS = [200, 500, 1_000, 2_000];

export function createQlvb(config: AgencyConfig): AgencyPart {
  const has = (d: string) => config.defects.has(d);
  let client: SdkClient | undefined;
  let keys: { privateKeyPem: string; certificatePem: string } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let nextNumber = 1;
  let nextBookNumber = 1;
  const incoming = new Map<string, Incoming>();
  const outgoing = new Map<string, Outgoing>();
  /** Statuses others sent about our documents, by DocumentId (what the QLVB shows the sender's clerk). */
  const statusesReceived = new Map<string, { from: string; code: string; description: string }[]>();
  /** One poll at a time: the timer and the `vdxp.receive` action share it. */
  let polling: Promise<unknown> = Promise.resolve();
  const pending = new Set<Promise<unknown>>();

  let connecting: Promise<void> | undefined;
  /** Connects on first need, so the agency may start before the emulator does (lienthong test starts one). */
  const sdk = async (): Promise<SdkClient> => {
    if (!client) await (connecting ??= connect().finally(() => (connecting = undefined)));
    return client as SdkClient;
  };

  async function connect(): Promise<void> {
    const existing = await control<{ secret: string; certificatePem: string; privateKeyPem: string }>('GET', `/_lienthong/vdxp/systems/${QLVB_SYSTEM_ID}/credentials`);
    const creds =
      existing.status === 200
        ? existing.json
        : (await control<{ secret: string; certificatePem: string; privateKeyPem: string }>('POST', '/_lienthong/vdxp/systems', { systemId: QLVB_SYSTEM_ID, name: 'QLVB tỉnh Quảng Ninh (reference agency)', agencies: [{ code: QLVB_AGENCY }] })).json;
    if (!creds.secret) throw new ActionFailed(`cannot connect ${QLVB_SYSTEM_ID} to the axis: ${JSON.stringify(creds)}`);
    keys = { privateKeyPem: creds.privateKeyPem, certificatePem: creds.certificatePem };
    client = createSdkClient({ systemId: QLVB_SYSTEM_ID, secret: creds.secret, transport: fetchTransport(`${config.emulatorUrl}/vdxp`) });
    config.log(`connected to the axis as ${QLVB_SYSTEM_ID} (${QLVB_AGENCY})`);
  }

  async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await fetch(config.emulatorUrl + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: (await res.json()) as T };
  }

  /** Today's date on the emulator clock (it may be virtual): a real QLVB reads its own clock. */
  async function now(): Promise<Date> {
    const { json } = await control<{ now: string }>('GET', '/_lienthong/clock');
    return new Date(json.now);
  }

  /**
   * Sends one package through sendEdoc; transient failures (network, 5xx, 429) are retried in the
   * background as the SDK's retry count does. Resolves with the DocId when the first attempt succeeded.
   */
  async function send(bytes: Buffer, messagetype: 'edoc' | 'status', what: string): Promise<string | undefined> {
    const attempt = async (): Promise<{ ok: true; docId: string } | { ok: false; transient: boolean; why: string }> => {
      try {
        const r = await (await sdk()).sendEdoc(bytes, { from: QLVB_AGENCY, messagetype });
        if (r.json?.status === 'OK') return { ok: true, docId: String(r.json.DocId) };
        return { ok: false, transient: r.httpStatus >= 500 || r.httpStatus === 429, why: `HTTP ${r.httpStatus} ${r.json?.ErrorDesc ?? r.body.toString('utf8').slice(0, 200)}` };
      } catch (err) {
        return { ok: false, transient: true, why: (err as Error).message };
      }
    };
    const first = await attempt();
    if (first.ok) return first.docId;
    if (!first.transient) throw new ActionFailed(`the axis refused ${what}: ${first.why}`);
    if (has('no-retry')) {
      config.log(`sending ${what} failed (${first.why}); not retried`);
      return undefined;
    }
    const retry = (async () => {
      for (const delay of TRANSIENT_RETRIES_MS) {
        await new Promise((r) => setTimeout(r, delay));
        if (stopped) return;
        const r = await attempt();
        if (r.ok || !r.transient) return config.log(`retry of ${what}: ${r.ok ? `sent as ${r.docId}` : `refused: ${r.why}`}`);
      }
      config.log(`gave up sending ${what} after ${TRANSIENT_RETRIES_MS.length + 1} attempts`);
    })();
    pending.add(retry);
    void retry.finally(() => pending.delete(retry));
    return undefined;
  }

  async function sendStatus(to: string, about: { documentId: string; code: string; date: string }, code: string, description: string): Promise<void> {
    const ts = vnTimestamp(await now());
    const model = statusModel({ from: QLVB_AGENCY, to, documentId: about.documentId, code, description, responseCode: about.code, promulgationDate: about.date, timestamp: ts });
    if (has('wrong-response-for') && code !== '13') {
      const own = incoming.get(about.documentId);
      model.responseFor = { ...model.responseFor, documentId: `${QLVB_AGENCY},${about.date},${own?.bookNumber ?? 0}/ĐẾN` };
    }
    await send(Buffer.from(buildStatus(ourOrganization(model)), 'utf8'), 'status', `status ${code} about ${about.documentId}`);
  }

  const reasonOf = (reason: string) => (has('no-reason') ? '' : reason);

  /** One poll of the edoc and status mailboxes, as the QLVB's scheduler runs it. */
  async function pollOnce(): Promise<Handled[]> {
    const handled: Handled[] = [];
    const today = vnDate(await now());
    for (const messagetype of ['edoc', 'status'] as const) {
      const list = await (await sdk()).getReceivedEdocList(messagetype);
      if (list.json?.status !== 'OK') throw new ActionFailed(`getReceivedEdocList ${messagetype}: ${list.json?.ErrorDesc ?? `HTTP ${list.httpStatus}`}`);
      for (const item of list.json.data as { docId: string }[]) {
        const got = await (await sdk()).getEdoc(item.docId);
        if (!got.edxml) continue; // left in the mailbox; the next poll tries again
        const outcome = messagetype === 'edoc' ? await onDocument(got.edxml, today) : await onStatus(got.edxml);
        if (!has('no-ack')) await (await sdk()).updateStatus(item.docId, outcome.stored ? 'done' : 'fail');
        if (outcome.after) await outcome.after();
        if (outcome.handled) handled.push(outcome.handled);
      }
    }
    return handled;
  }

  async function onDocument(bytes: Buffer, today: string): Promise<Outcome> {
    let pkg: EdocPackage;
    let problems: string[] = [];
    try {
      const parsed = parseEdxml(bytes, { mode: 'lenient' });
      if (parsed.pkg.kind !== 'edoc') return { stored: false };
      pkg = parsed.pkg;
      problems = validateEdxml(pkg, { mode: 'strict', today }).errors.map((e) => e.message);
    } catch (err) {
      config.log(`unreadable package: ${(err as Error).message}`);
      return { stored: false };
    }
    const h = pkg.header;
    const documentId = h.documentId ?? '';
    const from = h.from?.organId ?? '';
    const about = { documentId, code: [h.code?.codeNumber, h.code?.codeNotation].filter(Boolean).join('/'), date: h.promulgationInfo?.promulgationDate ?? today };
    const type = pkg.business?.docType ?? '0';
    if (problems.length > 0 && !has('accept-faulty')) {
      // Stored (so done), but refused to the sender with the reason: QĐ 28's right of refusal.
      const reason = `Văn bản không hợp lệ theo QCVN 102:2016: ${problems.slice(0, 3).join('; ')}`;
      return { stored: true, after: () => sendStatus(from, about, '02', reasonOf(reason)), handled: { documentId, from, kind: 'edoc', rejected: true } };
    }
    if (type !== '0') {
      const target = type === '3' ? (pkg.business?.replacements[0]?.documentId ?? documentId) : (pkg.business?.documentId ?? documentId);
      const original = incoming.get(target);
      if (type === '1' && original) original.revoked = true;
      if (type === '3' || (type === '2' && documentId !== target)) register(documentId, from, about);
      const answerAbout = original ? { documentId: original.documentId, code: original.code, date: original.date } : about;
      return { stored: true, after: has('no-change-answer') ? undefined : () => sendStatus(from, answerAbout, '15', 'Đồng ý điều chỉnh văn bản'), handled: { documentId, from, kind: 'edoc' } };
    }
    if (incoming.has(documentId) && !has('duplicate-ack')) {
      // Delivered again (a retry or redelivery): already in the incoming book, only acknowledged.
      return { stored: true, handled: { documentId, from, kind: 'edoc' } };
    }
    register(documentId, from, about);
    return { stored: true, after: has('no-status-01') ? undefined : () => sendStatus(from, about, '01', 'Đã đến - phần mềm QLVB đã nhận'), handled: { documentId, from, kind: 'edoc' } };
  }

  function register(documentId: string, from: string, about: { code: string; date: string }): void {
    incoming.set(documentId, { documentId, from, code: about.code, date: about.date, bookNumber: nextBookNumber++, status: '01', revoked: false });
  }

  async function onStatus(bytes: Buffer): Promise<Outcome> {
    let pkg: StatusPackage;
    try {
      const parsed = parseEdxml(bytes, { mode: 'lenient' });
      if (parsed.pkg.kind !== 'status') return { stored: false };
      pkg = parsed.pkg;
    } catch {
      return { stored: false };
    }
    const documentId = pkg.responseFor?.documentId ?? '';
    const from = pkg.from?.organId ?? '';
    const code = pkg.statusCode ?? '';
    const list = statusesReceived.get(documentId) ?? [];
    list.push({ from, code, description: pkg.description ?? '' });
    statusesReceived.set(documentId, list);
    const doc = incoming.get(documentId);
    if (code === '13' && doc) {
      doc.revoked = true;
      return { stored: true, after: has('no-change-answer') ? undefined : () => sendStatus(from, doc, '15', 'Đồng ý thu hồi văn bản'), handled: { documentId, from, kind: 'status', statusCode: code } };
    }
    return { stored: true, handled: { documentId, from, kind: 'status', statusCode: code } };
  }

  const poll = () => {
    const run = polling.then(pollOnce, pollOnce);
    polling = run.catch((err: unknown) => config.log(`poll failed: ${(err as Error).message}`));
    return run;
  };

  function scheduleNext(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void poll()
        .catch(() => {})
        .finally(scheduleNext);
    }, config.pollIntervalMs);
  }

  async function buildDocument(o: { to: string[]; number: string; notation: string; date: string; subject: string; type?: '0' | '1' | '2' | '3'; documentId?: string; changes?: string; reason?: string; replaces?: { documentId: string; organIds: string[] }[]; referenceCodes?: string[]; signed: boolean }): Promise<Buffer> {
    await sdk(); // the signing key comes with the connection
    const model = edocModel({ from: QLVB_AGENCY, to: o.to, number: o.number, notation: o.notation, date: o.date, subject: o.subject, type: o.type, documentId: o.documentId, changes: o.changes, reason: o.reason, replaces: o.replaces });
    model.traces = [{ organId: QLVB_AGENCY, timestamp: vnTimestamp(await now()) }];
    if (o.type === '2' && model.business) model.business.documentInfo = { documentInfo: '1', documentReceiver: '0', receivers: [] };
    // QCVN 102 has one ReferenceCodes text; several codes are joined by "; " (none contains it).
    if (o.referenceCodes?.length && model.header.otherInfo) model.header.otherInfo.referenceCodes = o.referenceCodes.join('; ');
    if (has('bad-package') && model.header.otherInfo) model.header.otherInfo.priority = '9';
    let xml = buildEdoc(ourOrganization(model));
    if (o.signed && !has('unsigned') && keys) xml = signEdxml(xml, keys);
    return Buffer.from(xml, 'utf8');
  }

  const actions: AgencyPart['actions'] = {
    async 'vdxp.sendDocument'(params) {
      const to = param(params, 'to', (v): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isString), 'a non-empty array of agency codes');
      const subject = param(params, 'subject', isString, 'a non-empty string');
      const number = typeof params.number === 'string' ? params.number : String(nextNumber++);
      const notation = typeof params.notation === 'string' ? params.notation : 'UBND-VP';
      let signedAt = await now();
      // The defect: a document signed a week ago and only sent today.
      if (has('late-send')) signedAt = new Date(signedAt.getTime() - 7 * 24 * 3600_000);
      const date = vnDate(signedAt);
      const documentId = `${QLVB_AGENCY},${date},${number}/${notation}`;
      const referenceCodes =
        params.referenceCodes === undefined
          ? undefined
          : param(params, 'referenceCodes', (v): v is string[] => Array.isArray(v) && v.length > 0 && v.every((c) => isString(c) && !c.includes(';')), 'a non-empty array of codes without ";"');
      const bytes = await buildDocument({ to, number, notation, date, subject, referenceCodes, signed: params.signed === true });
      outgoing.set(documentId, { documentId, to, number, notation, date, subject });
      const docId = await send(bytes, 'edoc', `document ${documentId}`);
      return { documentId, ...(docId ? { docIds: [docId] } : { queued: true }) };
    },

    async 'vdxp.receive'() {
      return { received: await poll() };
    },

    async 'vdxp.processDocument'(params) {
      const documentId = param(params, 'documentId', isString, 'a DocumentId');
      const through = typeof params.through === 'string' ? params.through : '06';
      const doc = incoming.get(documentId);
      if (!doc) throw new ActionFailed(`document ${documentId} is not in the incoming book (not received yet?)`);
      if (doc.revoked) throw new ActionFailed(`document ${documentId} was revoked by its sender`);
      const steps = ['03', '04', '05', '06'].filter((c) => c <= through && c > doc.status);
      const order = has('status-out-of-order') ? steps.map((c) => (c === '04' ? '05' : c === '05' ? '04' : c)) : steps;
      const descriptions: Record<string, string> = { '03': 'Đã tiếp nhận, vào sổ văn bản đến', '04': 'Lãnh đạo đã phân công xử lý', '05': 'Đang xử lý', '06': 'Đã xử lý xong' };
      for (const code of order) {
        await sendStatus(doc.from, doc, code, descriptions[code] ?? code);
        doc.status = code;
      }
      return { sent: order };
    },

    async 'vdxp.rejectDocument'(params) {
      const documentId = param(params, 'documentId', isString, 'a DocumentId');
      const reason = param(params, 'reason', isString, 'the reason for refusing');
      const doc = incoming.get(documentId);
      if (!doc) throw new ActionFailed(`document ${documentId} is not in the incoming book (not received yet?)`);
      await sendStatus(doc.from, doc, '02', reasonOf(reason));
      doc.status = '02';
      return {};
    },

    async 'vdxp.changeDocument'(params) {
      const documentId = param(params, 'documentId', isString, 'a DocumentId');
      const kind = param(params, 'kind', (v): v is 'revoke' | 'update' | 'replace' => v === 'revoke' || v === 'update' || v === 'replace', 'revoke, update or replace');
      const reason = param(params, 'reason', isString, 'the reason');
      const doc = outgoing.get(documentId);
      if (!doc) throw new ActionFailed(`document ${documentId} was not sent by this system`);
      const to = Array.isArray(params.to) ? (params.to as string[]) : doc.to;
      if (kind === 'revoke') {
        for (const recipient of to) await sendStatus(recipient, { documentId, code: `${doc.number}/${doc.notation}`, date: doc.date }, '13', reasonOf(reason));
        return {};
      }
      const number = String(nextNumber++);
      const date = vnDate(await now());
      const newId = `${QLVB_AGENCY},${date},${number}/${doc.notation}`;
      const bytes = await buildDocument({
        to,
        number,
        notation: doc.notation,
        date,
        subject: doc.subject,
        type: kind === 'update' ? '2' : '3',
        documentId: newId,
        reason: reasonOf(reason),
        ...(kind === 'update' ? { changes: documentId } : { replaces: [{ documentId, organIds: to }] }),
        signed: false,
      });
      outgoing.set(newId, { documentId: newId, to, number, notation: doc.notation, date, subject: doc.subject });
      await send(bytes, 'edoc', `${kind} of ${documentId}`);
      return { documentId: newId };
    },
  };

  return {
    name: 'qlvb',
    roles: ['qlvb'],
    actions,
    async start() {
      stopped = false;
      await sdk().catch((err: unknown) => config.log(`the axis is not reachable yet (${(err as Error).message}); connecting on first use`));
      scheduleNext();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
      await Promise.allSettled([...pending]);
    },
    info: () => ({ agencies: [QLVB_AGENCY], systemId: QLVB_SYSTEM_ID }),
  };
}

/** Our own letterhead in From (the shared builder writes a placeholder organization). */
function ourOrganization<T extends EdocPackage | StatusPackage>(pkg: T): T {
  const us = { organId: QLVB_AGENCY, organizationInCharge: 'UBND tỉnh Quảng Ninh', organName: 'Văn phòng UBND tỉnh Quảng Ninh', organAdd: 'Hạ Long, Quảng Ninh', email: 'vanthu@quangninh.gov.vn', telephone: '02033835000', fax: '02033835001', website: 'quangninh.gov.vn' };
  if (pkg.kind === 'edoc') return { ...pkg, header: { ...pkg.header, from: us } };
  return { ...pkg, from: us };
}
