import { readFile, writeFile } from 'node:fs/promises';
import { signEdxml, type SignatureAlgorithm } from '../platforms/vdxp/wire/signature.js';

export interface SignFileOptions {
  file: string;
  /** Where to write; default `<file without .edxml/.xml>.signed.edxml` next to the input. */
  out?: string;
  privateKeyPem: string;
  certificatePem: string;
  algorithm?: SignatureAlgorithm;
}

/** `lienthong sign`: signs an edXML file (see signEdxml) and returns the path written. Never overwrites the input by default. */
export async function signFile(opts: SignFileOptions): Promise<string> {
  const xml = await readFile(opts.file, 'utf8');
  const signed = signEdxml(xml, { privateKeyPem: opts.privateKeyPem, certificatePem: opts.certificatePem }, { algorithm: opts.algorithm });
  const out = opts.out ?? defaultOutPath(opts.file);
  await writeFile(out, signed, 'utf8');
  return out;
}

/** `edoc.edxml` → `edoc.signed.edxml` (not `edoc.edxml.signed.edxml`), so the result still ends in .edxml. */
export function defaultOutPath(file: string): string {
  return file.replace(/\.(edxml|xml)$/i, '') + '.signed.edxml';
}
