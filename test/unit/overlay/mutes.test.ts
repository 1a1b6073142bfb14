// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { handleMessage } from '../../../lib/background/server';
import { deleteDb } from '../../../lib/db/schema';
import type { MessageName, ReplyOf, RequestOf } from '../../../lib/messages/protocol';
import type { Filters } from '../../../lib/model/filters';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { FOLLOWED_ATTRIBUTE, MUTED_ATTRIBUTE, MUTED_SHOWN_ATTRIBUTE } from '../../../lib/overlay/mutes';
import { Overlay, type OverlayHost } from '../../../lib/overlay/overlay';
import { loadSettings, onSettingsChanged, saveSettings, updateFilters } from '../../../lib/settings';
import { dailyItem, dailyPageHtml } from '../../support/daily-api';
import { t } from '../../support/dom';

const DATE = '2026-07-31';
const PAGE_URL = `https://huggingface.co/papers/date/${DATE}`;
const ITEMS = [
  dailyItem(DATE, '2607.31001', { organization: 'Acme AI', title: 'Faster Diffusion Sampling' }),
  dailyItem(DATE, '2607.31002', { organization: 'Blue Lab', authors: ['Grace Hopper'] }),
  dailyItem(DATE, '2607.31003', { organization: 'Acme AI', upvotes: 30 }),
];

let openedInbox = 0;
function host(): OverlayHost {
  const handlers = createHandlers({
    now: () => Date.parse('2026-08-01T08:00:00Z'),
    openInbox: async () => {
      openedInbox++;
    },
  });
  return {
    doc: document,
    t,
    send: async <K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> => {
      const answer = await handleMessage(handlers, JSON.parse(JSON.stringify({ type, data })), {
        from: 'content',
      });
      if (!answer.ok) throw new Error(answer.error);
      return answer.result as ReplyOf<K>;
    },
    openTab: () => {},
    navigate: () => {},
    currentUrl: () => PAGE_URL,
    log: () => {},
    updateFilters,
  };
}

const cellOf = (id: string) =>
  document
    .querySelector<HTMLElement>(`[data-paper-id="${id}"]`)
    ?.closest<HTMLElement>(`[${MUTED_ATTRIBUTE}]`) ?? undefined;
const noteOf = (id: string) =>
  document.querySelector(`[data-dpc-muted-note="${id}"]`)?.shadowRoot ?? undefined;
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
const controlsOf = (id: string) =>
  document.querySelector(`[data-paper-id="${id}"] [data-dpc-controls]`)!.shadowRoot!;
/** The shadow root holding the focus, and the element focused in it. */
const focused = () => {
  const host = document.activeElement;
  return { host, element: host?.shadowRoot?.activeElement };
};

beforeAll(() => vi.stubGlobal('IntersectionObserver', undefined));

