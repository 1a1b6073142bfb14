/**
 * The controls on each card (save, read, tags, code and the paper's links), drawn by the
 * CardControls component in a shadow root. They are added as cards come near the screen, so a
 * 2,000-card page costs what its visible cards cost.
 */
import { h, render } from 'preact';
import { CardControls } from '../../components/CardControls';
import { arxivAbsUrl, arxivPdfUrl } from '../model/arxiv';
import { cardRuleChoices, type RuleChoice, sameFilters } from '../model/filters';
import type { Settings } from '../model/settings';
import type { PaperCard } from '../site/index';
import {
  listTags,
  setNote,
  setTags,
  toggleDismissed,
  toggleRead,
  toggleSaved,
  toggleWatched,
} from './actions';
import type { OverlayPage, PageListener } from './page';
import { createShadowMount, pageTheme, type ShadowMount, watchTheme } from './shadow';

/** Without IntersectionObserver, controls are mounted in slices so that a long page stays responsive. */
const MOUNT_SLICE = 40;

interface MountedControls extends ShadowMount {
  tagsOpen: boolean;
  error?: string;
}

/** Adds, draws and removes the cards' controls. */
export class Controls implements PageListener {
  private readonly mounted = new Map<HTMLElement, MountedControls>();
  private mountQueue: PaperCard[] = [];
  private mountScheduled = false;
  private nearScreen: IntersectionObserver | undefined;
  private knownTags: string[] = [];
  private stopped = false;
  private unlisten: (() => void) | undefined;
  private unwatchTheme: (() => void) | undefined;

  /** @param chooseRule puts a rule chosen from a card's menu in force (mutes.ts); without it, no menu. */
  constructor(
    private readonly page: OverlayPage,
    private readonly chooseRule?: (card: PaperCard, choice: RuleChoice) => void,
  ) {}

  /** Adds controls to the cards already known and to every card added later; follows the theme. */
  start(): void {
    this.stopped = false;
    this.unlisten = this.page.listen(this);
    this.unwatchTheme = watchTheme(this.page.doc, () => this.applyTheme());
    if (this.page.order.length) this.cardsAdded(this.page.order);
  }

  /** Removes every control. */
  stop(): void {
    this.stopped = true;
    this.unlisten?.();
    this.unwatchTheme?.();
    this.nearScreen?.disconnect();
    for (const { host, container } of this.mounted.values()) {
      render(null, container);
      host.remove();
    }
    this.mounted.clear();
  }

