/**
 * `lienthong agencies add` also creates the agency's DVCQG one-stop account: a running emulator process,
 * the CLI as a user runs it, and the printed credentials used as a one-stop system would use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSection, startEmulatorProcess, type EmulatorProcess } from './support/emulator-process.js';

type Json = Record<string, any>;

describe('lienthong agencies add creates the DVCQG one-stop account', () => {
  let emu: EmulatorProcess;
  let url: string;

  beforeAll(async () => {
    emu = await startEmulatorProcess('cli-dvcqg', ['--quiet']);
    url = emu.url;
  }, 30_000);

  afterAll(() => emu.stop());

  const cli = (...args: string[]) => emu.cli(...args);

  const postJson = async (path: string, body: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const getJson = async (path: string): Promise<Json> => (await (await fetch(`${url}${path}`)).json()) as Json;

    /** The DVCQG one-stop account section of the human output, as `name: value` pairs. */
  function dvcqgSection(stdout: string): Record<string, string> {
    const fields = outputSection(stdout, 'DVCQG one-stop account');
    expect(fields, stdout).toBeDefined();
    return fields ?? {};
  }

  const login = (username: string, password: string) => postJson('/dvcqg/login', { username, password });

  it('prints DVCQG credentials beside the VDXP ones, and a one-stop system can log in and call services with them', async () => {
    const { stdout } = await cli('agencies', 'add', '--system', 'mc.h22', '--agency', '000.00.01.H22=Sở Tư pháp');
    // The VDXP part is unchanged.
    expect(stdout).toContain('system mc.h22');
    expect(stdout).toMatch(/secret: \S+/);
    expect(stdout).toContain(`endpoint: ${url}/vdxp`);
    const d = dvcqgSection(stdout);
    expect(stdout).toContain('DVCQG one-stop account mc.h22 (created)');
    expect(d.username).toBe('mc.h22');
    expect(d.madonvi).toBe('000.00.01.H22');
    expect(d.login).toContain(`${url}/dvcqg/login`);
    expect(d.service).toContain(`${url}/dvcqg/service`);
    const password = d.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);

    const session = await login('mc.h22', password);
    expect(session.body).toMatchObject({ error_code: 0 });
    expect(typeof session.body.session).toBe('string');
    const catalogue = await postJson('/dvcqg/service', { session: session.body.session, madonvi: '000.00.01.H22', service: 'LayDanhSachTTHC', pageSize: 1 });
    expect(catalogue.body).toMatchObject({ error_code: 0 });
    const proc = catalogue.body.result[0] as Json;
    const sync = await postJson('/dvcqg/service', {
      session: session.body.session,
      madonvi: '000.00.01.H22',
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      data: [
        {
          MaHoSo: '000.00.01.H22-261124-0001',
          MaTTHC: proc.MATTHC,
          TenTTHC: proc.TENTTHC,
          MaLinhVuc: proc.MALINHVUC,
          TenLinhVuc: proc.TENLINHVUC,
          LoaiDoiTuong: '1',
          NgayTiepNhan: '20261124090000',
          NgayHenTra: '20261127170000',
          TrangThaiHoSo: '2',
          HinhThuc: '0',
          DonViXuLy: 'Sở Tư pháp',
          ChuHoSo: 'Nguyễn Văn An',
        },
      ],
    });
    expect(sync.body).toMatchObject({ error_code: 0, result: [{ MaHoSo: '000.00.01.H22-261124-0001', action: 'created' }] });

    // The printed payment credentials are the partner's on the portal.
    const { partners } = await getJson('/_lienthong/dvcqg/payment/partners');
    const pp = (partners as Json[]).find((p) => p.channel === 'ppdvcqg' && p.agency === '000.00.01.H22');
    expect(pp).toBeDefined();
    expect(d['payment PP DVCQG']).toBe(`MaDoiTac ${pp?.maDoiTac}, hashKey ${pp?.hashKey}`);
    expect(d['payment PayGov']).toMatch(/^partnerCode PAYGOV-000\.00\.01\.H22, accessKey \w+, secretKey \w+$/);
  }, 30_000);

  it('takes the username, password, agency and callback URL from flags, and --strict for the account', async () => {
    const { stdout } = await cli(
      'agencies', 'add', '--system', 'mc.g17', '--agency', '000.00.00.G17', '--agency', '000.00.01.G17',
      '--dvcqg-username', 'motcua-g17', '--dvcqg-password', 'mat-khau-17', '--dvcqg-agency', '000.00.01.G17',
      '--callback-url', 'http://127.0.0.1:9/motcua', '--strict',
    );
    const d = dvcqgSection(stdout);
    expect(d).toMatchObject({ username: 'motcua-g17', password: 'mat-khau-17', madonvi: '000.00.01.G17' });
    expect(d['payment PP DVCQG']).toContain('callback http://127.0.0.1:9/motcua/');
    const { accounts } = await getJson('/_lienthong/dvcqg/accounts');
    expect((accounts as Json[]).find((a) => a.username === 'motcua-g17')).toMatchObject({ madonvi: '000.00.01.G17', callbackUrl: 'http://127.0.0.1:9/motcua', mode: 'strict' });
    const session = await login('motcua-g17', 'mat-khau-17');
    const r = await postJson('/dvcqg/service', { session: session.body.session, madonvi: '000.00.01.G17', service: 'LayDanhMucLinhVuc' });
    expect(r.body).toMatchObject({ error_code: 0 });
  }, 30_000);

  it('a second `agencies add` keeps the DVCQG account and its password, unless --dvcqg-password resets it', async () => {
    const first = dvcqgSection((await cli('agencies', 'add', '--system', 'mc.h30', '--agency', '000.00.01.H30')).stdout);
    const password = first.password ?? '';
    const again = await cli('agencies', 'add', '--system', 'mc.h30', '--agency', '000.00.02.H30');
    expect(again.stdout).toContain('DVCQG one-stop account mc.h30 (exists)');
    const kept = dvcqgSection(again.stdout);
    expect(kept.password).toContain('unchanged');
    expect(kept.madonvi).toBe('000.00.01.H30');
    expect(kept['payment PP DVCQG']).toBe(first['payment PP DVCQG']);
    expect((await login('mc.h30', password)).body.error_code).toBe(0);

    const reset = dvcqgSection((await cli('agencies', 'add', '--system', 'mc.h30', '--dvcqg-password', 'mat-khau-moi')).stdout);
    expect(reset.password).toBe('mat-khau-moi');
    expect((await login('mc.h30', 'mat-khau-moi')).body.error_code).toBe(0);
    expect((await login('mc.h30', password)).body.error_code).not.toBe(0);
  }, 30_000);

  it('--no-dvcqg connects only the VDXP system', async () => {
    const { stdout } = await cli('agencies', 'add', '--system', 'vdxp.only', '--agency', '000.00.01.H41', '--no-dvcqg');
    expect(stdout).toContain('system vdxp.only');
    expect(stdout).not.toContain('DVCQG');
    const { accounts } = await getJson('/_lienthong/dvcqg/accounts');
    expect((accounts as Json[]).map((a) => a.username)).not.toContain('vdxp.only');
  }, 30_000);

  it('without any agency code it connects the system and says why no DVCQG account was made', async () => {
    const { stdout } = await cli('agencies', 'add', '--system', 'no.agency');
    expect(stdout).toContain('system no.agency');
    expect(stdout).toContain('DVCQG one-stop account: not created (no agency code');
  }, 30_000);

  it('a refused DVCQG account fails the command, naming the field, after connecting the VDXP system', async () => {
    const err = await cli('agencies', 'add', '--system', 'bad.cb', '--agency', '000.00.01.H14', '--callback-url', 'ftp://x').catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stdout: string }).stdout).toContain('system bad.cb');
    expect((err as { stderr: string }).stderr).toMatch(/VDXP system bad\.cb is connected, but its DVCQG account was not created: BAD_REQUEST: .*callbackUrl/);
  }, 30_000);
});
