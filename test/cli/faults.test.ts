/**
 * `lienthong faults add | list | clear` against an emulator listening on an ephemeral port: the rule the
 * CLI adds hits the platform as the API's would, a bad rule exits non-zero with the emulator's message
 * naming the field, and clear removes one rule or all.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPackage } from '../../emulator/platforms/vdxp/index.js';
import { connect, makeApp, type App, type Connected } from '../vdxp/support/fixtures.js';
import { BIN } from './support/emulator-process.js';

const run = promisify(execFile);

describe('lienthong faults', () => {
  let app: App;
  let url: string;
  let a: Connected;

  beforeAll(async () => {
    app = await makeApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    a = await connect(app, 'sys.a', ['000.00.00.G22']);
    await connect(app, 'sys.b', ['000.00.00.H41']);
  }, 30_000);
  afterAll(async () => app.close());

  const cli = (...args: string[]) => run(process.execPath, [BIN, 'faults', ...args, '--emulator', url]);
  const send = (n: string) => a.client.sendEdoc(documentPackage({ from: '000.00.00.G22', to: ['000.00.00.H41'], number: n }), { from: 'x', messagetype: 'edoc' });

  it('adds a rule that hits the platform, lists it with its hits, and clears it', async () => {
    const added = await cli('add', '--platform', 'vdxp', '--kind', 'error', '--status', '503', '--operation', 'sendEdoc', '--agency', '000.00.00.G22', '--system-id', 'sys.a', '--count', '1');
    const id = /^fault (\S+) added: vdxp error 503 on operation sendEdoc, system sys\.a, agency 000\.00\.00\.G22 \(0\/1 hits\)$/m.exec(added.stdout)?.[1];
    expect(id, added.stdout).toBeDefined();
    expect((await send('1')).httpStatus).toBe(503);
    expect((await send('2')).json.status).toBe('OK');
    const listed = await cli('list');
    expect(listed.stdout).toContain(`${id}  vdxp error 503 on operation sendEdoc, system sys.a, agency 000.00.00.G22 (1/1 hits)`);
    expect((await cli('clear', id!)).stdout).toBe(`fault ${id} removed\n`);
    expect((await cli('list')).stdout).toBe('no fault rules\n');
  }, 60_000);

  it('prints JSON on request, takes the delivery kinds and probability, and clears all', async () => {
    const json = JSON.parse((await cli('add', '--platform', 'vdxp', '--kind', 'duplicate', '--redelivery', 'new-docid', '--message-type', 'edoc', '--probability', '0.2', '--seed', '7', '--json')).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ platform: 'vdxp', kind: 'duplicate', redelivery: 'new-docid', messageType: 'edoc', probability: 0.2, seed: 7, hits: 0 });
    await cli('add', '--platform', 'ndxp', '--kind', 'expired-token', '--client-id', 'app-1');
    const list = JSON.parse((await cli('list', '--platform', 'ndxp', '--json')).stdout) as { kind: string; clientId: string }[];
    expect(list).toMatchObject([{ kind: 'expired-token', clientId: 'app-1' }]);
    expect((await cli('clear')).stdout).toBe('2 fault rules removed\n');
  }, 60_000);

  it('exits non-zero with the emulator\'s message naming the field and rule', async () => {
    const bad = await cli('add', '--platform', 'dvcqg', '--kind', 'latency').catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toMatch(/BAD_REQUEST: invalid fault rule: latencyMs is required for kind latency/);
    const wrongPlatform = await cli('add', '--platform', 'ndxp', '--kind', 'error', '--system-id', 'x').catch((e: { stderr: string }) => e);
    expect((wrongPlatform as { stderr: string }).stderr).toMatch(/systemId applies to platform vdxp only; on ndxp the caller is clientId/);
    const notLocal = await cli('add', '--platform', 'vdxp', '--kind', 'explode').catch((e: { stderr: string }) => e);
    expect((notLocal as { stderr: string }).stderr).toMatch(/--kind.*Allowed choices are error, latency, drop/);
    const missing = await cli('clear', 'no-such-rule').catch((e: { stderr: string }) => e);
    expect((missing as { stderr: string }).stderr).toMatch(/NOT_FOUND: no fault rule "no-such-rule"/);
  }, 60_000);
});
