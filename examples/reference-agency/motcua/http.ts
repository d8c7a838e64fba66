/**
 * The one-stop system's own web endpoints (what DVCQG and the citizen's browser call): a tiny router over
 * node:http, listening on 127.0.0.1 and a free port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body, or undefined. */
  json: Record<string, unknown> | undefined;
}

export interface Response {
  status: number;
  type: 'json' | 'text' | 'pdf';
  body: unknown;
}

export type Route = (req: Request) => Promise<Response>;

export const json = (body: unknown, status = 200): Response => ({ status, type: 'json', body });
export const text = (body: string, status = 200): Response => ({ status, type: 'text', body });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', text: 'text/plain; charset=utf-8', pdf: 'application/pdf' } as const;

export class WebServer {
  private server: Server | undefined;
  baseUrl = '';

  constructor(
    private readonly routes: (method: string, path: string) => Route | undefined,
    private readonly log: (line: string) => void,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://local');
        const route = this.routes(req.method ?? 'GET', url.pathname);
        let out: Response;
        try {
          out = route ? await route({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, json: await readJson(req) }) : text('Not found', 404);
        } catch (err) {
          this.log(`one-stop web ${req.method} ${url.pathname} failed: ${(err as Error).message}`);
          out = json({ error_code: '-1', error_message: 'Lỗi hệ thống (internal error)' }, 500);
        }
        res.writeHead(out.status, { 'content-type': CONTENT_TYPES[out.type] });
        res.end(out.type === 'json' ? JSON.stringify(out.body) : (out.body as string | Buffer));
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
    this.server = undefined;
  }
}
