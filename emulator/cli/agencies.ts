import type { Command } from 'commander';
import { control, DEFAULT_URL } from './remote.js';

interface Credentials {
  systemId: string;
  secret: string;
  agencies: { code: string; name: string }[];
  certificatePem: string;
}

/** `CODE` or `CODE=Name` */
function parseAgency(value: string, previous: { code: string; name?: string }[] = []) {
  const [code, ...rest] = value.split('=');
  return [...previous, { code: (code ?? '').trim(), ...(rest.length ? { name: rest.join('=').trim() } : {}) }];
}

export function registerAgenciesCommand(program: Command): void {
  const agencies = program.command('agencies').description('connected systems and the agency directory (danh mục mã định danh)');
  agencies
    .command('add')
    .description('connect a system (systemId + secret, key pair and certificate from the test CA) or add agencies to it')
    .requiredOption('--system <id>', 'systemId (mã trung tâm) the SDK is configured with')
    .option('--secret <secret>', 'secret for the HMAC headers (generated when omitted)')
    .option('--agency <code[=name]>', 'agency code in QCVN 102 form, repeatable', parseAgency, [])
    .option('--strict', 'validate this system in strict mode')
    .option('--url <url>', 'emulator base URL', DEFAULT_URL)
    .action(async (o: { system: string; secret?: string; agency: { code: string; name?: string }[]; strict?: boolean; url: string }) => {
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
