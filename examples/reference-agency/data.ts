/**
 * The reference agency's data part: a consumer and a provider on the NDXP/LGSP gateway (specs/dvcqg-ndxp.md
 * §B). As a consumer (the one-stop office's lookup screens) it holds its consumer key and secret as a
 * configured vendor system would, obtains and reuses a client-credentials token, looks citizens up in the
 * population database (SOAP, §B2) and enterprises in the business registry (§B4), calls other APIs, and
 * tells its user what the gateway answered — found, not found, refused, unavailable or throttled — without
 * calling again before a Retry-After. As a provider it runs its own dossier-status service and publishes it.
 */
import { randomBytes } from 'node:crypto';
import { control, expectStatus } from './data/control-plane.js';
import { GatewayClient, GatewayError, gatewayFault, type GatewayReply, type Throttle } from './data/gateway-client.js';
import { lookupRequest, readAnswer, type CallerConfig } from './data/population.js';
import { DOSSIERS, DossierService } from './data/provider.js';
import { isString, param, type AgencyConfig, type AgencyPart, type DefectSpec } from './part.js';

/** UBND tỉnh Quảng Ninh, the same agency as the reference agency's other parts. */
export const DATA_AGENCY = '000.00.00.H49';
/** The consumer key the operator configured (the emulator accepts any; WSO2 would generate 28 characters). */
export const DATA_CLIENT_ID = 'refH49MotCuaDataConsumer01';
/** The APIs the consumer application is subscribed to: population, business registration, categories. */
const SUBSCRIBED = ['apiCSDLDC', 'apiCSDLDKDN', 'dmdc'];
/** The provider's published API. */
export const DATA_API = { context: 'apiTraCuuHoSoQuangNinh', version: '1.0' } as const;

const CALLER: CallerConfig = { maDVC: 'H49-MOTCUA', maCanBo: 'motcua.quangninh', maDonVi: DATA_AGENCY, taiKhoan: 'motcua.quangninh' };

export const DATA_DEFECTS: DefectSpec[] = [
  { name: 'ndxp-token-json-body', part: 'data', description: 'asks for a token with a JSON body instead of the form (grant_type=client_credentials)' },
  { name: 'ndxp-token-per-call', part: 'data', description: 'asks the token endpoint before every API call instead of reusing the token' },
  { name: 'ndxp-no-token-refresh', part: 'data', description: 'keeps its first token for ever: never obtains a new one when it expired or was revoked' },
  { name: 'ndxp-ignore-retry-after', part: 'data', description: 'retries a 429 (quota / rate limit) at once, ignoring Retry-After' },
  { name: 'ndxp-bad-soap', part: 'data', description: 'writes the TraCuuThongTinCongDan fields without their namespace (http://dancuquocgia.bca)' },
  { name: 'ndxp-bad-msdn-param', part: 'data', description: 'sends the enterprise code as MSDN= instead of msdn=' },
  { name: 'ndxp-not-found-as-error', part: 'data', description: 'reports "not found" (empty collection, registry 404) as the service being unavailable' },
  { name: 'ndxp-fault-as-not-found', part: 'data', description: 'reports every refusal or fault of the gateway or database as "not found"' },
  { name: 'ndxp-provider-bad-reply', part: 'data', description: 'its published service answers an unknown dossier with 200 text/plain instead of 404 JSON' },
  { name: 'ndxp-provider-no-audit', part: 'data', description: 'its published service records calls without the consumer and agency the gateway named' },
  { name: 'ndxp-provider-open', part: 'data', description: 'its published service answers calls that did not come through the gateway' },
];

type Outcome = 'found' | 'not-found' | 'refused' | 'unavailable' | 'throttled';

interface Conclusion {
  outcome: Outcome;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  nextAccessTime?: string;
}

function secret(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(28), (b) => alphabet[b % 62]).join('');
}

function throttled(t: Throttle): Conclusion {
  return {
    outcome: 'throttled',
    code: t.code,
    message: `the gateway's limit is reached; the service can be used again ${t.retryAfterSeconds >= 0 ? `in ${t.retryAfterSeconds} s` : 'later'}${t.nextAccessTime ? ` (${t.nextAccessTime})` : ''}: ${t.message}`,
    ...(t.retryAfterSeconds >= 0 ? { retryAfterSeconds: t.retryAfterSeconds } : {}),
    ...(t.nextAccessTime ? { nextAccessTime: t.nextAccessTime } : {}),
  };
}

