/**
 * The last sync's outcome as the options page shows it: plain data, shared by the background (which
 * records it) and the user interfaces (which never call a browser API).
 */

/** What was not synced for lack of room (counts of registers left out). */
export interface NotSynced {
  readMarks: number;
  saved: number;
  /** Watch registers (absent in a status recorded before they synced). */
  watched?: number;
  tags: number;
  notes: number;
  settings: number;
}

/** The last sync's outcome, as the options page shows it. */
export interface SyncStatus {
  /** When the last run ended. */
  at: number;
  ok: boolean;
  /** In words, when `ok` is false. */
  error?: string;
  /** When the next attempt is due after a failure or a rate limit. */
  retryAt?: number;
  /** Changes from other devices written here by the last run. */
  applied: number;
  /** Bytes the shared state uses in `storage.sync`, and the quota. */
  bytes: number;
  quotaBytes: number;
  /** Devices that have synced within the retirement period. */
  devices: number;
  notSynced: NotSynced;
}
