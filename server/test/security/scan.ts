/**
 * Whole-suite credential scan: every HTTP answer (raw requests, raw sockets and the SDK client's
 * bytes), every tool or resource result and every log line the security suite produces is
 * recorded here, then searched for each secret sentinel raw, URL-encoded and base64-encoded
 * (standard and URL-safe, at every byte alignment, so a secret inside a longer encoded string
 * is found too).
 */
import { SECRET_SENTINELS } from '../helpers/harness.js';

export interface Finding {
  source: string;
  secret: string;
  form: string;
}

/** The core of base64(x + secret + y) that does not depend on x or y, for each alignment. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const encoded = Buffer.concat([Buffer.alloc(lead), bytes]).toString('base64').replace(/=+$/, '');
    const start = lead === 0 ? 0 : 4; // the first group mixes in bytes before the secret
    const whole = Math.floor((lead + bytes.length) / 3) * 4; // later groups may mix in what follows
    cores.push(encoded.slice(start, whole));
  }
  return cores.filter((c) => c.length >= 16);
}

export function sentinelForms(secret: string): Array<{ form: string; text: string }> {
  const forms = [
    { form: 'raw', text: secret },
    { form: 'url-encoded', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: encodeURIComponent(secret).replace(/%20/g, '+') },
  ];
  for (const core of base64Cores(secret)) {
    forms.push({ form: 'base64', text: core });
    forms.push({ form: 'base64url', text: core.replace(/\+/g, '-').replace(/\//g, '_') });
  }
  return forms;
}

export class CredentialScan {
  private readonly texts: Array<{ source: string; text: string }> = [];
  private readonly forms = SECRET_SENTINELS.flatMap((secret) => sentinelForms(secret).map((f) => ({ ...f, secret })));

  record(source: string, text: string): void {
    this.texts.push({ source, text });
  }

  get recorded(): number {
    return this.texts.length;
  }

  findings(): Finding[] {
    const found: Finding[] = [];
    for (const { source, text } of this.texts) {
      const lower = text.toLowerCase();
      for (const f of this.forms) {
        // URL-encodings differ in case (%2f / %2F); the other forms are case-sensitive.
        const hit = f.form.endsWith('encoded') ? lower.includes(f.text.toLowerCase()) : text.includes(f.text);
        if (hit) found.push({ source, secret: `${f.secret.slice(0, 12)}…`, form: f.form });
      }
    }
    return found;
  }

  /** A fetch for the SDK client that records every answer's status, headers and body bytes. */
  recordingFetch(source: string): typeof fetch {
    return async (input, init) => {
      const res = await fetch(input, init);
      const head = `${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
      this.record(`${source} headers`, head);
      if (!res.body) return res;
      const [mine, theirs] = res.body.tee();
      const entry = { source: `${source} body`, text: '' };
      this.texts.push(entry);
      void (async () => {
        const decoder = new TextDecoder();
        const reader = mine.getReader();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            entry.text += decoder.decode(value, { stream: true });
          }
        } catch {
          // the stream was cut: what arrived is recorded
        }
      })();
      return new Response(theirs, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
  }
}
