/**
 * Decoding the `storage.sync` area back into a {@link SyncState}: every item of any layout and writer is read
 * (the texts `item-text.ts` writes) and joined register by register.
 */
import { CodedTextError, Reader } from './base64';
import { HEADER_TAGS, TAG_OTHER_KEY, TAG_REMOVED, THROUGH_ORDER } from './item-text';
import {
  compactId,
  FALLBACK_GROUP,
  FORMAT_VERSION,
  isCollectedRegister,
  isSharedKey,
  type Kind,
  MANIFEST_KEY,
  NUMBER_DIGITS,
  numberDigits,
  type OmittedThrough,
  PAPER_KEY,
  publishedFromCode,
  SETTINGS_KEY,
} from './layout';
import { winner } from './stamp';
import type { Hlc, Stamped, SyncPaper, SyncState } from './types';

/** What {@link decodeItems} read from the area: the join of every item it could read. */
export interface Decoded {
  state: SyncState;
  /** The highest collected watermark among the manifests (0 without one). */
  collected: Hlc;
  /** Per kind, the newest stamp some writer left out (the latest among the manifests). */
  omittedThrough: OmittedThrough;
  /** One line per item skipped or part of an item ignored, naming its key. */
  warnings: string[];
  /**
   * The manifest was written in a later format than {@link FORMAT_VERSION}: a newer version of the extension
   * syncs here, and this one should not overwrite its items.
   */
  futureFormat: boolean;
}

/** One register read from an item, before joining. */
interface ReadRegister {
  kind: Kind;
  id: string;
  tag: string;
  stamped: Stamped<unknown>;
}

function readStamped(at: number, value: unknown, code?: number): Stamped<unknown> {
  const publishedAt = code === undefined ? undefined : publishedFromCode(at, code);
  return publishedAt === undefined ? { value, at } : { value, at, published: publishedAt };
}

/** The lists of a paper or notes item; throws {@link CodedTextError} when the item is damaged. */
function readPaperItem(reader: Reader, prefix: string, group: string): ReadRegister[] {
  const out: ReadRegister[] = [];
  const base = reader.varint();
  const readId = (): string => {
    if (group === FALLBACK_GROUP) return reader.chars(reader.varint());
    const number = reader.fixed(NUMBER_DIGITS);
    const digits = numberDigits(group);
    if (number >= 10 ** digits) throw new CodedTextError('an arXiv number is out of range');
    const id = `${group}.${String(number).padStart(digits, '0')}`;
    if (!compactId(id)) throw new CodedTextError('the key names no arXiv month');
    return id;
  };
  /** A stamp written as seconds after `stamp`. */
  const after = (stamp: number): number => {
    const at = stamp + reader.varint();
    if (!Number.isSafeInteger(at)) throw new CodedTextError('a stamp is out of range');
    return at;
  };
  const readList = (each: (at: number, id: string) => void) => {
    const count = reader.varint();
    let at = base;
    for (let i = 0; i < count; i++) {
      at = after(at);
      each(at, readId());
    }
  };
  if (prefix === 'w:') {
    readList((at, id) => {
      const state = reader.varint();
      const stamped = state === 0 ? { value: true, at } : readStamped(at, false, state - 1);
      out.push({ kind: 'watched', id, tag: '', stamped });
    });
    return out;
  }
  if (prefix === 'n:') {
    readList((at, id) => {
      const value = reader.chars(reader.varint());
      const stamped = value === '' ? readStamped(at, value, reader.varint()) : { value, at };
      out.push({ kind: 'note', id, tag: '', stamped });
    });
    return out;
  }
  const dictionary: string[] = [];
  const dictionarySize = reader.varint();
  for (let i = 0; i < dictionarySize; i++) dictionary.push(reader.chars(reader.varint()));
  const spelling = (ref: number): string => {
    const found = dictionary[ref];
    if (found === undefined) throw new CodedTextError('a tag is missing from the dictionary');
    return found;
  };
  readList((at, id) => out.push({ kind: 'read', id, tag: '', stamped: { value: true, at } }));
  readList((anchor, id) => {
    const header = reader.varint();
    const states = [header % 3, Math.floor(header / 3) % 3] as const;
    const kinds = ['read', 'saved'] as const;
    for (let i = 0; i < 2; i++) {
      if (states[i] === 0) continue;
      const at = after(anchor);
      const stamped = states[i] === 1 ? { value: true, at } : readStamped(at, false, reader.varint());
      out.push({ kind: kinds[i]!, id, tag: '', stamped });
    }
    const tagCount = Math.floor(header / HEADER_TAGS);
    for (let i = 0; i < tagCount; i++) {
      const at = after(anchor);
      const code = reader.varint();
      const ref = Math.floor(code / 2);
      if (code % 2 === 0) {
        const value = spelling(ref);
        out.push({ kind: 'tags', id, tag: value.toLowerCase(), stamped: { value, at } });
        continue;
      }
      const form = reader.varint();
      if (form === TAG_REMOVED) {
        out.push({ kind: 'tags', id, tag: spelling(ref), stamped: readStamped(at, null, reader.varint()) });
      } else if (form === TAG_OTHER_KEY) {
        out.push({ kind: 'tags', id, tag: spelling(reader.varint()), stamped: { value: spelling(ref), at } });
      } else throw new CodedTextError('a tag of an unknown form');
    }
  });
  return out;
}

