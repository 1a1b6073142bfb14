/**
 * The page state every part of the overlay shares: which page this is, its cards in page order,
 * the papers' states and records, and the one way to reach the background. The scan (overlay.ts)
 * fills it; the parts (marks, controls, seen, keyboard) read it and hear its changes through
 * {@link PageListener}, so each can run without the others.
 */
import type { Translate } from '../i18n';
import type { MessageName, ReplyOf, RequestOf } from '../messages/protocol';
import type { Filters } from '../model/filters';
import type { ForYouScore } from '../model/for-you';
import { type PaperRecord, type PaperState, samePaperState } from '../model/paper';
import type { Settings } from '../model/settings';
import type { PageVariant, PaperCard } from '../site/index';

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
  /** The UI's words (the browser's i18n in the extension). */
  t: Translate;
  /** Reports an error that must not break the page. */
  log?: (message: string, error?: unknown) => void;
  /**
   * Stores the filters `change` makes of the stored ones (the settings; `updateFilters` in lib/settings)
   * and gives them back. Without it, cards offer no menu of mute and follow rules.
   */
  updateFilters?: (change: (filters: Filters) => Filters) => Promise<Filters>;
}

/** The class of every element holding one of our shadow roots (controls, the keys' help). */
export const HOST_CLASS = 'dpc-host';
/** The class of the "seen before" divider. */
export const DIVIDER_CLASS = 'dpc-divider';
/** The id of our page stylesheet. */
export const PAGE_STYLE_ID = 'dpc-page-style';

/** Whether `element` is one the overlay added (its mutations are not the page's). */
export function isOverlayElement(element: Element): boolean {
  return (
    element.classList.contains(HOST_CLASS) ||
    element.classList.contains(DIVIDER_CLASS) ||
    element.id === PAGE_STYLE_ID
  );
}

/** What a part of the overlay hears from the page; every method is optional. */
export interface PageListener {
  /** Cards were added (already in the page's order, with the states known so far). */
  cardsAdded?(cards: readonly PaperCard[]): void;
  /** Paper `id` has a new state; `cards` are its cards on the page. */
  stateChanged?(id: string, cards: readonly PaperCard[]): void;
  /** A batch of cards or states is applied: the time for work over the whole list. */
  settled?(): void;
  /** The address changed: `cards` were the previous page's, now forgotten. */
  pageReset?(cards: readonly PaperCard[]): void;
  /** New settings, in force from now; `previous` were until now. */
  settingsChanged?(settings: Settings, previous: Settings): void;
  /** A request about paper `id` failed with `message`, or succeeded again (undefined). */
  errorChanged?(id: string, message: string | undefined): void;
}

/** Whether two states draw the same card. */
function sameState(a: PaperState, b: PaperState): boolean {
  return a.isNew === b.isNew && samePaperState(a, b);
}

/** The state of one tab's papers page, shared by the overlay's parts. */
export class OverlayPage {
  readonly doc: Document;
  /** The address read last. */
  url = '';
  /** Its variant; undefined on a page the reader does not know (the overlay then does nothing). */
  variant: PageVariant | undefined;
  /** Every card handled on this page, in page order. */
  readonly order: PaperCard[] = [];
  /** The cards of each paper (a paper can be shown twice). */
  readonly cardsById = new Map<string, PaperCard[]>();
  readonly states = new Map<string, PaperState>();
  readonly records = new Map<string, PaperRecord>();
  /** "For you" scores of the page's papers, once ranked (for-you.ts). */
  readonly forYou = new Map<string, ForYouScore>();
  /** Why the store could not be reached, shown on every card until it answers again. */
  storeError: string | undefined;
  /** The message of the last request that failed. */
  lastError: string | undefined;
  private currentSettings: Settings;
  private cardByElement = new WeakMap<Element, PaperCard>();
  private readonly listeners = new Set<PageListener>();

  constructor(
    readonly host: OverlayHost,
    settings: Settings,
  ) {
    this.doc = host.doc;
    this.currentSettings = settings;
  }

