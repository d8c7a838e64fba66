/**
 * A raw server-sent-events reader for the evidence stream tests. node:http with no agent: a pooling client
 * would keep a spare socket open and make the emulator's close wait for it.
 */
import { get } from 'node:http';

export interface SseBlock {
  /** `exchange`, `reset`, `connected` (the `: connected` comment) or `comment`. */
  event: string;
  id?: number;
  data?: { seq?: number; platform?: string; operation?: string | null };
}

export interface SseExchange {
  id: number;
  data: { seq: number; platform: string; operation: string | null };
}

export function openSse(url: string, headers: Record<string, string> = {}) {
  const blocks: SseBlock[] = [];
  const waiters: { pred: () => boolean; resolve: () => void }[] = [];
  let contentType: string | undefined;
  let buffer = '';
  const req = get(url, { headers, agent: false }, (res) => {
    contentType = res.headers['content-type'];
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const text = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(text)?.[1] ?? (text.startsWith(': connected') ? 'connected' : 'comment');
        const id = /^id: (\d+)$/m.exec(text)?.[1];
        const data = /^data: (.*)$/m.exec(text)?.[1];
        blocks.push({ event, ...(id ? { id: Number(id) } : {}), ...(data ? { data: JSON.parse(data) as SseBlock['data'] } : {}) });
        for (const w of waiters.splice(0)) (w.pred() ? w.resolve : () => waiters.push(w))();
      }
    });
  });
  req.on('error', () => undefined); // destroyed by the test
  const until = (pred: () => boolean) => new Promise<void>((resolve) => (pred() ? resolve() : waiters.push({ pred, resolve })));
  /** The exchanges received so far, in order. */
  const exchanges = () => blocks.filter((b): b is SseExchange & SseBlock => b.event === 'exchange' && b.id !== undefined && b.data !== undefined) as SseExchange[];
  return {
    blocks,
    until,
    exchanges,
    /** Resolves once the emulator says the replay is done and the stream is live. */
    ready: until(() => blocks.some((b) => b.event === 'connected')),
    contentType: () => contentType,
    close: () => req.destroy(),
  };
}
