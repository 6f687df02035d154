/** The broker could not take a message in time; nothing was written locally. Answered as HTTP 503. */
export class BrokerUnavailableError extends Error {
  readonly code = 'BROKER_UNAVAILABLE';
  readonly httpStatus = 503;

  constructor(detail: string) {
    super(`the message broker is unavailable: ${detail}`);
  }
}
