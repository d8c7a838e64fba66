/**
 * The harness as a consumer of another agency, to call a provider's published API through the gateway the
 * way any consumer would (client-credentials token, Bearer), and to find each call in the evidence log.
 * Created through the control plane for one scenario and removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';
import { HARNESS_CLIENT_PREFIX } from './sut.js';

export interface HarnessReply {
  status: number;
  contentType: string;
  text: string;
  /** The gateway's record of the call (evidence), when found. */
  event?: EvidenceEvent;
}

export class HarnessConsumer {
  private token: string | undefined;
  /** Evidence already matched to a call, so two calls of one path each find their own exchange. */
  private readonly matched = new Set<number>();

  private constructor(
    private readonly t: ScenarioContext,
    readonly clientId: string,
    private readonly clientSecret: string,
    readonly agency: string,
  ) {}

  /** A consumer of `agency` (another agency than the SUT's: Văn phòng Chính phủ by default) subscribed to `apis`. */
  static async create(t: ScenarioContext, apis: string[]): Promise<HarnessConsumer> {
    const agency = t.sut.agency === '000.00.00.G22' ? '000.00.00.G01' : '000.00.00.G22';
    const clientId = `${HARNESS_CLIENT_PREFIX}${randomUUID().slice(0, 8)}`;
    const created = await t.control<{ clientId: string; clientSecret: string; agency: string }>('POST', '/_lienthong/ndxp/consumers', { clientId, agency, apis, name: 'lienthong harness (consumer of another agency)' });
    return new HarnessConsumer(t, created.clientId, created.clientSecret, created.agency);
  }

  private async obtainToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.t.emulatorUrl}/ndxp/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(15_000),
    }).catch((err: Error) => {
      throw new HarnessError(`the harness cannot reach the gateway's token endpoint: ${err.message}`);
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string };
    if (res.status !== 200 || !body.access_token) throw new HarnessError(`the gateway refused the harness's own token request (HTTP ${res.status})`);
    return (this.token = body.access_token);
  }

  /** One call through the gateway: `path` is after /ndxp (`/<context>/<version>/<resource>`). */
  async call(method: 'GET' | 'POST', path: string, body?: string, contentType?: string): Promise<HarnessReply> {
    const token = await this.obtainToken();
    const res = await fetch(`${this.t.emulatorUrl}/ndxp${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json, application/xml;q=0.9, */*;q=0.5', ...(body !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}) },
      body,
      signal: AbortSignal.timeout(40_000),
    }).catch((err: Error) => {
      throw new HarnessError(`the harness cannot reach the gateway: ${err.message}`);
    });
    const reply: HarnessReply = { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
    // The exchange is appended after the reply is written: look for it briefly.
    for (let i = 0; i < 20 && !reply.event; i++) {
      const events = await this.t.events({ platform: 'ndxp', systemId: this.clientId });
      reply.event = events.find((e) => e.path === `/ndxp${path}` && !this.matched.has(e.seq));
      if (!reply.event) await new Promise((r) => setTimeout(r, 50));
    }
    if (reply.event) this.matched.add(reply.event.seq);
    return reply;
  }

  async remove(): Promise<void> {
    await this.t.control('DELETE', `/_lienthong/ndxp/consumers/${encodeURIComponent(this.clientId)}`).catch(() => undefined);
  }
}
