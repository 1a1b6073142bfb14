// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { handleMessage } from '../../../lib/background/server';
import { deleteDb } from '../../../lib/db/schema';
import { createForYou } from '../../../lib/foryou/for-you';
import type { MessageName, ReplyOf, RequestOf } from '../../../lib/messages/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { Overlay, type OverlayHost } from '../../../lib/overlay/overlay';
import { t } from '../../support/dom';

const DEMO = readFileSync(path.resolve(__dirname, '../../../assets/demo/papers.html'), 'utf8');
const URL_OF_DEMO = 'https://huggingface.co/papers/date/2026-11-26';

/** The overlay wired to the real store and message validation, as in the extension, minus the browser. */
function makeHost(now: () => number) {
  // "For you" retrains a few seconds after a change, on a timer: one test's timer must not train in the next
  // test's store with its own clock (a model a day ahead of that test's clock was taken as up to date).
  const forYou = createForYou({ now, retrainDelayMs: 24 * 60 * 60 * 1000 });
  const handlers = createHandlers({ now, forYou });
  const sent: string[] = [];
  const opened: string[] = [];
  const logs: string[] = [];
  let url = URL_OF_DEMO;
  const host: OverlayHost = {
    doc: document,
    t,
    send: async <K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> => {
      sent.push(type);
      // As the content script: with only its rights (MESSAGE_RIGHTS), so the overlay needs no more.
      const answer = await handleMessage(handlers, JSON.parse(JSON.stringify({ type, data })), {
        from: 'content',
      });
      if (!answer.ok) throw new Error(answer.error);
      return answer.result as ReplyOf<K>;
    },
    openTab: (u) => opened.push(u),
    navigate: (u) => opened.push(`navigate:${u}`),
    currentUrl: () => url,
    log: (m) => logs.push(m),
  };
  return { host, sent, opened, logs, setUrl: (u: string) => (url = u) };
}

function loadPage(html: string) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.head.replaceChildren(...[...parsed.head.childNodes].map((n) => document.importNode(n, true)));
  document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  document.documentElement.className = '';
}

const cards = () => [...document.querySelectorAll<HTMLElement>('article')];
const controlsOf = (card: Element) => card.querySelector('.dpc-host')?.shadowRoot;
/** A card's button by its accessible name (its label, else its text). */
const button = (card: Element, name: RegExp) =>
  [...(controlsOf(card)?.querySelectorAll('button') ?? [])].find((b) =>
    name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
  );
