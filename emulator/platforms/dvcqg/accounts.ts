import { randomBytes } from 'node:crypto';
import type { EmulatorContext, ValidationMode } from '../../core/context.js';
import { coreError } from '../../core/errors.js';
import { hashSecret, secretMatches } from '../../core/secrets.js';
import { dvcqgError } from './errors.js';
import type { DvcqgDb, DvcqgTables } from './store.js';

/**
 * Session lifetime. The real portal's is not known (§A1: OpenCPS caches the session and reuses it); an hour
 * makes clients that never log in again fail within a working day, which is what a tester wants to see.
 */
export const SESSION_TTL_MS = 60 * 60 * 1000;

/** §A6: `<agency code>-<yymmdd>-<4-digit sequence>`, e.g. 000.00.14.H20-200703-0002. */
export const DEFAULT_DOSSIER_CODE_PATTERN = '^{madonvi}-\\d{6}-\\d{4}$';

export interface AccountInput {
  username: string;
  password: string;
  madonvi: string;
  callbackUrl?: string;
  endpoints?: { lookup?: string; submission?: string };
  dossierCodePattern?: string;
  mode?: ValidationMode;
}

export interface Account {
  username: string;
  madonvi: string;
  callbackUrl: string | null;
  endpoints: { lookup?: string; submission?: string };
  dossierCodePattern: string;
  mode: ValidationMode | null;
  createdAt: string;
}

export interface Session {
  session: string;
  username: string;
  madonvi: string;
  expiresAt: Date;
}

const hashPassword = (password: string) => hashSecret(password);
const passwordMatches = secretMatches;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The agency's MaHoSo pattern, with `{madonvi}` bound to its code. */
export function compileCodePattern(pattern: string, madonvi: string): RegExp {
  return new RegExp(pattern.replace(/\{madonvi\}/g, escapeRegex(madonvi)));
}

function toAccount(row: DvcqgTables['dvcqg_accounts']): Account {
  return {
    username: row.username,
    madonvi: row.madonvi,
    callbackUrl: row.callback_url,
    endpoints: JSON.parse(row.endpoints) as Account['endpoints'],
    dossierCodePattern: row.dossier_code_pattern ?? DEFAULT_DOSSIER_CODE_PATTERN,
    mode: (row.mode as ValidationMode | null) ?? null,
    createdAt: row.created_at,
  };
}

