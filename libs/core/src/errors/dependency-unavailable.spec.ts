import { DependencyUnavailableError, isDependencyUnavailable } from './dependency-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it('recognises a refused or broken connection, also wrapped by TypeORM or in an AggregateError', () => {
    expect(isDependencyUnavailable(withCode('ECONNREFUSED'))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('query failed'), { driverError: withCode('ECONNRESET') }))).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('recognises PostgreSQL shutting down, starting up or out of connections', () => {
    for (const code of ['57P01', '57P03', '53300', '08006', '08001']) expect(isDependencyUnavailable(withCode(code))).toBe(true);
  });

  it('leaves application errors alone', () => {
    expect(isDependencyUnavailable(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isDependencyUnavailable(withCode('22P02'))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    // An HTTP client's refused connection (an LLM endpoint) is that call's failure, not an outage of ours.
    expect(isDependencyUnavailable(new Error('Connection error.', { cause: withCode('ECONNREFUSED') }))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });
});

describe('DependencyUnavailableError', () => {
  it('is recognised, and names the dependency and its cause', () => {
    const err = new DependencyUnavailableError('redis', new Error('Command timed out'));
    expect(isDependencyUnavailable(err)).toBe(true);
    expect(err.message).toBe('redis unavailable: Command timed out');
  });
});
