/**
 * Keyboard triage: j/k move between the cards, s saves, r reads, x says "not interested", u undoes the last of those, o opens
 * the paper's page, g its code, t its tags, ? shows the keys and Escape closes them (which key does
 * what: keys.ts). Each s, r or x is confirmed in a short live message with Undo; a setting moves the
 * focus on to the next card after it.
 */
import { h, render } from 'preact';
import { KeyHelp } from '../../components/KeyHelp';
import { type KeyConfirmation, KeyToast } from '../../components/KeyToast';
import type { MessageKey } from '../i18n';
import { paperPageUrl } from '../model/arxiv';
import type { PaperState } from '../model/paper';
import type { Settings } from '../model/settings';
import type { PaperCard } from '../site/index';
import { toggleDismissed, toggleRead, toggleSaved } from './actions';
import { triageAction } from './keys';
import type { OverlayPage, PageListener } from './page';
import { type BodyMount, openBodyMount } from './shadow';

const FOCUSED = 'data-dpc-focused';
/** How long a confirmation stays on screen. */
export const CONFIRMATION_MS = 6_000;

type Toggle = (page: OverlayPage, id: string) => Promise<PaperState | undefined>;

/** Moves a focus through the cards and acts on the focused paper, while the settings allow it. */
export class Keyboard implements PageListener {
  private focusIndex = -1;
  private help: BodyMount | undefined;
  private toast: BodyMount | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  /** Undoes the last confirmed action while its confirmation shows. */
  private undo: (() => void) | undefined;
  private unlisten: (() => void) | undefined;
  private readonly onKeyDown = (event: KeyboardEvent) => this.handleKey(event);

  /** `openTags` opens a card's tag editor (the controls'); without it, the tags key does nothing. */
  constructor(
    private readonly page: OverlayPage,
    private readonly openTags?: (card: PaperCard) => void,
  ) {}

  /** Listens to the keys. */
  start(): void {
    this.unlisten = this.page.listen(this);
    this.page.doc.addEventListener('keydown', this.onKeyDown);
  }

