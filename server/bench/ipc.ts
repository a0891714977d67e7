/**
 * Request/answer over a forked child's IPC channel, so the bench's helpers (the fake tenant,
 * the SDK clients) run in their own processes and are driven from bench/run.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';

interface Ask {
  id: number;
  type: string;
  payload: unknown;
}
type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export class Worker {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: Answer) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.result);
      else w.reject(new Error(m.error));
    });
    child.on('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`worker exited (${code ?? signal}) before answering`));
      this.waiting.clear();
    });
  }

  /** Forks a TypeScript module (through tsx) that calls serve(); nodeArgs e.g. --cpu-prof. */
  static start(moduleUrl: URL, nodeArgs: string[] = []): Worker {
    return new Worker(fork(moduleUrl, { execArgv: [...nodeArgs, '--import', 'tsx'] }));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  call<T>(type: string, payload: unknown = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, type, payload } satisfies Ask);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** In the child: answers each request with the handler of its type. */
export function serve(handlers: Record<string, (payload: never) => unknown>): void {
  // The bench stopped or died: do not outlive it (an orphan would hold its stdout open).
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: Ask) => {
    const handler = Object.hasOwn(handlers, m.type) ? handlers[m.type] : undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown request ${m.type}`);
        return handler(m.payload as never);
      })
      .then(
        (result) => process.send?.({ id: m.id, ok: true, result } satisfies Answer),
        (err: unknown) => process.send?.({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Answer),
      );
  });
}
