// @vitest-environment jsdom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox, type InboxActions } from '../../../components/inbox/Inbox';
import { applyRule, type Filters, NO_FILTERS, undoRule } from '../../../lib/model/filters';
import type { InboxDay } from '../../../lib/model/inbox';
import { readDailyItems } from '../../../lib/site/daily-api';
import { dailyItem } from '../../support/daily-api';
import { $, click, settle, t } from '../../support/dom';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = undefined;
});

const DAY = '2026-07-31';
const DAYS: InboxDay[] = [
  {
    date: DAY,
    status: 'ok',
    papers: readDailyItems([
      dailyItem(DAY, '2607.31001', { upvotes: 30, organization: 'Blue Lab', authors: ['Grace Hopper'] }),
      dailyItem(DAY, '2607.31002', { upvotes: 20, organization: 'Acme AI', authors: ['Ada Lovelace'] }),
      dailyItem(DAY, '2607.31003', { upvotes: 10, organization: 'Acme AI', authors: ['Alan Turing'] }),
    ]),
  },
];

/** The inbox with filters kept as the page keeps them: each action changes them and the inbox follows. */
async function mount(initial: Filters, failUndo = false) {
  const calls: string[] = [];
  function Page() {
    const [filters, setFilters] = useState(initial);
    const actions: InboxActions = {
      setSaved: async () => {},
      setRead: async () => {},
      setTags: async () => {},
      setDismissed: async () => {},
      openTab: () => {},
      pickRange: () => {},
      chooseRule: async ({ rule }) => {
        const { filters: next, applied } = applyRule(filters, rule);
        setFilters(next);
        return applied;
      },
      undoRule: async (applied) => {
        calls.push(`undo ${applied.rule.action} ${applied.rule.value}`);
        if (failUndo) throw new Error('The settings could not be saved.');
        setFilters(undoRule(filters, applied));
      },
    };
    return (
      <Inbox
        t={t}
        range={{ from: DAY, to: DAY }}
        days={DAYS}
        pending={0}
        arrivalStates={new Map()}
        states={new Map()}
        filters={filters}
        knownTags={[]}
        actions={actions}
        formatDay={(day) => day}
      />
    );
  }
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Page />, root!));
  return { root: root!, calls };
}

const ids = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('[data-paper-row]')].map((row) => row.dataset.paperId);
const status = (root: HTMLElement) => root.querySelector('.rule-note [role="status"]');

async function muteFromRow(root: HTMLElement, id: string, label: string) {
  const row = $(root, `[data-paper-id="${id}"]`);
  await click(row.querySelector('button[aria-label="Mute or follow"]')!);
  const choice = [...row.querySelectorAll('ul button')].find((b) => b.textContent === label)!;
  await click(choice);
}

describe("the inbox's Undo after a mute chosen from a row", () => {
  it('says politely what was muted, takes the focus to Undo, and Undo brings the rows and the focus back', async () => {
    const { root } = await mount({ ...NO_FILTERS, rules: [] });
    // The live region is there before anything is said, so that what it says is announced.
    expect(status(root)?.textContent).toBe('');
    await muteFromRow(root, '2607.31002', 'Mute this organization (Acme AI)');

    expect(ids(root)).toEqual(['2607.31001']);
    expect(status(root)?.textContent).toBe(
      "Muted organization 'Acme AI': its papers are now with the muted papers below.",
    );
    const undo = root.querySelector<HTMLButtonElement>('.rule-note button')!;
    expect(undo.type).toBe('button');
    expect(undo.textContent).toBe('Undo');
    expect(undo.getAttribute('aria-label')).toBe("Undo muting organization 'Acme AI'");
    expect(document.activeElement).toBe(undo);

    await click(undo);
    await settle();
    expect(ids(root)).toEqual(['2607.31001', '2607.31002', '2607.31003']);
    expect(root.querySelector('.rule-note button')).toBeNull();
    expect(status(root)?.textContent).toBe("Unmuted organization 'Acme AI'.");
    expect(document.activeElement).toBe($(root, '[data-paper-id="2607.31002"]'));
  });

  it('puts back the follow rule a mute replaced', async () => {
    const follow = { action: 'follow', field: 'author', value: 'Ada Lovelace' } as const;
    const { root, calls } = await mount({ ...NO_FILTERS, rules: [follow] });
    expect(root.querySelector('[data-paper-id="2607.31002"]')?.classList.contains('followed')).toBe(true);
    await muteFromRow(root, '2607.31002', 'Mute Ada Lovelace');
    expect(ids(root)).toEqual(['2607.31001', '2607.31003']);

    await click(root.querySelector('.rule-note button')!);
    await settle();
    expect(calls).toEqual(['undo mute Ada Lovelace']);
    expect(ids(root)).toEqual(['2607.31001', '2607.31002', '2607.31003']);
    expect(root.querySelector('[data-paper-id="2607.31002"]')?.classList.contains('followed')).toBe(true);
  });

  it('offers no Undo for a follow, which hides nothing', async () => {
    const { root } = await mount({ ...NO_FILTERS, rules: [] });
    await muteFromRow(root, '2607.31001', 'Follow Grace Hopper');
    expect(ids(root)).toEqual(['2607.31001', '2607.31002', '2607.31003']);
    expect(root.querySelector('.rule-note button')).toBeNull();
    expect(status(root)?.textContent).toBe('');
  });

  it('says so when the undo could not be stored, and keeps the Undo', async () => {
    const { root } = await mount({ ...NO_FILTERS, rules: [] }, true);
    await muteFromRow(root, '2607.31002', 'Mute this organization (Acme AI)');
    await click(root.querySelector('.rule-note button')!);
    expect(root.querySelector('.rule-note [role="alert"]')?.textContent).toBe(
      'The settings could not be saved.',
    );
    expect(root.querySelector('.rule-note button')?.textContent).toBe('Undo');
    expect(ids(root)).toEqual(['2607.31001']);
  });
});
