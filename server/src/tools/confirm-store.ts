/**
 * Where confirmation state lives: the signing key, previewed writes waiting for their
 * confirmation, and the nonces of used tokens with what became of their write. This process's
 * memory by default; with REDIS_URL every replica shares one store (src/state/confirm-store.ts),
 * so a token previewed on one replica confirms on another, once.
 */
import { randomBytes } from 'node:crypto';
import type { HeldWrite } from './confirm.js';

/**
 * What became of the write a used token confirmed (reported when the token is used again).
 * 'partial': a multi-request write (./write-steps.ts) stopped after some of its requests were done.
 */
export type TokenOutcome = 'running' | 'done' | 'refused' | 'unknown' | 'partial';

export interface Use {
  outcome: TokenOutcome;
  check?: string;
}

export type Taken = { used: Use } | { held: HeldWrite } | { missing: true };

export interface ConfirmStore {
  /** The HMAC key tokens are signed with (the same for every replica sharing the store). */
  signingKey(): Promise<Buffer>;
  /** Keep a previewed write until `expires` (ms since the epoch). */
  hold(nonce: string, write: HeldWrite, expires: number): Promise<void>;
  /** Mark a nonce used ('done') unless it already is: null when this call claimed it, else the earlier use. */
  claim(nonce: string, expires: number): Promise<Use | null>;
  /** In one atomic step: the earlier use of the nonce, or its held write (taken, the nonce marked 'running'). */
  take(nonce: string, expires: number): Promise<Taken>;
  /** Undo take(): the write is held again and the nonce unused. */
  restore(nonce: string, write: HeldWrite, expires: number): Promise<void>;
  /** Record how the write of a taken nonce ended. */
  settle(nonce: string, use: Use): Promise<void>;
}

/** Held writes at most, and their bodies' size in total; past either the oldest are dropped. */
const MAX_HELD = 1_000;
const MAX_HELD_BYTES = 64 * 1024 * 1024;

interface HeldEntry {
  write: HeldWrite;
  expires: number;
  bytes: number;
}

/** This process only (the default): bounded, pruned on every use. */
export class MemoryConfirmStore implements ConfirmStore {
  private readonly key: Buffer;
  private readonly used = new Map<string, Use & { expires: number }>();
  private readonly held = new Map<string, HeldEntry>(); // oldest first
  private heldBytes = 0;

  constructor(
    private readonly clock: () => number,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  signingKey(): Promise<Buffer> {
    return Promise.resolve(this.key);
  }

  hold(nonce: string, write: HeldWrite, expires: number): Promise<void> {
    this.prune();
    this.keep(nonce, write, expires);
    for (const [n, entry] of this.held) {
      if (this.held.size <= MAX_HELD && this.heldBytes <= MAX_HELD_BYTES) break;
      if (n === nonce) break; // never drop the write just held
      this.drop(n, entry.bytes);
    }
    return Promise.resolve();
  }

  claim(nonce: string, expires: number): Promise<Use | null> {
    this.prune();
    const use = this.used.get(nonce);
    if (use) return Promise.resolve(use);
    this.used.set(nonce, { expires, outcome: 'done' });
    return Promise.resolve(null);
  }

  take(nonce: string, expires: number): Promise<Taken> {
    this.prune();
    const use = this.used.get(nonce);
    if (use) return Promise.resolve({ used: use });
    const entry = this.held.get(nonce);
    if (!entry) return Promise.resolve({ missing: true });
    this.drop(nonce, entry.bytes);
    this.used.set(nonce, { expires, outcome: 'running' });
    return Promise.resolve({ held: entry.write });
  }

  restore(nonce: string, write: HeldWrite, expires: number): Promise<void> {
    this.used.delete(nonce);
    this.keep(nonce, write, expires);
    return Promise.resolve();
  }

  settle(nonce: string, use: Use): Promise<void> {
    const mine = this.used.get(nonce);
    if (mine) this.used.set(nonce, { ...use, expires: mine.expires });
    return Promise.resolve();
  }

  private keep(nonce: string, write: HeldWrite, expires: number): void {
    const bytes = JSON.stringify(write.request).length;
    this.held.set(nonce, { write, expires, bytes });
    this.heldBytes += bytes;
  }

  private drop(nonce: string, bytes: number): void {
    if (this.held.delete(nonce)) this.heldBytes -= bytes;
  }

  private prune(): void {
    const t = this.clock();
    for (const [n, u] of this.used) if (u.expires < t) this.used.delete(n);
    for (const [n, entry] of this.held) if (entry.expires < t) this.drop(n, entry.bytes);
  }
}