  /** The settings in force. */
  get settings(): Settings {
    return this.currentSettings;
  }

  /** Adds a listener; returns what removes it. */
  listen(listener: PageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the page for the one at `url` (the site navigates without reloading). */
  reset(url: string, variant: PageVariant | undefined): void {
    const previous = [...this.order];
    this.url = url;
    this.variant = variant;
    this.order.length = 0;
    this.cardsById.clear();
    this.states.clear();
    this.records.clear();
    this.forYou.clear();
    this.cardByElement = new WeakMap();
    for (const listener of this.listeners) listener.pageReset?.(previous);
  }

  /** Adds cards read from the page, keeping the page order. */
  addCards(cards: readonly PaperCard[]): void {
    for (const card of cards) {
      const list = this.cardsById.get(card.id) ?? [];
      list.push(card);
      this.cardsById.set(card.id, list);
      this.order.push(card);
      this.cardByElement.set(card.element, card);
    }
    this.order.sort((a, b) => (a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1));
    for (const listener of this.listeners) listener.cardsAdded?.(cards);
  }

  /** The card whose element is `element`, if any was added. */
  cardOf(element: Element): PaperCard | undefined {
    return this.cardByElement.get(element);
  }

  /** States taken so far, counted; see {@link stamp}. */
  private statesTaken = 0;
  /** When (in {@link statesTaken}) each paper's state was last taken. */
  private readonly takenAt = new Map<string, number>();

  /**
   * A stamp of now, for a request whose answer may come after a newer state of the same paper (another tab's
   * or the popup's write, on the change feed): pass it to {@link updateState} with the answer.
   */
  stamp(): number {
    return this.statesTaken;
  }

  /**
   * Takes a paper's new state; the parts hear of it only when it draws differently. With `askedAt` (a
   * {@link stamp} taken when the request went), an answer is dropped when a state of the paper was taken
   * since: it may be older than that one, and every write's own state follows on the change feed, in order.
   */
  updateState(state: PaperState, askedAt?: number): void {
    if (askedAt !== undefined && (this.takenAt.get(state.id) ?? 0) > askedAt) return;
    this.statesTaken++;
    this.takenAt.set(state.id, this.statesTaken);
    const previous = this.states.get(state.id);
    // Only the page's own observation knows what is new on this list.
    const merged: PaperState = { ...state, isNew: state.isNew ?? previous?.isNew };
    if (previous && sameState(previous, merged)) return;
    this.states.set(state.id, merged);
    const cards = this.cardsById.get(state.id) ?? [];
    for (const listener of this.listeners) listener.stateChanged?.(state.id, cards);
  }

  /** Says a batch of cards or states is applied. */
  settle(): void {
    for (const listener of this.listeners) listener.settled?.();
  }

  /** Applies new settings at once. */
  applySettings(settings: Settings): void {
    const previous = this.currentSettings;
    this.currentSettings = settings;
    for (const listener of this.listeners) listener.settingsChanged?.(settings, previous);
  }

  /** The paper's code repository: the store's, else the page's main repository, else its first code link. */
  codeUrl(id: string): string | undefined {
    const record = this.records.get(id);
    return this.states.get(id)?.githubRepo ?? record?.githubRepo ?? record?.codeLinks[0];
  }

  /**
   * Sends a message; a failure is logged (and, for a request about paper `id`, shown on its cards)
   * and never thrown into the page.
   */
  async call<K extends MessageName>(
    type: K,
    data: RequestOf<K>,
    id?: string,
  ): Promise<ReplyOf<K> | undefined> {
    try {
      const reply = await this.host.send(type, data);
      if (id) this.errorChanged(id, undefined);
      return reply;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = message;
      this.host.log?.(`${type} failed: ${message}`, error);
      if (id) this.errorChanged(id, message);
      return undefined;
    }
  }

  private errorChanged(id: string, message: string | undefined): void {
    for (const listener of this.listeners) listener.errorChanged?.(id, message);
  }
}
