import { DependencyUnavailableError } from '../errors/dependency-unavailable';
import { retryWhileUnavailable } from './retry-while-unavailable';

const outage = () => new DependencyUnavailableError('postgres', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));

describe('retryWhileUnavailable', () => {
  it('retries through an outage and returns the eventual result', async () => {
    let calls = 0;
    const result = await retryWhileUnavailable(async () => {
      calls += 1;
      if (calls < 3) throw outage();
      return 'done';
    }, { windowMs: 10_000 });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const failing = retryWhileUnavailable(async () => {
      calls += 1;
      throw new Error('the model refused');
    }, { windowMs: 10_000 });
    await expect(failing).rejects.toThrow('the model refused');
    expect(calls).toBe(1);
  });

  it('gives up when the outage outlasts the window', async () => {
    await expect(retryWhileUnavailable(async () => Promise.reject(outage()), { windowMs: 300 })).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
