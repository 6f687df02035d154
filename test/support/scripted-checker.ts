import type { MessageView, TransactionChecker } from 'rocketmq-client-nodejs';
import { TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';

export type CheckAnswer = 'COMMIT' | 'ROLLBACK' | 'UNKNOWN';

const resolutions: Record<CheckAnswer, TransactionResolution> = {
  COMMIT: TransactionResolution.COMMIT,
  ROLLBACK: TransactionResolution.ROLLBACK,
  UNKNOWN: TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED,
};

/**
 * A checker whose answers a test scripts per message key (answers are used in turn, the last one repeats),
 * and which records every check it was asked. Shared by all producers of a suite, since the broker may ask
 * any live producer of the topic.
 */
export class ScriptedChecker implements TransactionChecker {
  private readonly scripts = new Map<string, CheckAnswer[]>();
  readonly asked: Array<{ key: string; at: number }> = [];

  script(key: string, ...answers: CheckAnswer[]): void {
    this.scripts.set(key, answers);
  }

  checksFor(key: string): number[] {
    return this.asked.filter((a) => a.key === key).map((a) => a.at);
  }

  check(message: MessageView): Promise<TransactionResolution> {
    const key = message.keys[0] ?? '';
    this.asked.push({ key, at: Date.now() });
    const answers = this.scripts.get(key) ?? ['ROLLBACK'];
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    return Promise.resolve(resolutions[answer]);
  }
}
