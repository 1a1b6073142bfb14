/**
 * The marks: each card carries its paper's id, reading state, saved flag and "new" as `data-*`
 * attributes, which the page stylesheet (styles.ts) draws. On a day's, week's or month's list whose
 * new papers all come first, a band on the first card seen before says so; when read papers are
 * hidden, a line where each run of them was says how many and shows them again.
 */
import { h, render } from 'preact';
import { HiddenReadNote } from '../../components/HiddenReadNote';
import { formatNumber, plural } from '../i18n';
import { showsAsNew } from '../model/paper';
import type { Settings } from '../model/settings';
import type { PageVariant, PaperCard } from '../site/index';
import { DIVIDER_CLASS, type OverlayPage, PAGE_STYLE_ID, type PageListener } from './page';
import { createShadowMount, pageTheme, type ShadowMount } from './shadow';
import { PAGE_CSS } from './styles';

/** Lists ordered by when papers came, where "seen before" begins somewhere. */
const LIST_VARIANTS_WITH_DIVIDER: ReadonlySet<PageVariant> = new Set(['daily', 'week', 'month']);

/** Our attributes on a card. */
const CARD_ATTRIBUTES = [
  'data-paper-id',
  'data-reading-state',
  'data-saved',
  'data-dpc-new',
  'data-dismissed',
];
/** Our attribute on a card's wrapper, which the "hide read papers" style hides. */
const WRAP_ATTRIBUTE = 'data-dpc-wrap-state';
/** On the wrappers of a run of hidden read papers the reader chose to show again. */
const SHOWN_ATTRIBUTE = 'data-dpc-shown';
/** The page's variant, on the root element: the stylesheet draws no marks on a paper's own page. */
const VARIANT_ATTRIBUTE = 'data-dpc-variant';

/** One run of consecutive read cards and the line that stands where they are hidden. */
interface HiddenRun {
  first: PaperCard;
  cards: PaperCard[];
  mount: ShadowMount;
}

/** Marks the cards of one page and places the divider and the hidden-papers lines. */
export class Marks implements PageListener {
  private divider: HTMLElement | undefined;
  /** Runs of hidden read cards, by the element of their first card. */
  private runs = new Map<Element, HiddenRun>();
  /** First cards of the runs the reader showed again (kept when the runs are counted anew). */
  private shownRuns = new WeakSet<Element>();
  private runsPending = false;
  private unlisten: (() => void) | undefined;

  constructor(private readonly page: OverlayPage) {}

  /** Adds the page stylesheet and marks the cards already known. */
  start(): void {
    const { doc } = this.page;
    const style = doc.createElement('style');
    style.id = PAGE_STYLE_ID;
    style.textContent = PAGE_CSS;
    (doc.head ?? doc.documentElement).append(style);
    this.settingsChanged(this.page.settings);
    this.unlisten = this.page.listen(this);
    this.setVariant();
    for (const card of this.page.order) this.mark(card);
    if (this.page.order.length) this.settled();
  }