  /**
   * Queues new cards' controls: each is added when its card comes within two screens. Without
   * IntersectionObserver, all are added in slices.
   */
  cardsAdded(cards: readonly PaperCard[]): void {
    const view = this.page.doc.defaultView as (Window & typeof globalThis) | null;
    if (typeof view?.IntersectionObserver === 'function') {
      this.nearScreen ??= new view.IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            this.nearScreen?.unobserve(entry.target);
            const card = this.page.cardOf(entry.target);
            if (card) this.renderControls(card);
          }
        },
        { rootMargin: '200% 0px' },
      );
      for (const card of cards) this.nearScreen.observe(card.element);
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

  /** Draws a paper's controls again; those not yet on screen are drawn with the state when they get there. */
  stateChanged(_id: string, cards: readonly PaperCard[]): void {
    for (const card of cards) if (this.mounted.has(card.element)) this.renderControls(card);
  }

  /**
   * The AI summary on cards or watching was turned on or off, or the filters changed (the menus say which
   * rules are in force): the controls already drawn are drawn again.
   */
  settingsChanged(settings: Settings, previous: Settings): void {
    if (
      settings.aiSummaryOnCards === previous.aiSummaryOnCards &&
      settings.watchSaved === previous.watchSaved &&
      sameFilters(settings.filters, previous.filters)
    )
      return;
    for (const card of this.page.order) if (this.mounted.has(card.element)) this.renderControls(card);
  }

  /** Removes the previous page's controls and forgets the cards waiting for theirs. */
  pageReset(cards: readonly PaperCard[]): void {
    for (const card of cards) {
      const mounted = this.mounted.get(card.element);
      if (!mounted) continue;
      render(null, mounted.container);
      mounted.host.remove();
      this.mounted.delete(card.element);
    }
    this.mountQueue = [];
    this.nearScreen?.disconnect();
    this.nearScreen = undefined;
  }

  /** Shows why a request about the paper failed on its controls, or clears it. */
  errorChanged(id: string, message: string | undefined): void {
    for (const card of this.page.cardsById.get(id) ?? []) {
      const mounted = this.mounted.get(card.element);
      if (mounted && mounted.error !== message) {
        mounted.error = message;
        this.renderControls(card);
      }
    }
  }

  /** Gives the focus to the card's menu of rules (after its Undo put the card back). */
  focusRuleMenu(card: PaperCard): void {
    const mounted = this.mounted.get(card.element);
    mounted?.container.querySelector<HTMLElement>('.rule-menu-button')?.focus();
  }

  /** Opens or closes the card's tag editor; opening fetches the tags in use for suggestions. */
  async setTagsOpen(card: PaperCard, open: boolean): Promise<void> {
    const mounted = this.mounted.get(card.element);
    if (!mounted) return;
    mounted.tagsOpen = open;
    this.renderControls(card);
    if (open) {
      const tags = await listTags(this.page);
      if (tags) {
        this.knownTags = tags;
        this.renderControls(card);
      }
    }
  }

  private renderControls(card: PaperCard): void {
    if (!card.element.isConnected) return;
    const { page } = this;
    let mounted = this.mounted.get(card.element);
    if (!mounted) {
      mounted = { ...createShadowMount(page.doc), tagsOpen: false };
      mounted.host.setAttribute('data-dpc-controls', card.id);
      // Keep clicks inside the controls from reaching the card's own link handlers.
      mounted.host.addEventListener('click', (event) => event.stopPropagation());
      if (page.variant === 'paper') card.element.querySelector('h1')?.after(mounted.host);
      else card.element.append(mounted.host);
      this.mounted.set(card.element, mounted);
    }
    mounted.host.setAttribute('data-theme', pageTheme(page.doc));
    const record = page.records.get(card.id);
    const state = page.states.get(card.id);
    const codeUrl = page.codeUrl(card.id);
    const current = mounted;
    render(
      h(CardControls, {
        t: page.host.t,
        id: card.id,
        state,
        codeUrl,
        codeStars: state?.githubStars ?? record?.githubStars,
        aiSummary: page.settings.aiSummaryOnCards ? record?.aiSummary : undefined,
        arxivUrl: arxivAbsUrl(card.id),
        pdfUrl: arxivPdfUrl(card.id),
        tagsOpen: current.tagsOpen,
        forYou: page.forYou.get(card.id),
        knownTags: this.knownTags,
        error: current.error ?? page.storeError,
        onToggleSaved: () => void toggleSaved(page, card.id),
        onToggleRead: () => void toggleRead(page, card.id),
        onToggleDismissed: () => void toggleDismissed(page, card.id),
        // Offered only while watching is on: with it off, nothing would ever be checked.
        onToggleWatched: page.settings.watchSaved ? () => void toggleWatched(page, card.id) : undefined,
        onOpenCode: () => codeUrl && page.host.openTab(codeUrl),
        onTagsOpenChange: (open: boolean) => void this.setTagsOpen(card, open),
        onTagsChange: (tags: string[]) => void this.saveTags(card.id, tags),
        onNoteChange: (note: string) => setNote(page, card.id, note),
        rules: record && this.chooseRule ? cardRuleChoices(record, page.settings.filters) : undefined,
        onRuleChoose: this.chooseRule ? (choice: RuleChoice) => this.chooseRule?.(card, choice) : undefined,
      }),
      current.container,
    );
  }

  private async saveTags(id: string, tags: string[]): Promise<void> {
    const stored = await setTags(this.page, id, tags);
    for (const tag of stored ?? []) if (!this.knownTags.includes(tag)) this.knownTags.push(tag);
  }

  private applyTheme(): void {
    const theme = pageTheme(this.page.doc);
    for (const { host } of this.mounted.values()) host.setAttribute('data-theme', theme);
  }
}
