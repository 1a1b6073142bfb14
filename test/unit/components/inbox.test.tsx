// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOR_YOU_HOLD_MS, Inbox, type InboxActions, type InboxProps } from '../../../components/inbox/Inbox';
import { type Filters, NO_FILTERS } from '../../../lib/model/filters';
import type { InboxDay } from '../../../lib/model/inbox';
import type { PaperState } from '../../../lib/model/paper';
import { readDailyItems } from '../../../lib/site/daily-api';
import { dailyItem } from '../../support/daily-api';
import { settle, t } from '../../support/dom';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = undefined;
});

const DAY = '2026-07-31';
const PAPERS = readDailyItems([
  dailyItem(DAY, '2607.31001', { upvotes: 9, organization: 'Acme AI', authors: ['Ada Lovelace'] }),
  dailyItem(DAY, '2607.31002', { upvotes: 20, organization: 'Blue Lab', authors: ['Grace Hopper'] }),
  dailyItem(DAY, '2607.31003', { upvotes: 4 }),
]);
const DAYS: InboxDay[] = [
  { date: DAY, status: 'ok', papers: PAPERS },
  { date: '2026-07-30', status: 'offline', error: 'network error: Failed to fetch', papers: [] },
];

/** Draws the inbox into `into`, on the days above unless `props` say otherwise. */
function draw(into: HTMLElement, props: Pick<InboxProps, 'filters' | 'actions'> & Partial<InboxProps>) {
  return act(() =>
    render(
      <Inbox
        t={t}
        range={{ from: '2026-07-30', to: DAY }}
        days={DAYS}
        pending={0}
        arrivalStates={new Map()}
        states={new Map()}
        knownTags={[]}
        formatDay={(day) => day}
        {...props}
      />,
      into,
    ),
  );
}

async function mount(
  filters: Filters,
  states = new Map<string, PaperState>(),
  more: Partial<InboxProps> = {},
  moreActions: Partial<InboxActions> = {},
) {
  const calls: string[] = [];
  const actions: InboxActions = {
    setSaved: async (paper, saved) => void calls.push(`saved ${paper.id} ${saved}`),
    setRead: async (paper, read) => void calls.push(`read ${paper.id} ${read}`),
    setTags: async () => {},
    setDismissed: async (paper, dismissed) => void calls.push(`dismissed ${paper.id} ${dismissed}`),
    openTab: (url) => void calls.push(`open ${url}`),
    pickRange: () => {},
    chooseRule: async ({ rule, active }) => {
      calls.push(`rule ${active ? 'off' : 'on'} ${rule.action} ${rule.field} ${rule.value}`);
      return active ? undefined : { rule };
    },
    undoRule: async ({ rule }) => void calls.push(`undo ${rule.action} ${rule.field} ${rule.value}`),
    ...moreActions,
  };
  const into = document.createElement('div');
  root = into;
  document.body.append(into);
  await draw(into, { filters, arrivalStates: states, states, actions, ...more });
  return { root: into, calls };
}

/** The inbox, without rules, of a page that ranks "For you" with `rank`; `more` props besides. */
const mountRanking = (rank: NonNullable<InboxActions['rank']>, more: Partial<InboxProps> = {}) =>
  mount({ ...NO_FILTERS, rules: [] }, new Map(), more, { rank });

