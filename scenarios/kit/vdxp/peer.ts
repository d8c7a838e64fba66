/**
 * The harness's own agency on the axis: the counterpart of the SUT in every VDXP scenario. It is a real
 * client (SDK-faithful headers, its exchanges in the evidence log like anyone's) connected as system
 * `lienthong.harness` in lenient mode, so the axis relays the faulty packages scenarios send on purpose.
 */
import { vnDate, vnTimestamp } from '../../../emulator/core/clock.js';
import { createSdkClient, edocModel, fetchTransport, statusPackage, type EdocSpec, type SdkClient, type StatusSpec } from '../../../emulator/platforms/vdxp/index.js';
import { buildEdoc } from '../../../emulator/platforms/vdxp/wire/edxml-build.js';
import type { EdocPackage, StatusPackage } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import { parseEdxml } from '../../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

export const PEER_SYSTEM_ID = 'lienthong.harness';
/** Văn phòng Chính phủ, or another ministry when the SUT is VPCP itself. */
const PEER_CANDIDATES = ['000.00.00.G22', '000.00.00.G09', '000.00.00.G12'];

export interface Received<P> {
  docId: string;
  pkg: P;
}

export class Peer {
  /** Packages the peer has collected from its mailbox (kept across scenarios of one run). */
  readonly statuses: Received<StatusPackage>[] = [];
  readonly documents: Received<EdocPackage>[] = [];
  private counter = Math.floor(Date.now() / 1000) % 100_000;

  constructor(
    readonly code: string,
    readonly client: SdkClient,
    /** The secret it was connected with: a different one means a fresh emulator behind the same URL. */
    readonly secret: string,
  ) {}

  /** A fresh CodeNumber, so every scenario's document has its own DocumentId. */
  nextNumber(): string {
    return String(++this.counter);
  }

  async today(t: ScenarioContext): Promise<{ date: string; timestamp: string }> {
    const now = await t.clock.now();
    return { date: vnDate(now), timestamp: vnTimestamp(now) };
  }

  /** Sends raw bytes; a refusal by the axis is a harness error (the peer's packages are meant to go through). */
  async sendBytes(bytes: Buffer, messagetype: 'edoc' | 'status'): Promise<string> {
    const r = await this.client.sendEdoc(bytes, { from: this.code, messagetype });
    if (r.json?.status !== 'OK') throw new HarnessError(`the harness peer ${this.code} could not send a ${messagetype} package: HTTP ${r.httpStatus} ${r.json?.ErrorDesc ?? ''}`);
    return String(r.json.DocId);
  }

  /** A document from the peer to `to`, dated today on the emulator clock. */
  async sendDocument(t: ScenarioContext, to: string, spec: Partial<EdocSpec> = {}, tweak?: (m: EdocPackage) => void): Promise<{ documentId: string; docId: string; number: string; date: string }> {
    const { date, timestamp } = await this.today(t);
    const number = spec.number ?? this.nextNumber();
    const model = edocModel({ from: this.code, to: [to], date, number, notation: 'VPCP-KSTT', subject: `V/v kiểm thử liên thông (${t.scenarioId})`, ...spec });
    model.traces = [{ organId: this.code, timestamp }];
    tweak?.(model);
    const docId = await this.sendBytes(Buffer.from(buildEdoc(model), 'utf8'), 'edoc');
    return { documentId: model.header.documentId as string, docId, number, date };
  }

  async sendStatus(t: ScenarioContext, spec: Omit<StatusSpec, 'from' | 'timestamp'>): Promise<string> {
    const { timestamp } = await this.today(t);
    return this.sendBytes(statusPackage({ from: this.code, timestamp, ...spec }), 'status');
  }

  /** The recipient's DocId of a package the peer sent (what the SUT's updateStatus must name). */
  async receiverDocIds(docId: string): Promise<string[]> {
    const r = await this.client.getSentEdocList('edoc', docId);
    const rows = ((r.json?.data ?? []) as { senderDocId: string; receiverDocId: string }[]).filter((x) => x.senderDocId === docId);
    if (rows.length === 0) {
      const s = await this.client.getSentEdocList('status', docId);
      rows.push(...((s.json?.data ?? []) as { senderDocId: string; receiverDocId: string }[]).filter((x) => x.senderDocId === docId));
    }
    return rows.map((x) => x.receiverDocId);
  }

