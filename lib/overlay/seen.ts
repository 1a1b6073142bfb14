/**
 * Seen: a new card half on screen for {@link SEEN_AFTER_MS} counts as seen; the ids are sent in one
 * request a little later, so scrolling past many cards costs one round trip.
 */
import type { Settings } from '../model/settings';
import type { PaperCard } from '../site/index';
import type { OverlayPage, PageListener } from './page';

/** How long a card must be half on screen to count as seen. */
export const SEEN_AFTER_MS = 1000;
/** How long seen ids are collected before one request sends them. */
const SEEN_FLUSH_MS = 250;

/** Records the cards the user has seen, while the settings ask for it. */
export class Seen implements PageListener {
  private visibility: IntersectionObserver | undefined;
  private readonly timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private queue = new Set<string>();
  private flush: ReturnType<typeof setTimeout> | undefined;
  private unlisten: (() => void) | undefined;

  constructor(private readonly page: OverlayPage) {}

  /** Watches the cards already known, and every card added later. */
  start(): void {
    this.unlisten = this.page.listen(this);
    for (const card of this.page.order) this.watch(card.element);
  }

  /** Stops watching; ids not sent yet are dropped. */
  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.unwatchAll();
    clearTimeout(this.flush);
    this.flush = undefined;
  }

  /** Watches new cards. */
  cardsAdded(cards: readonly PaperCard[]): void {
    for (const card of cards) this.watch(card.element);
  }

  /** Stops at once when recording is turned off; watches every card when it is turned on. */
  settingsChanged(settings: Settings, previous: Settings): void {
    if (!settings.recordSeen) this.unwatchAll();
    else if (!previous.recordSeen || !this.visibility) {
      for (const card of this.page.order) this.watch(card.element);
    }
  }

  /** Forgets the previous page's cards. */
  pageReset(): void {
    this.visibility?.disconnect();
    this.visibility = undefined;
  }

  private unwatchAll(): void {
    this.visibility?.disconnect();
    this.visibility = undefined;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private watch(element: HTMLElement): void {
    if (!this.page.settings.recordSeen) return;
    const view = this.page.doc.defaultView as (Window & typeof globalThis) | null;
    if (typeof view?.IntersectionObserver !== 'function') return;
    this.visibility ??= new view.IntersectionObserver((entries) => this.onVisibility(entries), {
      threshold: 0.5,
    });
    this.visibility.observe(element);
  }

  private onVisibility(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const id = this.page.cardOf(entry.target)?.id;
      if (!id) continue;
      const timer = this.timers.get(entry.target);
      if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
        if (timer || this.page.states.get(id)?.state !== 'new') continue;
        this.timers.set(
          entry.target,
          setTimeout(() => {
            this.timers.delete(entry.target);
            this.queueSeen(id);
          }, SEEN_AFTER_MS),
        );
      } else if (timer) {
        clearTimeout(timer);
        this.timers.delete(entry.target);
      }
    }
  }

  private queueSeen(id: string): void {
    if (this.page.states.get(id)?.state !== 'new') return;
    this.queue.add(id);
    this.flush ??= setTimeout(async () => {
      this.flush = undefined;
      const ids = [...this.queue];
      this.queue = new Set();
      const askedAt = this.page.stamp();
      const reply = await this.page.call('markSeen', { ids });
      for (const state of reply?.states ?? []) this.page.updateState(state, askedAt);
    }, SEEN_FLUSH_MS);
  }
}
