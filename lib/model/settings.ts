/**
 * What the user's settings are: their type, the defaults of a fresh install, and the rules a stored or
 * changed value must follow. Plain data; where they are kept is `lib/settings.ts`.
 */
import * as v from 'valibot';
import { type Filters, isValidFilters, NO_FILTERS } from './filters';
import { STAR_THRESHOLDS } from './watch';

/** The user's settings. */
export interface Settings {
  /** How read papers' cards look on lists: dimmed, hidden, or unchanged. */
  overlayStyle: 'dim' | 'hide' | 'none';
  /** Record papers whose cards were on screen as `seen`. */
  recordSeen: boolean;
  /** Mark a paper read when its page is opened. */
  markReadOnOpen: boolean;
  keyboardShortcuts: boolean;
  /** After the `s` or `r` key, move the keyboard focus to the next paper. */
  moveAfterAction: boolean;
  /** Ask huggingface.co for code links of saved papers that have none. */
  fetchCodeLinks: boolean;
  /** What the toolbar badge counts: new papers on a list's tab, saved unread papers, or unread updates. */
  badge: 'new' | 'unread' | 'updates';
  /**
   * The badge counts the papers left in the inbox (from the days already cached, never fetched for it)
   * instead of saved unread papers; at `badge: 'updates'` the updates come first.
   */
  badgeInbox: boolean;
  /** Check saved papers on huggingface.co once a day for code, project pages and linked repos (issue 16). */
  watchSaved: boolean;
  /** A watched paper's stars reaching this many is an update; 0 never. */
  starThreshold: (typeof STAR_THRESHOLDS)[number];
  /** Show the site's one-line summary (`ai_summary`) under each card on the papers pages. */
  aiSummaryOnCards: boolean;
  /** A system notification when updates are found (needs the optional `notifications` permission). */
  notifyUpdates: boolean;
  /** Also ask arXiv for new versions of the watched papers (needs the optional arXiv permission). */
  watchVersions: boolean;
  /** Minimum upvotes, code required, follow and mute rules: the same on every list (issue 15). */
  filters: Filters;
}

/** The settings of a fresh install. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  overlayStyle: 'dim',
  recordSeen: true,
  markReadOnOpen: true,
  keyboardShortcuts: true,
  moveAfterAction: false,
  fetchCodeLinks: true,
  badge: 'new',
  badgeInbox: false,
  filters: NO_FILTERS,
  watchSaved: true,
  starThreshold: 1000,
  aiSummaryOnCards: false,
  notifyUpdates: false,
  watchVersions: false,
});

/** The values each choice setting may take (the boolean ones are simply booleans). */
const CHOICES = {
  overlayStyle: ['dim', 'hide', 'none'],
  badge: ['new', 'unread', 'updates'],
  starThreshold: STAR_THRESHOLDS,
} as const satisfies Partial<Record<keyof Settings, readonly (string | number)[]>>;

function isValidSetting(key: keyof Settings, value: unknown): boolean {
  const choices: readonly unknown[] | undefined = (
    CHOICES as Partial<Record<keyof Settings, readonly unknown[]>>
  )[key];
  if (key === 'filters') return isValidFilters(value);
  return choices ? choices.includes(value) : typeof value === 'boolean';
}

// The patch schema is built on first use, so the content script (which only reads settings) does not
// carry the validation library.
let patchSchema: v.GenericSchema<unknown, Partial<Settings>> | undefined;
/** The schema of a change to the settings: known fields only, each of the right kind. */
export function settingsPatchSchema() {
  const entries = {
    overlayStyle: v.optional(v.picklist(CHOICES.overlayStyle)),
    recordSeen: v.optional(v.boolean()),
    markReadOnOpen: v.optional(v.boolean()),
    keyboardShortcuts: v.optional(v.boolean()),
    moveAfterAction: v.optional(v.boolean()),
    fetchCodeLinks: v.optional(v.boolean()),
    badge: v.optional(v.picklist(CHOICES.badge)),
    badgeInbox: v.optional(v.boolean()),
    filters: v.optional(v.custom<Filters>(isValidFilters, 'must be valid filters')),
    watchSaved: v.optional(v.boolean()),
    starThreshold: v.optional(v.picklist(CHOICES.starThreshold)),
    aiSummaryOnCards: v.optional(v.boolean()),
    notifyUpdates: v.optional(v.boolean()),
    watchVersions: v.optional(v.boolean()),
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