const ids = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('[data-paper-row]')].map((row) => row.dataset.paperId);
/** Picks an order in the inbox's order menu, as a reader does. */
const chooseOrder = async (root: HTMLElement, value: string) => {
  const order = root.querySelector<HTMLSelectElement>('select')!;
  await act(() => {
    order.value = value;
    order.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
};
const press = async (key: string) => {
  await act(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
  await settle();
};

describe('the inbox page', () => {
  it('lists the papers by upvotes within the day, says how many are left, and which day failed', async () => {
    const { root } = await mount({ ...NO_FILTERS, rules: [] });
    expect(ids(root)).toEqual(['2607.31002', '2607.31001', '2607.31003']);
    expect(root.querySelector('.count')?.textContent).toBe('3 papers left to triage');
    expect(root.querySelector('[data-day-status="offline"]')?.textContent).toContain(
      '2026-07-30: offline, this day could not be loaded.',
    );
  });

  it('puts muted papers apart with why, and adds rules from a row', async () => {
    const { root, calls } = await mount({
      ...NO_FILTERS,
      rules: [{ action: 'mute', field: 'organization', value: 'Acme AI' }],
    });
    expect(ids(root)).toEqual(['2607.31002', '2607.31003']);
    expect(root.querySelector('.muted summary')?.textContent).toBe('1 muted paper');
    expect(root.querySelector('[data-muted]')?.textContent).toContain("muted: organization 'Acme AI'");
    const row = root.querySelector<HTMLElement>('[data-paper-id="2607.31002"]')!;
    const menu = row.querySelector<HTMLButtonElement>('button[aria-label="Mute or follow"]')!;
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    await act(() => menu.click());
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    const choices = [...row.querySelectorAll<HTMLButtonElement>('ul[aria-label="Mute or follow"] button')];
    expect(choices.map((b) => b.textContent)).toEqual([
      'Mute this organization (Blue Lab)',
      'Follow this organization (Blue Lab)',
      'Follow Grace Hopper',
      'Mute Grace Hopper',
    ]);
    expect(document.activeElement).toBe(choices[0]);
    await act(() => {
      choices[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(document.activeElement).toBe(choices[1]);
    await act(() => {
      choices[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(row.querySelector('ul[aria-label="Mute or follow"]')).toBeNull();
    expect(document.activeElement).toBe(menu);
    expect(calls).toEqual([]);
    await act(() => menu.click());
    const follow = [...row.querySelectorAll('button')].find((b) => b.textContent === 'Follow Grace Hopper')!;
    await act(() => follow.click());
    expect(calls).toEqual(['rule on follow author Grace Hopper']);
    expect(document.activeElement).toBe(menu);
  });

  it("shows a row's rules in force as pressed, and choosing one takes it away", async () => {
    const { root, calls } = await mount({
      ...NO_FILTERS,
      rules: [{ action: 'follow', field: 'author', value: 'grace hopper' }],
    });
    const row = root.querySelector<HTMLElement>('[data-paper-id="2607.31002"]')!;
    await act(() => row.querySelector<HTMLButtonElement>('button[aria-label="Mute or follow"]')!.click());
    const pressed = [...row.querySelectorAll('ul button[aria-pressed="true"]')];
    expect(pressed.map((b) => b.textContent)).toEqual(['Follow Grace Hopper']);
    await act(() => (pressed[0] as HTMLButtonElement).click());
    expect(calls).toEqual(['rule off follow author Grace Hopper']);
  });

  it('triages with the keys on the focused row: j, s, r, x, o', async () => {
    const { calls } = await mount({ ...NO_FILTERS, rules: [] });
    await press('j');
    await press('s');
    await press('r');
    await press('x');
    await press('o');
    expect(calls).toEqual([
      'saved 2607.31001 true',
      'read 2607.31001 true',
      'dismissed 2607.31001 true',
      'open https://huggingface.co/papers/2607.31001',
    ]);
  });

  it('moves back with k, opens the code with g, shows the keys with ? and the tags with t', async () => {
    const withCode = readDailyItems([
      dailyItem(DAY, '2607.31004', { upvotes: 30 }),
      dailyItem(DAY, '2607.31005', { upvotes: 8, githubRepo: 'https://github.com/acme/fast-decoding' }),
      dailyItem(DAY, '2607.31006', { upvotes: 2 }),
    ]);
    const { root, calls } = await mount({ ...NO_FILTERS, rules: [] }, undefined, {
      days: [{ date: DAY, status: 'ok', papers: withCode }],
    });
    await press('j');
    await press('j');
    await press('k');
    expect(document.activeElement).toBe(root.querySelector('[data-paper-id="2607.31005"]'));
    await press('g');
    expect(calls).toEqual(['open https://github.com/acme/fast-decoding']);
    await press('?');
    expect(root.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Keyboard shortcuts');
    await press('?');
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    await press('t');
    const tags = root.querySelector('[data-paper-id="2607.31005"] button[aria-keyshortcuts="t"]');
    expect(tags?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelectorAll('button[aria-keyshortcuts="t"][aria-expanded="true"]')).toHaveLength(1);
  });

  it('orders the papers "For you" by the ranking of the days shown, each with its level and why', async () => {
    const asked: { ids: string[]; days: string[] }[] = [];
    const { root } = await mount(
      { ...NO_FILTERS, rules: [] },
      undefined,
      {},
      {
        rank: async (ids, days) => {
          asked.push({ ids, days });
          return {
            scores: [
              { id: '2607.31001', score: 0.2, level: 'medium', words: [] },
              { id: '2607.31003', score: 0.9, level: 'high', words: ['decoding', 'draft'] },
            ],
          };
        },
      },
    );
    expect(asked).toEqual([]);
    const order = root.querySelector<HTMLSelectElement>('select')!;
    expect([...order.options].map((o) => o.textContent)).toEqual(['By day', 'By upvotes', 'For you']);
    await chooseOrder(root, 'forYou');
    expect(asked).toEqual([{ ids: ['2607.31001', '2607.31002', '2607.31003'], days: [DAY, '2026-07-30'] }]);
    // Ranked first, best first; the paper not ranked after them.
    expect(ids(root)).toEqual(['2607.31003', '2607.31001', '2607.31002']);
    expect(root.querySelector('[data-paper-id="2607.31003"] .foryou-level')?.textContent).toBe(
      'For you: high · matches: decoding, draft',
    );
    expect(root.querySelector('[data-paper-id="2607.31002"] .foryou-level')).toBeNull();
    expect(root.querySelector('.foryou-note')?.textContent).toBe('');
  });

  it('keeps the "For you" order while ranking again after a mute, instead of falling back to upvotes', async () => {
    let calls = 0;
    const filters = { ...NO_FILTERS, rules: [] };
    const { root } = await mount(
      filters,
      undefined,
      {},
      {
        rank: (ids) => {
          calls++;
          // The first answer comes at once; the one after the mute never does.
          if (calls > 1) return new Promise(() => {});
          const order = ['2607.31003', '2607.31001', '2607.31002'];
          return Promise.resolve({
            scores: ids.map((id) => ({ id, score: 3 - order.indexOf(id), level: 'low' as const, words: [] })),
          });
        },
      },
    );
    await chooseOrder(root, 'forYou');
    expect(ids(root)).toEqual(['2607.31003', '2607.31001', '2607.31002']);
    // Acme AI (2607.31001) muted: the others keep the ranked order while the next ranking is on its way.
    const muted = {
      ...filters,
      rules: [{ action: 'mute' as const, field: 'organization' as const, value: 'Acme AI' }],
    };
    await draw(root, {
      filters: muted,
      actions: { rank: () => new Promise(() => {}) } as unknown as InboxActions,
    });
    await settle();
    expect(ids(root)).toEqual(['2607.31003', '2607.31002']);
  });

  it('says why "For you" cannot rank the inbox yet, and keeps it by upvotes', async () => {
    const { root } = await mountRanking(async () => ({ coldStart: { liked: 2, needed: 5 }, scores: [] }));
    await chooseOrder(root, 'forYou');
    expect(ids(root)).toEqual(['2607.31002', '2607.31001', '2607.31003']);
    expect(root.querySelector('.foryou-note')?.textContent).toBe(
      'For you ranks the inbox once you have saved, tagged or read 5 papers (2 so far); until then it is sorted by upvotes.',
    );
  });

  it('says "For you" also needs papers passed over when enough are liked but none was passed over', async () => {
    const { root } = await mountRanking(async () => ({ coldStart: { liked: 6, needed: 5 }, scores: [] }));
    await chooseOrder(root, 'forYou');
    expect(root.querySelector('.foryou-note')?.textContent).toMatch(
      /^For you learns from the papers you keep/,
    );
  });

  it('offers no "For you" order when its page cannot rank', async () => {
    const { root } = await mount({ ...NO_FILTERS, rules: [] });
    const order = root.querySelector<HTMLSelectElement>('select')!;
    expect([...order.options].map((o) => o.value)).toEqual(['day', 'upvotes']);
  });

  it('keeps a paper handled since it arrived in view, dimmed, and counts it as done', async () => {
    const arrival = new Map<string, PaperState>();
    const { root } = await mount({ ...NO_FILTERS, rules: [] }, arrival);
    await draw(root, {
      arrivalStates: arrival,
      states: new Map([
        ['2607.31003', { id: '2607.31003', state: 'new', saved: false, tags: [], dismissed: true }],
      ]),
      filters: { ...NO_FILTERS, rules: [] },
      actions: {} as InboxActions,
    });
    expect(ids(root)).toHaveLength(3);
    expect(root.querySelector('[data-paper-id="2607.31003"]')?.classList.contains('handled')).toBe(true);
    expect(root.querySelector('.count')?.textContent).toBe('2 papers left to triage');
  });

  it('shows the rows kept from the last opening, with their count, until the first day arrives', async () => {
    const saved: PaperState = { id: '2607.31002', state: 'new', saved: true, tags: [] };
    const kept = { rows: [{ row: { paper: PAPERS[1]!, days: [DAY] }, state: saved }], left: 41 };
    const states = new Map([[saved.id, saved]]);
    const { root } = await mount({ ...NO_FILTERS, rules: [] }, states, { days: [], pending: 2, kept });
    expect(ids(root)).toEqual(['2607.31002']);
    expect(root.querySelector('.count')?.textContent).toBe('41 papers left to triage · 2 days still loading');
    expect(root.querySelector('[data-paper-id="2607.31002"] [aria-pressed="true"]')?.textContent).toContain(
      'Saved',
    );
  });

  it('opens in the order chosen last, and keeps each order the reader chooses for the next opening', async () => {
    const chosen: string[] = [];
    const { root } = await mount(
      { ...NO_FILTERS, rules: [] },
      new Map(),
      { initialOrder: 'upvotes' },
      { chooseOrder: (order) => void chosen.push(order) },
    );
    expect(root.querySelector('select')?.value).toBe('upvotes');
    // One list by upvotes: no day headings.
    expect(ids(root)).toEqual(['2607.31002', '2607.31001', '2607.31003']);
    expect(root.querySelector('.day-head')).toBeNull();
    await chooseOrder(root, 'day');
    expect(root.querySelector('.day-head')).not.toBeNull();
    expect(chosen).toEqual(['day']);
  });

  it('shows kept rows only in the order it opened in', async () => {
    const kept = { rows: [{ row: { paper: PAPERS[2]!, days: [DAY] } }], left: 41 };
    const { root } = await mount({ ...NO_FILTERS, rules: [] }, new Map(), {
      days: [],
      pending: 2,
      kept,
      initialOrder: 'upvotes',
    });
    expect(ids(root)).toEqual(['2607.31003']);
    await chooseOrder(root, 'day');
    expect(ids(root)).toEqual([]);
    expect(root.querySelector('.count')?.textContent).toContain('2 days still loading');
  });

  describe('opened "For you" (the order chosen last)', () => {
    const ranked = ['2607.31003', '2607.31001', '2607.31002'];
    const ranking = (ids: string[]) => ({
      scores: ids.map((id) => ({ id, score: 3 - ranked.indexOf(id), level: 'low' as const, words: [] })),
    });
    /** A rank action that answers (with the ranking above) or fails when the test says. */
    function deferredRank() {
      let answer = () => {};
      let fail = (_: Error) => {};
      const rank = (ids: string[]) =>
        new Promise<ReturnType<typeof ranking>>((resolve, reject) => {
          answer = () => resolve(ranking(ids));
          fail = reject;
        });
      return { rank, answer: () => answer(), fail: (error: Error) => fail(error) };
    }

    it('shows its rows once ranked, never first by upvotes, and counts them meanwhile', async () => {
      const deferred = deferredRank();
      const { root } = await mountRanking(deferred.rank, { initialOrder: 'forYou' });
      expect(ids(root)).toEqual([]);
      expect(root.querySelector('.count')?.textContent).toBe('3 papers left to triage');
      expect(root.querySelector('.foryou-note')?.textContent).toBe('Ranking by what you keep…');
      expect(root.querySelector('.empty')).toBeNull();
      await act(() => deferred.answer());
      await settle();
      expect(ids(root)).toEqual(ranked);
    });

    it('shows them by upvotes when the ranking fails, or does not come within the hold', async () => {
      const failing = deferredRank();
      const first = await mountRanking(failing.rank, { initialOrder: 'forYou' });
      await act(() => failing.fail(new Error('The background did not answer.')));
      await settle();
      expect(ids(first.root)).toEqual(['2607.31002', '2607.31001', '2607.31003']);
      render(null, first.root);

      vi.useFakeTimers();
      try {
        const { root } = await mountRanking(() => new Promise(() => {}), { initialOrder: 'forYou' });
        expect(ids(root)).toEqual([]);
        await act(() => {
          vi.advanceTimersByTime(FOR_YOU_HOLD_MS);
        });
        expect(ids(root)).toEqual(['2607.31002', '2607.31001', '2607.31003']);
      } finally {
        vi.useRealTimers();
      }
    });

    it('holds nothing when "For you" is chosen from the menu: the rows stay while they are ranked', async () => {
      const { root } = await mountRanking(() => new Promise(() => {}));
      await chooseOrder(root, 'forYou');
      expect(ids(root)).toEqual(['2607.31002', '2607.31001', '2607.31003']);
    });
  });

  it('opens by day when "For you" was chosen last but cannot rank here', async () => {
    const { root } = await mount({ ...NO_FILTERS, rules: [] }, new Map(), { initialOrder: 'forYou' });
    expect(root.querySelector('select')?.value).toBe('day');
    expect(root.querySelector('option[value="forYou"]')).toBeNull();
  });
});
