/**
 * User settings, kept in `browser.storage.local` under {@link SETTINGS_KEY} so every context reads them
 * directly and hears about changes.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';

/** The user's settings. */
export interface Settings {
  /** How read papers' cards look on lists: dimmed, hidden, or unchanged. */
  overlayStyle: 'dim' | 'hide' | 'none';
  /** Record papers whose cards were on screen as `seen`. */
  recordSeen: boolean;
  /** Mark a paper read when its page is opened. */
  markReadOnOpen: boolean;
  keyboardShortcuts: boolean;
  /** Ask huggingface.co for code links of saved papers that have none. */
  fetchCodeLinks: boolean;
  /** What the toolbar badge counts. */
  badge: 'new' | 'unread';
}

/** The `storage.local` key of the settings. */
export const SETTINGS_KEY = 'settings';

/** The settings of a fresh install. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  overlayStyle: 'dim',
  recordSeen: true,
  markReadOnOpen: true,
  keyboardShortcuts: true,
  fetchCodeLinks: true,
  badge: 'new',
});

/** The values each choice setting may take (the boolean ones are simply booleans). */
const CHOICES = {
  overlayStyle: ['dim', 'hide', 'none'],
  badge: ['new', 'unread'],
} as const satisfies Partial<Record<keyof Settings, readonly string[]>>;

function isValidSetting(key: keyof Settings, value: unknown): boolean {
  const choices: readonly unknown[] | undefined = (
    CHOICES as Partial<Record<keyof Settings, readonly unknown[]>>
  )[key];
  return choices ? choices.includes(value) : typeof value === 'boolean';
}

// The patch schema is built on first use, so the content script (which only reads settings) does not
// carry the validation library.
let patchSchema: v.GenericSchema<unknown, Partial<Settings>> | undefined;
function getPatchSchema() {
  const entries = {
    overlayStyle: v.optional(v.picklist(CHOICES.overlayStyle)),
    recordSeen: v.optional(v.boolean()),
    markReadOnOpen: v.optional(v.boolean()),
    keyboardShortcuts: v.optional(v.boolean()),
    fetchCodeLinks: v.optional(v.boolean()),
    badge: v.optional(v.picklist(CHOICES.badge)),
  } satisfies Record<keyof Settings, v.GenericSchema>;
  patchSchema ??= v.strictObject(entries) as v.GenericSchema<unknown, Partial<Settings>>;
  return patchSchema;
}

/** Reads stored settings leniently: a missing or invalid field takes its default. */
export function parseSettings(raw: unknown): Settings {
  const source = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<
    string,
    unknown
  >;
  const settings = { ...DEFAULT_SETTINGS } as Record<keyof Settings, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (Object.hasOwn(source, key) && isValidSetting(key, source[key])) settings[key] = source[key];
  }
  return settings as Settings;
}

/** The current settings (defaults for anything not stored). */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

/**
 * Changes some settings and returns them all.
 *
 * @throws {Error} when the patch has an unknown field or a value of the wrong kind; nothing is stored then.
 */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const checked = v.safeParse(getPatchSchema(), patch);
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
