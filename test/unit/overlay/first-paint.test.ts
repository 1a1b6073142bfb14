// @vitest-environment jsdom
/**
 * The first paint's hold (issue 13): cards not yet marked are held invisible only while the state index is
 * on its way. Whatever goes wrong with the index, the site's cards show: at once when the read answers
 * without a usable index, and at the latest after HOLD_MAX_MS when it never answers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INDEX_META_KEY, INDEX_VERSION } from '../../../lib/model/state-index';
import { FirstPaint, HOLD_ATTRIBUTE, HOLD_MAX_MS } from '../../../lib/overlay/first-paint';

const URL = 'https://huggingface.co/papers/date/2026-07-31';

function listPage(): void {
  document.documentElement.removeAttribute(HOLD_ATTRIBUTE);
  document.body.innerHTML = '';
  for (const id of ['2607.31001', '2607.31002']) {
    const card = document.createElement('article');
    const heading = document.createElement('h3');
    const link = document.createElement('a');
    link.href = `/papers/${id}`;
    link.textContent = `Paper ${id}`;
    heading.append(link);
    card.append(heading);
    document.body.append(card);
  }
}

const held = () => document.documentElement.hasAttribute(HOLD_ATTRIBUTE);

function firstPaint(readLocal: (keys: string[]) => Promise<Record<string, unknown>>) {
  return new FirstPaint({ doc: document, url: URL, now: Date.parse('2026-07-31T12:00:00Z'), readLocal });
}

beforeEach(() => {
  vi.useFakeTimers();
  listPage();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the first paint holds the cards only while the index is on its way', () => {
  it('holds the cards of a list from its start', () => {
    firstPaint(() => new Promise(() => {})).start();
    expect(held()).toBe(true);
  });

  it('lets them show as soon as the read answers without an index (a first run), before any timer', async () => {
    const reading = await firstPaint(async () => ({})).start();
    expect(reading.indexed).toBe(false);
    expect(held()).toBe(false);
  });

  it('lets them show as soon as the read answers with an index it cannot use (corrupt, or of another version)', async () => {
    for (const meta of ['not an index', { version: INDEX_VERSION + 1, builtAt: 1, months: [] }]) {
      listPage();
      const reading = await firstPaint(async () => ({ [INDEX_META_KEY]: meta })).start();
      expect(reading.indexed, JSON.stringify(meta)).toBe(false);
      expect(held(), JSON.stringify(meta)).toBe(false);
    }
  });

  it('lets them show as soon as the read fails', async () => {
    const reading = await firstPaint(async () => {
      throw new Error('storage unavailable');
    }).start();
    expect(reading.indexed).toBe(false);
    expect(held()).toBe(false);
  });

  it('lets them show after HOLD_MAX_MS when the read never answers', () => {
    firstPaint(() => new Promise(() => {})).start();
    vi.advanceTimersByTime(HOLD_MAX_MS - 1);
    expect(held()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(held()).toBe(false);
  });

  it('never holds anything on a paper’s own page, which carries no marks', () => {
    new FirstPaint({
      doc: document,
      url: 'https://huggingface.co/papers/2607.31001',
      now: Date.parse('2026-07-31T12:00:00Z'),
      readLocal: () => new Promise(() => {}),
    }).start();
    expect(held()).toBe(false);
  });
});
