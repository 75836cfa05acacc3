import { vi } from 'vitest';
import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('settles like the promise, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve(7), 100)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('boom')), 100)).rejects.toThrow('boom');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with TimeoutError when the promise is slower than the budget', async () => {
    vi.useFakeTimers();
    const late = withTimeout(new Promise(() => undefined), 100);
    vi.advanceTimersByTime(100);
    await expect(late).rejects.toBeInstanceOf(TimeoutError);
  });
});
