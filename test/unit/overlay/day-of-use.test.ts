// @vitest-environment happy-dom
/**
 * What a day of triage showed (#19), each as the rule it broke: the divider only where it is true, a
 * line where read papers are hidden, no marks drawn on a paper's own page, and keys that say what they
 * did, with Undo and, when asked, a move to the next paper.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageName, ReplyOf, RequestOf } from '../../../lib/messages/protocol';
import type { PaperState } from '../../../lib/model/paper';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { Keyboard } from '../../../lib/overlay/keyboard';
import { Marks } from '../../../lib/overlay/marks';
import type { OverlayHost } from '../../../lib/overlay/overlay';
import { OverlayPage } from '../../../lib/overlay/page';
import { PAGE_CSS } from '../../../lib/overlay/styles';
import { readPage } from '../../../lib/site';
import { t } from '../../support/dom';

const URL_OF_LIST = 'https://huggingface.co/papers/date/2026-11-26';
const ids = Array.from({ length: 8 }, (_, n) => `2611.${String(n + 1).padStart(5, '0')}`);

function loadList(list: readonly string[]): void {
  document.head.replaceChildren();
  document.documentElement.removeAttribute('data-dpc-variant');
  document.body.innerHTML = `<main><div class="grid">${list
    .map((id) => `<div><article><h3><a href="/papers/${id}">Paper ${id}</a></h3></article></div>`)
    .join('')}</div></main>`;
}

/** A background that keeps states in a map and answers the overlay's writes. */
function makeHost(): { host: OverlayHost; states: Map<string, PaperState> } {
  const states = new Map<string, PaperState>();
  const stateOf = (id: string) => states.get(id) ?? { id, state: 'new' as const, saved: false, tags: [] };
  const host: OverlayHost = {
    doc: document,
    t,
    send: async <K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> => {
      const request = data as { id: string; saved?: boolean; read?: boolean };
      const next = { ...stateOf(request.id) };
      if (type === 'setSaved') next.saved = request.saved === true;
      if (type === 'setRead') next.state = request.read ? 'read' : 'seen';
      states.set(next.id, next);
      return { state: next } as unknown as ReplyOf<K>;
    },
    openTab: () => {},
    navigate: () => {},
    currentUrl: () => URL_OF_LIST,
  };
  return { host, states };
}

function pageWith(settings: Partial<Settings> = {}, variant: 'daily' | 'paper' = 'daily') {
  const { host } = makeHost();
  const page = new OverlayPage(host, { ...DEFAULT_SETTINGS, ...settings });
  page.reset(URL_OF_LIST, variant);
  return page;
}

const state = (id: string, extra: Partial<PaperState> = {}): PaperState => ({
  id,
  state: 'seen',
  saved: false,
  tags: [],
  isNew: false,
  ...extra,
});

beforeAll(() => {
  vi.stubGlobal('IntersectionObserver', undefined);
});

describe('the "seen before" divider', () => {
  let marks: Marks | undefined;
  beforeEach(() => loadList(ids));
  afterEach(() => marks?.stop());

  function mark(newIds: readonly string[]) {
    const page = pageWith();
    marks = new Marks(page);
    marks.start();
    for (const id of ids) page.states.set(id, state(id, { isNew: newIds.includes(id) }));
    page.addCards(readPage(document, URL_OF_LIST).cards);
    page.settle();
    return page;
  }

  it('stands on the first seen card when every new paper comes first, and counts the cards from there', () => {
    mark(ids.slice(0, 3));
    const divider = document.querySelector('.dpc-divider');
    expect(divider?.textContent).toBe('Seen before · 5 papers');
    expect(divider?.nextElementSibling?.querySelector('a')?.textContent).toBe(`Paper ${ids[3]}`);
    // Inside the card's cell: the grid still has one cell per card and nothing else.
    expect(document.querySelector('.grid')!.children).toHaveLength(ids.length);
  });

  it('is not drawn when a seen paper comes before a new one, where "seen before below" would be false', () => {
    mark([ids[0]!, ids[1]!, ids[5]!]);
    expect(document.querySelector('.dpc-divider')).toBeNull();
  });

  it('says "1 paper" for one', () => {
    mark(ids.slice(0, 7));
    expect(document.querySelector('.dpc-divider')?.textContent).toBe('Seen before · 1 paper');
  });
});

