/** A counting semaphore: bounds the messages in flight. */
export class Slots {
  private used = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly size: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Waits for one free slot, then takes up to `count` free ones; returns how many it took (at least 1). */
  async acquireUpTo(count: number): Promise<number> {
    while (this.used >= this.size) await new Promise<void>((resolve) => this.waiters.push(resolve));
    const taken = Math.max(1, Math.min(count, this.size - this.used));
    this.used += taken;
    return taken;
  }

  release(count = 1): void {
    this.used -= count;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves true once no slot is in use, or false after `timeoutMs`. */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.used > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }
}
