import { DecidedPublication, DecisionChangedError, publishDecision } from './publish-decision';
import type { TransactionalPublisher } from './transactional-publisher';

/** A publisher that runs the local transaction and records what it would have committed or rolled back. */
function aPublisher() {
  const outcomes: string[] = [];
  const publisher = {
    async publishInTransaction(message: { tag: string }, local: () => Promise<unknown>) {
      try {
        await local();
        outcomes.push(`commit ${message.tag}`);
      } catch (error) {
        outcomes.push(`rollback ${message.tag}`);
        throw error;
      }
    },
  };
  return { publisher: publisher as unknown as TransactionalPublisher, outcomes };
}

function aPublication(predictions: string[], actual: () => string): DecidedPublication<string> {
  return {
    predict: () => Promise.resolve(predictions.shift() ?? actual()),
    messageFor: (decision) => (decision === 'NONE' ? null : { topic: 't', tag: decision, key: 'k', body: {} }),
    apply: (expected) => {
      const decided = actual();
      return decided === expected ? Promise.resolve() : Promise.reject(new DecisionChangedError(expected, decided));
    },
  };
}

describe('publishDecision', () => {
  it('commits the predicted message when the locked rows agree', async () => {
    const { publisher, outcomes } = aPublisher();
    await expect(
      publishDecision(
        publisher,
        aPublication([], () => 'Reserved'),
      ),
    ).resolves.toBe('Reserved');
    expect(outcomes).toEqual(['commit Reserved']);
  });

  it('rolls a wrong prediction back and publishes what the locked rows decided', async () => {
    const { publisher, outcomes } = aPublisher();
    await expect(
      publishDecision(
        publisher,
        aPublication(['Reserved'], () => 'Rejected'),
      ),
    ).resolves.toBe('Rejected');
    expect(outcomes).toEqual(['rollback Reserved', 'commit Rejected']);
  });

  it('tells only the first prediction that it may assume a first delivery', async () => {
    const { publisher, outcomes } = aPublisher();
    const duplicate = aPublication([], () => 'Duplicate');
    const firstTries: boolean[] = [];
    // Like the services: assuming a first delivery skips the dedup read, so a duplicate is predicted as new.
    duplicate.predict = (dedup) => {
      const firstTry = dedup === 'assume-first';
      firstTries.push(firstTry);
      return Promise.resolve(firstTry ? 'Reserved' : 'Duplicate');
    };
    await expect(publishDecision(publisher, duplicate)).resolves.toBe('Duplicate');
    expect(firstTries).toEqual([true, false]);
    expect(outcomes).toEqual(['rollback Reserved', 'commit Duplicate']);
  });

  it('publishes nothing when the decision announces nothing', async () => {
    const { publisher, outcomes } = aPublisher();
    await expect(
      publishDecision(
        publisher,
        aPublication([], () => 'NONE'),
      ),
    ).resolves.toBe('NONE');
    expect(outcomes).toEqual([]);
  });

  it('gives up after a few wrong predictions (the message is then delivered again)', async () => {
    const { publisher } = aPublisher();
    const flapping = aPublication(['A', 'A', 'A', 'A', 'A'], () => 'B');
    flapping.predict = () => Promise.resolve('A');
    await expect(publishDecision(publisher, flapping)).rejects.toBeInstanceOf(DecisionChangedError);
  });

  it('lets other errors through at once', async () => {
    const { publisher, outcomes } = aPublisher();
    const failing = aPublication([], () => 'A');
    failing.apply = () => Promise.reject(new Error('deadlock'));
    await expect(publishDecision(publisher, failing)).rejects.toThrow('deadlock');
    expect(outcomes).toEqual(['rollback A']);
  });
});