  /** Removes the stylesheet, the divider and the lines; without the stylesheet the attributes draw nothing. */
  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.removeDivider();
    this.removeRuns();
    this.page.doc.getElementById(PAGE_STYLE_ID)?.remove();
    this.page.doc.documentElement.removeAttribute(VARIANT_ATTRIBUTE);
  }

  /** Sets the page's overlay style (dim or hide read papers). */
  settingsChanged(settings: Settings, previous?: Settings): void {
    this.page.doc.documentElement.setAttribute('data-dpc-style', settings.overlayStyle);
    if (previous && previous.overlayStyle !== settings.overlayStyle) this.placeRuns();
  }

  /** Marks new cards. */
  cardsAdded(cards: readonly PaperCard[]): void {
    for (const card of cards) this.mark(card);
  }

  /** Marks a paper's cards again; the lines are counted again once the change is over. */
  stateChanged(_id: string, cards: readonly PaperCard[]): void {
    for (const card of cards) this.mark(card);
    if (this.runsPending) return;
    this.runsPending = true;
    queueMicrotask(() => {
      this.runsPending = false;
      if (this.unlisten) this.placeRuns();
    });
  }

  /** Places the divider and the lines once a batch is applied (they look at every card). */
  settled(): void {
    this.placeDivider();
    this.placeRuns();
  }

  /** Unmarks the previous page's cards. */
  pageReset(cards: readonly PaperCard[]): void {
    for (const card of cards) {
      for (const name of CARD_ATTRIBUTES) card.element.removeAttribute(name);
      card.wrapper.removeAttribute(WRAP_ATTRIBUTE);
      card.wrapper.removeAttribute(SHOWN_ATTRIBUTE);
    }
    this.removeDivider();
    this.removeRuns();
    this.shownRuns = new WeakSet();
    this.setVariant();
  }

  private setVariant(): void {
    const root = this.page.doc.documentElement;
    if (this.page.variant) root.setAttribute(VARIANT_ATTRIBUTE, this.page.variant);
    else root.removeAttribute(VARIANT_ATTRIBUTE);
  }

  private mark(card: PaperCard): void {
    const state = this.page.states.get(card.id);
    const el = card.element;
    const reading = state?.state ?? 'new';
    el.setAttribute('data-paper-id', card.id);
    el.setAttribute('data-reading-state', reading);
    el.setAttribute('data-saved', String(state?.saved ?? false));
    el.setAttribute('data-dpc-new', String(this.isNew(card)));
    el.setAttribute('data-dismissed', String(state?.dismissed === true));
    card.wrapper.setAttribute(WRAP_ATTRIBUTE, reading);
  }

  private isNew(card: PaperCard): boolean {
    return showsAsNew(this.page.states.get(card.id));
  }

  /**
   * Puts the divider on the first card after the new ones, only when every new card comes before every
   * other card (elsewhere "seen before below" would not be true); it counts the cards below exactly. It
   * is a band inside that card's cell, so the site's grid keeps its cells.
   */
  private placeDivider(): void {
    const { variant, order, doc } = this.page;
    const newCount = order.findIndex((card) => !this.isNew(card));
    const firstSeen = newCount > 0 ? order[newCount] : undefined;
    const listed = variant !== undefined && LIST_VARIANTS_WITH_DIVIDER.has(variant);
    if (!listed || !firstSeen || order.slice(newCount).some((card) => this.isNew(card))) {
      this.removeDivider();
      return;
    }
    if (!this.divider) {
      this.divider = doc.createElement('div');
      this.divider.className = DIVIDER_CLASS;
      this.divider.setAttribute('role', 'separator');
    }
    const below = order.length - newCount;
    const { t } = this.page.host;
    this.divider.textContent = plural(t, 'overlayDivider', below);
    this.divider.setAttribute('aria-label', t('overlayDividerLabel', formatNumber(t, below)));
    const { element, wrapper } = firstSeen;
    // Inside the cell: before the card when the card has a cell of its own, else its first child.
    const [parent, next] = wrapper === element ? [element, element.firstChild] : [wrapper, element];
    if (this.divider.parentNode !== parent || this.divider.nextSibling !== next)
      parent.insertBefore(this.divider, next);
  }

  private removeDivider(): void {
    this.divider?.remove();
    this.divider = undefined;
  }

  /**
   * With read papers hidden, a line stands where each run of consecutive read cards was: "3 read papers
   * hidden · Show". Showing brings that run back (the line then hides it again). Without the hide style,
   * no line.
   */
  private placeRuns(): void {
    const { order, settings, variant } = this.page;
    const wanted = new Map<Element, PaperCard[]>();
    if (settings.overlayStyle === 'hide' && variant && variant !== 'paper') {
      let run: PaperCard[] | undefined;
      for (const card of order) {
        if (this.page.states.get(card.id)?.state !== 'read') {
          run = undefined;
          continue;
        }
        if (!run) {
          run = [];
          wanted.set(card.element, run);
        }
        run.push(card);
      }
    }
    for (const [element, run] of this.runs) {
      if (wanted.has(element)) continue;
      this.removeRun(run);
      this.runs.delete(element);
    }
    for (const [element, cards] of wanted) {
      let run = this.runs.get(element);
      if (!run) {
        run = { first: cards[0] as PaperCard, cards, mount: createShadowMount(this.page.doc) };
        this.runs.set(element, run);
      }
      for (const card of run.cards) if (!cards.includes(card)) card.wrapper.removeAttribute(SHOWN_ATTRIBUTE);
      run.cards = cards;
      this.drawRun(run);
    }
  }

  private drawRun(run: HiddenRun): void {
    const shown = this.shownRuns.has(run.first.element);
    for (const card of run.cards) {
      if (shown) card.wrapper.setAttribute(SHOWN_ATTRIBUTE, '');
      else card.wrapper.removeAttribute(SHOWN_ATTRIBUTE);
    }
    const { host, container } = run.mount;
    host.setAttribute('data-dpc-hidden-run', String(run.cards.length));
    host.setAttribute('data-theme', pageTheme(this.page.doc));
    const wrapper = run.first.wrapper;
    if (host.nextSibling !== wrapper) wrapper.before(host);
    const toggle = () => {
      if (this.shownRuns.has(run.first.element)) this.shownRuns.delete(run.first.element);
      else this.shownRuns.add(run.first.element);
      this.drawRun(run);
    };
    render(
      h(HiddenReadNote, { count: run.cards.length, shown, onToggle: toggle, t: this.page.host.t }),
      container,
    );
  }

  private removeRun(run: HiddenRun): void {
    render(null, run.mount.container);
    run.mount.host.remove();
    for (const card of run.cards) card.wrapper.removeAttribute(SHOWN_ATTRIBUTE);
  }

  private removeRuns(): void {
    for (const run of this.runs.values()) this.removeRun(run);
    this.runs.clear();
  }
}
