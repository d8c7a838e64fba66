import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { control, DEFAULT_URL } from './remote.js';

interface Credentials {
  systemId: string;
  secret: string;
  agencies: { code: string; name: string }[];
  certificatePem: string;
}

/** A one-stop system's account on DVCQG (`/_lienthong/dvcqg/accounts`). */
interface DvcqgAccount {
  username: string;
  madonvi: string;
  callbackUrl: string | null;
  mode: 'lenient' | 'strict' | null;
}

interface PpPartner {
  channel: 'ppdvcqg';
  maDoiTac: string;
  hashKey: string;
  agency: string;
  callbackUrl: string | null;
}

interface PaygovPartner {
  channel: 'paygov';
  partnerCode: string;
  accessKey: string;
  secretKey: string;
  agency: string;
  callbackUrl: string | null;
}

/** What `agencies add` did on DVCQG: an account created (password known) or found (password kept). */
type DvcqgOutcome =
  | { kind: 'created' | 'existing'; account: DvcqgAccount; password: string | null; ppdvcqg: PpPartner | null; paygov: PaygovPartner | null; notes: string[] }
  | { kind: 'skipped'; reason: string };

/** A consumer application on the NDXP gateway (`/_lienthong/ndxp/consumers`). */
interface NdxpConsumer {
  clientId: string;
  agency: string;
  name: string;
  apis: string[];
}

type NdxpOutcome = { kind: 'created' | 'existing'; consumer: NdxpConsumer; secret: string | null; notes: string[] } | { kind: 'skipped'; reason: string };

/** The built-in national APIs a new agency consumer is subscribed to. */
const DEFAULT_NDXP_APIS = ['apiCSDLDC', 'apiCSDLDKDN', 'dmdc'];

interface AddOptions {
  system: string;
  secret?: string;
  agency: { code: string; name?: string }[];
  strict?: boolean;
  url: string;
  dvcqg: boolean;
  dvcqgUsername?: string;
  dvcqgPassword?: string;
  dvcqgAgency?: string;
  callbackUrl?: string;
  ndxp: boolean;
  ndxpClientId?: string;
  ndxpSecret?: string;
  ndxpApis?: string;
}

/** `CODE` or `CODE=Name` */
function parseAgency(value: string, previous: { code: string; name?: string }[] = []) {
  const [code, ...rest] = value.split('=');
  return [...previous, { code: (code ?? '').trim(), ...(rest.length ? { name: rest.join('=').trim() } : {}) }];
}

/** PATCH on the control plane (remote.ts speaks GET and POST), with the same error form. */
async function patch<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, baseUrl), { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    throw new Error(`cannot reach the emulator at ${baseUrl} (${(err as Error).message}); start it with \`npm start\` or pass --url`);
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`${json.error?.code ?? res.status}: ${json.error?.message ?? res.statusText}`);
  return json as T;
}

/**
 * Creates the agency's DVCQG one-stop account (and, with it, its payment partner credentials), or shows the
 * one that exists. A stored password is hashed: an existing account's password is shown only when set now.
 */
async function ensureDvcqgAccount(o: AddOptions, vdxp: Credentials): Promise<DvcqgOutcome> {
  const username = o.dvcqgUsername ?? o.system;
  const madonvi = o.dvcqgAgency ?? o.agency[0]?.code ?? vdxp.agencies[0]?.code;
  const { accounts } = await control<{ accounts: DvcqgAccount[] }>(o.url, 'GET', '/_lienthong/dvcqg/accounts');
  const found = accounts.find((a) => a.username === username);
  const notes: string[] = [];
  let account: DvcqgAccount;
  let password: string | null;
  let kind: 'created' | 'existing';
  if (found) {
    kind = 'existing';
    password = o.dvcqgPassword ?? null;
    const changes = { ...(o.dvcqgPassword ? { password: o.dvcqgPassword } : {}), ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}) };
    account = Object.keys(changes).length > 0 ? await patch<DvcqgAccount>(o.url, `/_lienthong/dvcqg/accounts/${encodeURIComponent(username)}`, changes) : found;
    if (o.dvcqgAgency && o.dvcqgAgency !== account.madonvi) notes.push(`--dvcqg-agency ${o.dvcqgAgency} ignored: the account already exists for ${account.madonvi}`);
  } else {
    if (!madonvi) return { kind: 'skipped', reason: 'no agency code to use as madonvi: pass --agency or --dvcqg-agency, or --no-dvcqg' };
    kind = 'created';
    password = o.dvcqgPassword ?? randomBytes(12).toString('base64url');
    const created = await control<DvcqgAccount & { payment: { ppdvcqg: PpPartner; paygov: PaygovPartner } }>(o.url, 'POST', '/_lienthong/dvcqg/accounts', {
      username,
      password,
      madonvi,
      ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
      ...(o.strict ? { mode: 'strict' } : {}),
    });
    const { payment, ...rest } = created;
    return { kind, account: rest, password, ppdvcqg: payment.ppdvcqg, paygov: payment.paygov, notes };
  }
  // An existing account: its payment partners are those of its agency (created with the account).
  const { partners } = await control<{ partners: (PpPartner | PaygovPartner)[] }>(o.url, 'GET', '/_lienthong/dvcqg/payment/partners');
  const ppdvcqg = partners.find((p): p is PpPartner => p.channel === 'ppdvcqg' && p.agency === account.madonvi) ?? null;
  const paygov = partners.find((p): p is PaygovPartner => p.channel === 'paygov' && p.agency === account.madonvi) ?? null;
  return { kind, account, password, ppdvcqg, paygov, notes };
}

