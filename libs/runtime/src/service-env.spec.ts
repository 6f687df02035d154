import { validateServiceEnv } from './service-env';

const minimal = { PORT: '3001', DB_NAME: 'order_service', DB_USER: 'order_service' };

describe('validateServiceEnv', () => {
  it('converts numbers and fills defaults for the local stack', () => {
    const env = validateServiceEnv(minimal);
    expect(env.PORT).toBe(3001);
    expect(env.DB_PORT).toBe(3306);
    expect(env.ROCKETMQ_ENDPOINTS).toBe('127.0.0.1:8081');
    expect(env.FAULT_INJECTION).toBe(false);
  });

  it('names the variable that is wrong', () => {
    expect(() => validateServiceEnv({ ...minimal, DB_PORT: '70000' })).toThrow(/DB_PORT/);
    expect(() => validateServiceEnv({ ...minimal, DB_NAME: '' })).toThrow(/DB_NAME/);
    expect(() => validateServiceEnv({ DB_NAME: 'x', DB_USER: 'x' })).toThrow(/PORT/);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
    [undefined, false],
  ])('reads FAULT_INJECTION=%s as %s', (raw, expected) => {
    expect(validateServiceEnv({ ...minimal, FAULT_INJECTION: raw }).FAULT_INJECTION).toBe(expected);
  });

  it('refuses a check deadline that does not fit inside the broker discard horizon, naming both', () => {
    const tooLong = { ...minimal, CHECK_DEADLINE_MS: '400000' };
    expect(() => validateServiceEnv(tooLong)).toThrow(/CHECK_DEADLINE_MS=400000 .* horizon of 600000 ms/);
    const shortHorizon = { ...minimal, ROCKETMQ_TRANSACTION_CHECK_MAX: '10' };
    expect(() => validateServiceEnv(shortHorizon)).toThrow(/ROCKETMQ_TRANSACTION_CHECK_MAX=10/);
    expect(validateServiceEnv({ ...minimal, CHECK_DEADLINE_MS: '300000' }).CHECK_DEADLINE_MS).toBe(300000);
  });
});
