/**
 * The overlay on the papers pages. This file keeps the page state (page.ts) and the scan: it takes
 * the cards from the page reader, asks the background for their states in one round trip, and
 * follows late cards, navigation and changes made elsewhere. Beside it, each part runs on the shared
 * state with its own start/stop: marks.ts (attributes and divider), controls.ts (each card's
 * buttons, acting through actions.ts), seen.ts and keyboard.ts. It reaches the browser only through
 * {@link OverlayHost}, so it runs unchanged in a unit test's DOM.
 */
import type { ChangeFeed } from '../messages/protocol';
import { LIMITS } from '../model/limits';
import type { PaperRecord, PaperState } from '../model/paper';
import type { Settings } from '../model/settings';
import { type IndexEntry, recordsToSend } from '../model/state-index';
import { type CardsResult, detectVariant, type PageReading, readPage } from '../site/index';
import { Controls } from './controls';
import { ForYouPart } from './for-you';
import { InboxLink } from './inbox-link';
import { Keyboard } from './keyboard';
import { Marks } from './marks';
import { Mutes } from './mutes';
import { isOverlayElement, type OverlayHost, OverlayPage } from './page';
import { Seen } from './seen';

export type { OverlayHost, Send } from './page';
export { SEEN_AFTER_MS } from './seen';

/** On the root element once the page's first scan is done and the store has its papers. */
export const READY_ATTRIBUTE = 'data-dpc-ready';

/** How long late cards are collected before one round trip handles them all. */
const SCAN_DELAY_MS = 40;

/** A part of the overlay that runs on the shared page state. */
interface Part {
  start(): void;
  stop(): void;
}

/** The overlay of one tab. */
export class Overlay {
  private readonly page: OverlayPage;
  private readonly parts: readonly Part[];
  /** The page as read first; its `readLateCards` reads what is added later. */
  private reading: PageReading | undefined;
  /** Card elements already handled on this page, so a scan touches only new cards. */
  private handled = new WeakSet<Element>();
  /** Nodes the page added since the last scan: where late cards are. */
  private added: Node[] = [];
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private mutationObserver: MutationObserver | undefined;
  private markedReadOnOpen = '';
  /** Whether an observePapers request recorded this page's visit. */
  private visitRecorded = false;
  private stopped = false;

  /**
   * @param indexEntry the state index's entry of a paper, when the first paint read the index: the store is
   *   then sent only what it lacks of each paper (see `recordsToSend`).
   */
  constructor(
    private readonly host: OverlayHost,
    settings: Settings,
    private readonly indexEntry?: (id: string) => IndexEntry | undefined,
  ) {
    this.page = new OverlayPage(host, settings);
    const mutes = new Mutes(this.page, (card) => controls.focusRuleMenu(card));
    const controls = new Controls(
      this.page,
      host.updateFilters ? (card, choice) => void mutes.choose(card, choice) : undefined,
    );
    this.parts = [
      new Marks(this.page),
      new Seen(this.page),
      controls,
      new Keyboard(this.page, (card) => void controls.setTagsOpen(card, true)),
      new ForYouPart(this.page, (id, cards) => controls.stateChanged(id, cards)),
      mutes,
      new InboxLink(this.page),
    ];
  }

  /** Starts on the current page: one scan now, then follows the page. */
  start(): Promise<void> {
    for (const part of this.parts) part.start();
    const { doc } = this.page;
    const view = doc.defaultView;
    if (view && 'MutationObserver' in view) {
      this.mutationObserver = new view.MutationObserver((mutations) => {
        // Our own hosts and marks cause mutations too; only elements the page added matter.
        let added = false;
        for (const mutation of mutations) {
          for (const node of mutation.addedNodes) {
            if (node.nodeType !== 1 || isOverlayElement(node as Element)) continue;
            this.added.push(node);
            added = true;
          }
        }
        if (added) this.scheduleScan();
      });
      this.mutationObserver.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
    }
    return this.scanNow();
  }

  /** Removes everything the overlay added. */
  stop(): void {
    this.stopped = true;
    this.page.doc.documentElement.removeAttribute(READY_ATTRIBUTE);
    this.mutationObserver?.disconnect();
    clearTimeout(this.scanTimer);
    this.added = [];
    for (const part of this.parts) part.stop();
  }

  /** The state the overlay holds for a paper of the current page, if any. */
  knownState(id: string): PaperState | undefined {
    return this.page.states.get(id);
  }

  /** Applies new settings at once, without a reload. */
  applySettings(settings: Settings): void {
    this.page.applySettings(settings);
  }

  /** Applies a change made in another tab, the popup or the options page. */
  async applyChange(feed: ChangeFeed): Promise<void> {
    const { cardsById } = this.page;
    const onPage = feed.all ? [...cardsById.keys()] : feed.ids.filter((id) => cardsById.has(id));
    if (!onPage.length) return;
    let states = feed.all ? undefined : feed.states?.filter((s) => cardsById.has(s.id));
    // The feed's own states are the store's, in the order written; states asked for may be overtaken.
    let askedAt: number | undefined;
    if (!states || states.length < onPage.length) {
      askedAt = this.page.stamp();
      // At most LIMITS.ids ids a request, as for observePapers.
      states = [];
      for (let at = 0; at < onPage.length; at += LIMITS.ids) {
        const ids = onPage.slice(at, at + LIMITS.ids);
        states.push(...((await this.page.call('getStates', { ids }))?.states ?? []));
      }
    }
    for (const state of states ?? []) this.page.updateState(state, askedAt);
    this.page.settle();
  }

