/** The broker could not take a message in time; nothing was written locally. Answered as HTTP 503. */
export class BrokerUnavailableError extends Error {
  constructor(detail: string) {
    super(`the message broker is unavailable: ${detail}`);
  }
}
