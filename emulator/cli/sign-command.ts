import { Option, type Command } from 'commander';
import { control, DEFAULT_URL } from './remote.js';
import { signFile } from './sign.js';

export function registerSignCommand(program: Command): void {
  program
    .command('sign <file>')
    .description("sign an edXML package (XML-DSig, enveloped) with a connected system's test-CA key")
    .requiredOption('--system <id>', 'systemId whose key and certificate to use')
    .option('-o, --out <file>', 'output file (default <file>.signed.edxml)')
    .addOption(new Option('--algorithm <alg>', 'signature algorithm; rsa-sha1 is what the VNPT builder writes').choices(['rsa-sha256', 'rsa-sha1']).default('rsa-sha256'))
    .option('--url <url>', 'emulator base URL', DEFAULT_URL)
    .action(async (file: string, o: { system: string; out?: string; algorithm: 'rsa-sha256' | 'rsa-sha1'; url: string }) => {
      const c = await control<{ privateKeyPem: string; certificatePem: string }>(o.url, 'GET', `/_lienthong/vdxp/systems/${encodeURIComponent(o.system)}/credentials`);
      const written = await signFile({ file, out: o.out, privateKeyPem: c.privateKeyPem, certificatePem: c.certificatePem, algorithm: o.algorithm });
      process.stdout.write(`signed ${file} → ${written}\n`);
    });
}
