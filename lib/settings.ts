/**
 * User settings, kept in `browser.storage.local` under {@link SETTINGS_KEY} so every context reads them
 * directly and hears about changes.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { SETTINGS_KEY } from './messages/protocol';
import { type Filters, isValidFilters } from './model/filters';
import { parseSettings, type Settings, settingsPatchSchema } from './model/settings';

export { SETTINGS_KEY };

/** The settings in what a read of `storage.local` answered (defaults for anything not stored). */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  return parseSettings(stored[SETTINGS_KEY]);
}

/** The current settings (defaults for anything not stored). */
export async function loadSettings(): Promise<Settings> {
  return settingsFrom(await browser.storage.local.get(SETTINGS_KEY));
}

/**
 * Changes some settings and returns them all.
 *
 * @throws {Error} when the patch has an unknown field or a value of the wrong kind; nothing is stored then.
 */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const checked = v.safeParse(settingsPatchSchema(), patch);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    throw new Error(`Invalid setting${path ? ` "${path}"` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  const current = await loadSettings();
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(checked.output)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/**
 * Changes the filters from what they are stored as now (a rule added in one tab keeps the one another tab
 * added a moment before), for the card menus of the site and the inbox. Checked by the model's own rule,
 * without the patch schema, so the content script does not carry the validation library.
 *
 * @throws {Error} when `change` gives invalid filters; nothing is stored then.
 */
export async function updateFilters(change: (filters: Filters) => Filters): Promise<Filters> {
  const current = await loadSettings();
  const filters = change(current.filters);
  if (!isValidFilters(filters)) throw new Error('Invalid setting "filters": must be valid filters');
  await browser.storage.local.set({ [SETTINGS_KEY]: { ...current, filters } });
  return filters;
}

/**
 * Calls `callback` with the new settings whenever they change, in any context.
 *
 * @returns a function that stops listening.
 */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    callback(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
