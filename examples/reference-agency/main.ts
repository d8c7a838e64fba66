/**
 * npm run reference-agency -- --port 9000 --emulator http://localhost:8686 [--defect <name>]… [--list-defects]
 */
import { parseArgs } from 'node:util';
import { DEFECTS, createReferenceAgency } from './agency.js';
import { createHookServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9000' },
    host: { type: 'string', default: '127.0.0.1' },
    emulator: { type: 'string', default: 'http://localhost:8686' },
    defect: { type: 'string', multiple: true, default: [] },
    'poll-ms': { type: 'string', default: '2000' },
    'list-defects': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

if (values['list-defects']) {
  for (const d of DEFECTS) console.log(`${d.name.padEnd(24)} ${d.part.padEnd(7)} ${d.description}`);
  process.exit(0);
}

const log = values.quiet ? () => {} : (line: string) => console.log(`[reference-agency] ${line}`);
try {
  const agency = createReferenceAgency({ emulatorUrl: values.emulator, defects: values.defect, pollIntervalMs: Number(values['poll-ms']), log });
  await agency.start();
  const server = await createHookServer(agency, { log });
  const url = await server.listen({ port: Number(values.port), host: values.host });
  console.log(`reference agency listening on ${url} (hook: ${url}/lienthong/actions), emulator ${values.emulator}${values.defect.length ? `, defects: ${values.defect.join(', ')}` : ''}`);
  const stop = async () => {
    await server.close();
    await agency.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`reference agency: ${(err as Error).message}`);
  process.exit(1);
}
