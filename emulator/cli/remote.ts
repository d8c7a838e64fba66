/** Talks to a running emulator's control plane; errors carry the emulator's own message. */
export async function control<T>(baseUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, baseUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(`cannot reach the emulator at ${baseUrl} (${(err as Error).message}); start it with \`npm start\` or pass --url`);
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`${json.error?.code ?? res.status}: ${json.error?.message ?? res.statusText}`);
  return json as T;
}

export const DEFAULT_URL = process.env.LIENTHONG_URL ?? 'http://127.0.0.1:8686';
