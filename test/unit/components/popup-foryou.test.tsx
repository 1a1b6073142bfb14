// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ForYouRanking } from '../../../lib/model/for-you';
import { $, button, click, settle } from '../../support/dom';
import { mount, rowIds, unmount } from '../../support/popup';

afterEach(unmount);

/** A ranking that scores papers as `scores` says (a paper not in it is unknown to the ranker). */
function ranker(scores: Record<string, number>, calls: string[]) {
  return async (ids: readonly string[], tag?: string): Promise<ForYouRanking> => {
    calls.push(`rankPapers ${tag ?? '(reader)'} ${ids.join(',')}`);
    return {
      scores: ids.flatMap((id) =>
        scores[id] === undefined ? [] : [{ id, score: scores[id]!, level: 'low' as const, words: [] }],
      ),
    };
  };
}

describe('the popup sorted "For you"', () => {
  it('orders the list by the ranking and back to its own order', async () => {
    const calls: string[] = [];
    const { root } = await mount(undefined, {
      rankPapers: ranker({ '1706.03762': 3, '2112.10752': 2, '2407.21783': 1 }, calls),
    });
    const dateOrder = rowIds(root);
    const toggle = button(root, 'Sort: for you');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await click(toggle);
    await settle();
    expect(calls).toEqual([`rankPapers (reader) ${dateOrder.join(',')}`]);
    expect(rowIds(root)).toEqual(['1706.03762', '2112.10752', '2407.21783']);
    expect(button(root, 'Sort: for you').getAttribute('aria-pressed')).toBe('true');
    await click(button(root, 'Sort: for you'));
    expect(rowIds(root)).toEqual(dateOrder);
  });

  it('in a tag’s list offers "More like #tag", ranked by that tag', async () => {
    const calls: string[] = [];
    const { root } = await mount(undefined, { rankPapers: ranker({}, calls) });
    await click($(root, '[data-view="tag:llm"]'));
    await click(button(root, 'More like #llm'));
    await settle();
    expect(calls).toEqual(['rankPapers llm 2407.21783']);
  });

  it('says why the order stays while too few papers are liked', async () => {
    const { root } = await mount(undefined, {
      rankPapers: async () => ({ coldStart: { liked: 2, needed: 5 }, scores: [] }),
    });
    const dateOrder = rowIds(root);
    await click(button(root, 'Sort: for you'));
    await settle();
    expect($(root, '.foryou-cold').textContent).toContain('(2 so far)');
    expect(rowIds(root)).toEqual(dateOrder);
  });

  it('says it also needs papers passed over when enough are liked but none was passed over', async () => {
    const { root } = await mount(undefined, {
      rankPapers: async () => ({ coldStart: { liked: 6, needed: 5 }, scores: [] }),
    });
    await click(button(root, 'Sort: for you'));
    await settle();
    expect($(root, '.foryou-cold').textContent).toBe(
      'For you learns from the papers you keep and from those you pass over: it starts once you have seen a list of papers on the site.',
    );
  });

  it('offers no "For you" order without a ranker', async () => {
    const { root } = await mount();
    expect(root.querySelector('.foryou-toggle')).toBeNull();
  });
});
