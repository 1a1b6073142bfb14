/**
 * The first paint: every card carries its reading state in the first frame that shows it. From
 * `document_start`, before the page has parsed, this reads the state index the background keeps in
 * `storage.local` (lib/model/state-index.ts: the list's visits and the months its papers come from, no
 * message, no background woken) and marks each card as the parser inserts it (site/arriving.ts). Until the
 * index has come, cards not yet marked are held invisible, for at most {@link HOLD_MAX_MS}: if anything
 * fails, the site's cards show unmarked and the overlay marks them after its round trip, as without an index.
 * The overlay (overlay.ts) then takes over with the store's full states; it draws the same marks.
 */

import type { PaperState } from '../model/paper';
import { parseSettings, type Settings } from '../model/settings';
import {
  entryState,
  INDEX_META_KEY,
  INDEX_PAGES_KEY,
  type IndexEntry,
  type IndexPages,
  indexKeyOf,
  indexMonthOf,
  isCurrentIndex,
  isMonthValue,
  lookupEntry,
  pageRowOf,
} from '../model/state-index';
import { isNewOnPage, type PageRow, touchVisit } from '../model/visits';
import { SETTINGS_KEY } from '../settings';
import {
  detectVariant,
  likelyArxivMonths,
  type PaperCard,
  pageKeyFromUrl,
  watchArrivingCards,
} from '../site/index';
import { addPageStyle, VARIANT_ATTRIBUTE, writeCardMarks } from './marks';

/**
 * Longest a card is held invisible while the index is on its way. Chromium answers the read within
 * ~20 ms; Firefox answers a content script's storage read only once the parser yields, measured at about
 * 500 ms after the page's start for a 240-card list: the bound covers that, and applies only while the
 * index has not come (a missing or corrupt index, or a failed read, releases the cards at once).
 */
export const HOLD_MAX_MS = 1000;
/** On the root element while cards not yet marked are held invisible. */
export const HOLD_ATTRIBUTE = 'data-dpc-hold';
/** The id of the hold's stylesheet. */
const HOLD_STYLE_ID = 'dpc-hold-style';
/** Hides a card not yet marked, keeping its place (no layout shift when it shows). */
const HOLD_CSS = `html[${HOLD_ATTRIBUTE}] article:not([data-reading-state]) { visibility: hidden !important; }`;

/** The user timing marks of the first paint: its start, and the index read (the cards' states known). */
export const FIRST_PAINT_MARKS = { start: 'dpc:first-paint', indexRead: 'dpc:index-read' } as const;

/** What the first paint needs from the browser. */
export interface FirstPaintHost {
  doc: Document;
  url: string;
  now: number;
  /** Reads values of `storage.local`. */
  readLocal: (keys: string[]) => Promise<Record<string, unknown>>;
  /** The current address (the site navigates without reloading); the first paint marks only its own page. */
  currentUrl?: () => string;
  log?: (message: string, error?: unknown) => void;
}

/** What the index told about the page, for the overlay that takes over. */
export interface FirstPaintReading {
  /** The settings, read with the index. */
  settings: Settings;
  /**
   * The index's entry of a paper; undefined when the store does not know it, or the index could not say
   * (no index, a month not read): the overlay then sends the paper's record whole.
   */
  entry(id: string): IndexEntry | undefined;
  /** Whether the index was read (else nothing was marked before the overlay's round trip). */
  indexed: boolean;
}

/** One page load's first paint. */
export class FirstPaint {
  private readonly variant;
  private readonly pageKey;
  private months = new Map<string, string | undefined>();
  private pending: PaperCard[] = [];
  private fetching = new Set<string>();
  private visit: PageRow | undefined;
  private indexed = false;
  private settings: Settings | undefined;
  private stopWatching: (() => void) | undefined;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private knownState: ((id: string) => PaperState | undefined) | undefined;
  private readonly ready: Promise<FirstPaintReading>;
  private resolveReady!: (reading: FirstPaintReading) => void;

