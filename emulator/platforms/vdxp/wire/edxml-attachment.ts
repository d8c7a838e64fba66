/**
 * The attachment convention of the edXML libraries (specs/vdxp.md §1.1): pdf, doc, docx, xls, xlsx and zip
 * travel as they are; any other file is zipped first and sent as `application/zip` under its original
 * AttachmentName, and the receiver unzips when the type is zip but the name does not end in `.zip`.
 */
import { randomUUID } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { vdxpError } from '../errors.js';
import type { Attachment } from './edxml-model.js';

/** IANA types by extension; a caller may pass the VNPT jar's own names (`application/doc`, …) instead. */
const AS_IS_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

export interface AttachmentInput {
  name: string;
  bytes: Uint8Array;
  /** Only used for the as-is types; a zipped file is always `application/zip`. */
  contentType?: string;
  description?: string;
  /** Defaults to `cid:<uuid>`, the SDK's form. */
  contentId?: string;
}

/** Largest entry decodeAttachment inflates (the axis has no published size limit, §6). */
const MAX_UNZIPPED = 256 * 1024 * 1024;

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function isZipType(contentType: string | undefined): boolean {
  return /^application\/(x-)?zip(-compressed)?$/i.test((contentType ?? '').trim());
}

export function encodeAttachment(input: AttachmentInput): Attachment {
  const asIs = AS_IS_TYPES[extension(input.name)];
  const bytes = asIs ? input.bytes : zipSync({ [input.name]: input.bytes });
  const att: Attachment = {
    contentId: input.contentId ?? `cid:${randomUUID()}`,
    attachmentName: input.name,
    contentType: asIs ? (input.contentType ?? asIs) : 'application/zip',
    encoded: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
  if (input.description !== undefined) att.description = input.description;
  return att;
}

/**
 * Base64-decodes an attachment and, per the convention, unzips it when its type is zip but its name is
 * not `.zip`. The entry named like the attachment wins, else a single entry; a zip with several other
 * entries, or bytes that are not a zip at all, are returned as decoded (nothing to choose from safely).
 */
export function decodeAttachment(att: Attachment): { name: string; bytes: Buffer } {
  const check = checkBase64(att.encoded);
  if (!check.ok) {
    throw vdxpError(
      'VDXP_EDXML_BAD_BASE64',
      `Attachment ${att.contentId ?? '(no ContentId)'}: ContentTransferEncoded is not valid base64 (${check.reason}).`,
      { field: 'AttachmentEncoded/Attachment/ContentTransferEncoded', rule: 'base64 (RFC 4648)', contentId: att.contentId },
    );
  }
  const name = att.attachmentName ?? '';
  const bytes = Buffer.from(att.encoded, 'base64');
  if (!isZipType(att.contentType) || extension(name) === 'zip') return { name, bytes };
  let entries: Record<string, Uint8Array>;
  try {
    // Entries declaring more than MAX_UNZIPPED are left packed (zip-bomb guard); the zip is then returned as is.
    entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_UNZIPPED });
  } catch {
    return { name, bytes };
  }
  const files = Object.entries(entries).filter(([n]) => !n.endsWith('/'));
  const match = files.find(([n]) => n === name || n.split('/').pop() === name) ?? (files.length === 1 ? files[0] : undefined);
  if (!match) return { name, bytes };
  const data = match[1];
  return { name, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}

// 0 = not base64, 1 = alphabet, 2 = whitespace, 3 = padding.
const B64_CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64_CLASS[c.charCodeAt(0)] = 1;
for (const c of ' \t\r\n') B64_CLASS[c.charCodeAt(0)] = 2;
B64_CLASS['='.charCodeAt(0)] = 3;
const NOT_COMPACT_B64 = /[^A-Za-z0-9+/=]/;

/**
 * Checks alphabet and padding in one pass without decoding (attachments are megabytes; decoding happens
 * once, in decodeAttachment). Whitespace anywhere is allowed (MIME line breaks). Unpadded input is accepted
 * when its length is still decodable (2 or 3 trailing characters), as Java's and Node's decoders do.
 */
export function checkBase64(encoded: string): { ok: true } | { ok: false; reason: string } {
  // Fast path for the usual single-line encoding: one native search for a foreign character (V8 runs this
  // form ~5x faster than an anchored whole-string pattern or the loop below), then the padding by indexOf.
  if (!NOT_COMPACT_B64.test(encoded)) {
    const eq = encoded.indexOf('=');
    const pad = eq < 0 ? 0 : encoded.length - eq;
    if (pad <= 2 && (pad === 0 || encoded.endsWith('='.repeat(pad)))) {
      return (pad ? encoded.length % 4 === 0 : encoded.length % 4 !== 1)
        ? { ok: true }
        : { ok: false, reason: `${encoded.length - pad} base64 characters and ${pad} padding do not make whole bytes` };
    }
    // Misplaced "=": the loop below names the position.
  }
  let data = 0;
  let pad = 0;
  for (let i = 0; i < encoded.length; i++) {
    const code = encoded.charCodeAt(i);
    const cls = code < 128 ? B64_CLASS[code]! : 0;
    if (cls === 2) continue;
    if (cls === 0) return { ok: false, reason: `character ${JSON.stringify(encoded[i])} at position ${i} is outside the base64 alphabet` };
    if (cls === 3) {
      pad++;
      if (pad > 2) return { ok: false, reason: 'more than two "=" padding characters' };
    } else {
      if (pad) return { ok: false, reason: `data after "=" padding at position ${i}` };
      data++;
    }
  }
  const total = data + pad;
  if (pad ? total % 4 !== 0 : data % 4 === 1) {
    return { ok: false, reason: `${data} base64 characters and ${pad} padding do not make whole bytes` };
  }
  return { ok: true };
}
