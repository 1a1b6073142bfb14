/**
 * The early read (lib/messages/early-read.ts): the popup's and the inbox's first script begins the read
 * their first rows need, and the page's module takes its answer once; without it, the module reads itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  beginEarlyRead,
  EARLY_READS,
  POPUP_SCREEN_READ,
  type ReadableArea,
  takeEarlyRead,
} from '../../../lib/messages/early-read';
import { beginPageReads } from '../../../lib/messages/page-reads';
import {
  CHANGE_FEED_KEY,
  INBOX_FIRST_ROWS_KEY,
  INBOX_ORDER_KEY,
  POPUP_FIRST_ROWS_KEY,
  POPUP_FIRST_SCREEN_KEY,
  SETTINGS_KEY,
} from '../../../lib/messages/protocol';

/** A storage area over a plain object, counting its reads; `failNext` makes the next read reject. */
function area(values: Record<string, unknown>) {
  const reads: string[][] = [];
  let failNext = false;
  const readable: ReadableArea & { reads: string[][]; failNext(): void } = {
    reads,
    failNext: () => {
      failNext = true;
    },
    async get(keys) {
      reads.push(keys);
      if (failNext) {
        failNext = false;
        throw new Error('storage unavailable');
      }
      return Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]]));
    },
  };
  return readable;
}

// Nothing begun by one test is left for the next.
afterEach(() => void takeEarlyRead('/popup.html', area({})).catch(() => undefined));

describe('the early read of a page', () => {
  it("is taken by the page's module: one read, begun before the module ran", async () => {
    const storage = area({ [POPUP_FIRST_ROWS_KEY]: 'rows', [CHANGE_FEED_KEY]: { seq: 3 }, other: 1 });
    beginEarlyRead('/popup.html', storage);
    expect(storage.reads).toEqual([[POPUP_FIRST_ROWS_KEY, CHANGE_FEED_KEY]]);
    expect(await takeEarlyRead('/popup.html', storage)).toEqual({
      [POPUP_FIRST_ROWS_KEY]: 'rows',
      [CHANGE_FEED_KEY]: { seq: 3 },
    });
    expect(storage.reads).toHaveLength(1);
  });

  it('is taken once: a later read sees the storage as it is then', async () => {
    const values: Record<string, unknown> = { [POPUP_FIRST_ROWS_KEY]: 'old' };
    const storage = area(values);
    beginEarlyRead('/popup.html', storage);
    await takeEarlyRead('/popup.html', storage);
    values[POPUP_FIRST_ROWS_KEY] = 'new';
    expect(await takeEarlyRead('/popup.html', storage)).toEqual({ [POPUP_FIRST_ROWS_KEY]: 'new' });
    expect(storage.reads).toHaveLength(2);
  });

  it('is read by the module itself when the first script did not run, or its read failed', async () => {
    const storage = area({ [SETTINGS_KEY]: { badge: 1 } });
    expect(await takeEarlyRead('/inbox.html', storage)).toEqual({ [SETTINGS_KEY]: { badge: 1 } });
    storage.failNext();
    beginEarlyRead('/inbox.html', storage);
    expect(await takeEarlyRead('/inbox.html', storage)).toEqual({ [SETTINGS_KEY]: { badge: 1 } });
    expect(storage.reads).toHaveLength(3);
  });

  it("is not taken for another page's keys", async () => {
    const storage = area({ [SETTINGS_KEY]: 'settings' });
    beginEarlyRead('/popup.html', storage);
    expect(await takeEarlyRead('/inbox.html', storage)).toEqual({ [SETTINGS_KEY]: 'settings' });
    expect(storage.reads.at(-1)).toEqual([...EARLY_READS['/inbox.html']]);
  });

  it('is begun on the popup and the inbox only', () => {
    const storage = area({});
    beginEarlyRead('/options.html', storage);
    expect(storage.reads).toEqual([]);
    expect(EARLY_READS['/inbox.html']).toEqual([
      INBOX_FIRST_ROWS_KEY,
      CHANGE_FEED_KEY,
      SETTINGS_KEY,
      INBOX_ORDER_KEY,
    ]);
  });
});

describe("the popup's first screen read", () => {
  const screen = [{ t: 'p', c: ['A paper'] }];
  const kept = (seq: number) => ({ view: 'saved', seq, screen });

  it('goes first, apart from the rows, and gives the screen kept at the feed position', async () => {
    const storage = area({ [POPUP_FIRST_SCREEN_KEY]: kept(4), [CHANGE_FEED_KEY]: { seq: 4 } });
    const shown: unknown[] = [];
    beginPageReads('/popup.html', storage, (s) => shown.push(s));
    expect(storage.reads).toEqual([[...POPUP_SCREEN_READ], [...EARLY_READS['/popup.html']]]);
    expect(POPUP_SCREEN_READ).not.toContain(POPUP_FIRST_ROWS_KEY);
    await takeEarlyRead('/popup.html', storage);
    expect(shown).toEqual([screen]);
  });

  it('shows nothing when the screen is of another position, or the read fails', async () => {
    const stale = area({ [POPUP_FIRST_SCREEN_KEY]: kept(3), [CHANGE_FEED_KEY]: { seq: 4 } });
    const shown: unknown[] = [];
    beginPageReads('/popup.html', stale, (s) => shown.push(s));
    await takeEarlyRead('/popup.html', stale);

    const failing = area({ [POPUP_FIRST_SCREEN_KEY]: kept(4), [CHANGE_FEED_KEY]: { seq: 4 } });
    failing.failNext();
    beginPageReads('/popup.html', failing, (s) => shown.push(s));
    // The rows' read, begun after the failed one, still answers.
    expect(await takeEarlyRead('/popup.html', failing)).toEqual({ [CHANGE_FEED_KEY]: { seq: 4 } });
    expect(shown).toEqual([]);
  });

  it('is not begun on the inbox', () => {
    const storage = area({});
    beginPageReads('/inbox.html', storage, () => {});
    expect(storage.reads).toEqual([[...EARLY_READS['/inbox.html']]]);
  });
});
