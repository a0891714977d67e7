/**
 * Concurrency bookkeeping. Autotask limits threads per (integration code, object endpoint),
 * where the endpoint is the first path segment below V1.0 (`Tickets` for `Tickets/1/Notes`).
 * Stats are kept per segment so tests can assert the client never exceeded the limit.
 */
export class InFlight {
  readonly limit: number;
  private readonly current = new Map<string, number>();
  private readonly perSegment = new Map<string, number>();
  private readonly highWater = new Map<string, number>();

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Count a request in; the returned release is idempotent. */
  enter(code: string, segment: string): () => void {
    const key = this.key(code, segment);
    const seg = segment.toLowerCase();
    this.current.set(key, (this.current.get(key) ?? 0) + 1);
    const now = (this.perSegment.get(seg) ?? 0) + 1;
    this.perSegment.set(seg, now);
    this.highWater.set(seg, Math.max(this.highWater.get(seg) ?? 0, now));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.current.set(key, (this.current.get(key) ?? 1) - 1);
      this.perSegment.set(seg, (this.perSegment.get(seg) ?? 1) - 1);
    };
  }

  overLimit(code: string, segment: string): boolean {
    return (this.current.get(this.key(code, segment)) ?? 0) > this.limit;
  }

  max(segment: string): number {
    return this.highWater.get(segment.toLowerCase()) ?? 0;
  }

  resetStats(): void {
    this.highWater.clear();
  }

  private key(code: string, segment: string): string {
    return `${code}\u0000${segment.toLowerCase()}`;
  }
}
