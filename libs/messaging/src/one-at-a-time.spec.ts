import { OneAtATime } from './one-at-a-time';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('OneAtATime', () => {
  it('runs the work of one key one after another, in arrival order', async () => {
    const queue = new OneAtATime();
    const first = gate();
    const log: string[] = [];
    const a = queue.run('order-1', async () => {
      log.push('a starts');
      await first.opened;
      log.push('a ends');
    });
    const b = queue.run('order-1', () => Promise.resolve(log.push('b runs')));
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a starts', 'a ends', 'b runs']);
  });

  it('runs the work of different keys at once', async () => {
    const queue = new OneAtATime();
    const first = gate();
    const blocked = queue.run('order-1', () => first.opened);
    await expect(queue.run('order-2', () => Promise.resolve('done'))).resolves.toBe('done');
    first.open();
    await blocked;
  });

  it('a failure reaches its caller and does not stop the next work of the key', async () => {
    const queue = new OneAtATime();
    const failing = queue.run('order-1', () => Promise.reject(new Error('deadlock')));
    const next = queue.run('order-1', () => Promise.resolve('handled'));
    await expect(failing).rejects.toThrow('deadlock');
    await expect(next).resolves.toBe('handled');
  });

  it('forgets a key once its work is done', async () => {
    const queue = new OneAtATime();
    await Promise.all([queue.run('order-1', () => Promise.resolve()), queue.run('order-1', () => Promise.resolve())]);
    expect(queue.busyKeys).toBe(0);
  });
});