function readSettingsItem(reader: Reader): [string, Stamped<unknown>][] {
  const out: [string, Stamped<unknown>][] = [];
  const count = reader.varint();
  for (let i = 0; i < count; i++) {
    const name = reader.chars(reader.varint());
    const at = reader.varint();
    const json = reader.chars(reader.varint());
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new CodedTextError(`the setting "${name.slice(0, 40)}" is not JSON`);
    }
    out.push([name, { value, at }]);
  }
  return out;
}

function readManifest(reader: Reader): { collected: Hlc; through: OmittedThrough } {
  const collected = reader.varint();
  const through: OmittedThrough = {};
  for (const kind of THROUGH_ORDER) {
    const code = reader.varint();
    if (code > 0) through[kind] = code - 1;
  }
  return { collected, through };
}

function joinRegister(papers: Map<string, SyncPaper>, register: ReadRegister): void {
  let paper = papers.get(register.id);
  if (!paper) {
    paper = {};
    papers.set(register.id, paper);
  }
  const { kind, stamped } = register;
  if (kind === 'tags') {
    paper.tags ??= Object.create(null) as NonNullable<SyncPaper['tags']>;
    const tags = paper.tags;
    tags[register.tag] = winner(tags[register.tag], stamped as Stamped<string | null>)!;
  } else if (kind === 'note') {
    paper.note = winner(paper.note, stamped as Stamped<string>);
  } else {
    paper[kind] = winner(paper[kind], stamped as Stamped<boolean>);
  }
}

/** Drops tombstones published at or before `collected` from the joined papers, and papers left empty. */
function dropCollected(papers: Map<string, SyncPaper>, collected: Hlc): void {
  for (const [id, paper] of papers) {
    if (paper.read && isCollectedRegister('read', paper.read, collected)) delete paper.read;
    if (paper.saved && isCollectedRegister('saved', paper.saved, collected)) delete paper.saved;
    if (paper.watched && isCollectedRegister('watched', paper.watched, collected)) delete paper.watched;
    if (paper.note && isCollectedRegister('note', paper.note, collected)) delete paper.note;
    if (paper.tags) {
      for (const [tag, stamped] of Object.entries(paper.tags)) {
        if (isCollectedRegister('tags', stamped, collected)) delete paper.tags[tag];
      }
      if (Object.keys(paper.tags).length === 0) delete paper.tags;
    }
    if (!paper.read && !paper.saved && !paper.watched && !paper.note && !paper.tags) papers.delete(id);
  }
}

/**
 * Reads the shared state from everything in the `storage.sync` area, joining items of any layout and writer:
 * when a register appears in several items the winner of `compareStamped` (`lib/sync/stamp.ts`) is kept, the highest collected
 * watermark counts and tombstones it covers are dropped. Keys that are not shared (see {@link isSharedKey}) are
 * ignored. Never throws: an item it cannot read (damaged, or of another format) is skipped whole, with a
 * warning.
 */
export function decodeItems(items: Record<string, unknown>): Decoded {
  const papers = new Map<string, SyncPaper>();
  const settings: SyncState['settings'] = Object.create(null);
  const omittedThrough: OmittedThrough = {};
  const warnings: string[] = [];
  let collected = 0;
  let futureFormat = false;

  let keys: string[] = [];
  try {
    keys = items !== null && typeof items === 'object' ? Object.keys(items).sort() : [];
  } catch {
    warnings.push('the area could not be listed');
  }
  for (const key of keys) {
    if (!isSharedKey(key)) continue;
    const label = JSON.stringify(key.slice(0, 40));
    try {
      const value = items[key];
      if (typeof value !== 'string') throw new CodedTextError('the value is not text');
      const reader = new Reader(value);
      const version = reader.varint();
      if (version !== FORMAT_VERSION) {
        // The manifest speaks for the area: a later format there means a newer version syncs here.
        if (key === MANIFEST_KEY && version > FORMAT_VERSION) futureFormat = true;
        throw new CodedTextError(`written in format ${version}, not ${FORMAT_VERSION}`);
      }
      if (key === MANIFEST_KEY) {
        const manifest = readManifest(reader);
        if (!reader.done) throw new CodedTextError('unexpected text after the end');
        collected = Math.max(collected, manifest.collected);
        for (const kind of THROUGH_ORDER) {
          const stamp = manifest.through[kind];
          const known = omittedThrough[kind];
          if (stamp !== undefined && (known === undefined || stamp > known)) omittedThrough[kind] = stamp;
        }
      } else if (key === SETTINGS_KEY) {
        const read = readSettingsItem(reader);
        if (!reader.done) throw new CodedTextError('unexpected text after the end');
        for (const [name, stamped] of read) settings[name] = winner(settings[name], stamped)!;
      } else {
        const match = PAPER_KEY.exec(key);
        if (!match) throw new CodedTextError('a key of a layout this version does not know');
        const read = readPaperItem(reader, `${match[1]}:`, match[2]!);
        if (!reader.done) throw new CodedTextError('unexpected text after the end');
        for (const register of read) joinRegister(papers, register);
      }
    } catch (error) {
      const reason = error instanceof CodedTextError ? error.message : 'unreadable';
      warnings.push(`${label}: ${reason}; skipped`);
    }
  }
  dropCollected(papers, collected);
  return { state: { papers, settings }, collected, omittedThrough, warnings, futureFormat };
}