  /** Reads the page again after a client-side navigation, or its new cards. */
  scheduleScan(): void {
    if (this.scanTimer !== undefined || this.stopped) return;
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      void this.scanNow();
    }, SCAN_DELAY_MS);
  }

  /** Scans at once (after any scan under way). */
  scanNow(): Promise<void> {
    this.scanning = this.scanning
      .then(() => this.scan())
      .catch((error) => this.host.log?.('scan failed', error));
    return this.scanning;
  }

  private async scan(): Promise<void> {
    if (this.stopped) return;
    const { page } = this;
    const url = this.host.currentUrl();
    if (url !== page.url) this.resetForPage(url);
    const added = this.added;
    this.added = [];
    if (!page.variant) return;

    const batch = this.readCards(url, added);
    for (const warning of batch.warnings) this.host.log?.(`page reader: ${warning}`);
    const fresh = batch.cards.filter((card) => !this.handled.has(card.element));
    if (!fresh.length) return;
    for (const card of fresh) this.handled.add(card.element);
    for (const paper of batch.papers) page.records.set(paper.id, paper);

    const toObserve: PaperRecord[] = [];
    const asked = new Set<string>();
    for (const card of fresh) {
      const record = page.records.get(card.id);
      if (record && !page.states.has(card.id) && !asked.has(card.id)) {
        toObserve.push(record);
        asked.add(card.id);
      }
    }
    // First marks from a light, read-only request (ids only, one range read in the store); the records,
    // heavy with abstracts, follow in observePapers, whose answer updates what changed.
    const ids = toObserve.map((record) => record.id);
    let visitedBefore = false;
    for (let at = 0; at < ids.length; at += LIMITS.ids) {
      const reply = await page.call('getStates', { ids: ids.slice(at, at + LIMITS.ids), pageUrl: url });
      // Without the store the page still works; every card says why its state is missing.
      page.storeError = reply ? undefined : page.lastError;
      if (!reply) break;
      visitedBefore = reply.previousVisitAt !== undefined;
      for (const state of reply.states) page.states.set(state.id, state);
    }
    if (!page.storeError) {
      // Not in the store yet: new on this list since its last visit; on a first visit nothing is new.
      for (const id of ids)
        if (!page.states.has(id))
          page.states.set(id, { id, state: 'new', saved: false, tags: [], isNew: visitedBefore });
    }
    if (this.host.currentUrl() !== url) return this.scan();

    page.addCards(fresh);
    page.settle();

    if (!page.storeError) {
      // With the index, the store gets only what it lacks; the first request of a page goes even empty, as
      // it records the visit.
      const toSend = this.indexEntry ? recordsToSend(toObserve, this.indexEntry) : toObserve;
      const firstOfPage = !this.visitRecorded;
      this.visitRecorded = true;
      // The background takes at most LIMITS.observePapers papers a request: a longer page goes in slices.
      for (let at = 0; at < toSend.length || (at === 0 && firstOfPage); at += LIMITS.observePapers) {
        const papers = toSend.slice(at, at + LIMITS.observePapers);
        const askedAt = page.stamp();
        const reply = await page.call('observePapers', { papers, pageUrl: url });
        if (!reply) break;
        for (const state of reply.states) page.updateState(state, askedAt);
      }
      page.settle();
    }
    // For automation and tests: the page is read and its papers are in the store (marks alone come from the
    // state index before the store has heard of a new paper).
    page.doc.documentElement.setAttribute(READY_ATTRIBUTE, '');
    if (page.variant === 'paper') await this.markReadOnOpen();
  }

  /**
   * The cards to handle: the whole page the first time, then only those inside the nodes added
   * since (the reader's late read), so a batch of late cards costs what those cards cost.
   */
  private readCards(url: string, added: readonly Node[]): CardsResult {
    if (this.reading === undefined) {
      // This reads every node added so far too.
      this.reading = readPage(this.page.doc, url);
      return this.reading;
    }
    return this.reading.readLateCards(added, (element) => this.handled.has(element));
  }

  private resetForPage(url: string): void {
    this.reading = undefined;
    this.visitRecorded = false;
    this.page.doc.documentElement.removeAttribute(READY_ATTRIBUTE);
    this.handled = new WeakSet();
    this.page.reset(url, detectVariant(url));
  }

  private async markReadOnOpen(): Promise<void> {
    const { page } = this;
    const id = page.order[0]?.id;
    if (!id || !page.settings.markReadOnOpen || this.markedReadOnOpen === page.url) return;
    this.markedReadOnOpen = page.url;
    if (page.states.get(id)?.state === 'read') return;
    const askedAt = page.stamp();
    const reply = await page.call('setRead', { id, read: true });
    if (reply) page.updateState(reply.state, askedAt);
  }
}
