import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLostRace, isRetryableFailure } from './retryable-failure';

/** While held, the message stays invisible this long past each extension: a backoff plus one bounded handler run. */
export const HOLD_INVISIBLE_MS = 60000;
const HOLD_BACKOFF_MS = 1000;
const HOLD_MAX_BACKOFF_MS = 15000;
/** A unique-key race is settled by the next try; one that lasts this many tries is a real failure. */
const LOST_RACE_RETRIES = 3;

/** What the runner can do with a message whose final delivery (attempt > maxRetries) failed. */
export interface FinalAttempt {
  /** For the log lines: event id, group, topic, tag. */
  readonly context: Record<string, unknown>;
  /** Runs the message through its handler again (the delivery path). */
  retry(): Promise<void>;
  /** Keeps the message from being delivered again (and so from the broker's DLQ) for `ms` more. */
  extend(ms: number): Promise<void>;
  /** Records the dead letter with the failure that ended it and how often the handler ran. */
  record(error: unknown, attempts: number): Promise<void>;
  /** Called once, when an infrastructure failure first makes the runner keep the message. */
  held(): void;
}

export interface FinalAttemptResult {
  /** handled: ack it; dead_lettered: recorded, let the broker take it; released: the service is stopping. */
  outcome: 'handled' | 'dead_lettered' | 'released';
  /** How often the handler ran in all: the deliveries and the retries while held. */
  attempts: number;
  error?: unknown;
}

export type Pause = (ms: number, signal: AbortSignal) => Promise<void>;

const pauseUnlessStopped: Pause = (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined);

/**
 * Decides the fate of a message at its final attempt. A non-retryable failure is recorded as a dead letter, then
 * the broker moves the message to its DLQ. A retryable one (database or broker unavailable) never dead-letters a
 * good message: it is kept invisible and retried in-process with a capped backoff until it is handled, fails for
 * a real reason, or the service stops. A failed recording is kept and retried the same way.
 */
export class FinalAttemptPolicy {
  private readonly logger = new Logger(FinalAttemptPolicy.name);

  constructor(
    private readonly stopping: AbortSignal,
    private readonly pause: Pause = pauseUnlessStopped,
  ) {}

  async settle(attempt: FinalAttempt, error: unknown, attempts: number): Promise<FinalAttemptResult> {
    let failure = error;
    let races = 0;
    const tryAgain = () => isRetryableFailure(failure) || (isLostRace(failure) && races++ < LOST_RACE_RETRIES);
    for (let round = 0; tryAgain(); round++) {
      if (round === 0) attempt.held();
      this.logger.warn({ ...attempt.context, attempts, err: failure }, 'final attempt failed for now; keeping it');
      if (!(await this.keep(attempt, round))) return this.release(attempt, failure, attempts);
      try {
        attempts++;
        await attempt.retry();
        return { outcome: 'handled', attempts };
      } catch (retryError) {
        failure = retryError;
      }
    }
    return this.recordDeadLetter(attempt, failure, attempts);
  }

  private async recordDeadLetter(attempt: FinalAttempt, failure: unknown, attempts: number) {
    for (let round = 0; ; round++) {
      try {
        await attempt.record(failure, attempts);
        return { outcome: 'dead_lettered' as const, attempts, error: failure };
      } catch (recordError) {
        this.logger.warn({ ...attempt.context, err: recordError }, 'cannot record the dead letter yet; keeping it');
        if (!(await this.keep(attempt, round))) return { outcome: 'released' as const, attempts, error: failure };
      }
    }
  }

  /** Extends the message's invisibility and waits the backoff; false once the service is stopping. */
  private async keep(attempt: FinalAttempt, round: number): Promise<boolean> {
    if (this.stopping.aborted) return false;
    await attempt.extend(HOLD_INVISIBLE_MS).catch((err: unknown) => {
      // The broker may deliver it again meanwhile (and, past the retry limit, move it to the DLQ unrecorded).
      this.logger.warn({ ...attempt.context, err }, 'cannot extend the held message');
    });
    await this.pause(Math.min(HOLD_BACKOFF_MS * 2 ** round, HOLD_MAX_BACKOFF_MS), this.stopping);
    return !this.stopping.aborted;
  }

  /** Stopping while held: the broker moves it to the DLQ at its next delivery, so record it for a replay. */
  private async release(attempt: FinalAttempt, failure: unknown, attempts: number): Promise<FinalAttemptResult> {
    await attempt.record(failure, attempts).catch((err: unknown) => {
      this.logger.error({ ...attempt.context, err }, 'stopping: the held message goes to the DLQ unrecorded');
    });
    return { outcome: 'released', attempts, error: failure };
  }
}
