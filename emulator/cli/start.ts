import { Option, type Command } from 'commander';
import { integer } from './options.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the emulator (VDXP at /vdxp, DVCQG at /dvcqg, NDXP at /ndxp, control plane at /_lienthong)')
    .option('-p, --port <port>', 'port to listen on (env PORT)', integer('port', 0, 65535))
    .option('--host <host>', 'address to bind (env HOST); 0.0.0.0 to reach it from containers', undefined)
    .option('--data <file>', 'SQLite file for the state, or :memory:', '.lienthong/state.sqlite')
    .option('--store <location>', 'where the state lives instead of --data: postgres://user:password@host:5432/db[?schema=name] (one sandbox shared by several processes, docs/store.md) or sqlite:<file>')
    .addOption(new Option('--mode <mode>', 'validation mode').choices(['lenient', 'strict']).default('lenient'))
    .option('--virtual-clock', 'start with a virtual clock that POST /_lienthong/clock can move')
    .option('--seed <n>', 'seed of the generated directory data', integer('seed', 0, 2 ** 31 - 1), 102)
    .option('--population <n>', 'citizens in the synthetic world (population database, SSO accounts)', integer('population', 1, 10_000_000), 100_000)
    .option('--enterprises <n>', 'enterprises in the synthetic world (business registration)', integer('enterprises', 0, 10_000_000), 20_000)
    .option('--max-body <bytes>', 'largest accepted request body', integer('max-body', 1024, 1024 ** 3))
    .option('-q, --quiet', 'do not print a line per exchange')
    .option('--restore <file>', 'replace the state with a snapshot (lienthong snapshot); its clock and world are taken unless given')
    .action(async (o: { port?: number; host?: string; data: string; mode: 'lenient' | 'strict'; virtualClock?: boolean; seed: number; population: number; enterprises: number; maxBody?: number; quiet?: boolean; restore?: string; store?: string }, cmd: Command) => {
      if (o.restore) await adoptSnapshotSettings(o, cmd);
      if (o.store !== undefined && cmd.getOptionValueSource('data') === 'cli') throw new Error('give --store or --data, not both: --data <file> is short for --store sqlite:<file>');
      const location = o.store ?? o.data;
      const { mkdirSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      const file = /^postgres(ql)?:\/\//i.test(location) ? ':memory:' : location.replace(/^sqlite:/, '');
      if (file !== ':memory:' && file !== '') mkdirSync(dirname(file), { recursive: true });
      const { openStore } = await import('../core/store/open.js');
      const store = await openStore(location);
      const { start } = await import('../main.js');
      const { app, address } = await start({
        port: o.port,
        host: o.host,
        store,
        mode: o.mode,
        clock: o.virtualClock ? 'virtual' : 'real',
        seed: o.seed,
        population: o.population,
        enterprises: o.enterprises,
        maxBodyBytes: o.maxBody,
        restore: o.restore,
      });
      process.stdout.write(
        `lienthong listening on ${address}\n  VDXP (trục liên thông văn bản): ${address}/vdxp\n  DVCQG (cổng dịch vụ công quốc gia): ${address}/dvcqg\n  NDXP/LGSP (nền tảng chia sẻ dữ liệu): ${address}/ndxp (token: ${address}/ndxp/token)\n  control plane: ${address}/_lienthong/info\n  console (bảng điều khiển): ${address}/_lienthong/ui\n  state: ${store.kind} ${store.location}${o.restore ? ` (restored from ${o.restore})` : ''}, mode: ${o.mode}, clock: ${o.virtualClock ? 'virtual' : 'real'}, world: seed ${o.seed}, ${o.population} citizens, ${o.enterprises} enterprises\n`,
      );
      if (!o.quiet) {
        const { exchangeLine } = await import('./exchange-line.js');
        app.lienthong.evidence.subscribe((e) => process.stdout.write(`${exchangeLine(e)}\n`));
      }
    });
}

/**
 * A snapshot's rows refer to its synthetic world and its clock: take those from the file unless the
 * command line sets them (a conflicting --seed then fails the restore with SNAPSHOT_WORLD_MISMATCH).
 */
async function adoptSnapshotSettings(o: { restore?: string; virtualClock?: boolean; seed: number; population: number; enterprises: number }, cmd: Command): Promise<void> {
  const { readSnapshotHeader } = await import('../core/snapshot/restore.js');
  const header = await readSnapshotHeader(o.restore as string);
  const fromDefault = (name: string) => cmd.getOptionValueSource(name) === 'default';
  if (fromDefault('seed')) o.seed = header.world.seed;
  if (fromDefault('population')) o.population = header.world.population;
  if (fromDefault('enterprises')) o.enterprises = header.world.enterprises;
  if (header.clock.mode === 'virtual') o.virtualClock = true;
}
