/**
 * Filters and mutes on the site's lists (issue 15): a muted card folds to one line that says why
 * ("muted: keyword 'diffusion'") with a one-click Show and Hide again; a followed card is highlighted.
 * The verdicts come from the same rules as the inbox's (`lib/model/filters.ts`), over the records the
 * page reader gave. Not on a paper's own page: the reader went there on purpose. Rules chosen from a
 * card's menu are stored here too (the settings' filters) and applied at once; a card muted that way
 * folds with an Undo beside Show, which takes the focus.
 */
import { h, render } from 'preact';
import { MutedNote } from '../../components/MutedNote';
import {
  type AppliedRule,
  applyRule,
  compileFilters,
  type FilterRule,
  type Filters,
  type FilterVerdict,
  hasFilters,
  type RuleChoice,
  removeRule,
  sameFilters,
  sameRule,
  undoRule,
} from '../model/filters';
import type { Settings } from '../model/settings';
import type { PaperCard } from '../site/index';
import type { OverlayPage, PageListener } from './page';
import { createShadowMount, pageTheme, type ShadowMount } from './shadow';

/** On the card's cell: the card is muted (folded unless shown). */
export const MUTED_ATTRIBUTE = 'data-dpc-muted';
/** On the card's cell: the reader unfolded the muted card. */
export const MUTED_SHOWN_ATTRIBUTE = 'data-dpc-muted-shown';
/** On the card: a follow rule matches it (the rule's value). */
export const FOLLOWED_ATTRIBUTE = 'data-dpc-followed';

interface Folded {
  card: PaperCard;
  mount: ShadowMount;
  shown: boolean;
}

/** Folds muted cards and highlights followed ones, following the settings. */
export class Mutes implements PageListener {
  private judge: ((paper: Parameters<ReturnType<typeof compileFilters>>[0]) => FilterVerdict) | undefined;
  private readonly folded = new Map<HTMLElement, Folded>();
  private unlisten: (() => void) | undefined;
  /** Mute rules chosen from a card of this page, whose folded cards offer Undo. */
  private undoable: AppliedRule[] = [];

  /** @param undone called with the card whose Undo was pressed, once it is unfolded (to give it the focus). */
  constructor(
    private readonly page: OverlayPage,
    private readonly undone?: (card: PaperCard) => void,
  ) {}

  /**
   * Puts a rule chosen from `card`'s menu in force (or takes it away when it is), stores the filters and
   * applies them at once. A card it mutes folds with Undo, which takes the focus.
   */
  async choose(card: PaperCard, { rule, active }: RuleChoice): Promise<void> {
    let applied: AppliedRule | undefined;
    const filters = await this.store((current) => {
      if (active) return removeRule(current, rule);
      const result = applyRule(current, rule);
      applied = result.applied;
      return result.filters;
    });
    if (!filters) return;
    this.undoable = this.undoable.filter((a) => !sameRule(a.rule, rule));
    if (applied && rule.action === 'mute') this.undoable.push(applied);
    this.page.applySettings({ ...this.page.settings, filters });
    // The settings' own change event may have come first and folded the cards without Undo: draw them again.
    this.apply(this.page.order);
    const folded = this.folded.get(card.wrapper);
    if (folded && !folded.shown) folded.mount.container.querySelector<HTMLElement>('button.undo')?.focus();
  }

  start(): void {
    this.unlisten = this.page.listen(this);
    this.compile(this.page.settings);
    this.apply(this.page.order);
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    for (const card of this.page.order) this.clear(card);
    this.folded.clear();
  }

  cardsAdded(cards: readonly PaperCard[]): void {
    this.apply(cards);
  }

  settingsChanged(settings: Settings, previous: Settings): void {
    if (sameFilters(settings.filters, previous.filters)) return;
    this.compile(settings);
    this.apply(this.page.order);
  }

  pageReset(cards: readonly PaperCard[]): void {
    for (const card of cards) this.clear(card);
    this.folded.clear();
    this.undoable = [];
  }

  /** Stores the filters `change` makes of the stored ones; undefined when they could not be stored. */
  private async store(change: (filters: Filters) => Filters): Promise<Filters | undefined> {
    const { host } = this.page;
    if (!host.updateFilters) return undefined;
    try {
      return await host.updateFilters(change);
    } catch (error) {
      host.log?.('filters not stored', error);
      return undefined;
    }
  }

  private async undo(card: PaperCard, applied: AppliedRule): Promise<void> {
    const filters = await this.store((current) => undoRule(current, applied));
    if (!filters) return;
    this.undoable = this.undoable.filter((a) => a !== applied);
    this.page.applySettings({ ...this.page.settings, filters });
    this.undone?.(card);
  }

  private undoableOf(rule: FilterRule): AppliedRule | undefined {
    return this.undoable.find((a) => sameRule(a.rule, rule));
  }

  private compile(settings: Settings): void {
    this.judge = hasFilters(settings.filters) ? compileFilters(settings.filters) : undefined;
  }

  private apply(cards: readonly PaperCard[]): void {
    for (const card of cards) {
      const record = this.page.records.get(card.id);
      const verdict = this.page.variant === 'paper' || !record || !this.judge ? {} : this.judge(record);
      if (verdict.followed) card.element.setAttribute(FOLLOWED_ATTRIBUTE, verdict.followed.value);
      else card.element.removeAttribute(FOLLOWED_ATTRIBUTE);
      if (!verdict.muted) {
        this.unfold(card);
        continue;
      }
      let folded = this.folded.get(card.wrapper);
      if (!folded) {
        folded = { card, mount: createShadowMount(this.page.doc), shown: false };
        this.folded.set(card.wrapper, folded);
      }
      this.draw(folded, record?.title ?? card.id, verdict);
    }
  }

  private draw(folded: Folded, title: string, verdict: FilterVerdict): void {
    const { card, mount } = folded;
    card.wrapper.setAttribute(MUTED_ATTRIBUTE, '');
    if (folded.shown) card.wrapper.setAttribute(MUTED_SHOWN_ATTRIBUTE, '');
    else card.wrapper.removeAttribute(MUTED_SHOWN_ATTRIBUTE);
    mount.host.setAttribute('data-theme', pageTheme(this.page.doc));
    mount.host.setAttribute('data-dpc-muted-note', card.id);
    if (mount.host.nextSibling !== card.wrapper) card.wrapper.before(mount.host);
    const toggle = () => {
      folded.shown = !folded.shown;
      this.draw(folded, title, verdict);
    };
    const reason = verdict.muted!;
    const applied = reason.kind === 'rule' ? this.undoableOf(reason.rule) : undefined;
    render(
      h(MutedNote, {
        title,
        reason,
        shown: folded.shown,
        onToggle: toggle,
        onUndo: applied ? () => void this.undo(card, applied) : undefined,
        t: this.page.host.t,
      }),
      mount.container,
    );
  }

  private unfold(card: PaperCard): void {
    const folded = this.folded.get(card.wrapper);
    card.wrapper.removeAttribute(MUTED_ATTRIBUTE);
    card.wrapper.removeAttribute(MUTED_SHOWN_ATTRIBUTE);
    if (!folded) return;
    render(null, folded.mount.container);
    folded.mount.host.remove();
    this.folded.delete(card.wrapper);
  }

  private clear(card: PaperCard): void {
    this.unfold(card);
    card.element.removeAttribute(FOLLOWED_ATTRIBUTE);
  }
}
