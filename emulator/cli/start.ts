import { Option, type Command } from 'commander';
import { integer } from './options.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the emulator (VDXP at /vdxp, DVCQG at /dvcqg, NDXP at /ndxp, control plane at /_lienthong)')
    .option('-p, --port <port>', 'port to listen on (env PORT)', integer('port', 0, 65535))
    .option('--host <host>', 'address to bind (env HOST); 0.0.0.0 to reach it from containers', undefined)
    .option('--data <file>', 'SQLite file for the state, or :memory:', '.lienthong/state.sqlite')
    .addOption(new Option('--mode <mode>', 'validation mode').choices(['lenient', 'strict']).default('lenient'))
    .option('--virtual-clock', 'start with a virtual clock that POST /_lienthong/clock can move')
    .option('--seed <n>', 'seed of the generated directory data', integer('seed', 0, 2 ** 31 - 1), 102)
    .option('--population <n>', 'citizens in the synthetic world (population database, SSO accounts)', integer('population', 1, 10_000_000), 100_000)
    .option('--enterprises <n>', 'enterprises in the synthetic world (business registration)', integer('enterprises', 0, 10_000_000), 20_000)
    .option('--max-body <bytes>', 'largest accepted request body', integer('max-body', 1024, 1024 ** 3))
    .option('-q, --quiet', 'do not print a line per exchange')
    .action(async (o: { port?: number; host?: string; data: string; mode: 'lenient' | 'strict'; virtualClock?: boolean; seed: number; population: number; enterprises: number; maxBody?: number; quiet?: boolean }) => {
      const { mkdirSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      if (o.data !== ':memory:') mkdirSync(dirname(o.data), { recursive: true });
      const { start } = await import('../main.js');
      const { app, address } = await start({
        port: o.port,
        host: o.host,
        data: o.data,
        mode: o.mode,
        clock: o.virtualClock ? 'virtual' : 'real',
        seed: o.seed,
        population: o.population,
        enterprises: o.enterprises,
        maxBodyBytes: o.maxBody,
      });
      process.stdout.write(
        `lienthong listening on ${address}\n  VDXP (trục liên thông văn bản): ${address}/vdxp\n  DVCQG (cổng dịch vụ công quốc gia): ${address}/dvcqg\n  NDXP/LGSP (nền tảng chia sẻ dữ liệu): ${address}/ndxp (token: ${address}/ndxp/token)\n  control plane: ${address}/_lienthong/info\n  console (bảng điều khiển): ${address}/_lienthong/ui\n  state: ${o.data}, mode: ${o.mode}, clock: ${o.virtualClock ? 'virtual' : 'real'}, world: seed ${o.seed}, ${o.population} citizens, ${o.enterprises} enterprises\n`,
      );
      if (!o.quiet) {
        const { exchangeLine } = await import('./exchange-line.js');
        app.lienthong.evidence.subscribe((e) => process.stdout.write(`${exchangeLine(e)}\n`));
      }
    });
}
