/**
 * The marks: each card carries its paper's id, reading state, saved flag and "new" as `data-*`
 * attributes, which the page stylesheet (styles.ts) draws; on a day's, week's or month's list a
 * divider says where the papers seen before begin.
 */
import { formatNumber, plural } from '../i18n';
import type { Settings } from '../model/settings';
import type { PageVariant, PaperCard } from '../site/index';
import { DIVIDER_CLASS, type OverlayPage, PAGE_STYLE_ID, type PageListener } from './page';
import { PAGE_CSS } from './styles';

/** Lists ordered by when papers came, where "seen before" begins somewhere. */
const LIST_VARIANTS_WITH_DIVIDER: ReadonlySet<PageVariant> = new Set(['daily', 'week', 'month']);

/** Our attributes on a card. */
const CARD_ATTRIBUTES = ['data-paper-id', 'data-reading-state', 'data-saved', 'data-dpc-new'];
/** Our attribute on a card's wrapper, which the "hide read papers" style hides. */
const WRAP_ATTRIBUTE = 'data-dpc-wrap-state';

/** Marks the cards of one page and places the divider. */
export class Marks implements PageListener {
  private divider: HTMLElement | undefined;
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
    for (const card of this.page.order) this.mark(card);
    if (this.page.order.length) this.settled();
  }

  /** Removes the stylesheet and the divider; without the stylesheet the cards' attributes draw nothing. */
  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.removeDivider();
    this.page.doc.getElementById(PAGE_STYLE_ID)?.remove();
  }

  /** Sets the page's overlay style (dim or hide read papers). */
  settingsChanged(settings: Settings): void {
    this.page.doc.documentElement.setAttribute('data-dpc-style', settings.overlayStyle);
  }

  /** Marks new cards. */
  cardsAdded(cards: readonly PaperCard[]): void {
    for (const card of cards) this.mark(card);
  }

  /** Marks a paper's cards again. */
  stateChanged(_id: string, cards: readonly PaperCard[]): void {
    for (const card of cards) this.mark(card);
  }

  /** Places the divider once a batch is applied (it looks at every card). */
  settled(): void {
    this.placeDivider();
  }

  /** Unmarks the previous page's cards. */
  pageReset(cards: readonly PaperCard[]): void {
    for (const card of cards) {
      for (const name of CARD_ATTRIBUTES) card.element.removeAttribute(name);
      card.wrapper.removeAttribute(WRAP_ATTRIBUTE);
    }
    this.removeDivider();
  }

  private mark(card: PaperCard): void {
    const state = this.page.states.get(card.id);
    const el = card.element;
    const reading = state?.state ?? 'new';
    el.setAttribute('data-paper-id', card.id);
    el.setAttribute('data-reading-state', reading);
    el.setAttribute('data-saved', String(state?.saved ?? false));
    el.setAttribute('data-dpc-new', String(Boolean(state?.isNew) && reading !== 'read'));
    card.wrapper.setAttribute(WRAP_ATTRIBUTE, reading);
  }

  /** Puts the divider before the first card after the last new one; none when no new paper is above a seen one. */
  private placeDivider(): void {
    const { variant, order, states, doc } = this.page;
    if (!variant || !LIST_VARIANTS_WITH_DIVIDER.has(variant)) return;
    let lastNew = -1;
    order.forEach((card, index) => {
      const state = states.get(card.id);
      if (state?.isNew && state.state !== 'read') lastNew = index;
    });
    const firstSeen = lastNew >= 0 ? order[lastNew + 1] : undefined;
    if (!firstSeen) {
      this.removeDivider();
      return;
    }
    if (!this.divider) {
      this.divider = doc.createElement('div');
      this.divider.className = DIVIDER_CLASS;
      this.divider.setAttribute('role', 'separator');
    }
    const below = order.length - lastNew - 1;
    const { t } = this.page.host;
    this.divider.textContent = plural(t, 'overlayDivider', below);
    this.divider.setAttribute('aria-label', t('overlayDividerLabel', formatNumber(t, below)));
    if (firstSeen.wrapper.previousElementSibling !== this.divider) firstSeen.wrapper.before(this.divider);
  }

  private removeDivider(): void {
    this.divider?.remove();
    this.divider = undefined;
  }
}
