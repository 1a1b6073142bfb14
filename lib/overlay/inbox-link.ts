/**
 * The link from the site's lists to the inbox (issue 15): one small button above the list's cards that
 * asks the background to open `inbox.html` (a page of the site cannot open an extension page itself).
 * Not on a paper's own page, nor on a search.
 */
import { h, render } from 'preact';
import type { OverlayPage, PageListener } from './page';
import { createShadowMount, pageTheme, type ShadowMount } from './shadow';

/** On the link's host: where readers' styles and the tests find it. */
export const INBOX_LINK_ATTRIBUTE = 'data-dpc-inbox-link';

/** Keeps the inbox link above the current list. */
export class InboxLink implements PageListener {
  private mount: ShadowMount | undefined;
  private unlisten: (() => void) | undefined;

  constructor(private readonly page: OverlayPage) {}

  start(): void {
    this.unlisten = this.page.listen(this);
    this.settled();
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.remove();
  }

  pageReset(): void {
    this.remove();
  }

  settled(): void {
    const { variant, order } = this.page;
    const list = order[0]?.wrapper.parentElement;
    if (variant === undefined || variant === 'paper' || variant === 'search' || !list) return;
    if (this.mount?.host.isConnected && this.mount.host.nextSibling === list) return;
    this.mount ??= createShadowMount(this.page.doc);
    const { host, container } = this.mount;
    host.setAttribute(INBOX_LINK_ATTRIBUTE, '');
    host.setAttribute('data-theme', pageTheme(this.page.doc));
    list.before(host);
    const t = this.page.host.t;
    render(
      h(
        'p',
        { class: 'hidden-note inbox-link' },
        h(
          'button',
          { type: 'button', class: 'quiet', onClick: () => void this.page.call('openInbox', {}) },
          `${t('inboxTitle')} →`,
        ),
      ),
      container,
    );
  }

  private remove(): void {
    if (!this.mount) return;
    render(null, this.mount.container);
    this.mount.host.remove();
    this.mount = undefined;
  }
}