function dvcqgText(d: DvcqgOutcome, url: string): string {
  if (d.kind === 'skipped') return `DVCQG one-stop account: not created (${d.reason})\n`;
  const a = d.account;
  const lines = [
    `DVCQG one-stop account ${a.username} (${d.kind === 'created' ? 'created' : 'exists'})`,
    `  username: ${a.username}`,
    `  password: ${d.password ?? '(unchanged; stored hashed, set a new one with --dvcqg-password)'}`,
    `  madonvi: ${a.madonvi}`,
    `  login: POST ${url}/dvcqg/login {"username","password"} → session`,
    `  service: POST ${url}/dvcqg/service {"session","madonvi","service",…}`,
    `  callback URL (portal → one-stop): ${a.callbackUrl ?? '(none; --callback-url)'}`,
    `  payment PP DVCQG: MaDoiTac ${d.ppdvcqg?.maDoiTac ?? '(none)'}, hashKey ${d.ppdvcqg?.hashKey ?? '(none)'}${d.ppdvcqg?.callbackUrl ? `, callback ${d.ppdvcqg.callbackUrl}` : ''}`,
    `  payment PayGov: partnerCode ${d.paygov?.partnerCode ?? '(none)'}, accessKey ${d.paygov?.accessKey ?? '(none)'}, secretKey ${d.paygov?.secretKey ?? '(none)'}${d.paygov?.callbackUrl ? `, callback ${d.paygov.callbackUrl}` : ''}`,
    ...d.notes.map((n) => `  note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Creates the agency's consumer application on the NDXP gateway (named after the system), or shows the one
 * that exists. The secret is stored hashed: an existing consumer's secret is shown only when set now.
 */
async function ensureNdxpConsumer(o: AddOptions, vdxp: Credentials): Promise<NdxpOutcome> {
  const agency = o.agency[0]?.code ?? vdxp.agencies[0]?.code;
  if (!agency) return { kind: 'skipped', reason: 'no agency code: pass --agency, or --no-ndxp' };
  const apis = o.ndxpApis ? o.ndxpApis.split(',').map((a) => a.trim()).filter(Boolean) : DEFAULT_NDXP_APIS;
  const { consumers } = await control<{ consumers: NdxpConsumer[] }>(o.url, 'GET', `/_lienthong/ndxp/consumers?agency=${encodeURIComponent(agency)}`);
  const found = consumers.find((c) => (o.ndxpClientId ? c.clientId === o.ndxpClientId : c.name === o.system));
  if (found) {
    const notes: string[] = [];
    const changes = { ...(o.ndxpSecret ? { clientSecret: o.ndxpSecret } : {}), ...(o.ndxpApis ? { apis } : {}) };
    const consumer = Object.keys(changes).length > 0 ? await patch<NdxpConsumer>(o.url, `/_lienthong/ndxp/consumers/${encodeURIComponent(found.clientId)}`, changes) : found;
    return { kind: 'existing', consumer, secret: o.ndxpSecret ?? null, notes };
  }
  const created = await control<NdxpConsumer & { clientSecret: string }>(o.url, 'POST', '/_lienthong/ndxp/consumers', {
    agency,
    name: o.system,
    apis,
    ...(o.ndxpClientId ? { clientId: o.ndxpClientId } : {}),
    ...(o.ndxpSecret ? { clientSecret: o.ndxpSecret } : {}),
  });
  const { clientSecret, ...consumer } = created;
  return { kind: 'created', consumer, secret: clientSecret, notes: [] };
}

function ndxpText(n: NdxpOutcome, url: string): string {
  if (n.kind === 'skipped') return `NDXP consumer: not created (${n.reason})\n`;
  const c = n.consumer;
  const lines = [
    `NDXP consumer ${c.clientId} (${n.kind === 'created' ? 'created' : 'exists'})`,
    `  consumer key (client_id): ${c.clientId}`,
    `  consumer secret: ${n.secret ?? '(unchanged; stored hashed, set a new one with --ndxp-secret)'}`,
    `  agency: ${c.agency}`,
    `  token: POST ${url}/ndxp/token, Authorization: Basic base64(key:secret), grant_type=client_credentials`,
    `  subscribed APIs: ${c.apis.join(', ') || '(none)'} → ${url}/ndxp/<context>/<version>/<resource>`,
    ...n.notes.map((x) => `  note: ${x}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerAgenciesCommand(program: Command): void {
  const agencies = program.command('agencies').description('connected systems and the agency directory (danh mục mã định danh)');
  agencies
    .command('add')
    .description('connect a system (systemId + secret, key pair and certificate from the test CA) or add agencies to it, and create its DVCQG one-stop account and NDXP consumer application')
    .requiredOption('--system <id>', 'systemId (mã trung tâm) the SDK is configured with')
    .option('--secret <secret>', 'secret for the HMAC headers (generated when omitted)')
    .option('--agency <code[=name]>', 'agency code in QCVN 102 form, repeatable', parseAgency, [])
    .option('--strict', 'validate this system (and its DVCQG account) in strict mode')
    .option('--no-dvcqg', 'do not create a DVCQG one-stop account')
    .option('--dvcqg-username <name>', 'DVCQG one-stop username (default: the systemId)')
    .option('--dvcqg-password <password>', 'DVCQG one-stop password (generated when omitted; resets an existing account\'s)')
    .option('--dvcqg-agency <code>', 'madonvi of the DVCQG account (default: the first --agency, else the system\'s first agency)')
    .option('--callback-url <url>', 'base URL of the one-stop system for the portal\'s calls and payment callbacks (DVCQG §A4, §A10)')
    .option('--no-ndxp', 'do not create an NDXP consumer application')
    .option('--ndxp-client-id <key>', 'NDXP consumer key (generated when omitted)')
    .option('--ndxp-secret <secret>', 'NDXP consumer secret (generated when omitted; resets an existing consumer\'s)')
    .option('--ndxp-apis <list>', `comma-separated APIs to subscribe to (default ${DEFAULT_NDXP_APIS.join(',')})`)
    .option('--url <url>', 'emulator base URL', DEFAULT_URL)
    .action(async (o: AddOptions) => {
      const existing = await control<{ systemId: string }>(o.url, 'GET', `/_lienthong/vdxp/systems/${encodeURIComponent(o.system)}`).catch(() => undefined);
      if (existing) {
        for (const a of o.agency) await control(o.url, 'POST', `/_lienthong/vdxp/systems/${encodeURIComponent(o.system)}/agencies`, a);
      } else {
        await control(o.url, 'POST', '/_lienthong/vdxp/systems', {
          systemId: o.system,
          ...(o.secret ? { secret: o.secret } : {}),
          ...(o.strict ? { mode: 'strict' } : {}),
          agencies: o.agency,
        });
      }
      const c = await control<Credentials>(o.url, 'GET', `/_lienthong/vdxp/systems/${encodeURIComponent(o.system)}/credentials`);
      process.stdout.write(
        `system ${c.systemId}\n  secret: ${c.secret}\n  endpoint: ${o.url}/vdxp\n  agencies: ${c.agencies.map((a) => `${a.code} (${a.name})`).join(', ') || '(none)'}\n  sign packages with: lienthong sign <file.edxml> --system ${c.systemId}\n`,
      );
      if (o.dvcqg) {
        let d: DvcqgOutcome;
        try {
          d = await ensureDvcqgAccount(o, c);
        } catch (err) {
          throw new Error(`the VDXP system ${c.systemId} is connected, but its DVCQG account was not created: ${(err as Error).message} (--no-dvcqg skips DVCQG)`);
        }
        process.stdout.write(dvcqgText(d, o.url));
      }
      if (o.ndxp) {
        let n: NdxpOutcome;
        try {
          n = await ensureNdxpConsumer(o, c);
        } catch (err) {
          throw new Error(`the VDXP system ${c.systemId} is connected, but its NDXP consumer was not created: ${(err as Error).message} (--no-ndxp skips NDXP)`);
        }
        process.stdout.write(ndxpText(n, o.url));
      }
    });
  agencies
    .command('list')
    .description('search the agency directory')
    .option('-q, --query <text>', 'part of a code or a name')
    .option('--url <url>', 'emulator base URL', DEFAULT_URL)
    .action(async (o: { query?: string; url: string }) => {
      const { agencies: rows } = await control<{ agencies: { code: string; qd20: string | null; name: string; systemId: string | null }[] }>(
        o.url,
        'GET',
        `/_lienthong/vdxp/agencies${o.query ? `?q=${encodeURIComponent(o.query)}` : ''}`,
      );
      for (const a of rows) process.stdout.write(`${a.code.padEnd(16)} ${(a.qd20 ?? '').padEnd(12)} ${a.name}${a.systemId ? `  [system ${a.systemId}]` : ''}\n`);
    });
}