/** A reply that is no answer of the API: the gateway's own fault, or an HTTP failure. */
function failure(reply: GatewayReply): Conclusion {
  const f = gatewayFault(reply);
  return { outcome: reply.status >= 500 ? 'unavailable' : 'refused', code: f?.code ?? String(reply.status), message: f?.message || `HTTP ${reply.status} from the gateway` };
}

const parseJson = (text: string): Record<string, unknown> | undefined => {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export function createData(config: AgencyConfig): AgencyPart {
  const has = (d: string) => config.defects.has(d);
  const gatewayUrl = `${config.emulatorUrl}/ndxp`;
  const service = new DossierService({ badReply: has('ndxp-provider-bad-reply'), noAudit: has('ndxp-provider-no-audit'), open: has('ndxp-provider-open') });
  let client: GatewayClient | undefined;

  let connecting: Promise<void> | undefined;

  /**
   * The operator's one-time set-up: register the consumer application with its key and secret, and publish
   * the service. Done on first need, so the agency may start before the emulator (lienthong test starts one).
   */
  async function connect(): Promise<void> {
    const clientSecret = secret();
    const input = { clientId: DATA_CLIENT_ID, clientSecret, agency: DATA_AGENCY, name: 'Hệ thống một cửa điện tử tỉnh Quảng Ninh (reference agency)', apis: SUBSCRIBED };
    const created = await control(config.emulatorUrl, 'POST', '/_lienthong/ndxp/consumers', input);
    if (created.status === 409) {
      // Registered by an earlier run: the secret was shown once, so the operator sets a new one.
      expectStatus('resetting the NDXP consumer secret', await control(config.emulatorUrl, 'PATCH', `/_lienthong/ndxp/consumers/${DATA_CLIENT_ID}`, { clientSecret, apis: SUBSCRIBED }), [200]);
    } else expectStatus('registering the NDXP consumer', created, [201]);
    await publish();
    client = new GatewayClient({
      gatewayUrl,
      clientId: DATA_CLIENT_ID,
      clientSecret,
      behaviour: {
        tokenPerCall: has('ndxp-token-per-call'),
        noRefresh: has('ndxp-no-token-refresh'),
        jsonTokenBody: has('ndxp-token-json-body'),
        ignoreRetryAfter: has('ndxp-ignore-retry-after'),
      },
      log: config.log,
    });
    config.log(`registered on the NDXP gateway as consumer ${DATA_CLIENT_ID} (${DATA_AGENCY}), published ${DATA_API.context}/${DATA_API.version}`);
  }

  const connected = async (): Promise<void> => {
    if (!client) await (connecting ??= connect().finally(() => (connecting = undefined)));
  };

  const gateway = async (): Promise<GatewayClient> => {
    await connected();
    return client!;
  };

  /** What the user is told, with the two reporting defects applied at the one place conclusions are made. */
  const conclude = (c: Conclusion): Conclusion => {
    if (has('ndxp-fault-as-not-found') && (c.outcome === 'refused' || c.outcome === 'unavailable')) return { outcome: 'not-found' };
    if (has('ndxp-not-found-as-error') && c.outcome === 'not-found') return { outcome: 'unavailable', message: 'the lookup failed' };
    return c;
  };

  /** Runs a piece of work; the gateway being unusable (no token, unreachable) is a conclusion too. */
  const guarded = async (work: () => Promise<Conclusion>): Promise<Conclusion> => {
    try {
      return conclude(await work());
    } catch (err) {
      if (err instanceof GatewayError) return conclude({ outcome: err.outcome, code: err.code, message: err.message });
      throw err;
    }
  };

  const publish = async () => {
    const body = {
      ...DATA_API,
      upstream: service.url,
      provider: DATA_AGENCY,
      name: 'Tra cứu tình trạng hồ sơ - UBND tỉnh Quảng Ninh',
      description: 'Dossier status of the provincial one-stop office: GET /hoSo?soHoSo=<số hồ sơ> → {Data, DataCount, Status, Message}.',
    };
    let r = await control(config.emulatorUrl, 'POST', '/_lienthong/ndxp/apis', body);
    if (r.status === 409) {
      // Published before by an earlier run of this system: the service now listens elsewhere.
      await control(config.emulatorUrl, 'DELETE', `/_lienthong/ndxp/apis/${DATA_API.context}/${DATA_API.version}`);
      r = await control(config.emulatorUrl, 'POST', '/_lienthong/ndxp/apis', body);
    }
    expectStatus('publishing the dossier-status API', r, [201]);
  };

  const actions: AgencyPart['actions'] = {
    async 'ndxp.lookupCitizen'(params) {
      const q = {
        soDinhDanh: param(params, 'soDinhDanh', isString, 'a 12-digit personal ID number'),
        hoVaTen: param(params, 'hoVaTen', isString, 'the full name'),
        ngaySinh: param(params, 'ngaySinh', isString, 'yyyyMMdd or yyyy'),
      };
      const caller = { ...CALLER, ...(isString(params.maDVC) ? { maDVC: params.maDVC } : {}), ...(isString(params.maCanBo) ? { maCanBo: params.maCanBo } : {}) };
      let citizen: Record<string, string> | undefined;
      const c = await guarded(async (): Promise<Conclusion> => {
        const sent = await (await gateway()).sendWithinLimits({ method: 'POST', path: '/apiCSDLDC/1.0', body: lookupRequest(q, caller, !has('ndxp-bad-soap')), contentType: 'application/xml; charset=utf-8' });
        if ('throttled' in sent) return throttled(sent.throttled);
        const answer = readAnswer(sent.reply);
        switch (answer.kind) {
          case 'found':
            citizen = { ...answer.citizen };
            return { outcome: 'found' };
          case 'not-found':
            return { outcome: 'not-found', message: 'không tìm thấy công dân (no citizen matches the ID, name and birth date)' };
          case 'fault':
            return { outcome: answer.clientFault ? 'refused' : 'unavailable', code: answer.code, message: answer.message };
          case 'other':
            return failure(sent.reply);
        }
      });
      return { ...c, ...(c.outcome === 'found' && citizen ? { citizen } : {}) };
    },

    async 'ndxp.lookupEnterprise'(params) {
      const msdn = param(params, 'msdn', isString, 'an enterprise code (mã số doanh nghiệp)');
      const name = has('ndxp-bad-msdn-param') ? 'MSDN' : 'msdn';
      let enterprise: Record<string, string> | undefined;
      const c = await guarded(async (): Promise<Conclusion> => {
        const sent = await (await gateway()).sendWithinLimits({ method: 'GET', path: `/apiCSDLDKDN/1.0/chiTietDoanhNghiep?${name}=${encodeURIComponent(msdn)}` });
        if ('throttled' in sent) return throttled(sent.throttled);
        const json = /json/i.test(sent.reply.contentType) ? parseJson(sent.reply.text) : undefined;
        // The registry's own envelope (Status "1"/"0"), as opposed to a gateway fault (§B4).
        if (json && typeof json.Status === 'string') {
          const main = (json.Data as { MainInformation?: Record<string, unknown> } | null)?.MainInformation;
          if (json.Status === '1' && sent.reply.status === 200 && main) {
            enterprise = {
              msdn: String(main.ENTERPRISE_GDT_CODE ?? ''),
              NAME: String(main.NAME ?? ''),
              ENTERPRISE_STATUS: String(main.ENTERPRISE_STATUS ?? ''),
              FOUNDING_DATE: String(main.FOUNDING_DATE ?? ''),
              LEGAL_NAMES: String(main.LEGAL_NAMES ?? ''),
            };
            return { outcome: 'found' };
          }
          if (sent.reply.status === 404) return { outcome: 'not-found', message: `không tìm thấy doanh nghiệp ${msdn}: ${String(json.Message ?? '')}` };
          return { outcome: sent.reply.status >= 500 ? 'unavailable' : 'refused', code: String(json.ErrorCode ?? sent.reply.status), message: String(json.Message ?? '') };
        }
        return failure(sent.reply);
      });
      return { ...c, ...(c.outcome === 'found' && enterprise ? { enterprise } : {}) };
    },

    async 'ndxp.callApi'(params) {
      const api = param(params, 'api', (v): v is string => isString(v) && /^[^/]+\/[^/]+$/.test(v), 'context/version');
      const resource = param(params, 'resource', (v): v is string => isString(v) && v.startsWith('/'), 'a path starting with /');
      const times = param(params, 'times', (v): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 20, 'an integer 1–20');
      const method = params.method === 'POST' ? 'POST' : 'GET';
      const calls: Record<string, unknown>[] = [];
      let stop: Conclusion | undefined;
      for (let i = 0; i < times; i++) {
        // A long throttle ends the batch: the remaining calls are not made before the time the gateway gave.
        if (stop) {
          calls.push({ outcome: 'throttled', code: stop.code, message: 'not called: waiting for the gateway\'s limit to reset' });
          continue;
        }
        let status: number | undefined;
        const c = await guarded(async (): Promise<Conclusion> => {
          const sent = await (await gateway()).sendWithinLimits({ method, path: `/${api}${resource}`, ...(method === 'POST' ? { body: '[]' } : {}) });
          if ('throttled' in sent) return throttled(sent.throttled);
          status = sent.reply.status;
          return sent.reply.status < 300 ? { outcome: 'found' } : failure(sent.reply);
        });
        if (c.outcome === 'throttled' && !has('ndxp-ignore-retry-after')) stop = c;
        calls.push({ ...c, outcome: c.outcome === 'found' ? 'ok' : c.outcome === 'not-found' ? 'refused' : c.outcome, ...(status !== undefined ? { status } : {}) });
      }
      const last = [...calls].reverse().find((c) => c.retryAfterSeconds !== undefined || c.nextAccessTime !== undefined);
      return {
        calls,
        succeeded: calls.filter((c) => c.outcome === 'ok').length,
        throttled: calls.filter((c) => c.outcome === 'throttled').length,
        ...(last?.retryAfterSeconds !== undefined ? { retryAfterSeconds: last.retryAfterSeconds } : {}),
        ...(last?.nextAccessTime !== undefined ? { nextAccessTime: last.nextAccessTime } : {}),
      };
    },

    async 'ndxp.publishService'() {
      await connected();
      const { apis } = expectStatus('reading the registry', await control<{ apis: { kind: string; context: string; version: string; upstream?: string }[] }>(config.emulatorUrl, 'GET', '/_lienthong/ndxp/apis'), [200]);
      const ours = apis.find((a) => a.kind === 'published' && a.context === DATA_API.context && a.version === DATA_API.version);
      if (!ours || ours.upstream !== service.url) await publish();
      const known = DOSSIERS[0]!;
      return {
        ...DATA_API,
        examples: [
          { name: 'a dossier that exists', method: 'GET', resource: `/hoSo?soHoSo=${encodeURIComponent(known.SoHoSo)}`, expect: { status: 200, contentType: 'application/json', json: { Status: '1', DataCount: 1, Data: { SoHoSo: known.SoHoSo, TrangThai: known.TrangThai } } } },
          { name: 'a dossier that does not exist', method: 'GET', resource: `/hoSo?soHoSo=${encodeURIComponent('H49.22-000101-9999')}`, expect: { status: 404, contentType: 'application/json', json: { Status: '0', DataCount: 0 } } },
        ],
      };
    },

    async 'ndxp.providerAccessLog'(params) {
      const limit = Number.isInteger(params.limit) ? (params.limit as number) : 100;
      return { entries: service.entries(limit) };
    },
  };

  return {
    name: 'data',
    roles: ['ndxp-consumer', 'ndxp-provider'],
    actions,
    async start() {
      await service.start();
      await connected().catch((err: unknown) => config.log(`the NDXP gateway is not reachable yet (${(err as Error).message}); connecting on first use`));
    },
    async stop() {
      if (client) await control(config.emulatorUrl, 'DELETE', `/_lienthong/ndxp/apis/${DATA_API.context}/${DATA_API.version}`).catch(() => undefined);
      await service.stop();
      client = undefined;
    },
    info: () => ({ agencies: [DATA_AGENCY], ndxp: { clientId: DATA_CLIENT_ID, published: `${DATA_API.context}/${DATA_API.version}` } }),
  };
}
