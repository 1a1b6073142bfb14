/**
 * The sync codec's public entry: how a {@link SyncState} is written into `storage.sync` items and read back.
 * Everything outside the codec imports it from here; the codec itself is one module per concern:
 *
 * - `layout.ts`: the item keys, item sizes as the quota counts them, the budgets, how papers are sharded into
 *   items by arXiv month and number, and the rules for one register both directions share;
 * - `item-text.ts`: the text of each kind of item (papers, notes, settings, manifest);
 * - `encode.ts`: {@link encodeState}, which chooses what fits (settings, then saved papers' registers newest
 *   first, then read marks newest first) and splits items over 8 KB;
 * - `decode.ts`: {@link decodeItems}, which reads every item of any layout and writer and joins them.
 */
export { type Decoded, decodeItems } from './decode';
export { type Encoded, type EncodeOptions, encodeState, type Omitted } from './encode';
export {
  DEFAULT_BUDGET_BYTES,
  DEFAULT_MAX_ITEMS,
  FORMAT_VERSION,
  isSharedKey,
  itemBytes,
  MANIFEST_KEY,
  type OmittedThrough,
  SETTINGS_KEY,
  SHARED_KEY_PREFIXES,
} from './layout';
