/**
 * Helpers for the exchange and status-lifecycle HTTP tests: parties (an agency behind a connected system),
 * signed sends (strict mode requires an XML-DSig signature), FAIL-reply checks and evidence look-ups.
 */
import { expect } from 'vitest';
import type { EvidenceEvent, Verdict } from '../../../emulator/core/evidence.js';
import type { StatusPackage } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import { parseEdxml } from '../../../emulator/platforms/vdxp/wire/edxml-parse.js';
import { signEdxml } from '../../../emulator/platforms/vdxp/wire/signature.js';
import { connect, edoc, statusPkg, TEST_INSTANT, type App, type Connected, type EdocSpec, type StatusSpec } from './fixtures.js';
import { createSdkClient, supertestTransport, type SdkClient, type SdkResult } from './sdk-client.js';


export { TEST_INSTANT };

export async function pinClock(app: App, instant = TEST_INSTANT): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { set: instant } });
  expect(res.statusCode, res.body).toBe(200);
}

export interface Party {
  code: string;
  conn: Connected;
}

export async function parties(app: App, systemId: string, codes: string[], mode?: 'lenient' | 'strict'): Promise<Party[]> {
  const conn = await connect(app, systemId, codes, mode ? { mode } : {});
  return codes.map((code) => ({ code, conn }));
}

/** Signed with the system's test-CA key: what strict mode requires, and valid (no warning) in lenient mode. */
export function signed(p: Party, bytes: Buffer): Buffer {
  return Buffer.from(signEdxml(bytes.toString('utf8'), p.conn), 'utf8');
}

export function sendEdoc(p: Party, spec: Omit<EdocSpec, 'from'>, bytes?: Buffer): Promise<SdkResult> {
  return p.conn.client.sendEdoc(bytes ?? signed(p, edoc({ ...spec, from: p.code })), { from: p.code, messagetype: 'edoc' });
}

export function sendStatus(p: Party, spec: Omit<StatusSpec, 'from'>, bytes?: Buffer): Promise<SdkResult> {
  return p.conn.client.sendEdoc(bytes ?? signed(p, statusPkg({ ...spec, from: p.code })), { from: p.code, messagetype: 'status' });
}

/** The DocId of an accepted sendEdoc (fails the test with the reply otherwise). */
export function docIdOf(res: SdkResult): string {
  expect(res.json, JSON.stringify(res.json)).toMatchObject({ status: 'OK', ErrorCode: '0' });
  expect(res.httpStatus).toBe(200);
  expect(res.json.DocId).toMatch(/^[0-9a-f]{24}$/);
  return res.json.DocId as string;
}

/**
 * A FAIL reply in the VDXP dialect: status FAIL, a non-'0' numeric ErrorCode string, the stable code, the
 * field at fault, and an ErrorDesc that names that field (its last path segment, without XroadVnpt-).
 */
export function expectFail(res: SdkResult, code: string, httpStatus: number): { ErrorDesc: string; field: string } {
  const j = res.json;
  expect(j, `expected ${code}, got ${res.httpStatus} ${res.body.toString('utf8')}`).toMatchObject({ status: 'FAIL', code });
  expect(res.httpStatus).toBe(httpStatus);
  expect(typeof j.ErrorCode).toBe('string');
  expect(j.ErrorCode).toMatch(/^[0-9]+$/);
  expect(j.ErrorCode).not.toBe('0');
  expect(typeof j.field).toBe('string');
  const leaf = (j.field as string).split('/').pop()!.replace(/^XroadVnpt-/i, '');
  expect(leaf.length).toBeGreaterThan(0);
  expect((j.ErrorDesc as string).toLowerCase(), `ErrorDesc should name ${j.field}`).toContain(leaf.toLowerCase());
  return { ErrorDesc: j.ErrorDesc as string, field: j.field as string };
}

/**
 * A second SDK service object for the same system. The SDK never clears its header map, so a docId passed to
 * getEdoc stays in every later call; when it is one of the system's own DocIds, getSentEdocList filters on
 * it. Reading one's own sent package through a separate client keeps the main client's list calls clean.
 */
export function sideClient(app: App, p: Party): SdkClient {
  return createSdkClient({ systemId: p.conn.systemId, secret: p.conn.secret, transport: supertestTransport(app), now: () => app.lienthong.clock.now() });
}

export async function received(p: Party, type: 'edoc' | 'status'): Promise<any[]> {
  const res = await p.conn.client.getReceivedEdocList(type);
  expect(res.json.status, JSON.stringify(res.json)).toBe('OK');
  return res.json.data as any[];
}

/** Items of one agency's mailbox (a system may serve several). */
export async function mailbox(p: Party, type: 'edoc' | 'status'): Promise<any[]> {
  return (await received(p, type)).filter((i) => i.to === p.code);
}

export async function count(p: Party, type: 'edoc' | 'status'): Promise<number> {
  const res = type === 'edoc' ? await p.conn.client.countReceiveEdoc() : await p.conn.client.countReceiveStatus();
  expect(res.json.status).toBe('OK');
  return res.json.count as number;
}

export async function sentList(p: Party, type: 'edoc' | 'status'): Promise<any[]> {
  const res = await p.conn.client.getSentEdocList(type);
  expect(res.json.status, JSON.stringify(res.json)).toBe('OK');
  return res.json.data as any[];
}

export async function fetchPackage(p: Party | SdkClient, docId: string): Promise<Buffer> {
  const res = await ('conn' in p ? p.conn.client : p).getEdoc(docId);
  expect(res.json?.status, res.body.toString('utf8')).toBe('OK');
  return res.edxml as Buffer;
}

export function asStatus(bytes: Buffer): StatusPackage {
  const { pkg } = parseEdxml(bytes, { mode: 'lenient' });
  expect(pkg.kind).toBe('status');
  return pkg as StatusPackage;
}

/** GET /_lienthong/vdxp/documents?documentId=…: the axis's business record of one document. */
export async function documentHistory(app: App, documentId: string): Promise<{ exchanges: any[]; packages: any[] }> {
  const res = await app.inject({ method: 'GET', url: `/_lienthong/vdxp/documents?documentId=${encodeURIComponent(documentId)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function allEvents(app: App): Promise<EvidenceEvent[]> {
  const out: EvidenceEvent[] = [];
  let after = 0;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/_lienthong/events?platform=vdxp&limit=1000&after=${after}` });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { events: EvidenceEvent[]; next: number | null };
    out.push(...page.events);
    if (page.next === null) return out;
    after = page.next;
  }
}

/**
 * Verdicts of the last sendEdoc whose reply carried `docId`, read through GET /_lienthong/events. Evidence
 * is appended after the reply is written, so wait for it.
 */
export async function sendVerdicts(app: App, docId: string): Promise<Verdict[]> {
  for (let i = 0; i < 100; i++) {
    await app.lienthong.evidence.flush();
    const hit = (await allEvents(app)).filter((e) => e.operation === 'sendEdoc' && e.responseBody?.includes(`"DocId":"${docId}"`)).at(-1);
    if (hit) return hit.verdicts;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no sendEdoc event with DocId ${docId} in the evidence log`);
}

export function warningCodes(verdicts: Verdict[]): string[] {
  return verdicts.filter((v) => v.severity === 'warning').map((v) => v.code);
}

let serial = 0;
/** A fresh document number per call, so tests sharing an app never collide on DocumentId. */
export function nextNumber(): string {
  serial += 1;
  return String(1000 + serial);
}

export function documentIdOf(from: string, number: string, notation = 'VPCP-TTĐT', date = '2026/11/24'): string {
  return `${from},${date},${number}/${notation}`;
}
