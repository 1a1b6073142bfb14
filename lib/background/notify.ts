/**
 * System notifications of watched papers' updates (issue 16): off by default; shown only when the reader
 * turned them on in the options page, which asked for the optional `notifications` permission. One
 * notification per run that found updates, naming the papers as text.
 */
import { browser } from 'wxt/browser';
import { translatorFrom } from '../i18n';
import type { PaperUpdate } from '../model/watch';
import { loadSettings } from '../settings';

/** The notification's id: a newer one replaces the one still shown. */
export const UPDATES_NOTIFICATION_ID = 'watch-updates';

/** The papers a notification names, at most three, in the order found, without repeats. */
export function notifiedTitles(updates: readonly PaperUpdate[]): string[] {
  const titles: string[] = [];
  for (const update of updates) {
    const title = update.title === '' ? `arXiv ${update.id}` : update.title;
    if (!titles.includes(title)) titles.push(title);
  }
  return titles.slice(0, 3);
}

/** Shows a notification of `updates` when the reader asked for them and the browser allows it. */
export async function notifyUpdates(updates: readonly PaperUpdate[]): Promise<boolean> {
  if (updates.length === 0 || !(await loadSettings()).notifyUpdates) return false;
  const allowed = await browser.permissions.contains({ permissions: ['notifications'] });
  if (!allowed || browser.notifications === undefined) return false;
  const t = translatorFrom(
    (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions),
    browser.i18n.getUILanguage(),
  );
  await browser.notifications.create(UPDATES_NOTIFICATION_ID, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('popupUpdatesLabel'),
    message: notifiedTitles(updates).join(' · '),
  });
  return true;
}
