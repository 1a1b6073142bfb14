/**
 * Whether this device syncs, its device id, and the last sync's outcome, all in `storage.local` (per
 * device, never synced themselves): the options page turns sync on and off and shows the status; the
 * background reads both and writes the status.
 */
import { browser } from 'wxt/browser';
import type { SyncStatus } from '../model/sync-status';

export type { NotSynced, SyncStatus } from '../model/sync-status';

/** `storage.local` key of {@link SyncPrefs}. */
export const SYNC_PREFS_KEY = 'syncPrefs';
/** `storage.local` key of {@link SyncStatus}. */
export const SYNC_STATUS_KEY = 'syncStatus';

/** This device's sync choices. */
export interface SyncPrefs {
  /** Off until the user turns it on. */
  enabled: boolean;
  /** Random, made when sync is first turned on (`''` before); names this device's item in `storage.sync`. */
  deviceId: string;
}

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function parsePrefs(raw: unknown): SyncPrefs | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const { enabled, deviceId } = raw as Partial<SyncPrefs>;
  if (typeof deviceId !== 'string' || !/^[\w-]{6,64}$/.test(deviceId)) return undefined;
  return { enabled: enabled === true, deviceId };
}

/**
 * This device's prefs. Reading never writes (a lazily written default could overwrite the user's choice
 * made at the same moment in another context); until sync is first turned on there is no device id.
 */
export async function loadSyncPrefs(): Promise<SyncPrefs> {
  const stored = await browser.storage.local.get(SYNC_PREFS_KEY);
  return parsePrefs(stored[SYNC_PREFS_KEY]) ?? { enabled: false, deviceId: '' };
}

/** Turns sync on or off on this device; turning it on the first time makes the device id. */
export async function setSyncEnabled(enabled: boolean): Promise<SyncPrefs> {
  const current = await loadSyncPrefs();
  const prefs: SyncPrefs = { enabled, deviceId: current.deviceId || randomDeviceId() };
  await browser.storage.local.set({ [SYNC_PREFS_KEY]: prefs });
  return prefs;
}

function parseStatus(raw: unknown): SyncStatus | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const status = raw as SyncStatus;
  return typeof status.at === 'number' && typeof status.ok === 'boolean' ? status : undefined;
}

/** The last sync's outcome, if any run happened. */
export async function loadSyncStatus(): Promise<SyncStatus | undefined> {
  return parseStatus((await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY]);
}

/** Records the last run's outcome (the background, after each run). */
export async function saveSyncStatus(status: SyncStatus | undefined): Promise<void> {
  if (status === undefined) await browser.storage.local.remove(SYNC_STATUS_KEY);
  else await browser.storage.local.set({ [SYNC_STATUS_KEY]: status });
}

/** Calls `callback` when the prefs or the status change (in any context). Returns the unsubscribe. */
export function onSyncChanged(
  callback: (change: { prefs?: SyncPrefs; status?: SyncStatus | null }) => void,
): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const change: { prefs?: SyncPrefs; status?: SyncStatus | null } = {};
    if (SYNC_PREFS_KEY in changes) change.prefs = parsePrefs(changes[SYNC_PREFS_KEY]?.newValue);
    if (SYNC_STATUS_KEY in changes) change.status = parseStatus(changes[SYNC_STATUS_KEY]?.newValue) ?? null;
    if (change.prefs !== undefined || change.status !== undefined) callback(change);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
