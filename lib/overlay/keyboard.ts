/**
 * Keyboard triage: j/k move between the cards, s saves, r reads, o opens the paper's page, g its
 * code, t its tags, ? shows the keys and Escape closes them (which key does what: keys.ts).
 */
import { h, render } from 'preact';
import { KeyHelp } from '../../components/KeyHelp';
import { paperPageUrl } from '../model/arxiv';
import type { Settings } from '../model/settings';
import type { PaperCard } from '../site/index';
import { toggleRead, toggleSaved } from './actions';
import { triageAction } from './keys';
import type { OverlayPage, PageListener } from './page';
import { createShadowMount, pageTheme, type ShadowMount, watchTheme } from './shadow';

const FOCUSED = 'data-dpc-focused';

/** Moves a focus through the cards and acts on the focused paper, while the settings allow it. */
export class Keyboard implements PageListener {
  private focusIndex = -1;
  private help: (ShadowMount & { unwatchTheme: () => void }) | undefined;
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

  /** Stops listening and closes the keys' help. */
  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.page.doc.removeEventListener('keydown', this.onKeyDown);
    this.closeHelp();
  }

  /** Drops the focus and the help at once when shortcuts are turned off. */
  settingsChanged(settings: Settings): void {
    if (settings.keyboardShortcuts) return;
    this.setFocus(-1);
    this.closeHelp();
  }

  /** Forgets the focus on the previous page. */
  pageReset(cards: readonly PaperCard[]): void {
    for (const card of cards) card.element.removeAttribute(FOCUSED);
    this.focusIndex = -1;
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
    event.preventDefault();
    const { order } = page;
    const visible = order.filter((card) => card.element.isConnected && card.wrapper.offsetParent !== null);
    const cards = visible.length ? visible : order;
    const focused = order[this.focusIndex];
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
        if (target) this.setFocus(order.indexOf(target));
        return;
      }
    }
    // On a paper's page, the keys act on that paper without moving to it first.
    const card = focused ?? (page.variant === 'paper' ? order[0] : undefined);
    if (!card) return;
    switch (action) {
      case 'save':
        void toggleSaved(page, card.id);
        break;
      case 'read':
        void toggleRead(page, card.id);
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
    const { doc } = this.page;
    const mount = createShadowMount(doc);
    mount.host.setAttribute('data-theme', pageTheme(doc));
    (doc.body ?? doc.documentElement).append(mount.host);
    const unwatchTheme = watchTheme(doc, () => mount.host.setAttribute('data-theme', pageTheme(doc)));
    this.help = { ...mount, unwatchTheme };
    render(h(KeyHelp, { t: this.page.host.t, onClose: () => this.closeHelp() }), mount.container);
  }

  private closeHelp(): void {
    if (!this.help) return;
    this.help.unwatchTheme();
    render(null, this.help.container);
    this.help.host.remove();
    this.help = undefined;
  }
}
