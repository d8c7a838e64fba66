/**
 * The emulator's control plane as a vendor's operator uses it once to configure the system: register the
 * consumer application and its key/secret, publish the provider's API. The data part's real work goes over
 * the gateway's wire API only (gateway-client.ts).
 */
export interface ControlReply<T> {
  status: number;
  json: T;
}

export async function control<T = Record<string, unknown>>(emulatorUrl: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ControlReply<T>> {
  const res = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T };
}

/** Throws with the emulator's message unless the status is one of `ok`. */
export function expectStatus<T>(what: string, reply: ControlReply<T>, ok: number[]): T {
  if (!ok.includes(reply.status)) throw new Error(`${what}: the emulator answered HTTP ${reply.status} ${JSON.stringify(reply.json).slice(0, 300)}`);
  return reply.json;
}
