import { ArgumentsHost, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ServiceErrorFilter } from './service-error.filter';

/** Sends `error` through the filter and records what the reply got. */
function answer(error: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const reply = {
    status: (code: number) => ((sent.status = code), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    send: (body: Record<string, unknown>) => ((sent.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ServiceErrorFilter().catch(error, host);
  return sent;
}

const mysqlError = (code: string, errno: number, message: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code, errno }));

describe('ServiceErrorFilter', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers a deadlock with 503 DATABASE_BUSY, Retry-After 1, logged at warn', () => {
    const sent = answer(mysqlError('ER_LOCK_DEADLOCK', 1213, 'Deadlock found when trying to get lock'));
    expect(sent).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { code: 'DATABASE_BUSY' } });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'DATABASE_BUSY' }), expect.any(String));
    expect(error).not.toHaveBeenCalled();
  });

  it('answers a refused connection with 503 DATABASE_UNAVAILABLE, Retry-After 2', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    const sent = answer(refused);
    expect(sent).toMatchObject({
      status: 503,
      headers: { 'Retry-After': '2' },
      body: { code: 'DATABASE_UNAVAILABLE' },
    });
  });

  it('gives a 503 service error Retry-After 1, or its own retryAfterSeconds', () => {
    const broker = Object.assign(new Error('broker down'), { code: 'BROKER_UNAVAILABLE', httpStatus: 503 });
    expect(answer(broker)).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    expect(answer(Object.assign(broker, { retryAfterSeconds: 4.2 })).headers).toEqual({ 'Retry-After': '5' });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'BROKER_UNAVAILABLE' }), expect.any(String));
  });

  it('gives an HTTP 503 exception Retry-After 1', () => {
    expect(answer(new ServiceUnavailableException())).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
  });

  it('sends no Retry-After with other statuses', () => {
    const notFound = Object.assign(new Error('order 1 not found'), { code: 'ORDER_NOT_FOUND', httpStatus: 404 });
    expect(answer(notFound)).toMatchObject({ status: 404, headers: {}, body: { code: 'ORDER_NOT_FOUND' } });
    expect(answer(new NotFoundException())).toMatchObject({ status: 404, headers: {} });
  });

  it('keeps a duplicate key a logged 500: a bug, not a reason to retry', () => {
    const sent = answer(mysqlError('ER_DUP_ENTRY', 1062, "Duplicate entry 'x' for key 'PRIMARY'"));
    expect(sent).toMatchObject({ status: 500, headers: {}, body: { code: 'INTERNAL' } });
    expect(error).toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
