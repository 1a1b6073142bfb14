/**
 * "For you" on a papers list (issue 14): asks the background to rank the list's papers, gives each card
 * its chip (drawn by the card's controls, from `page.forYou`), and puts a "Sort: for you" toggle above the
 * list, which moves the cards' cells into the ranked order and back into the site's. While too few papers
 * are liked, the bar says so and the order stays. Nothing of the site's own elements is created or
 * removed: sorting only moves each cell into the slot of another.
 */
import { h, render } from 'preact';
import { ForYouBar } from '../../components/ForYou';
import { type ForYouRanking, forYouOrder } from '../model/for-you';
import { LIMITS } from '../model/limits';
import type { PaperCard } from '../site/index';
import type { OverlayPage, PageListener } from './page';
import { createShadowMount, pageTheme, type ShadowMount } from './shadow';

/** How long cards are collected before one ranking request covers them all. */
export const RANK_DELAY_MS = 300;
/**
 * How long after a change on the page the list is ranked again: past the background's retrain after a
 * change (lib/foryou RETRAIN_DELAY_MS, 3 s), so the chips follow what the reader just did.
 */
export const RERANK_AFTER_CHANGE_MS = 4_000;
/** On the root element while the list shows in "For you" order (the "seen before" divider then hides). */
export const SORTED_ATTRIBUTE = 'data-dpc-sorted';

/** Ranks the cards of a list, draws the bar and sorts on request. */
export class ForYouPart implements PageListener {
  private bar: ShadowMount | undefined;
  private ranking: ForYouRanking | undefined;
  private sorted = false;
  /** The cells in the site's order, kept while sorted to put them back. */
  private siteOrder: HTMLElement[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unlisten: (() => void) | undefined;
  /** Ranking requests answered for an earlier page are dropped. */
  private generation = 0;

  /** `redraw` draws a paper's cards again (their controls hold the chip). */
  constructor(
    private readonly page: OverlayPage,
    private readonly redraw: (id: string, cards: readonly PaperCard[]) => void,
  ) {}

  start(): void {
    this.unlisten = this.page.listen(this);
    if (this.page.order.length) this.schedule(RANK_DELAY_MS);
  }

  stop(): void {
    this.unlisten?.();
    clearTimeout(this.timer);
    this.restore();
    this.closeBar();
  }

  /** New cards: rank the list again, with them. */
  settled(): void {
    const unranked = this.page.order.some((card) => !this.page.forYou.has(card.id));
    if (unranked && this.ranking?.coldStart === undefined) this.schedule(RANK_DELAY_MS);
  }

  /** The reader changed a paper here: the model learns from it in the background; rank again after. */
  stateChanged(): void {
    this.schedule(RERANK_AFTER_CHANGE_MS);
  }

  pageReset(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sorted = false;
    this.siteOrder = [];
    this.page.doc.documentElement.removeAttribute(SORTED_ATTRIBUTE);
    this.ranking = undefined;
    this.closeBar();
  }

  /** Whether the list shows in "For you" order. */
  get isSorted(): boolean {
    return this.sorted;
  }

  /** Shows the list in "For you" order, or in the site's again. */
  toggleSort(): void {
    if (this.sorted) this.restore();
    else this.sort();
    this.drawBar();
  }

  private schedule(delay: number): void {
    if (!this.page.variant || this.page.variant === 'paper') return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rank();
    }, delay);
  }

  private async rank(): Promise<void> {
    const generation = this.generation;
    const ids = [...new Set(this.page.order.map((card) => card.id))].slice(0, LIMITS.ids);
    if (!ids.length) return;
    const ranking = await this.page.call('rankPapers', { ids });
    if (!ranking || generation !== this.generation) return;
    this.ranking = ranking;
    const { forYou, cardsById } = this.page;
    forYou.clear();
    for (const score of ranking.scores) forYou.set(score.id, score);
    for (const id of ids) this.redraw(id, cardsById.get(id) ?? []);
    this.drawBar();
  }

  /** The cell of each card, in the order the document shows them now: what moves, and where. */
  private cells(): HTMLElement[] {
    return this.page.order
      .map((card) => card.wrapper)
      .filter((cell) => cell.isConnected)
      .sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  }

  private sort(): void {
    const cells = this.cells();
    if (!this.ranking || this.ranking.coldStart || cells.length < 2) return;
    this.siteOrder = cells;
    const rank = new Map(forYouOrder(this.ranking.scores).map((id, i) => [id, i]));
    const cellRank = (cell: HTMLElement) => {
      const card = this.page.order.find((c) => c.wrapper === cell);
      return card === undefined ? Number.POSITIVE_INFINITY : (rank.get(card.id) ?? Number.POSITIVE_INFINITY);
    };
    const ranked = cells
      .map((cell, i) => ({ cell, i, r: cellRank(cell) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map(({ cell }) => cell);
    this.place(cells, ranked);
    this.sorted = true;
    this.page.doc.documentElement.setAttribute(SORTED_ATTRIBUTE, '');
  }

  private restore(): void {
    if (!this.sorted) return;
    const present = this.siteOrder.filter((cell) => cell.isConnected);
    const slots = this.cells().filter((cell) => present.includes(cell));
    this.place(slots, present);
    this.sorted = false;
    this.siteOrder = [];
    this.page.doc.documentElement.removeAttribute(SORTED_ATTRIBUTE);
  }

  /**
   * Moves `wanted[i]` into the slot `slots[i]` holds now: a marker before each slot, then each cell right
   * after its marker. Cells only move; none is created or removed, so the site's nodes stay its own.
   */
  private place(slots: readonly HTMLElement[], wanted: readonly HTMLElement[]): void {
    const { doc } = this.page;
    const markers = slots.map((slot) => {
      const marker = doc.createComment('dpc');
      slot.before(marker);
      return marker;
    });
    markers.forEach((marker, i) => {
      marker.after(wanted[i] as HTMLElement);
    });
    for (const marker of markers) marker.remove();
  }

  private drawBar(): void {
    const ranking = this.ranking;
    const first = this.page.order[0];
    if (!ranking || !first) return;
    if (!this.bar) {
      this.bar = createShadowMount(this.page.doc);
      this.bar.host.setAttribute('data-dpc-foryou', '');
    }
    const { host, container } = this.bar;
    // Above the list: before the element holding the first card's cell, once.
    const list = first.wrapper.parentElement;
    if (!host.isConnected && list) list.before(host);
    host.setAttribute('data-theme', pageTheme(this.page.doc));
    render(
      h(ForYouBar, {
        ranking,
        sorted: this.sorted,
        onToggleSort: () => this.toggleSort(),
        t: this.page.host.t,
      }),
      container,
    );
  }

  private closeBar(): void {
    if (!this.bar) return;
    render(null, this.bar.container);
    this.bar.host.remove();
    this.bar = undefined;
  }
}
