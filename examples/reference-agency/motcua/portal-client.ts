/**
 * The one-stop system's client of the DVCQG integration API, as OpenCPS does it (specs/dvcqg-ndxp.md §A1):
 * log in once, cache the session, post every service as `{session, madonvi, service, …}`, and log in again
 * when the portal says the session expired (the emulator's sessions live an hour on its clock).
 */
type Json = Record<string, unknown>;

export interface PortalReply {
  httpStatus: number;
  body: Json;
}

export class PortalError extends Error {
  constructor(
    readonly service: string,
    readonly reply: PortalReply,
  ) {
    super(`DVCQG ${service} refused: HTTP ${reply.httpStatus} error_code ${String(reply.body.error_code)} ${String(reply.body.message ?? '')}`);
    this.name = 'PortalError';
  }
}

/** error_code of the session problems (docs/errors.md 1xx): the call is worth repeating after a new login. */
const SESSION_CODES = new Set([102, 103, 104]);

export class PortalClient {
  private session: string | undefined;

  constructor(
    private readonly base: string,
    private readonly credentials: { username: string; password: string; madonvi: string },
  ) {}

  private async post(path: string, body: Json): Promise<PortalReply> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', charset: 'utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error_code: -1, message: `not JSON: ${text.slice(0, 200)}` };
    }
    return { httpStatus: res.status, body: (parsed ?? {}) as Json };
  }

  private async login(): Promise<string> {
    const r = await this.post('/login', { username: this.credentials.username, password: this.credentials.password });
    // OpenCPS compares error_code with 0, older code with "00" (§A1): accept both.
    if (String(r.body.error_code) !== '0' && r.body.error_code !== '00') throw new PortalError('login', r);
    this.session = String(r.body.session);
    return this.session;
  }

  /** Calls a service; a refusal throws PortalError with the portal's reply. */
  async call(service: string, params: Json = {}): Promise<Json> {
    for (let attempt = 0; ; attempt++) {
      const session = this.session ?? (await this.login());
      const r = await this.post('/service', { session, madonvi: this.credentials.madonvi, service, ...params });
      const code = Number(r.body.error_code);
      if (code === 0) return r.body;
      if (SESSION_CODES.has(code) && attempt === 0) {
        this.session = undefined;
        continue;
      }
      throw new PortalError(service, r);
    }
  }
}
