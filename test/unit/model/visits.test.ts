import { describe, expect, it } from 'vitest';
import { isNewOnPage, touchVisit, VISIT_GAP_MS } from '../../../lib/model/visits';
import { pageKeyFromUrl } from '../../../lib/site/pages';

const HF = 'https://huggingface.co';

describe('pageKeyFromUrl', () => {
  it.each([
    ['/papers', 'date:latest'],
    ['/papers/', 'date:latest'],
    ['/papers?date=2025-01-31', 'date:2025-01-31'],
    ['/papers/date/2025-01-31', 'date:2025-01-31'],
    ['/papers/date/2025-01-31/', 'date:2025-01-31'],
    ['/papers/week/2025-W05', 'week:2025-W05'],
    ['/papers/month/2025-01', 'month:2025-01'],
    ['/papers/trending', 'trending'],
    ['/papers/trending?q=Diffusion', 'trending:diffusion'],
    ['/papers?q=%20%20Diffusion%20%20Models%20', 'search:diffusion models'],
    ['/papers?q=Diffusion+Models&date=2025-01-31', 'search:diffusion models'],
    ['/papers?q=', 'date:latest'],
    ['/papers#top', 'date:latest'],
  ])('maps %s to %s', (path, key) => {
    expect(pageKeyFromUrl(`${HF}${path}`)).toBe(key);
  });

  it.each([
    ['a paper page', `${HF}/papers/2407.21783`],
    ['a malformed date', `${HF}/papers/date/2025-1-31`],
    ['a malformed date parameter', `${HF}/papers?date=yesterday`],
    ['a malformed week', `${HF}/papers/week/2025-05`],
    ['a malformed month', `${HF}/papers/month/2025`],
    ['a deeper path', `${HF}/papers/date/2025-01-31/extra`],
    ['another site', 'https://example.com/papers'],
    ['another section', `${HF}/models`],
    ['not a URL', 'papers'],
  ])('gives no key for %s', (_what, url) => {
    expect(pageKeyFromUrl(url)).toBeUndefined();
  });
});

describe('touchVisit', () => {
  const t0 = 1_000_000_000_000;

  it('starts the first visit with no previous visit', () => {
    expect(touchVisit(undefined, 'trending', t0)).toEqual({
      key: 'trending',
      visitStartedAt: t0,
      lastVisitAt: t0,
    });
  });

  it('extends a visit while observations are less than 30 minutes apart', () => {
    let row = touchVisit(undefined, 'trending', t0);
    row = touchVisit(row, 'trending', t0 + VISIT_GAP_MS - 1);
    row = touchVisit(row, 'trending', t0 + 2 * VISIT_GAP_MS - 2);
    expect(row).toEqual({ key: 'trending', visitStartedAt: t0, lastVisitAt: t0 + 2 * VISIT_GAP_MS - 2 });
  });

  it('starts a new visit after 30 minutes, remembering when the last one ended', () => {
    const first = touchVisit(touchVisit(undefined, 'k', t0), 'k', t0 + 60_000);
    const second = touchVisit(first, 'k', t0 + 60_000 + VISIT_GAP_MS);
    expect(second).toEqual({
      key: 'k',
      visitStartedAt: t0 + 60_000 + VISIT_GAP_MS,
      lastVisitAt: t0 + 60_000 + VISIT_GAP_MS,
      previousVisitAt: t0 + 60_000,
    });
  });

  it('never moves lastVisitAt back when the clock does', () => {
    const row = touchVisit(undefined, 'k', t0);
    expect(touchVisit(row, 'k', t0 - 5_000).lastVisitAt).toBe(t0);
  });
});

describe('isNewOnPage', () => {
  const page = { key: 'k', visitStartedAt: 500, lastVisitAt: 600, previousVisitAt: 100 };
  const firstVisit = { key: 'k', visitStartedAt: 500, lastVisitAt: 600 };

  it('is new when first seen after the previous visit', () => {
    expect(isNewOnPage({ state: 'seen', firstSeenAt: 101 }, page)).toBe(true);
    expect(isNewOnPage({ state: 'new', firstSeenAt: 100 }, page)).toBe(false);
  });

  it('is never new on the first visit of a list: nothing is new since a previous one (#19)', () => {
    expect(isNewOnPage({ state: 'new', firstSeenAt: 500 }, firstVisit)).toBe(false);
    expect(isNewOnPage({ state: 'new', firstSeenAt: 550 }, firstVisit)).toBe(false);
    expect(isNewOnPage({ state: 'seen', firstSeenAt: 499 }, firstVisit)).toBe(false);
  });

  it('is never new once read', () => {
    expect(isNewOnPage({ state: 'read', firstSeenAt: 550 }, page)).toBe(false);
    expect(isNewOnPage({ state: 'read', firstSeenAt: 550 }, firstVisit)).toBe(false);
  });
});
