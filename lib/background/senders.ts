/**
 * Who sent a message, from the browser's own facts about the sender (`runtime.MessageSender`), never from
 * anything in the message: a compromised page process can put anything in a message, but not change the
 * sender the browser reports.
 *
 * - `page`: one of the extension's own pages (popup, options): our extension id, and a URL on the
 *   extension's own origin (`chrome-extension://ID/…`, `moz-extension://UUID/…`), with or without a tab
 *   (the popup has none; an options page opened in a tab, or any extension page in Firefox MV2, may have
 *   one).
 * - `content`: our content script: our extension id, a tab, and a URL on the site (lib/site's rule).
 * - `foreign`: anything else (another extension, a web page, no sender facts at all).
 */
import { isSitePageUrl } from '../site/urls';

/** What a sender may be. `content` and `page` are the rights of {@link MESSAGE_RIGHTS}. */
export type SenderContext = 'content' | 'page' | 'foreign';

/** The fields of `runtime.MessageSender` the decision reads. */
export interface SenderFacts {
  id?: unknown;
  url?: unknown;
  tab?: unknown;
}

/** This extension, as the background knows it: its id and its own base URL (`runtime.getURL('')`). */
export interface SelfFacts {
  id: string;
  baseUrl: string;
}

function parse(url: unknown): URL | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Classifies a sender. The origin is compared as scheme and host, since `URL.origin` is `"null"` for
 * `chrome-extension:` and `moz-extension:` URLs outside the browser.
 */
export function classifySender(sender: unknown, self: SelfFacts): SenderContext {
  if (sender === null || typeof sender !== 'object') return 'foreign';
  const { id, url, tab } = sender as SenderFacts;
  if (typeof id !== 'string' || id === '' || id !== self.id) return 'foreign';
  const from = parse(url);
  const base = parse(self.baseUrl);
  if (from === undefined || base === undefined) return 'foreign';
  if (from.protocol === base.protocol && from.host !== '' && from.host === base.host) return 'page';
  if (tab !== null && typeof tab === 'object' && isSitePageUrl(from)) return 'content';
  return 'foreign';
}
