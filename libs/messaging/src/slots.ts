/** A counting semaphore: bounds the messages in flight. */
export class Slots {
  private used = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly size: number) {}

  get inUse(): number {
    return this.used;
  }

  async acquire(): Promise<void> {
    while (this.used >= this.size) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.used++;
  }

  /** Takes up to `count` free slots without waiting; returns how many it took. */
  tryAcquire(count: number): number {
    const taken = Math.max(0, Math.min(count, this.size - this.used));
    this.used += taken;
    return taken;
  }

  release(count = 1): void {
    this.used -= count;
    for (const wake of this.waiters.splice(0)) wake();
  }
}
