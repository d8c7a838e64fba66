import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { HarnessError } from './errors.js';

export interface EmulatorInfo {
  version: string;
  seed: number;
  clock: { mode: 'real' | 'virtual'; now: string };
}

/** The emulator's control plane as the harness uses it: JSON in and out, a HarnessError on failure. */
export class EmulatorClient {
  constructor(readonly url: string) {}

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.url), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new HarnessError(`cannot reach the emulator at ${this.url} (${(err as Error).message})`);
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : {};
    if (!res.ok) throw new HarnessError(`emulator ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return json as T;
  }

  async info(): Promise<EmulatorInfo> {
    const info = await this.request<{ version: string; seed: number; clock: { mode: 'real' | 'virtual'; now: string } }>('GET', '/_lienthong/info');
    return { version: info.version, seed: info.seed, clock: info.clock };
  }

  async lastSeq(): Promise<number> {
    return (await this.request<{ lastSeq: number }>('GET', '/_lienthong/events?limit=1&after=999999999999')).lastSeq;
  }

  /** Every event after `after` matching the filter, following the cursor. */
  async events(after: number, filter: { platform?: string; systemId?: string; agency?: string } = {}): Promise<EvidenceEvent[]> {
    const out: EvidenceEvent[] = [];
    let cursor = after;
    for (;;) {
      const q = new URLSearchParams({ after: String(cursor), limit: '1000' });
      for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
      const page = await this.request<{ events: EvidenceEvent[]; next: number | null }>('GET', `/_lienthong/events?${q}`);
      out.push(...page.events);
      if (page.next === null) return out;
      cursor = page.next;
    }
  }
}