describe('filters and mutes on a papers list', () => {
  let overlay: Overlay | undefined;
  beforeEach(async () => {
    await deleteDb();
    const parsed = new DOMParser().parseFromString(dailyPageHtml(DATE, ITEMS), 'text/html');
    document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  });
  let stopSettings: (() => void) | undefined;
  afterEach(() => {
    stopSettings?.();
    overlay?.stop();
  });

  const start = async (filters: Filters) => {
    overlay = new Overlay(host(), { ...DEFAULT_SETTINGS, filters });
    // As the content script does: the settings' change event reaches the overlay too.
    stopSettings = onSettingsChanged((settings) => overlay?.applySettings(settings));
    await overlay.start();
    await settle();
  };

  it("folds a muted organization's cards to one line that says why, with Show and Hide again", async () => {
    await start({
      minUpvotes: 0,
      requireCode: false,
      rules: [{ action: 'mute', field: 'organization', value: 'Acme AI' }],
    });
    expect(cellOf('2607.31001')).toBeDefined();
    expect(cellOf('2607.31003')).toBeDefined();
    expect(cellOf('2607.31002')).toBeUndefined();
    const note = noteOf('2607.31001')!;
    expect(note.textContent).toContain("muted: organization 'Acme AI'");
    note.querySelector('button')!.click();
    await settle();
    expect(cellOf('2607.31001')!.hasAttribute(MUTED_SHOWN_ATTRIBUTE)).toBe(true);
    expect(noteOf('2607.31001')!.querySelector('button')!.textContent).toBe('Hide again');
  });

  it('highlights a followed author, and follows a change of the rules at once', async () => {
    await start({
      minUpvotes: 0,
      requireCode: false,
      rules: [{ action: 'follow', field: 'author', value: 'grace hopper' }],
    });
    const followed = () =>
      [...document.querySelectorAll<HTMLElement>(`[${FOLLOWED_ATTRIBUTE}]`)].map((el) => el.dataset.paperId);
    expect(followed()).toEqual(['2607.31002']);
    overlay!.applySettings({
      ...DEFAULT_SETTINGS,
      filters: { minUpvotes: 10, requireCode: false, rules: [] },
    });
    expect(followed()).toEqual([]);
    expect(noteOf('2607.31001')?.textContent).toContain('muted: fewer than 10 upvotes');
    expect(cellOf('2607.31003')).toBeUndefined();
    overlay!.applySettings({ ...DEFAULT_SETTINGS });
    expect(document.querySelectorAll(`[${MUTED_ATTRIBUTE}], [data-dpc-muted-note]`)).toHaveLength(0);
  });

  it("mutes an organization from a card's menu: its cards fold at once, and Undo takes the rule away", async () => {
    await start({ minUpvotes: 0, requireCode: false, rules: [] });
    const controls = controlsOf('2607.31001');
    const menu = controls.querySelector<HTMLButtonElement>('button[aria-label="Mute or follow"]')!;
    menu.click();
    await settle();
    const choices = [
      ...controls.querySelectorAll<HTMLButtonElement>('ul[aria-label="Mute or follow"] button'),
    ];
    expect(choices.map((b) => b.textContent)).toContain('Mute this organization (Acme AI)');
    choices.find((b) => b.textContent === 'Mute this organization (Acme AI)')!.click();
    await settle();
    expect(cellOf('2607.31001')).toBeDefined();
    expect(cellOf('2607.31003')).toBeDefined();
    expect(cellOf('2607.31002')).toBeUndefined();
    expect((await loadSettings()).filters.rules).toEqual([
      { action: 'mute', field: 'organization', value: 'Acme AI' },
    ]);
    const note = noteOf('2607.31001')!;
    expect(note.textContent).toContain("muted: organization 'Acme AI'");
    const undo = note.querySelector<HTMLButtonElement>('button.undo')!;
    expect(undo.textContent).toBe('Undo');
    expect(focused().element).toBe(undo);
    undo.click();
    await settle();
    expect(document.querySelectorAll(`[${MUTED_ATTRIBUTE}], [data-dpc-muted-note]`)).toHaveLength(0);
    expect((await loadSettings()).filters.rules).toEqual([]);
    expect(focused().element).toBe(
      controlsOf('2607.31001').querySelector('button[aria-label="Mute or follow"]'),
    );
  });

  it("follows an author from a card's menu, keeping the rules another tab stored meanwhile", async () => {
    await start({ minUpvotes: 0, requireCode: false, rules: [] });
    await saveSettings({
      filters: {
        minUpvotes: 0,
        requireCode: false,
        rules: [{ action: 'mute', field: 'keyword', value: 'robots' }],
      },
    });
    const controls = controlsOf('2607.31002');
    controls.querySelector<HTMLButtonElement>('button[aria-label="Mute or follow"]')!.click();
    await settle();
    const follow = [...controls.querySelectorAll<HTMLButtonElement>('ul button')].find(
      (b) => b.textContent === 'Follow Grace Hopper',
    )!;
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    follow.click();
    await settle();
    expect(document.querySelector(`[${FOLLOWED_ATTRIBUTE}]`)?.getAttribute('data-paper-id')).toBe(
      '2607.31002',
    );
    expect((await loadSettings()).filters.rules).toEqual([
      { action: 'mute', field: 'keyword', value: 'robots' },
      { action: 'follow', field: 'author', value: 'Grace Hopper' },
    ]);
    expect(focused().element).toBe(controls.querySelector('button[aria-label="Mute or follow"]'));
    expect(noteOf('2607.31002')).toBeUndefined();
  });

  it('puts one link to the inbox above the list, which asks the background to open it', async () => {
    await start({ minUpvotes: 0, requireCode: false, rules: [] });
    const links = document.querySelectorAll('[data-dpc-inbox-link]');
    expect(links).toHaveLength(1);
    expect(links[0]!.nextElementSibling?.querySelector('[data-paper-id]')).not.toBeNull();
    openedInbox = 0;
    links[0]!.shadowRoot!.querySelector('button')!.click();
    await settle();
    expect(openedInbox).toBe(1);
  });
});