  /**
   * Collects what reached the peer's mailbox and acknowledges it, as a correct agency would: documents get
   * `updateStatus done` and a status 01 back, statuses get `done`.
   */
  async collect(t: ScenarioContext): Promise<void> {
    for (const messagetype of ['status', 'edoc'] as const) {
      const list = await this.client.getReceivedEdocList(messagetype);
      if (list.json?.status !== 'OK') throw new HarnessError(`the harness peer could not list its ${messagetype} mailbox: ${list.json?.ErrorDesc ?? list.httpStatus}`);
      for (const item of list.json.data as { docId: string }[]) {
        const got = await this.client.getEdoc(item.docId);
        if (!got.edxml) continue;
        await this.client.updateStatus(item.docId, 'done');
        let pkg;
        try {
          pkg = parseEdxml(got.edxml, { mode: 'lenient' }).pkg;
        } catch {
          continue; // judged from the evidence by the scenario that cares; nothing to answer
        }
        if (pkg.kind === 'status') this.statuses.push({ docId: item.docId, pkg });
        else {
          this.documents.push({ docId: item.docId, pkg });
          const h = pkg.header;
          if ((pkg.business?.docType ?? '0') === '0' && h.documentId && h.from?.organId) {
            await this.sendStatus(t, { to: h.from.organId, documentId: h.documentId, code: '01', description: 'Đã đến (harness peer)', responseCode: [h.code?.codeNumber, h.code?.codeNotation].join('/'), promulgationDate: h.promulgationInfo?.promulgationDate });
          }
        }
      }
    }
  }
}

const peers = new Map<string, Peer>();

/** The peer for this emulator, connected (or reconnected) on first use; never the SUT's own agency. */
export async function peerFor(t: ScenarioContext): Promise<Peer> {
  let creds: { secret: string; agencies: { code: string }[] } | undefined;
  try {
    creds = await t.control('GET', `/_lienthong/vdxp/systems/${PEER_SYSTEM_ID}/credentials`);
  } catch {
    creds = undefined;
  }
  if (!creds || !creds.agencies.some((a) => a.code !== t.sut.agency)) {
    const { agencies } = await t.control<{ agencies: { code: string; systemId: string | null }[] }>('GET', '/_lienthong/vdxp/agencies?level=1');
    const free = PEER_CANDIDATES.find((c) => c !== t.sut.agency && agencies.some((a) => a.code === c && (!a.systemId || a.systemId === PEER_SYSTEM_ID)));
    if (!free) throw new HarnessError(`no agency is free for the harness peer: ${PEER_CANDIDATES.join(', ')} are all connected through other systems`);
    let secret: string;
    if (creds) {
      await t.control('POST', `/_lienthong/vdxp/systems/${PEER_SYSTEM_ID}/agencies`, { code: free });
      secret = creds.secret;
    } else {
      secret = (await t.control<{ secret: string }>('POST', '/_lienthong/vdxp/systems', { systemId: PEER_SYSTEM_ID, name: 'lienthong conformance harness', mode: 'lenient', agencies: [{ code: free }] })).secret;
    }
    creds = { secret, agencies: [{ code: free }] };
  }
  const code = creds.agencies.map((a) => a.code).find((c) => c !== t.sut.agency) as string;
  const cached = peers.get(t.emulatorUrl);
  if (cached && cached.secret === creds.secret && cached.code === code) return cached;
  const peer = new Peer(code, createSdkClient({ systemId: PEER_SYSTEM_ID, secret: creds.secret, transport: fetchTransport(`${t.emulatorUrl.replace(/\/+$/, '')}/vdxp`) }), creds.secret);
  peers.set(t.emulatorUrl, peer);
  return peer;
}