/** One-stop accounts on the portal and their login sessions (§A1). */
export class Accounts {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: DvcqgDb,
  ) {}

  async create(input: AccountInput): Promise<Account> {
    try {
      compileCodePattern(input.dossierCodePattern ?? DEFAULT_DOSSIER_CODE_PATTERN, input.madonvi);
    } catch (err) {
      throw coreError('BAD_REQUEST', `dossierCodePattern is not a valid regular expression: ${(err as Error).message}`, { field: 'dossierCodePattern', rule: 'regular expression' });
    }
    const existing = await this.db.selectFrom('dvcqg_accounts').select('username').where('username', '=', input.username).executeTakeFirst();
    if (existing) throw coreError('BAD_REQUEST', `account "${input.username}" already exists`, { field: 'username', rule: 'unique' });
    const row: DvcqgTables['dvcqg_accounts'] = {
      username: input.username,
      password_hash: hashPassword(input.password),
      madonvi: input.madonvi,
      callback_url: input.callbackUrl ?? null,
      endpoints: JSON.stringify(input.endpoints ?? {}),
      dossier_code_pattern: input.dossierCodePattern ?? null,
      mode: input.mode ?? null,
      created_at: this.ctx.clock.now().toISOString(),
    };
    await this.db.insertInto('dvcqg_accounts').values(row).execute();
    return toAccount(row);
  }

  async update(username: string, patch: Partial<Omit<AccountInput, 'username'>>): Promise<Account> {
    const row = await this.db.selectFrom('dvcqg_accounts').selectAll().where('username', '=', username).executeTakeFirst();
    if (!row) throw coreError('NOT_FOUND', `no DVCQG account "${username}"`, { field: 'username', rule: 'existing account' });
    const next = { ...row };
    if (patch.password !== undefined) next.password_hash = hashPassword(patch.password);
    if (patch.callbackUrl !== undefined) next.callback_url = patch.callbackUrl;
    if (patch.endpoints !== undefined) next.endpoints = JSON.stringify(patch.endpoints);
    if (patch.dossierCodePattern !== undefined) next.dossier_code_pattern = patch.dossierCodePattern;
    if (patch.mode !== undefined) next.mode = patch.mode;
    if (patch.madonvi !== undefined) next.madonvi = patch.madonvi;
    compileCodePattern(next.dossier_code_pattern ?? DEFAULT_DOSSIER_CODE_PATTERN, next.madonvi);
    await this.db.updateTable('dvcqg_accounts').set(next).where('username', '=', username).execute();
    return toAccount(next);
  }

  async list(): Promise<Account[]> {
    const rows = await this.db.selectFrom('dvcqg_accounts').selectAll().orderBy('created_at').execute();
    return rows.map(toAccount);
  }

  async byUsername(username: string): Promise<Account | null> {
    const row = await this.db.selectFrom('dvcqg_accounts').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async byAgency(madonvi: string): Promise<Account | null> {
    const row = await this.db.selectFrom('dvcqg_accounts').selectAll().where('madonvi', '=', madonvi).orderBy('created_at').executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async login(username: unknown, password: unknown): Promise<Session> {
    if (typeof username !== 'string' || username === '') throw dvcqgError('DVCQG_MISSING_PARAMETER', 'login needs "username" (a non-empty string)', { field: 'username', rule: 'required string' });
    if (typeof password !== 'string' || password === '') throw dvcqgError('DVCQG_MISSING_PARAMETER', 'login needs "password" (a non-empty string)', { field: 'password', rule: 'required string' });
    const row = await this.db.selectFrom('dvcqg_accounts').selectAll().where('username', '=', username).executeTakeFirst();
    if (!row || !passwordMatches(row.password_hash, password)) {
      // One message for both cases, as a login form does: it must not tell which usernames exist.
      throw dvcqgError('DVCQG_LOGIN_FAILED', 'login failed: unknown username or wrong password', { field: 'username', rule: 'valid credentials' });
    }
    const now = this.ctx.clock.now();
    const session: Session = { session: randomBytes(24).toString('base64url'), username, madonvi: row.madonvi, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) };
    await this.db
      .insertInto('dvcqg_sessions')
      .values({ session: session.session, username, madonvi: row.madonvi, created_at: now.toISOString(), expires_at: session.expiresAt.toISOString() })
      .execute();
    return session;
  }

  /** The session of a service call, checked against the emulator clock. */
  async session(token: unknown): Promise<Session> {
    if (typeof token !== 'string' || token === '') throw dvcqgError('DVCQG_SESSION_MISSING', 'the call carries no "session"; log in with POST /dvcqg/login first', { field: 'session', rule: 'required' });
    const row = await this.db.selectFrom('dvcqg_sessions').selectAll().where('session', '=', token).executeTakeFirst();
    if (!row) throw dvcqgError('DVCQG_SESSION_INVALID', 'the session was never issued or has been ended; log in again', { field: 'session', rule: 'issued by /dvcqg/login' });
    const expiresAt = new Date(row.expires_at);
    if (this.ctx.clock.now() >= expiresAt) {
      throw dvcqgError('DVCQG_SESSION_EXPIRED', `the session expired at ${row.expires_at} (lifetime ${SESSION_TTL_MS / 60000} min); log in again`, { field: 'session', rule: `younger than ${SESSION_TTL_MS / 60000} min` });
    }
    return { session: row.session, username: row.username, madonvi: row.madonvi, expiresAt };
  }
}