  constructor(private readonly host: FirstPaintHost) {
    this.variant = detectVariant(host.url);
    this.pageKey = pageKeyFromUrl(host.url);
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  /** Starts at once: holds, watches and reads. Never throws; resolves when the index was read or not. */
  start(): Promise<FirstPaintReading> {
    // User timing marks (the page's timeline): how long the index took to read, for `npm run bench`.
    this.host.doc.defaultView?.performance?.mark?.(FIRST_PAINT_MARKS.start);
    try {
      this.begin();
    } catch (error) {
      this.host.log?.('first paint failed', error);
      this.release();
      this.finish(undefined);
    }
    return this.ready;
  }

  /** Stops watching the page and lets every card show (the overlay marks from here). */
  stop(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.release();
  }

  /**
   * From now on, a card that arrives takes the state the overlay holds for its paper, when it holds one
   * (fresher than the index); the index serves the others.
   */
  deferTo(knownState: (id: string) => PaperState | undefined): void {
    this.knownState = knownState;
  }

  private begin(): void {
    const { doc } = this.host;
    const root = doc.documentElement;
    // A list's cards are marked; a paper's own page draws no marks, so nothing there is held.
    const list = this.variant !== undefined && this.variant !== 'paper';
    // The read goes first: its answer waits behind the page's parsing anyway, and the work below is done
    // while it travels instead of before it leaves.
    const months = list ? likelyArxivMonths(this.host.url, this.host.now) : [];
    const keys = [SETTINGS_KEY, INDEX_META_KEY, INDEX_PAGES_KEY, ...months.map(indexKeyOf)];
    const read = this.host.readLocal(keys);
    if (this.variant) root.setAttribute(VARIANT_ATTRIBUTE, this.variant);
    if (list) {
      // The release is armed first, so whatever fails after, the cards show within the bound.
      this.holdTimer = setTimeout(() => this.release(), HOLD_MAX_MS);
      root.setAttribute(HOLD_ATTRIBUTE, '');
      const hold = doc.createElement('style');
      hold.id = HOLD_STYLE_ID;
      hold.textContent = HOLD_CSS;
      root.append(hold);
      addPageStyle(doc);
      this.stopWatching = watchArrivingCards(doc, (cards) => this.arrived(cards));
    }
    read.then(
      (values) => this.indexRead(values, months),
      (error) => {
        this.host.log?.('state index not read', error);
        this.release();
        this.finish(undefined);
      },
    );
  }

  private indexRead(values: Record<string, unknown>, months: string[]): void {
    this.settings = parseSettings(values[SETTINGS_KEY]);
    this.host.doc.documentElement.setAttribute('data-dpc-style', this.settings.overlayStyle);
    if (!isCurrentIndex(values[INDEX_META_KEY])) {
      // No index yet (a first run, an older format being rebuilt): the overlay marks after its round trip.
      this.stop();
      this.finish(undefined);
      return;
    }
    this.indexed = true;
    for (const month of months) this.keepMonth(month, values[indexKeyOf(month)]);
    this.host.doc.defaultView?.performance?.mark?.(FIRST_PAINT_MARKS.indexRead);
    const pages = values[INDEX_PAGES_KEY] as IndexPages | undefined;
    if (this.pageKey !== undefined) {
      const stored = typeof pages === 'object' && pages !== null ? pages[this.pageKey] : undefined;
      // The visit as the store will record it now, so "new" reads the same from both.
      this.visit = touchVisit(pageRowOf(this.pageKey, stored), this.pageKey, this.host.now);
    }
    const waiting = this.pending;
    this.pending = [];
    this.arrived(waiting);
    this.finish({ settings: this.settings, entry: (id) => this.entry(id), indexed: true });
    this.releaseWhenParsed();
  }

  /** See {@link FirstPaintReading.entry}. */
  entry(id: string): IndexEntry | undefined {
    const month = indexMonthOf(id);
    const text = month === undefined ? undefined : this.months.get(month);
    return text === undefined ? undefined : lookupEntry(text, id);
  }

  private keepMonth(month: string, value: unknown): void {
    // A month with no value holds no paper; a value of another shape is not trusted (its cards wait for the store).
    if (value === undefined) this.months.set(month, '');
    else if (isMonthValue(value)) this.months.set(month, value);
    else this.months.set(month, undefined);
  }

  private arrived(cards: readonly PaperCard[]): void {
    if (this.host.currentUrl && this.host.currentUrl() !== this.host.url) {
      this.stop();
      return;
    }
    if (!this.indexed) {
      this.pending.push(...cards);
      return;
    }
    const missing = new Set<string>();
    for (const card of cards) {
      const month = indexMonthOf(card.id);
      if (month !== undefined && !this.months.has(month)) {
        missing.add(month);
        this.pending.push(card);
        continue;
      }
      if (month !== undefined && this.months.get(month) === undefined) continue;
      // Marks already written (the overlay's, from the store) are never overwritten from the index.
      if (card.element.hasAttribute('data-reading-state')) continue;
      writeCardMarks(card, this.knownState?.(card.id) ?? this.stateOf(card.id));
    }
    if (missing.size) this.readMonths([...missing]);
  }

  /** Reads months the guess missed, for cards that came from them (they stay held meanwhile). */
  private readMonths(months: string[]): void {
    const wanted = months.filter((month) => !this.fetching.has(month));
    if (!wanted.length) return;
    for (const month of wanted) this.fetching.add(month);
    this.host.readLocal(wanted.map(indexKeyOf)).then(
      (values) => {
        for (const month of wanted) {
          this.fetching.delete(month);
          this.keepMonth(month, values[indexKeyOf(month)]);
        }
        const waiting = this.pending;
        this.pending = [];
        this.arrived(waiting);
        this.releaseWhenParsed();
      },
      (error) => {
        this.host.log?.('state index month not read', error);
        for (const month of wanted) this.months.set(month, undefined);
        this.release();
      },
    );
  }

  private stateOf(id: string): PaperState {
    const entry = this.entry(id);
    const visitedBefore = this.visit?.previousVisitAt !== undefined;
    if (entry === undefined) return { id, state: 'new', saved: false, tags: [], isNew: visitedBefore };
    const state = entryState(entry);
    const isNew =
      this.visit !== undefined && isNewOnPage({ state, firstSeenAt: entry.firstSeenAt }, this.visit);
    const known: PaperState = { id, state, saved: entry.saved, tags: [], isNew };
    if (entry.dismissed) known.dismissed = true;
    return known;
  }

  /** Lets the held cards show once the page has parsed and no month is on its way. */
  private releaseWhenParsed(): void {
    const { doc } = this.host;
    const done = () => {
      if (this.fetching.size === 0) this.release();
    };
    if (doc.readyState !== 'loading') done();
    else doc.addEventListener('DOMContentLoaded', done, { once: true });
  }

  private release(): void {
    clearTimeout(this.holdTimer);
    // The rule stays: it holds nothing without the attribute, and removing a stylesheet makes the browser
    // look at every element of the page at once (measured: ~200 ms for 2,000 cards in Chromium).
    this.host.doc.documentElement.removeAttribute(HOLD_ATTRIBUTE);
  }

  private finish(reading: FirstPaintReading | undefined): void {
    this.resolveReady(
      reading ?? {
        settings: this.settings ?? parseSettings(undefined),
        entry: () => undefined,
        indexed: false,
      },
    );
  }
}
