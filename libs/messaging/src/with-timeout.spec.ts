import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('returns the value of a promise that settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'answer')).resolves.toBe(42);
  });

  it('rejects, naming the operation, when the promise does not settle in time', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 20, 'producer startup')).rejects.toThrow(
      'producer startup did not finish within 20 ms',
    );
  });

  it('passes the original error through', async () => {
    await expect(withTimeout(Promise.reject(new Error('refused')), 1000, 'x')).rejects.toThrow('refused');
  });
});
