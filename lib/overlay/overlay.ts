/**
 * The overlay on the papers pages: reads the cards, asks the background for their states in one
 * round trip, marks them, adds the controls, follows late cards, navigation and changes made
 * elsewhere, and drives keyboard triage. It reaches the browser only through {@link OverlayHost},
 * so it runs unchanged in a unit test's DOM.
 */
import { h, render } from 'preact';
import { CardControls } from '../../components/CardControls';
import { KeyHelp } from '../../components/KeyHelp';
import type { ChangeFeed, MessageName, ReplyOf, RequestOf } from '../messages/protocol';
import { paperPageUrl } from '../model/arxiv';
import { LIMITS } from '../model/limits';
import type { PaperRecord, PaperState } from '../model/paper';
import type { Settings } from '../model/settings';
import { paperIdFromPagePath } from '../site/ids';
import { detectVariant, parsePage } from '../site/index';
import type { PageVariant } from '../site/types';
import { type CardElement, findListCards, findPaperHeader } from './cards';
import { triageAction } from './keys';
import { CONTROLS_CSS, PAGE_CSS } from './styles';

/** Sends one protocol message to the background. */
export type Send = <K extends MessageName>(type: K, data: RequestOf<K>) => Promise<ReplyOf<K>>;

/** What the overlay needs from the browser. */
export interface OverlayHost {
  doc: Document;
  send: Send;
  /** Opens a URL the code built (https only) in a new tab. */
  openTab: (url: string) => void;
  /** Goes to a URL in this tab. */
  navigate: (url: string) => void;
  /** The current address; the site navigates without reloading. */
  currentUrl: () => string;
  /** Reports an error that must not break the page. */
  log?: (message: string, error?: unknown) => void;
}

/** How long a card must be half on screen to count as seen. */
export const SEEN_AFTER_MS = 1000;
/** How long late cards are collected before one round trip handles them all. */
const SCAN_DELAY_MS = 40;
/** Controls are mounted in slices so that a long page stays responsive. */
const MOUNT_SLICE = 40;

const LIST_VARIANTS_WITH_DIVIDER: ReadonlySet<PageVariant> = new Set(['daily', 'week', 'month']);

interface MountedControls {
  host: HTMLElement;
  container: HTMLElement;
  tagsOpen: boolean;
  error?: string;
}

