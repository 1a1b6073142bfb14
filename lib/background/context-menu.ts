/**
 * "Save to Daily Papers Companion" in the context menu of links to a paper — on Hugging Face
 * (`https://huggingface.co/papers/ID`) or arXiv (`arxiv.org/abs/ID`, `arxiv.org/pdf/ID`, with or without
 * a version). The paper is saved with what the link tells (its id, and the link's text as a title when
 * the browser gives it); the store queues it for code links, and the next visit of a page showing it
 * fills in the rest.
 */
import { browser } from 'wxt/browser';
import { arxivAbsUrl, arxivPdfUrl, normalizeArxivId } from '../model/arxiv';
import type { PaperRecord } from '../model/paper';
import { PAPER_LINK_MATCHES, paperIdFromHref } from '../site/ids';
import { type Handlers, handleMessage } from './server';

/** The menu item's id. */
export const SAVE_MENU_ID = 'save-paper-link';

/** The links the item appears on (match patterns): the site's paper links, then arXiv's. */
export const PAPER_LINK_PATTERNS: readonly string[] = [
  ...PAPER_LINK_MATCHES,
  '*://arxiv.org/abs/*',
  '*://arxiv.org/pdf/*',
  '*://www.arxiv.org/abs/*',
  '*://www.arxiv.org/pdf/*',
];

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org']);
const ARXIV_PATH = /^\/(?:abs|pdf)\/(\d{4}\.\d{4,5}(?:v\d+)?)(?:\.pdf)?\/?$/;

/**
 * The arXiv id (without version) a paper link points to, or `undefined`: Hugging Face paper pages
 * (not the lists), and arXiv abstract and PDF pages of modern ids (`YYMM.NNNNN`). Old-style ids
 * (`hep-th/9901001`) are not papers the store can keep.
 */
export function paperIdFromLink(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  const fromSite = paperIdFromHref(link);
  if (fromSite !== undefined) return fromSite;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !ARXIV_HOSTS.has(url.hostname))
    return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  return normalizeArxivId(ARXIV_PATH.exec(url.pathname)?.[1]);
}

/**
 * The link text as a title, when it looks like one: at least three words, not an address, not the
 * id. Link texts such as "PDF", "arXiv:2407.21783" or "[2]" are not titles.
 */
export function titleFromLinkText(text: string | undefined, id: string): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim() ?? '';
  if (clean.length < 12 || clean.length > 500 || clean.split(' ').length < 3) return undefined;
  if (clean.includes(id) || /^(?:https?:|www\.)/i.test(clean)) return undefined;
  return clean;
}

/** The record a link gives: the id and its arXiv links, and a title when one is known. */
export function recordFromLink(id: string, title?: string): PaperRecord {
  return {
    id,
    title: title ?? '',
    authors: [],
    codeLinks: [],
    keywords: [],
    arxivUrl: arxivAbsUrl(id),
    pdfUrl: arxivPdfUrl(id),
  };
}

/** The part of `browser.contextMenus` used here. */
export interface MenusApi {
  create(properties: { id: string; title: string; contexts: ['link']; targetUrlPatterns: string[] }): unknown;
  removeAll(): Promise<void>;
  onClicked: {
    addListener(
      listener: (info: { menuItemId: string | number; linkUrl?: string; linkText?: string }) => void,
    ): void;
  };
}

/** What the menu needs; the defaults are the real ones. */
export interface ContextMenuDeps {
  menus: MenusApi | undefined;
  title: () => string;
  log: (message: string, error?: unknown) => void;
}

/** Saves the paper a link points to, through the same validation and handler as a message. */
export async function saveFromLink(
  handlers: Handlers,
  info: { linkUrl?: string; linkText?: string },
): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const id = paperIdFromLink(info.linkUrl);
  if (id === undefined)
    return { ok: false, error: `Not a link to a paper: ${String(info.linkUrl).slice(0, 200)}` };
  const paper = recordFromLink(id, titleFromLinkText(info.linkText, id));
  const answer = await handleMessage(handlers, { type: 'setSaved', data: { id, saved: true, paper } });
  return answer.ok ? { ok: true, id } : { ok: false, error: answer.error };
}

function browserDeps(): ContextMenuDeps {
  return {
    menus: (browser.contextMenus ?? (browser as unknown as { menus?: MenusApi }).menus) as
      | MenusApi
      | undefined,
    title: () => browser.i18n.getMessage('contextMenuSave'),
    log: (message, error) => console.warn(`Daily Papers Companion: ${message}`, error ?? ''),
  };
}

/**
 * Adds the menu item when the extension is installed or the browser starts (menus do not survive a
 * restart in every browser; the old item is removed first), and registers the click listener
 * synchronously, so a click that wakes the worker finds it.
 */
export function registerContextMenu(handlers: Handlers, deps: ContextMenuDeps = browserDeps()): void {
  const { menus } = deps;
  if (menus === undefined) {
    deps.log('no context menu API (the contextMenus permission is missing)');
    return;
  }
  const create = () => {
    Promise.resolve()
      .then(() => menus.removeAll())
      .then(() =>
        menus.create({
          id: SAVE_MENU_ID,
          title: deps.title(),
          contexts: ['link'],
          targetUrlPatterns: [...PAPER_LINK_PATTERNS],
        }),
      )
      .catch((error: unknown) => deps.log('could not add the context menu item', error));
  };
  browser.runtime.onInstalled.addListener(create);
  browser.runtime.onStartup.addListener(create);
  try {
    menus.onClicked.addListener((info) => {
      if (info.menuItemId !== SAVE_MENU_ID) return;
      saveFromLink(handlers, info)
        .then((result) => {
          if (!result.ok) deps.log(`the link was not saved: ${result.error}`);
        })
        .catch((error: unknown) => deps.log('the link was not saved', error));
    });
  } catch (error) {
    // WXT's fake browser in unit tests has no context menus; a real browser with the permission does.
    deps.log('could not listen to context menu clicks', error);
  }
}
