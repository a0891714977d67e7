/** The encoded forms of a credential a leak check must look for (raw, URL-encoded, base64 at any alignment). */

/** Base64 characters of `secret` that do not depend on the bytes around it, for a start offset of 0, 1 or 2 bytes. */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (const k of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(out)];
}

export function encodedForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).toLowerCase(), ...base64Cores(secret)])];
}

/** The forms of any of `secrets` found in `text`. */
export function leakedForms(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => encodedForms(s).filter((f) => text.includes(f)));
}
