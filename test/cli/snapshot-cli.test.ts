/**
 * Snapshots from the command line (docs/snapshot.md): `lienthong snapshot --out` from a running process,
 * `lienthong start --restore` taking the snapshot's clock, `lienthong restore` into a running process, and
 * the refusals a user sees (exit status 1, the error code and what is wrong).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkClient, fetchTransport } from '../../emulator/platforms/vdxp/client.js';
import { edoc } from '../vdxp/support/fixtures.js';
import { BIN, startEmulatorProcess, type EmulatorProcess } from './support/emulator-process.js';

const run = promisify(execFile);
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok, await res.clone().text()).toBe(true);
  return res.json();
}

describe('lienthong snapshot, restore and start --restore', () => {
  let first: EmulatorProcess;
  let second: EmulatorProcess | undefined;
  let file: string;
  let receiver: { systemId: string; secret: string };
  let pending: string[];
  let clockAtSnapshot: number;

  beforeAll(async () => {
    first = await startEmulatorProcess('snap-a', ['--virtual-clock', '-q']);
    const tx = await post(`${first.url}/_lienthong/vdxp/systems`, { systemId: 'vpcp.w00', agencies: [{ code: G22 }] });
    const rx = await post(`${first.url}/_lienthong/vdxp/systems`, { systemId: '00.41.W00', agencies: [{ code: H41 }] });
    receiver = { systemId: '00.41.W00', secret: rx.secret };
    const sender = createSdkClient({ systemId: 'vpcp.w00', secret: tx.secret, transport: fetchTransport(`${first.url}/vdxp`) });
    expect((await sender.sendEdoc(edoc({ from: G22, to: [H41] }), { from: G22, messagetype: 'edoc' })).json.status).toBe('OK');
    const list = await createSdkClient({ ...receiver, transport: fetchTransport(`${first.url}/vdxp`) }).getReceivedEdocList('edoc');
    pending = list.json.data.map((d: { docId: string }) => d.docId);
    expect(pending).toHaveLength(1);
    clockAtSnapshot = Date.parse((await post(`${first.url}/_lienthong/clock`, { advance: 'P3D' })).now);
    file = join(first.dir, 'seed.snapshot.jsonl.gz');
  }, 60_000);

  afterAll(() => {
    second?.stop();
    first.stop();
  });

  it('writes the running state to a file', async () => {
    const { stdout } = await first.cli('snapshot', '--out', file);
    expect(stdout).toMatch(/written to .*seed\.snapshot\.jsonl\.gz \(\d+ rows\)/);
    expect(existsSync(file)).toBe(true);
    const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0] as string);
    expect(header).toMatchObject({ format: 'lienthong-snapshot', version: 1, clock: { mode: 'virtual' } });
  }, 30_000);

  it('starts a new process from it, on the snapshot\'s virtual clock, with the same items pending', async () => {
    second = await startEmulatorProcess('snap-b', ['--restore', file, '-q']);
    expect(second.output()).toContain(`(restored from ${file})`);
    expect(second.output()).toContain('clock: virtual');
    const client = createSdkClient({ ...receiver, transport: fetchTransport(`${second.url}/vdxp`) });
    expect((await client.getReceivedEdocList('edoc')).json.data.map((d: { docId: string }) => d.docId)).toEqual(pending);
    const clock = (await (await fetch(`${second.url}/_lienthong/clock`)).json()) as { mode: string; now: string };
    expect(clock.mode).toBe('virtual');
    expect(Math.abs(Date.parse(clock.now) - clockAtSnapshot)).toBeLessThan(30_000);
  }, 60_000);

  it('restores into a running process, and refuses a damaged file with its code', async () => {
    const emu = second as EmulatorProcess;
    await post(`${emu.url}/_lienthong/reset`, {});
    const client = createSdkClient({ ...receiver, transport: fetchTransport(`${emu.url}/vdxp`) });
    expect((await client.getReceivedEdocList('edoc')).json.status).toBe('FAIL'); // the system is gone

    const damaged = join(first.dir, 'damaged.snapshot.jsonl.gz');
    const bytes = readFileSync(file);
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 40));
    await expect(emu.cli('restore', damaged)).rejects.toMatchObject({ stderr: expect.stringMatching(/SNAPSHOT_(TRUNCATED|CORRUPT): /) });

    const { stdout } = await emu.cli('restore', file);
    expect(stdout).toMatch(/restored .* \d+ rows in \d+ tables/);
    expect((await client.getReceivedEdocList('edoc')).json.data.map((d: { docId: string }) => d.docId)).toEqual(pending);
  }, 60_000);

  it('refuses to start from a file that is not a snapshot', async () => {
    const notSnapshot = join(first.dir, 'notes.txt');
    writeFileSync(notSnapshot, 'hello\n');
    const failed = run(process.execPath, [BIN, 'start', '--port', '0', '--data', ':memory:', '--restore', notSnapshot]);
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not a lienthong snapshot') });
  }, 30_000);
});
