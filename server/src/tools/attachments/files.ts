/** Strict base64 handling, file name sanitising and size formatting for attachments. */
import { ToolInputError } from '../results.js';

// No repeated groups: megabytes of input must not make the regex engine recurse.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decode standard base64 strictly: alphabet, length and padding must be right and the text must
 * be the canonical encoding of its bytes (Node's decoder silently skips garbage otherwise).
 * Line breaks and spaces (MIME-style wrapping) are removed first. Returns the normalised text too.
 */
export function decodeBase64Strict(input: string, what = 'content'): { bytes: Buffer; normalized: string } {
  const normalized = input.replace(/[\r\n\t ]+/g, '');
  if (!normalized.length) throw new ToolInputError(`The ${what} is empty: give the file's bytes as base64.`);
  if (normalized.length % 4 !== 0) throw new ToolInputError(`The ${what} is not valid base64: its length (${normalized.length}) is not a multiple of 4 (check the = padding at the end).`);
  if (!BASE64.test(normalized)) {
    const bad = normalized.match(/[^A-Za-z0-9+/=]/)?.[0];
    throw new ToolInputError(
      bad !== undefined
        ? `The ${what} is not valid base64: character ${JSON.stringify(bad)} is not in the base64 alphabet (A-Z a-z 0-9 + /, "=" only as padding at the end; URL-safe "-" and "_" are not accepted).`
        : `The ${what} is not valid base64: "=" padding may only appear at the end.`,
    );
  }
  const bytes = Buffer.from(normalized, 'base64');
  if (bytes.toString('base64') !== normalized) throw new ToolInputError(`The ${what} is not canonical base64 (non-zero padding bits): re-encode the file.`);
  return { bytes, normalized };
}

/** Decoded size of base64 text without decoding it. */
export function base64DecodedSize(b64: string): number {
  const clean = b64.replace(/[\r\n\t ]+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

/**
 * A file name safe to store: last path segment only, no control or reserved characters, no
 * leading dots, at most 255 characters (extension kept).
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base
    // eslint-disable-next-line no-control-regex -- control characters are unsafe in file names
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (clean.length > 255) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, 255 - ext.length) + ext;
  }
  if (!clean || /^_+$/.test(clean)) throw new ToolInputError(`"${name}" is not a usable file name: give a plain name such as report.pdf.`);
  return clean;
}

/** By extension (a Map: the extension is the client's, "x.constructor" must not find a function). */
const MIME = new Map<string, string>(Object.entries({
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}));

/** Content type from the file extension (Autotask derives its own; this is for previews and results). */
export function guessContentType(fileName: string): string {
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  return MIME.get(ext) ?? 'application/octet-stream';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB (${n} bytes)`;
  return `${(n / (1024 * 1024)).toFixed(2)} MB (${n} bytes)`;
}
