/** Retries `probe` until it stops throwing, or rethrows its last error once `timeoutMs` has passed. */
export async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 30000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/**
 * Asserts that `probe` keeps passing for the whole window: the way to show that something never happens
 * (a rolled-back message never arrives). Polls, so it fails as soon as the condition breaks.
 */
export async function holdsFor(probe: () => void | Promise<void>, windowMs: number, intervalMs = 200): Promise<void> {
  const end = Date.now() + windowMs;
  while (Date.now() < end) {
    await probe();
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await probe();
}