  /** Stops listening and closes the keys' help and the confirmation. */
  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.page.doc.removeEventListener('keydown', this.onKeyDown);
    this.closeHelp();
    this.closeToast();
  }

  /** Drops the focus and the help at once when shortcuts are turned off. */
  settingsChanged(settings: Settings): void {
    if (settings.keyboardShortcuts) return;
    this.setFocus(-1);
    this.closeHelp();
    this.closeToast();
  }

  /** Forgets the focus on the previous page. */
  pageReset(cards: readonly PaperCard[]): void {
    for (const card of cards) card.element.removeAttribute(FOCUSED);
    this.focusIndex = -1;
    this.confirm(undefined);
  }

  private handleKey(event: KeyboardEvent): void {
    const { page } = this;
    if (!page.settings.keyboardShortcuts || event.defaultPrevented || !page.variant) return;
    const action = triageAction(event);
    if (!action) return;
    if (action === 'close') {
      if (this.help) {
        this.closeHelp();
        event.preventDefault();
      } else if (this.focusIndex >= 0) this.setFocus(-1);
      return;
    }
    if (action === 'undo') {
      if (!this.undo) return;
      event.preventDefault();
      this.undo();
      return;
    }
    event.preventDefault();
    const { order } = page;
    const cards = this.visibleCards();
    const focused = order[this.focusIndex];
    switch (action) {
      case 'help':
        if (this.help) this.closeHelp();
        else this.openHelp();
        return;
      case 'next':
      case 'previous':
        this.move(action === 'next' ? 1 : -1, cards);
        return;
    }
    // On a paper's page, the keys act on that paper without moving to it first.
    const card = focused ?? (page.variant === 'paper' ? order[0] : undefined);
    if (!card) return;
    switch (action) {
      case 'save':
        void this.act(card, toggleSaved, (state) => (state.saved ? 'overlayDidSave' : 'overlayDidUnsave'));
        break;
      case 'read':
        void this.act(card, toggleRead, (state) =>
          state.state === 'read' ? 'overlayDidRead' : 'overlayDidUnread',
        );
        break;
      case 'dismiss':
        void this.act(card, toggleDismissed, (state) =>
          state.dismissed ? 'overlayDidDismiss' : 'overlayDidUndismiss',
        );
        break;
      case 'open':
        if (page.variant !== 'paper') page.host.navigate(paperPageUrl(card.id));
        break;
      case 'code': {
        const url = page.codeUrl(card.id);
        if (url) page.host.openTab(url);
        break;
      }
      case 'tags':
        this.openTags?.(card);
        break;
    }
  }

  /** Cards the reader can see (the hide style takes read ones away), else all. */
  private visibleCards(): PaperCard[] {
    const { order } = this.page;
    const visible = order.filter((card) => card.element.isConnected && card.wrapper.offsetParent !== null);
    return visible.length ? visible : order;
  }

  private move(step: 1 | -1, cards: readonly PaperCard[]): void {
    const { order } = this.page;
    const focused = order[this.focusIndex];
    const at = focused ? cards.indexOf(focused) : -1;
    const next = step === 1 ? Math.min(at + 1, cards.length - 1) : Math.max(at - 1, 0);
    const target = cards[next];
    if (target) this.setFocus(order.indexOf(target));
  }

  /**
   * Toggles the paper's state, confirms what happened with Undo, and moves on when the setting says so
   * (before the answer, so fast triage never waits; a failed request shows on the card instead).
   */
  private async act(card: PaperCard, toggle: Toggle, said: (state: PaperState) => MessageKey): Promise<void> {
    const { page } = this;
    // Read before the move: the hide style may take the card away once it is read.
    const cards = this.visibleCards();
    if (page.settings.moveAfterAction && page.variant !== 'paper' && this.focusIndex >= 0)
      this.move(1, cards);
    const state = await toggle(page, card.id);
    if (!state) return;
    const title = page.records.get(card.id)?.title;
    const undo = async () => {
      this.undo = undefined;
      if (await toggle(page, card.id)) this.confirm({ what: page.host.t('overlayUndone'), title });
    };
    this.confirm({ what: page.host.t(said(state)), title, undo: () => void undo() });
  }

  /** Shows a confirmation (Undo works while it shows), or none. */
  private confirm(confirmation: KeyConfirmation | undefined): void {
    clearTimeout(this.toastTimer);
    this.undo = confirmation?.undo;
    if (!confirmation && !this.toast) return;
    if (!this.toast) {
      this.toast = openBodyMount(this.page.doc);
      this.toast.host.setAttribute('data-dpc-toast', '');
    }
    const { toast } = this;
    render(h(KeyToast, { confirmation, t: this.page.host.t }), toast.container);
    if (confirmation) this.toastTimer = setTimeout(() => this.confirm(undefined), CONFIRMATION_MS);
  }

  private closeToast(): void {
    clearTimeout(this.toastTimer);
    this.undo = undefined;
    this.toast?.close();
    this.toast = undefined;
  }

  private setFocus(index: number): void {
    const { order } = this.page;
    order[this.focusIndex]?.element.removeAttribute(FOCUSED);
    this.focusIndex = index;
    const card = order[index];
    if (!card) return;
    card.element.setAttribute(FOCUSED, 'true');
    if (!card.element.hasAttribute('tabindex')) card.element.setAttribute('tabindex', '-1');
    card.element.focus({ preventScroll: true });
    card.element.scrollIntoView?.({ block: 'nearest' });
  }

  private openHelp(): void {
    this.help = openBodyMount(this.page.doc);
    render(h(KeyHelp, { onClose: () => this.closeHelp(), t: this.page.host.t }), this.help.container);
  }

  private closeHelp(): void {
    this.help?.close();
    this.help = undefined;
  }
}