describe('read papers hidden', () => {
  let marks: Marks | undefined;
  beforeEach(() => loadList(ids));
  afterEach(() => marks?.stop());

  const notes = () =>
    [...document.querySelectorAll<HTMLElement>('[data-dpc-hidden-run]')].map((host) => ({
      count: host.dataset.dpcHiddenRun,
      text: host.shadowRoot?.textContent,
      before: host.nextElementSibling?.querySelector('a')?.textContent,
    }));

  it('leave a line where each run was, that shows them again and hides them again', async () => {
    const page = pageWith({ overlayStyle: 'hide' });
    marks = new Marks(page);
    marks.start();
    for (const id of ids)
      page.states.set(id, state(id, { state: [1, 2, 5].includes(ids.indexOf(id)) ? 'read' : 'seen' }));
    page.addCards(readPage(document, URL_OF_LIST).cards);
    page.settle();
    expect(notes()).toEqual([
      { count: '2', text: '2 read papers hidden · Show them', before: `Paper ${ids[1]}` },
      { count: '1', text: '1 read paper hidden · Show it', before: `Paper ${ids[5]}` },
    ]);
    const [first] = document.querySelectorAll<HTMLElement>('[data-dpc-hidden-run]');
    first!.shadowRoot!.querySelector('button')!.click();
    expect(page.cardsById.get(ids[1]!)![0]!.wrapper.hasAttribute('data-dpc-shown')).toBe(true);
    expect(notes()[0]!.text).toBe('2 read papers shown · Hide them');

    // Reading the card between the two runs joins them into one.
    page.updateState(state(ids[3]!, { state: 'read' }));
    page.updateState(state(ids[4]!, { state: 'read' }));
    await Promise.resolve();
    expect(notes().map((n) => n.count)).toEqual(['5']);
  });

  it('leave no line when read papers are dimmed, not hidden', () => {
    const page = pageWith({ overlayStyle: 'dim' });
    marks = new Marks(page);
    marks.start();
    for (const id of ids) page.states.set(id, state(id, { state: 'read' }));
    page.addCards(readPage(document, URL_OF_LIST).cards);
    page.settle();
    expect(notes()).toEqual([]);
  });
});

describe("a paper's own page", () => {
  it('says so on the root, and the stylesheet draws no dimming, hiding or ring there', () => {
    loadList([ids[0]!]);
    const page = pageWith({}, 'paper');
    const marks = new Marks(page);
    marks.start();
    expect(document.documentElement.dataset.dpcVariant).toBe('paper');
    const rules = PAGE_CSS.split('\n').filter((line) =>
      /reading-state="read"|wrap-state|data-saved|dpc-new/.test(line),
    );
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toContain('html:not([data-dpc-variant="paper"])');
    marks.stop();
    expect(document.documentElement.hasAttribute('data-dpc-variant')).toBe(false);
  });
});

describe('triage keys', () => {
  let keyboard: Keyboard | undefined;
  beforeEach(() => loadList(ids));
  afterEach(() => keyboard?.stop());

  const press = (key: string) =>
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  const toast = () =>
    document.querySelector('[data-dpc-toast]')?.shadowRoot?.querySelector('[role="status"]');
  const focused = () => document.querySelector<HTMLElement>('[data-dpc-focused]')?.dataset.paperId;

  function start(settings: Partial<Settings> = {}) {
    const page = pageWith(settings);
    for (const id of ids) page.states.set(id, state(id, { saved: id === ids[1] }));
    page.addCards(readPage(document, URL_OF_LIST).cards);
    for (const card of page.order) card.element.setAttribute('data-paper-id', card.id);
    keyboard = new Keyboard(page);
    keyboard.start();
    return page;
  }

  it('confirm an unsave in a live message with Undo, and u undoes it', async () => {
    const page = start();
    press('j');
    press('j');
    press('s');
    await vi.waitFor(() => expect(toast()?.textContent).toMatch(/^Unsaved/));
    expect(page.states.get(ids[1]!)?.saved).toBe(false);
    expect(toast()?.querySelector('button')?.textContent).toBe('Undo');
    press('u');
    await vi.waitFor(() => expect(page.states.get(ids[1]!)?.saved).toBe(true));
    await vi.waitFor(() => expect(toast()?.textContent).toMatch(/^Undone/));
  });

  it('confirm a read, and stay on the card unless the setting moves on', async () => {
    const page = start();
    press('j');
    press('r');
    await vi.waitFor(() => expect(toast()?.textContent).toMatch(/^Marked read/));
    expect(page.states.get(ids[0]!)?.state).toBe('read');
    expect(focused()).toBe(ids[0]);
  });

  it('move to the next paper after s or r when the setting says so', async () => {
    const page = start({ moveAfterAction: true });
    press('j');
    press('r');
    await vi.waitFor(() => expect(page.states.get(ids[0]!)?.state).toBe('read'));
    expect(focused()).toBe(ids[1]);
    press('s');
    await vi.waitFor(() => expect(page.states.get(ids[1]!)?.saved).toBe(false));
    expect(focused()).toBe(ids[2]);
  });
});
