/**
 * Steps the VDXP scenarios share: deliver a document to the SUT and wait for its acknowledgements, wait for
 * a status it sends, have it send a document and collect it on the peer side.
 */
import type { EdocSpec } from '../../../emulator/platforms/vdxp/index.js';
import type { EdocPackage, StatusPackage } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import type { ScenarioContext } from '../types.js';
import { peerFor, type Peer } from './peer.js';
import { sutAcks, sutSends, sutStatuses, waitMs, type SutAck, type SutSend } from './sut.js';

export interface Delivered {
  peer: Peer;
  documentId: string;
  docId: string;
  /** The DocId the SUT sees in its mailbox (what its updateStatus names). */
  receiverDocId: string;
  number: string;
  date: string;
}

/** The peer sends a document to the SUT, then asks the SUT to poll (a SUT that polls by itself may say 501). */
export async function deliverDocument(t: ScenarioContext, spec: Partial<EdocSpec> = {}, tweak?: (m: EdocPackage) => void): Promise<Delivered> {
  const peer = await peerFor(t);
  const sent = await peer.sendDocument(t, t.sut.agency, spec, tweak);
  const [receiverDocId] = await peer.receiverDocIds(sent.docId);
  t.log(`harness agency ${peer.code} sent ${sent.documentId} (DocId ${sent.docId}, the SUT's DocId ${receiverDocId})`);
  await t.tryAct('vdxp.receive');
  return { peer, ...sent, receiverDocId: receiverDocId as string };
}

/** Waits for the SUT's updateStatus on `receiverDocId`; failing `requirement` when it never comes. */
export async function awaitAck(t: ScenarioContext, receiverDocId: string, requirement: string): Promise<SutAck> {
  return t.waitFor(`updateStatus (done|fail) for DocId ${receiverDocId}`, async () => (await sutAcks(t)).find((a) => a.docId === receiverDocId), { timeoutMs: waitMs(t), requirement });
}

/** Waits for a status package from the SUT about `documentId` with one of `codes`. */
export async function awaitStatus(t: ScenarioContext, documentId: string, codes: string[], requirement: string, timeoutMs = waitMs(t)): Promise<SutSend & { status: StatusPackage }> {
  return t.waitFor(
    `status ${codes.join(' or ')} about ${documentId}`,
    async () => (await sutStatuses(t, documentId)).find((s) => codes.includes(s.status.statusCode?.trim() ?? '')),
    { timeoutMs, requirement },
  );
}

/** Collects status packages for a while without failing: what the SUT sent about `documentId` so far. */
export async function settle(t: ScenarioContext, ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.min(ms, waitMs(t))));
}

/**
 * Asks the SUT to send a document to the harness agency and waits for its sendEdoc (accepted or refused);
 * `requirement` fails when none reaches the axis.
 */
export async function sutSendsDocument(
  t: ScenarioContext,
  params: Record<string, unknown>,
  requirement: string,
): Promise<{ peer: Peer; documentId: string; send: SutSend }> {
  const peer = await peerFor(t);
  const result = await t.act('vdxp.sendDocument', { to: [peer.code], ...params });
  const documentId = typeof result.documentId === 'string' ? result.documentId : '';
  const send = await t.waitFor(
    `the SUT's document package "${String(params.subject)}" on the axis`,
    async () => (await sutSends(t, { kind: 'edoc' })).find((s) => !s.accepted || s.edoc?.header.documentId?.trim() === documentId || s.edoc?.header.subject === params.subject),
    { timeoutMs: waitMs(t), requirement },
  );
  return { peer, documentId, send };
}

/** A unique subject for a document the SUT is asked to send, so its package is found among others. */
export const subjectFor = (t: ScenarioContext, what: string): string => `V/v ${what} (${t.scenarioId} ${Date.now().toString(36)})`;