// A DOM without layout sees nothing on screen: without IntersectionObserver the overlay mounts every
// card's controls in slices, which is what these tests check. The lazy path is covered in Chromium.
beforeAll(() => {
  vi.stubGlobal('IntersectionObserver', undefined);
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('the overlay on a papers list', () => {
  let clock = Date.parse('2026-11-26T08:00:00Z');
  let overlay: Overlay | undefined;
  beforeEach(async () => {
    await deleteDb();
    loadPage(DEMO);
  });
  afterEach(() => overlay?.stop());

  it('marks every card with its id, reading state and saved flag from one read, then stores the page once', async () => {
    const { host, sent, logs } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    expect(logs.filter((l) => !l.startsWith('page reader'))).toEqual([]);
    expect(sent).toEqual(['getStates', 'observePapers']);
    expect(cards().map((c) => c.dataset.paperId)).toHaveLength(12);
    for (const card of cards()) {
      expect(card.dataset.paperId).toMatch(/^\d{4}\.\d{5}$/);
      expect(card.dataset.readingState).toBe('new');
      expect(card.dataset.saved).toBe('false');
    }
  });

  it('adds real buttons with accessible names to every card, and Save toggles aria-pressed', async () => {
    const { host } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    const first = cards()[0]!;
    const save = button(first, /Save/)!;
    expect(save.getAttribute('aria-pressed')).toBe('false');
    for (const name of [/Mark as read/, /Tags/, /\bCode\b/]) expect(button(first, name)).toBeDefined();
    save.click();
    await settle();
    expect(first.dataset.saved).toBe('true');
    expect(button(first, /Saved/)!.getAttribute('aria-pressed')).toBe('true');
  });

  it('writes a note from the card’s Tags panel, verbatim, and shows that the paper has one', async () => {
    const { host, sent } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    const first = cards()[0]!;
    const id = first.dataset.paperId!;
    button(first, /Tags/)!.click();
    await settle();
    const field = controlsOf(first)!.querySelector('textarea')!;
    field.value = '<think> compare with x < y';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    button(first, /Save note/)!.click();
    await settle();
    expect(sent).toContain('setNote');
    const reply = await host.send('getStates', { ids: [id] });
    expect(reply.states[0]?.note).toBe('<think> compare with x < y');
    expect(button(first, /Tags/)!.textContent).toMatch(/Note/);
  });

  it('shows no code button when no repository is known, and opens the code when one is (#19)', async () => {
    const { host, opened } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    const withCode = cards()[0]!;
    const withoutCode = cards()[1]!;
    expect(button(withoutCode, /\bCode\b/)).toBeUndefined();
    button(withCode, /\bCode\b/)!.click();
    expect(opened).toEqual(['https://github.com/nova-lab/sparse-routers']);
  });

  it('keeps read and saved across a reload of the page', async () => {
    const first = makeHost(() => clock);
    overlay = new Overlay(first.host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    button(cards()[2]!, /Mark as read/)!.click();
    await settle();
    overlay.stop();
    loadPage(DEMO);
    clock += 60_000;
    const second = makeHost(() => clock);
    overlay = new Overlay(second.host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    expect(cards()[2]!.dataset.readingState).toBe('read');
    expect(cards()[1]!.dataset.readingState).toBe('new');
  });

  it('badges papers that are new since the previous visit and places a divider before the seen ones', async () => {
    const first = makeHost(() => clock);
    overlay = new Overlay(first.host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    overlay.stop();
    // A day later, two papers were added at the top of the same list.
    clock += 24 * 3600_000;
    const extra = DEMO.replace(
      '<div class="grid">',
      `<div class="grid">${newCard('2611.19999', 'A Paper Added Later')}`,
    );
    loadPage(extra);
    const second = makeHost(() => clock);
    overlay = new Overlay(second.host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    const [added, ...rest] = cards();
    expect(added!.dataset.paperId).toBe('2611.19999');
    expect(added!.dataset.dpcNew).toBe('true');
    expect(rest.every((c) => c.dataset.dpcNew === 'false')).toBe(true);
    const divider = document.querySelector('.dpc-divider');
    expect(divider?.textContent).toBe('Seen before · 12 papers');
    // In the first seen card's cell, right before the card: the grid keeps one cell per card.
    expect(divider?.nextElementSibling).toBe(rest[0]);
    expect(document.querySelector('.grid')!.children).toHaveLength(13);
  });

  it('marks the cards before the heavy records reach the store', async () => {
    const { host } = makeHost(() => clock);
    const pending = new Promise<never>(() => {});
    overlay = new Overlay(
      { ...host, send: (type, data) => (type === 'observePapers' ? pending : host.send(type, data)) },
      { ...DEFAULT_SETTINGS },
    );
    void overlay.start();
    await settle();
    // The list's first visit: new to the store, but nothing is new since a previous visit (#19).
    expect(cards().every((c) => c.dataset.readingState === 'new' && c.dataset.dpcNew === 'false')).toBe(true);
  });

  it('handles cards that appear later in one more round trip', async () => {
    const { host, sent } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    document.querySelector('.grid')!.insertAdjacentHTML('beforeend', newCard('2611.17777', 'Late Card'));
    await settle();
    await settle();
    const late = document.querySelector<HTMLElement>('article[data-paper-id="2611.17777"]');
    expect(late?.dataset.readingState).toBe('new');
    expect(sent.filter((t) => t === 'observePapers')).toHaveLength(2);
  });

  it('treats titles as text: markup in a title never becomes elements', async () => {
    const hostile = DEMO.replace(
      'Sparse Mixture Routers Learn Curricula on Their Own</a>',
      '&lt;img src=x onerror=alert(1)&gt;Sparse</a>',
    );
    loadPage(hostile);
    const { host } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    expect(document.querySelectorAll('img[src="x"]')).toHaveLength(0);
    expect(controlsOf(cards()[0]!)?.querySelector('img')).toBeNull();
  });
});

describe('keyboard triage', () => {
  let overlay: Overlay | undefined;
  beforeEach(async () => {
    await deleteDb();
    loadPage(DEMO);
  });
  afterEach(() => overlay?.stop());
  const press = (key: string, target: EventTarget = document.body) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }),
    );

  it('moves with j/k, saves with s, reads with r and opens the code with g', async () => {
    const { host, opened } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    press('j');
    press('j');
    press('k');
    const first = cards()[0]!;
    expect(first.dataset.dpcFocused).toBe('true');
    press('s');
    await settle();
    expect(first.dataset.saved).toBe('true');
    press('r');
    await settle();
    expect(first.dataset.readingState).toBe('read');
    press('g');
    expect(opened).toEqual(['https://github.com/nova-lab/sparse-routers']);
    press('o');
    expect(opened.at(-1)).toBe(`navigate:https://huggingface.co/papers/${first.dataset.paperId}`);
  });

  it('says "not interested" with x: the card is marked dismissed, its reading state kept, and u undoes it', async () => {
    const { host, sent } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    press('j');
    const first = cards()[0]!;
    press('x');
    await settle();
    expect(sent).toContain('setDismissed');
    expect(first.dataset.dismissed).toBe('true');
    expect(first.dataset.readingState).toBe('new');
    expect(button(first, /Not interested/)!.getAttribute('aria-pressed')).toBe('true');
    const toast = [...document.querySelectorAll('[data-dpc-toast]')].map((h) => h.shadowRoot?.textContent);
    expect(toast.join(' ')).toContain('Marked not interested');
    press('u');
    await settle();
    expect(first.dataset.dismissed).toBe('false');
    const reply = await host.send('getStates', { ids: [first.dataset.paperId!] });
    expect(reply.states[0]).not.toHaveProperty('dismissed');
  });

  it('says "not interested" from the card’s own button, and takes it back from there', async () => {
    const { host } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    const second = cards()[1]!;
    const notInterested = button(second, /Not interested/)!;
    expect(notInterested.getAttribute('aria-pressed')).toBe('false');
    notInterested.click();
    await settle();
    expect(second.dataset.dismissed).toBe('true');
    button(second, /Not interested/)!.click();
    await settle();
    expect(second.dataset.dismissed).toBe('false');
  });

  it('watches a paper for updates from its card without saving it, and stops from there', async () => {
    const { host } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    const second = cards()[1]!;
    const id = second.dataset.paperId!;
    const watch = () => button(second, /Watch for updates/)!;
    expect(watch().getAttribute('aria-pressed')).toBe('false');
    watch().click();
    await settle();
    expect(watch().getAttribute('aria-pressed')).toBe('true');
    expect(watch().title).toBe('Stop watching');
    expect(second.dataset.saved).toBe('false');
    expect((await host.send('getStates', { ids: [id] })).states[0]).toMatchObject({
      saved: false,
      watched: true,
    });
    watch().click();
    await settle();
    expect(watch().getAttribute('aria-pressed')).toBe('false');
    expect((await host.send('getStates', { ids: [id] })).states[0]).not.toHaveProperty('watched');
  });

  it('shows a saved paper as always watched, and offers no watching while watching is off', async () => {
    const { host } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    await settle();
    const first = cards()[0]!;
    button(first, /Save/)!.click();
    await settle();
    expect(first.dataset.saved).toBe('true');
    const watch = button(first, /Watch for updates/)!;
    expect(watch.getAttribute('aria-pressed')).toBe('true');
    expect(watch.getAttribute('aria-disabled')).toBe('true');
    expect(watch.title).toBe('Saved papers are always watched for updates');
    watch.click();
    await settle();
    expect(button(first, /Watch for updates/)!.getAttribute('aria-pressed')).toBe('true');
    overlay.applySettings({ ...DEFAULT_SETTINGS, watchSaved: false });
    await settle();
    expect(button(first, /Watch for updates/)).toBeUndefined();
  });

  it('does nothing while the user types in a field, or when shortcuts are off', async () => {
    const { host } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    const input = document.createElement('input');
    document.body.append(input);
    press('j', input);
    expect(document.querySelector('[data-dpc-focused]')).toBeNull();
    overlay.applySettings({ ...DEFAULT_SETTINGS, keyboardShortcuts: false });
    press('j');
    expect(document.querySelector('[data-dpc-focused]')).toBeNull();
  });

  it('shows the keys with ? and closes them with Escape', async () => {
    const { host } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    press('?');
    const dialog = () =>
      [...document.querySelectorAll('.dpc-host')]
        .map((h) => h.shadowRoot?.querySelector('[role="dialog"]'))
        .find(Boolean);
    expect(dialog()?.textContent).toContain('Next / previous paper');
    press('Escape');
    expect(dialog()).toBeUndefined();
  });
});

describe('For you on a papers list', () => {
  let overlay: Overlay | undefined;
  beforeEach(async () => {
    await deleteDb();
    loadPage(DEMO);
  });
  afterEach(() => overlay?.stop());

  const bar = () => document.querySelector('[data-dpc-foryou]')?.shadowRoot;
  const ids = () => cards().map((c) => c.dataset.paperId!);

  it('says it cannot rank yet and keeps the site’s order while fewer than 5 papers are liked', async () => {
    const { host } = makeHost(() => Date.now());
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    const siteOrder = ids();
    await vi.waitFor(() => expect(bar()?.textContent).toContain('(0 so far)'));
    expect(bar()?.querySelector('button')).toBeNull();
    expect(ids()).toEqual(siteOrder);
    expect(controlsOf(cards()[0]!)?.querySelector('.foryou')).toBeNull();
  });

  it('after 5 saves, gives every card a chip with its words, sorts the list by it and back', async () => {
    let clock = Date.parse('2026-11-26T08:00:00Z');
    const { host } = makeHost(() => clock);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    const siteOrder = ids();
    for (const id of siteOrder.slice(0, 5)) await host.send('setSaved', { id, saved: true });
    for (const id of siteOrder.slice(5, 9)) await host.send('setDismissed', { id, dismissed: true });
    clock += 60_000;
    // A new visit of the list ranks it with what the reader did.
    overlay.stop();
    loadPage(DEMO);
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    // Training and ranking take their time on a machine busy with the rest of the suite: polled for up to 5 s.
    await vi.waitFor(() => expect(bar()?.querySelector('button[aria-pressed]')).not.toBeNull(), {
      timeout: 5000,
    });
    await vi.waitFor(
      () => expect(cards().every((c) => controlsOf(c)?.querySelector('.foryou-chip'))).toBe(true),
      { timeout: 5000 },
    );
    const chip = controlsOf(cards()[0]!)!.querySelector('.foryou-chip')!;
    expect(chip.textContent).toMatch(/^For you: (high|medium|low)$/);
    const words = controlsOf(cards()[0]!)!.getElementById(chip.getAttribute('aria-describedby')!);
    expect(words?.textContent).toMatch(/^matches: \w+/);

    const { scores } = await host.send('rankPapers', { ids: siteOrder });
    const expected = [...scores].sort((a, b) => b.score - a.score).map((s) => s.id);
    expect(expected).not.toEqual(siteOrder);
    const sort = bar()!.querySelector<HTMLButtonElement>('button[aria-pressed]')!;
    sort.click();
    await vi.waitFor(() => expect(sort.getAttribute('aria-pressed')).toBe('true'));
    expect(ids()).toEqual(expected);
    expect(document.documentElement.hasAttribute('data-dpc-sorted')).toBe(true);
    bar()!.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await vi.waitFor(() => expect(ids()).toEqual(siteOrder));
    expect(document.documentElement.hasAttribute('data-dpc-sorted')).toBe(false);
  });
});

function newCard(id: string, title: string): string {
  return `<div><article><h3><a href="/papers/${id}">${title}</a></h3><a href="/papers/${id}#community">0</a></article></div>`;
}

describe('when the reading list is unavailable', () => {
  let overlay: Overlay | undefined;
  beforeEach(async () => {
    await deleteDb();
    loadPage(DEMO);
  });
  afterEach(() => overlay?.stop());

  it('keeps the page working and says why on every card', async () => {
    const { host } = makeHost(() => Date.now());
    const message = 'The reading list is unavailable (QuotaExceededError); showing pages without it.';
    overlay = new Overlay(
      { ...host, send: async () => Promise.reject(new Error(message)) },
      { ...DEFAULT_SETTINGS },
    );
    await overlay.start();
    await settle();
    expect(cards()).toHaveLength(12);
    for (const card of cards()) {
      expect(controlsOf(card)?.querySelector('[role="status"]')?.textContent).toBe(message);
    }
  });
});