/** Whether two states draw the same card. */
function sameState(a: PaperState, b: PaperState): boolean {
  return (
    a.state === b.state &&
    a.saved === b.saved &&
    a.isNew === b.isNew &&
    a.githubRepo === b.githubRepo &&
    a.githubStars === b.githubStars &&
    a.projectPage === b.projectPage &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}

/** The overlay of one tab. */
export class Overlay {
  private readonly doc: Document;
  private settings: Settings;
  private url = '';
  private variant: PageVariant | undefined;
  /** Elements already handled on this page, so a scan touches only new cards. */
  private handled = new WeakSet<Element>();
  private readonly cardsById = new Map<string, CardElement[]>();
  private readonly order: CardElement[] = [];
  private readonly states = new Map<string, PaperState>();
  private readonly records = new Map<string, PaperRecord>();
  private readonly mounted = new Map<HTMLElement, MountedControls>();
  private mountQueue: CardElement[] = [];
  private nearScreen: IntersectionObserver | undefined;
  private cardByElement = new WeakMap<Element, CardElement>();
  private mountScheduled = false;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private mutationObserver: MutationObserver | undefined;
  private themeObserver: MutationObserver | undefined;
  private visibility: IntersectionObserver | undefined;
  private readonly seenTimers = new Map<Element, ReturnType<typeof setTimeout>>();
  private seenQueue = new Set<string>();
  private seenFlush: ReturnType<typeof setTimeout> | undefined;
  private focusIndex = -1;
  private help: { host: HTMLElement; container: HTMLElement } | undefined;
  private divider: HTMLElement | undefined;
  private knownTags: string[] = [];
  private controlsSheet: CSSStyleSheet | null | undefined;
  /** Why the store could not be reached, shown on every card until it answers again. */
  private storeError: string | undefined;
  private lastError: string | undefined;
  private markedReadOnOpen = '';
  private stopped = false;
  private readonly onKeyDown = (event: KeyboardEvent) => this.handleKey(event);

  constructor(
    private readonly host: OverlayHost,
    settings: Settings,
  ) {
    this.doc = host.doc;
    this.settings = settings;
  }

  /** Starts on the current page: one scan now, then follows the page. */
  start(): Promise<void> {
    const style = this.doc.createElement('style');
    style.id = 'dpc-page-style';
    style.textContent = PAGE_CSS;
    (this.doc.head ?? this.doc.documentElement).append(style);
    this.applySettings(this.settings);

    const view = this.doc.defaultView;
    if (view && 'MutationObserver' in view) {
      this.mutationObserver = new view.MutationObserver((mutations) => {
        // Our own hosts and marks cause mutations too; only added elements from the page matter.
        if (
          mutations.some((m) => [...m.addedNodes].some((n) => n.nodeType === 1 && !this.isOurs(n as Element)))
        ) {
          this.scheduleScan();
        }
      });
      this.mutationObserver.observe(this.doc.body ?? this.doc.documentElement, {
        childList: true,
        subtree: true,
      });
      this.themeObserver = new view.MutationObserver(() => this.applyTheme());
      this.themeObserver.observe(this.doc.documentElement, { attributes: true, attributeFilter: ['class'] });
    }
    this.doc.addEventListener('keydown', this.onKeyDown);
    return this.scanNow();
  }

  /** Removes everything the overlay added. */
  stop(): void {
    this.stopped = true;
    this.mutationObserver?.disconnect();
    this.nearScreen?.disconnect();
    this.themeObserver?.disconnect();
    this.visibility?.disconnect();
    this.doc.removeEventListener('keydown', this.onKeyDown);
    for (const timer of this.seenTimers.values()) clearTimeout(timer);
    clearTimeout(this.scanTimer);
    clearTimeout(this.seenFlush);
    for (const { host, container } of this.mounted.values()) {
      render(null, container);
      host.remove();
    }
    this.mounted.clear();
    this.divider?.remove();
    this.closeHelp();
    this.doc.getElementById('dpc-page-style')?.remove();
  }

  /** Applies new settings at once, without a reload. */
  applySettings(settings: Settings): void {
    const wasRecordingSeen = this.settings.recordSeen;
    this.settings = settings;
    this.doc.documentElement.setAttribute('data-dpc-style', settings.overlayStyle);
    if (!settings.recordSeen) {
      this.visibility?.disconnect();
      this.visibility = undefined;
      for (const timer of this.seenTimers.values()) clearTimeout(timer);
      this.seenTimers.clear();
    } else if (!wasRecordingSeen || !this.visibility) {
      for (const card of this.order) this.watchVisibility(card.element);
    }
    if (!settings.keyboardShortcuts) {
      this.setFocus(-1);
      this.closeHelp();
    }
  }

  /** Applies a change made in another tab, the popup or the options page. */
  async applyChange(feed: ChangeFeed): Promise<void> {
    const onPage = feed.all ? [...this.cardsById.keys()] : feed.ids.filter((id) => this.cardsById.has(id));
    if (!onPage.length) return;
    let states = feed.all ? undefined : feed.states?.filter((s) => this.cardsById.has(s.id));
    if (!states || states.length < onPage.length) {
      // At most LIMITS.ids ids a request, as for observePapers.
      states = [];
      for (let at = 0; at < onPage.length; at += LIMITS.ids) {
        const ids = onPage.slice(at, at + LIMITS.ids);
        states.push(...((await this.call('getStates', { ids }))?.states ?? []));
      }
    }
    for (const state of states ?? []) this.updateState(state);
    this.placeDivider();
  }

  /** Reads the page again after a client-side navigation or new cards. */
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
    const url = this.host.currentUrl();
    if (url !== this.url) this.resetForPage(url);
    if (!this.variant) return;

    const cards = this.findCards();
    const fresh = cards.filter((card) => !this.handled.has(card.element));
    if (!fresh.length) return;
    for (const card of fresh) this.handled.add(card.element);

    const result = parsePage(this.doc, url);
    for (const warning of result.warnings) this.host.log?.(`page reader: ${warning}`);
    for (const paper of result.papers) this.records.set(paper.id, paper);

    const toObserve: PaperRecord[] = [];
    const asked = new Set<string>();
    for (const card of fresh) {
      const record = this.records.get(card.id);
      if (record && !this.states.has(card.id) && !asked.has(card.id)) {
        toObserve.push(record);
        asked.add(card.id);
      }
    }
    // First marks from a light, read-only request (ids only, one range read in the store); the records,
    // heavy with abstracts, follow in observePapers, whose answer updates what changed.
    const ids = toObserve.map((record) => record.id);
    for (let at = 0; at < ids.length; at += LIMITS.ids) {
      const reply = await this.call('getStates', { ids: ids.slice(at, at + LIMITS.ids), pageUrl: url });
      // Without the store the page still works; every card says why its state is missing.
      this.storeError = reply ? undefined : this.lastError;
      if (!reply) break;
      for (const state of reply.states) this.states.set(state.id, state);
    }
    if (!this.storeError) {
      // Not in the store yet: new everywhere, so new on this list too.
      for (const id of ids)
        if (!this.states.has(id))
          this.states.set(id, { id, state: 'new', saved: false, tags: [], isNew: true });
    }
    if (this.host.currentUrl() !== url) return this.scan();

    for (const card of fresh) {
      const list = this.cardsById.get(card.id) ?? [];
      list.push(card);
      this.cardsById.set(card.id, list);
      this.order.push(card);
      this.mark(card);
      this.watchVisibility(card.element);
    }
    this.order.sort((a, b) => (a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1));
    this.enqueueMount(fresh);
    this.placeDivider();

    if (!this.storeError) {
      // The background takes at most LIMITS.observePapers papers a request: a longer page goes in slices.
      for (let at = 0; at < toObserve.length; at += LIMITS.observePapers) {
        const papers = toObserve.slice(at, at + LIMITS.observePapers);
        const reply = await this.call('observePapers', { papers, pageUrl: url });
        if (!reply) break;
        for (const state of reply.states) this.updateState(state);
      }
      this.placeDivider();
    }
    if (this.variant === 'paper') await this.markReadOnOpen();
  }

  private findCards(): CardElement[] {
    if (this.variant !== 'paper') return findListCards(this.doc);
    // A paper's page is that paper: its id is in the address, as the paper reader reads it.
    const id = paperIdFromPagePath(new URL(this.url).pathname);
    const header = id ? findPaperHeader(this.doc, id) : undefined;
    return header ? [header] : [];
  }

  private resetForPage(url: string): void {
    this.url = url;
    this.variant = detectVariant(url);
    this.handled = new WeakSet();
    for (const card of this.order) this.unmark(card);
    this.order.length = 0;
    this.cardsById.clear();
    this.states.clear();
    this.records.clear();
    this.mountQueue = [];
    this.nearScreen?.disconnect();
    this.nearScreen = undefined;
    this.focusIndex = -1;
    this.divider?.remove();
    this.divider = undefined;
    this.visibility?.disconnect();
    this.visibility = undefined;
  }

  private async markReadOnOpen(): Promise<void> {
    const id = this.order[0]?.id;
    if (!id || !this.settings.markReadOnOpen || this.markedReadOnOpen === this.url) return;
    this.markedReadOnOpen = this.url;
    if (this.states.get(id)?.state === 'read') return;
    const reply = await this.call('setRead', { id, read: true });
    if (reply) this.updateState(reply.state);
  }

  // ---- marks -------------------------------------------------------------------------------

  private mark(card: CardElement): void {
    const state = this.states.get(card.id);
    const el = card.element;
    const reading = state?.state ?? 'new';
    el.setAttribute('data-paper-id', card.id);
    el.setAttribute('data-reading-state', reading);
    el.setAttribute('data-saved', String(state?.saved ?? false));
    el.setAttribute('data-dpc-new', String(Boolean(state?.isNew) && reading !== 'read'));
    card.wrapper.setAttribute('data-dpc-wrap-state', reading);
  }

  private unmark(card: CardElement): void {
    for (const name of [
      'data-paper-id',
      'data-reading-state',
      'data-saved',
      'data-dpc-new',
      'data-dpc-focused',
    ]) {
      card.element.removeAttribute(name);
    }
    card.wrapper.removeAttribute('data-dpc-wrap-state');
    const mounted = this.mounted.get(card.element);
    if (mounted) {
      render(null, mounted.container);
      mounted.host.remove();
      this.mounted.delete(card.element);
    }
  }

  private updateState(state: PaperState): void {
    const previous = this.states.get(state.id);
    // Only the page's own observation knows what is new on this list.
    const merged: PaperState = { ...state, isNew: state.isNew ?? previous?.isNew };
    if (previous && sameState(previous, merged)) return;
    this.states.set(state.id, merged);
    for (const card of this.cardsById.get(state.id) ?? []) {
      this.mark(card);
      // Controls not yet on screen are drawn with the current state when they get there.
      if (this.mounted.has(card.element)) this.renderControls(card);
    }
  }

  private placeDivider(): void {
    if (!this.variant || !LIST_VARIANTS_WITH_DIVIDER.has(this.variant)) return;
    let lastNew = -1;
    this.order.forEach((card, index) => {
      const state = this.states.get(card.id);
      if (state?.isNew && state.state !== 'read') lastNew = index;
    });
    const firstSeen = lastNew >= 0 ? this.order[lastNew + 1] : undefined;
    if (!firstSeen) {
      this.divider?.remove();
      this.divider = undefined;
      return;
    }
    if (!this.divider) {
      this.divider = this.doc.createElement('div');
      this.divider.className = 'dpc-divider';
      this.divider.setAttribute('role', 'separator');
    }
    const below = this.order.length - lastNew - 1;
    this.divider.textContent = `Seen before · ${below} ${below === 1 ? 'paper' : 'papers'}`;
    this.divider.setAttribute('aria-label', `Papers below were seen before (${below})`);
    if (firstSeen.wrapper.previousElementSibling !== this.divider) firstSeen.wrapper.before(this.divider);
  }

  // ---- controls ----------------------------------------------------------------------------

  /**
   * Controls are added as cards come near the screen (two screens ahead), so a 2,000-card page costs
   * what its visible cards cost. Without IntersectionObserver, all are mounted in slices.
   */
  private enqueueMount(cards: CardElement[]): void {
    const view = this.doc.defaultView as (Window & typeof globalThis) | null;
    if (typeof view?.IntersectionObserver === 'function') {
      this.nearScreen ??= new view.IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            this.nearScreen?.unobserve(entry.target);
            const card = this.cardByElement.get(entry.target);
            if (card) this.renderControls(card);
          }
        },
        { rootMargin: '200% 0px' },
      );
      for (const card of cards) {
        this.cardByElement.set(card.element, card);
        this.nearScreen.observe(card.element);
      }
      return;
    }
    this.mountQueue.push(...cards);
    if (this.mountScheduled) return;
    this.mountScheduled = true;
    const step = () => {
      if (this.stopped) return;
      for (const card of this.mountQueue.splice(0, MOUNT_SLICE)) this.renderControls(card);
      if (this.mountQueue.length) setTimeout(step, 0);
      else this.mountScheduled = false;
    };
    setTimeout(step, 0);
  }

  private renderControls(card: CardElement): void {
    if (!card.element.isConnected) return;
    let mounted = this.mounted.get(card.element);
    if (!mounted) {
      const host = this.doc.createElement('div');
      host.className = 'dpc-host';
      host.setAttribute('data-dpc-controls', card.id);
      const root = host.attachShadow({ mode: 'open' });
      const container = this.doc.createElement('div');
      this.adoptControlsStyle(root);
      root.append(container);
      // Keep clicks inside the controls from reaching the card's own link handlers.
      host.addEventListener('click', (event) => event.stopPropagation());
      if (this.variant === 'paper') card.element.querySelector('h1')?.after(host);
      else card.element.append(host);
      mounted = { host, container, tagsOpen: false };
      this.mounted.set(card.element, mounted);
    }
    mounted.host.setAttribute('data-theme', this.theme());
    const record = this.records.get(card.id);
    const state = this.states.get(card.id);
    const codeUrl = state?.githubRepo ?? record?.githubRepo ?? record?.codeLinks[0];
    const current = mounted;
    render(
      h(CardControls, {
        id: card.id,
        state,
        codeUrl,
        codeStars: state?.githubStars ?? record?.githubStars,
        arxivUrl: `https://arxiv.org/abs/${card.id}`,
        pdfUrl: `https://arxiv.org/pdf/${card.id}`,
        tagsOpen: current.tagsOpen,
        knownTags: this.knownTags,
        error: current.error ?? this.storeError,
        onToggleSaved: () => void this.toggleSaved(card.id),
        onToggleRead: () => void this.toggleRead(card.id),
        onOpenCode: () => codeUrl && this.host.openTab(codeUrl),
        onTagsOpenChange: (open: boolean) => void this.setTagsOpen(card, open),
        onTagsChange: (tags: string[]) => void this.setTags(card.id, tags),
      }),
      current.container,
    );
  }

  /**
   * One stylesheet shared by every card's shadow root (a `<style>` per card would be parsed 2,000 times
   * on a long page). Where constructed stylesheets are not available to us, each root gets its own.
   */
  private adoptControlsStyle(root: ShadowRoot): void {
    if (this.controlsSheet === undefined) {
      try {
        const Sheet = (this.doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
        const sheet = Sheet ? new Sheet() : null;
        sheet?.replaceSync(CONTROLS_CSS);
        this.controlsSheet = sheet;
      } catch {
        this.controlsSheet = null;
      }
    }
    if (this.controlsSheet) {
      try {
        root.adoptedStyleSheets = [this.controlsSheet];
        return;
      } catch {
        this.controlsSheet = null;
      }
    }
    const style = this.doc.createElement('style');
    style.textContent = CONTROLS_CSS;
    root.append(style);
  }

  private theme(): 'dark' | 'light' {
    return this.doc.documentElement.classList.contains('dark') ? 'dark' : 'light';
  }

  private applyTheme(): void {
    const theme = this.theme();
    for (const { host } of this.mounted.values()) host.setAttribute('data-theme', theme);
    this.help?.host.setAttribute('data-theme', theme);
  }

  private isOurs(node: Element): boolean {
    return (
      node.classList.contains('dpc-host') ||
      node.classList.contains('dpc-divider') ||
      node.id === 'dpc-page-style'
    );
  }

  // ---- actions -----------------------------------------------------------------------------

  private async toggleSaved(id: string): Promise<void> {
    const saved = !(this.states.get(id)?.saved ?? false);
    const reply = await this.call('setSaved', { id, saved, paper: this.records.get(id) }, id);
    if (reply) this.updateState(reply.state);
  }

  private async toggleRead(id: string): Promise<void> {
    const read = this.states.get(id)?.state !== 'read';
    const reply = await this.call('setRead', { id, read }, id);
    if (reply) this.updateState(reply.state);
  }

  private async setTags(id: string, tags: string[]): Promise<void> {
    const reply = await this.call('setTags', { id, tags }, id);
    if (!reply) return;
    this.updateState(reply.state);
    for (const tag of reply.state.tags) if (!this.knownTags.includes(tag)) this.knownTags.push(tag);
  }

  private async setTagsOpen(card: CardElement, open: boolean): Promise<void> {
    const mounted = this.mounted.get(card.element);
    if (!mounted) return;
    mounted.tagsOpen = open;
    this.renderControls(card);
    if (open) {
      const reply = await this.call('listTags', {});
      if (reply) {
        this.knownTags = reply.tags.map((t) => t.tag);
        this.renderControls(card);
      }
    }
  }

  /** Sends a message; a failure is shown on the card (or logged) and never thrown into the page. */
  private async call<K extends MessageName>(
    type: K,
    data: RequestOf<K>,
    id?: string,
  ): Promise<ReplyOf<K> | undefined> {
    try {
      const reply = await this.host.send(type, data);
      if (id) this.showError(id, undefined);
      return reply;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = message;
      this.host.log?.(`${type} failed: ${message}`, error);
      if (id) this.showError(id, message);
      return undefined;
    }
  }

  private showError(id: string, message: string | undefined): void {
    for (const card of this.cardsById.get(id) ?? []) {
      const mounted = this.mounted.get(card.element);
      if (mounted && mounted.error !== message) {
        mounted.error = message;
        this.renderControls(card);
      }
    }
  }

  // ---- seen --------------------------------------------------------------------------------

  private watchVisibility(element: HTMLElement): void {
    if (!this.settings.recordSeen) return;
    const view = this.doc.defaultView as (Window & typeof globalThis) | null;
    if (typeof view?.IntersectionObserver !== 'function') return;
    this.visibility ??= new view.IntersectionObserver((entries) => this.onVisibility(entries), {
      threshold: 0.5,
    });
    this.visibility.observe(element);
  }

  private onVisibility(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const id = entry.target.getAttribute('data-paper-id');
      if (!id) continue;
      const timer = this.seenTimers.get(entry.target);
      if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
        if (timer || this.states.get(id)?.state !== 'new') continue;
        this.seenTimers.set(
          entry.target,
          setTimeout(() => {
            this.seenTimers.delete(entry.target);
            this.queueSeen(id);
          }, SEEN_AFTER_MS),
        );
      } else if (timer) {
        clearTimeout(timer);
        this.seenTimers.delete(entry.target);
      }
    }
  }

  private queueSeen(id: string): void {
    if (this.states.get(id)?.state !== 'new') return;
    this.seenQueue.add(id);
    this.seenFlush ??= setTimeout(async () => {
      this.seenFlush = undefined;
      const ids = [...this.seenQueue];
      this.seenQueue = new Set();
      const reply = await this.call('markSeen', { ids });
      for (const state of reply?.states ?? []) this.updateState(state);
    }, 250);
  }

  // ---- keyboard ----------------------------------------------------------------------------

  private handleKey(event: KeyboardEvent): void {
    if (!this.settings.keyboardShortcuts || event.defaultPrevented || !this.variant) return;
    const action = triageAction(event);
    if (!action) return;
    if (action === 'close') {
      if (this.help) {
        this.closeHelp();
        event.preventDefault();
      } else if (this.focusIndex >= 0) this.setFocus(-1);
      return;
    }
    event.preventDefault();
    const visible = this.order.filter(
      (card) => card.element.isConnected && card.wrapper.offsetParent !== null,
    );
    const cards = visible.length ? visible : this.order;
    const focused = this.order[this.focusIndex];
    switch (action) {
      case 'help':
        if (this.help) this.closeHelp();
        else this.openHelp();
        return;
      case 'next':
      case 'previous': {
        const at = focused ? cards.indexOf(focused) : -1;
        const next = action === 'next' ? Math.min(at + 1, cards.length - 1) : Math.max(at - 1, 0);
        const target = cards[next];
        if (target) this.setFocus(this.order.indexOf(target));
        return;
      }
    }
    const card = focused ?? (this.variant === 'paper' ? this.order[0] : undefined);
    if (!card) return;
    switch (action) {
      case 'save':
        void this.toggleSaved(card.id);
        break;
      case 'read':
        void this.toggleRead(card.id);
        break;
      case 'open':
        if (this.variant !== 'paper') this.host.navigate(paperPageUrl(card.id));
        break;
      case 'code': {
        const record = this.records.get(card.id);
        const url = this.states.get(card.id)?.githubRepo ?? record?.githubRepo ?? record?.codeLinks[0];
        if (url) this.host.openTab(url);
        break;
      }
      case 'tags':
        void this.setTagsOpen(card, true);
        break;
    }
  }

  private setFocus(index: number): void {
    const previous = this.order[this.focusIndex];
    previous?.element.removeAttribute('data-dpc-focused');
    this.focusIndex = index;
    const card = this.order[index];
    if (!card) return;
    card.element.setAttribute('data-dpc-focused', 'true');
    if (!card.element.hasAttribute('tabindex')) card.element.setAttribute('tabindex', '-1');
    card.element.focus({ preventScroll: true });
    card.element.scrollIntoView?.({ block: 'nearest' });
  }

  private openHelp(): void {
    const host = this.doc.createElement('div');
    host.className = 'dpc-host';
    host.setAttribute('data-theme', this.theme());
    const root = host.attachShadow({ mode: 'open' });
    const container = this.doc.createElement('div');
    this.adoptControlsStyle(root);
    root.append(container);
    (this.doc.body ?? this.doc.documentElement).append(host);
    this.help = { host, container };
    render(h(KeyHelp, { onClose: () => this.closeHelp() }), container);
  }

  private closeHelp(): void {
    if (!this.help) return;
    render(null, this.help.container);
    this.help.host.remove();
    this.help = undefined;
  }
}
