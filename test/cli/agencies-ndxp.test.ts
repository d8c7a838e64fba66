/**
 * `lienthong agencies add` also creates the agency's consumer application on the NDXP gateway, and
 * `lienthong start --population/--enterprises` sizes the synthetic world: a running emulator process, the CLI
 * as a user runs it, and the printed credentials used as a data consumer would use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSection, startEmulatorProcess, type EmulatorProcess } from './support/emulator-process.js';

/** The NDXP consumer section of the human output, as `name: value` pairs. */
function ndxpSection(stdout: string): Record<string, string> {
  const fields = outputSection(stdout, 'NDXP consumer ');
  expect(fields, stdout).toBeDefined();
  return fields ?? {};
}

describe('lienthong agencies add creates the NDXP consumer', () => {
  let emu: EmulatorProcess;

  beforeAll(async () => {
    emu = await startEmulatorProcess('cli-ndxp', ['--quiet', '--population', '1234', '--enterprises', '56']);
  }, 30_000);

  afterAll(() => emu.stop());

  const tokenFor = (key: string, secret: string) =>
    fetch(`${emu.url}/ndxp/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });

  it('prints a consumer key and secret that obtain a token, subscribed to the national APIs', async () => {
    const { stdout } = await emu.cli('agencies', 'add', '--system', 'lgsp.h40', '--agency', '000.00.01.H40=Sở Thông tin');
    expect(stdout).toMatch(/NDXP consumer \S+ \(created\)/);
    const n = ndxpSection(stdout);
    expect(n.agency).toBe('000.00.01.H40');
    expect(n['subscribed APIs']).toContain('apiCSDLDC, apiCSDLDKDN, dmdc');
    const key = n['consumer key (client_id)'] ?? '';
    const secret = n['consumer secret'] ?? '';
    expect(key).toMatch(/^[A-Za-z0-9]{28}$/);
    const res = await tokenFor(key, secret);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { token_type: string }).token_type).toBe('Bearer');
  }, 30_000);

  it('shows the existing consumer on a second run without its secret, and resets the secret when asked', async () => {
    const again = ndxpSection((await emu.cli('agencies', 'add', '--system', 'lgsp.h40')).stdout);
    expect(again['consumer secret']).toMatch(/unchanged/);
    const key = again['consumer key (client_id)'] ?? '';
    const reset = await emu.cli('agencies', 'add', '--system', 'lgsp.h40', '--ndxp-secret', 'bi-mat-moi-123');
    expect(reset.stdout).toMatch(/NDXP consumer \S+ \(exists\)/);
    expect((await tokenFor(key, 'bi-mat-moi-123')).status).toBe(200);
  }, 30_000);

  it('takes a chosen key and API list, and --no-ndxp skips the gateway', async () => {
    const chosen = ndxpSection((await emu.cli('agencies', 'add', '--system', 'qlvb.h41', '--agency', '000.00.01.H41', '--ndxp-client-id', 'qlvb-h41-app', '--ndxp-apis', 'dmdc/1.0')).stdout);
    expect(chosen['consumer key (client_id)']).toBe('qlvb-h41-app');
    expect(chosen['subscribed APIs']).toMatch(/^dmdc\/1\.0 /);
    const skipped = await emu.cli('agencies', 'add', '--system', 'qlvb.h42', '--agency', '000.00.01.H42', '--no-ndxp');
    expect(skipped.stdout).not.toContain('NDXP consumer');
    const consumers = (await (await fetch(`${emu.url}/_lienthong/ndxp/consumers?agency=000.00.01.H42`)).json()) as { consumers: unknown[] };
    expect(consumers.consumers).toEqual([]);
  }, 30_000);

  it('sizes the world from --population and --enterprises', async () => {
    const citizens = (await (await fetch(`${emu.url}/_lienthong/ndxp/citizens?limit=3`)).json()) as { count: number };
    const enterprises = (await (await fetch(`${emu.url}/_lienthong/ndxp/enterprises?limit=3`)).json()) as { count: number };
    expect([citizens.count, enterprises.count]).toEqual([1234, 56]);
  }, 30_000);
});
