/**
 * Signing citizens in with DVCQG SSO (specs §A9): an OpenID Connect relying party doing the authorization
 * code flow the way OpenCPS's DVCQGSSOActionImpl does (authorize with state and acr_values=LoA1, the code
 * exchanged by a form carrying the client secret, the A9 claims read from userinfo with the Bearer token).
 * A callback is accepted only for a state this system issued, once (RFC 6749 §10.12).
 */
import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

export interface SsoUser {
  techId: string;
  accountType: '1' | '2';
  idNumber: string;
  taxCode: string;
  name: string;
}

interface Endpoints {
  authorization: string;
  token: string;
  userinfo: string;
}

export interface SsoOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Defect: send another redirect_uri in the token request than in the authorization request. */
  tokenRedirectUri?: string;
  /** Defect: exchange the code of any callback, whatever its state. */
  skipStateCheck?: boolean;
  log: (line: string) => void;
}

/** How long a started sign-in waits for its callback. */
const PENDING_MS = 10 * 60 * 1000;

export class SsoClient {
  private endpoints: Endpoints | undefined;
  private readonly pending = new Map<string, { startedAt: number; nonce: string }>();
  private readonly sessions = new Map<string, { user?: SsoUser; error?: string }>();

  constructor(private readonly o: SsoOptions) {}

  private async discover(): Promise<Endpoints> {
    if (this.endpoints) return this.endpoints;
    const res = await fetch(`${this.o.issuer}/.well-known/openid-configuration`);
    if (!res.ok) throw new Error(`SSO discovery at ${this.o.issuer} answered HTTP ${res.status}`);
    const doc = (await res.json()) as Json;
    this.endpoints = { authorization: String(doc.authorization_endpoint), token: String(doc.token_endpoint), userinfo: String(doc.userinfo_endpoint) };
    return this.endpoints;
  }

  /** The URL the citizen's browser is sent to, with a fresh state bound to this sign-in. */
  async start(): Promise<{ authorizationUrl: string; state: string }> {
    const ep = await this.discover();
    const state = randomBytes(18).toString('base64url');
    const nonce = randomBytes(12).toString('base64url');
    this.pending.set(state, { startedAt: Date.now(), nonce });
    const q = new URLSearchParams({ response_type: 'code', client_id: this.o.clientId, redirect_uri: this.o.redirectUri, scope: 'openid', acr_values: 'LoA1', state, nonce });
    return { authorizationUrl: `${ep.authorization}?${q}`, state };
  }

  /** The browser's return to redirect_uri: an HTTP status and a short page for the citizen. */
  async callback(query: URLSearchParams): Promise<{ status: number; text: string }> {
    const state = query.get('state') ?? '';
    const code = query.get('code');
    const started = this.pending.get(state);
    if (!this.o.skipStateCheck && (!started || Date.now() - started.startedAt > PENDING_MS)) {
      this.o.log(`SSO callback with a state this system did not issue (${state.slice(0, 12)}…): refused`);
      return { status: 400, text: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại. (Unknown or expired sign-in.)' };
    }
    this.pending.delete(state);
    if (query.get('error')) {
      this.sessions.set(state, { error: `${query.get('error')}: ${query.get('error_description') ?? ''}` });
      return { status: 400, text: `Đăng nhập không thành công: ${query.get('error')}` };
    }
    if (!code) return { status: 400, text: 'Thiếu mã xác thực (code).' };
    try {
      const user = await this.exchange(code);
      this.sessions.set(state, { user });
      return { status: 200, text: `Xin chào ${user.name}` };
    } catch (err) {
      this.sessions.set(state, { error: (err as Error).message });
      this.o.log(`SSO sign-in failed: ${(err as Error).message}`);
      return { status: 502, text: 'Không đăng nhập được qua Cổng dịch vụ công quốc gia.' };
    }
  }

  private async exchange(code: string): Promise<SsoUser> {
    const ep = await this.discover();
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.o.tokenRedirectUri ?? this.o.redirectUri, client_id: this.o.clientId, client_secret: this.o.clientSecret });
    const tokenRes = await fetch(ep.token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form });
    const tokens = (await tokenRes.json()) as Json;
    if (!tokenRes.ok || typeof tokens.access_token !== 'string') throw new Error(`token endpoint answered HTTP ${tokenRes.status} ${String(tokens.error ?? '')} ${String(tokens.error_description ?? '')}`);
    const infoRes = await fetch(ep.userinfo, { headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' } });
    const c = (await infoRes.json()) as Json;
    if (!infoRes.ok) throw new Error(`userinfo answered HTTP ${infoRes.status}`);
    // Accounts are linked by TechID; a citizen is known by SoDinhDanh (or the old SoCMND), an organisation by its tax code.
    const s = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : '');
    return { techId: s('TechID') || s('sub'), accountType: s('LoaiTaiKhoan') === '2' ? '2' : '1', idNumber: s('SoDinhDanh') || s('SoCMND'), taxCode: s('MaSoThue'), name: s('LoaiTaiKhoan') === '2' ? s('TenDoanhNghiep') : s('HoVaTen') };
  }

  /** Who signed in through the sign-in that `state` started. */
  session(state: string): { signedIn: boolean; user?: SsoUser; error?: string } {
    const s = this.sessions.get(state);
    return s?.user ? { signedIn: true, user: s.user } : { signedIn: false, ...(s?.error ? { error: s.error } : {}) };
  }
}
