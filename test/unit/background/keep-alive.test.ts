import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepAliveUntil, keepAliveWhileBusy } from '../../../lib/background/keep-alive';

// Firefox suspends an MV3 event page that makes no extension API call for its idle timeout, even in the
// middle of answering a message (seen in the browser suite: a 10,000-paper import cut off with "Receiving
// end does not exist"). The wrapped handlers keep calling one while they work, and stop when done.
describe('keepAliveWhileBusy', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings while a handler runs, never when idle, and passes answers and errors through', async () => {
    const ping = vi.fn(async () => undefined);
    let finish: (value: string) => void = () => undefined;
    const handlers = keepAliveWhileBusy(
      {
        slow: (x: number) => new Promise<string>((resolve) => (finish = (v) => resolve(`${v}${x}`))),
        failing: async () => {
          throw new Error('nope');
        },
      },
      { ping, everyMs: 500 },
    );
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ping).not.toHaveBeenCalled();

    const answer = handlers.slow(7);
    await vi.advanceTimersByTimeAsync(2_100);
    expect(ping).toHaveBeenCalledTimes(4);
    finish('done ');
    await expect(answer).resolves.toBe('done 7');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ping).toHaveBeenCalledTimes(4);

    await expect(handlers.failing()).rejects.toThrow('nope');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ping).toHaveBeenCalledTimes(4);
  });

  it('keeps pinging until the last of two overlapping handlers is done, and survives a failing ping', async () => {
    const ping = vi.fn(async () => {
      throw new Error('no browser');
    });
    const done: (() => void)[] = [];
    const handlers = keepAliveWhileBusy(
      { work: () => new Promise<void>((resolve) => done.push(resolve)) },
      { ping, everyMs: 500 },
    );
    const first = handlers.work();
    const second = handlers.work();
    await vi.advanceTimersByTimeAsync(1_000);
    done[0]!();
    await first;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ping).toHaveBeenCalledTimes(4);
    done[1]!();
    await second;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ping).toHaveBeenCalledTimes(4);
  });
});

// A sync run due in a few seconds waits on a timer; a suspended event page would never fire it (seen in the
// Firefox MV2 suite: the run came only with the 30 s alarm).
describe('keepAliveUntil', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings until the promise settles, fulfilled or rejected, then stops', async () => {
    const ping = vi.fn(async () => undefined);
    let settle: () => void = () => undefined;
    keepAliveUntil(new Promise<void>((resolve) => (settle = resolve)), { ping, everyMs: 500 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(10);
    settle();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(10);

    keepAliveUntil(Promise.reject(new Error('run failed')), { ping, everyMs: 500 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(10);
  });
});
