import { describe, expect, it } from 'vitest';
import {
  mergeRecord,
  mergeStoredPapers,
  sameStoredPaper,
  toPaperState,
  unionInOrder,
} from '../../../lib/db/merge';
import { makeRecord, makeRichRecord, makeStored } from '../../fixtures/db/records';

describe('mergeRecord: a fresh reading of a page updates an earlier one', () => {
  it('takes the fresh value of every field the fresh reading has', () => {
    const earlier = makeRichRecord(1);
    const fresh = makeRichRecord(1, {
      title: 'New title',
      upvotes: 999,
      githubStars: 5,
      summary: 'New abstract',
    });
    const merged = mergeRecord(earlier, fresh);
    expect(merged.title).toBe('New title');
    expect(merged.upvotes).toBe(999);
    expect(merged.githubStars).toBe(5);
    expect(merged.summary).toBe('New abstract');
  });

  it('never lets a poorer later reading erase a field an earlier one found', () => {
    const earlier = makeRichRecord(1);
    const poorer = makeRecord(1, { title: '', arxivUrl: '', pdfUrl: '' });
    const merged = mergeRecord(earlier, poorer);
    for (const field of [
      'summary',
      'authorCount',
      'publishedAt',
      'submittedAt',
      'upvotes',
      'numComments',
      'githubRepo',
      'githubStars',
      'projectPage',
      'thumbnail',
      'organization',
      'submittedBy',
      'aiSummary',
      'title',
      'arxivUrl',
      'pdfUrl',
    ] as const) {
      expect(merged[field], field).toEqual(earlier[field]);
    }
    expect(merged.codeLinks).toEqual(earlier.codeLinks);
    expect(merged.keywords).toEqual(earlier.keywords);
    expect(merged.authors).toEqual(earlier.authors);
  });

  it('keeps zero counts (0 is a value, not a gap)', () => {
    const merged = mergeRecord(makeRecord(1, { upvotes: 12 }), makeRecord(1, { upvotes: 0 }));
    expect(merged.upvotes).toBe(0);
  });

  it('takes the longer author list, the fresh one on a tie', () => {
    const long = makeRecord(1, { authors: ['A', 'B', 'C'] });
    const short = makeRecord(1, { authors: ['A'] });
    expect(mergeRecord(long, short).authors).toEqual(['A', 'B', 'C']);
    expect(mergeRecord(short, long).authors).toEqual(['A', 'B', 'C']);
    expect(
      mergeRecord(makeRecord(1, { authors: ['X', 'Y'] }), makeRecord(1, { authors: ['P', 'Q'] })).authors,
    ).toEqual(['P', 'Q']);
  });

  it('unites code links and keywords keeping the earlier order, the repository first', () => {
    const earlier = makeRecord(1, {
      codeLinks: ['https://gitlab.com/a/b', 'https://github.com/a/b'],
      keywords: ['Diffusion', 'video'],
    });
    const fresh = makeRecord(1, {
      githubRepo: 'https://github.com/a/b',
      codeLinks: ['https://github.com/a/b', 'https://huggingface.co/spaces/a/b'],
      keywords: ['diffusion', 'audio'],
    });
    const merged = mergeRecord(earlier, fresh);
    expect(merged.codeLinks).toEqual([
      'https://github.com/a/b',
      'https://gitlab.com/a/b',
      'https://huggingface.co/spaces/a/b',
    ]);
    expect(merged.keywords).toEqual(['Diffusion', 'video', 'audio']);
  });

  it('is stable when a richer and a poorer reading alternate', () => {
    const rich = makeRichRecord(3);
    const poor = makeRecord(3);
    const once = mergeRecord(mergeRecord(undefined, rich), poor);
    const twice = mergeRecord(mergeRecord(once, rich), poor);
    expect(twice).toEqual(once);
  });

  it('copies only record fields and no undefined values', () => {
    const withJunk = { ...makeRecord(1), summary: undefined, junk: 'x' } as unknown as ReturnType<
      typeof makeRecord
    >;
    const merged = mergeRecord(undefined, withJunk);
    expect(Object.keys(merged)).not.toContain('junk');
    expect(Object.keys(merged)).not.toContain('summary');
  });
});

describe('unionInOrder', () => {
  it('keeps first-seen order, folds duplicates and caps the length', () => {
    expect(unionInOrder(['a', 'B'], ['b', 'c', 'd'], 3, (s) => s.toLowerCase())).toEqual(['a', 'B', 'c']);
  });
});

describe('mergeStoredPapers: the import merge rule', () => {
  const older = makeStored(7, {
    state: 'read',
    readAt: 2_000,
    savedAt: 1_500,
    tags: ['ML', 'later'],
    note: 'old note',
    firstSeenAt: 1_000,
    lastSeenAt: 2_500,
    updatedAt: 3_000,
    githubStars: 10,
  });
  const newer = makeStored(7, {
    state: 'seen',
    tags: ['ml', 'vision'],
    firstSeenAt: 1_200,
    lastSeenAt: 4_000,
    updatedAt: 5_000,
    githubStars: 42,
    githubRepo: undefined,
  });
  delete newer.readAt;
  delete newer.savedAt;
  delete newer.note;
  delete newer.githubRepo;

  it('keeps read if either copy is read, with the latest readAt', () => {
    expect(mergeStoredPapers(older, newer)).toMatchObject({ state: 'read', readAt: 2_000 });
    expect(mergeStoredPapers(newer, older)).toMatchObject({ state: 'read', readAt: 2_000 });
    const bothRead = mergeStoredPapers(older, { ...newer, state: 'read', readAt: 4_500 });
    expect(bothRead.readAt).toBe(4_500);
  });

  it('keeps saved if either copy is saved, with the latest savedAt', () => {
    expect(mergeStoredPapers(newer, older).savedAt).toBe(1_500);
    expect(mergeStoredPapers(older, { ...newer, savedAt: 4_800 }).savedAt).toBe(4_800);
    const neither = mergeStoredPapers({ ...older, savedAt: undefined }, newer);
    expect('savedAt' in neither && neither.savedAt !== undefined).toBe(false);
  });

  it('keeps "not interested" if either copy is dismissed, with the latest dismissedAt', () => {
    expect(mergeStoredPapers(newer, { ...older, dismissedAt: 2_200 }).dismissedAt).toBe(2_200);
    expect(
      mergeStoredPapers({ ...older, dismissedAt: 2_200 }, { ...newer, dismissedAt: 4_900 }).dismissedAt,
    ).toBe(4_900);
    expect(mergeStoredPapers(older, newer)).not.toHaveProperty('dismissedAt');
  });

  it('unites tags case-insensitively, the newer copy first', () => {
    expect(mergeStoredPapers(older, newer).tags).toEqual(['ml', 'vision', 'later']);
  });

  it('lets the newer copy win per field without losing what only the older one has', () => {
    const merged = mergeStoredPapers(older, newer);
    expect(merged.githubStars).toBe(42);
    expect(merged.githubRepo).toBe(older.githubRepo);
    expect(merged.note).toBe('old note');
    expect(mergeStoredPapers(older, { ...newer, note: 'new note' }).note).toBe('new note');
  });

  it('keeps the earliest firstSeenAt and the latest lastSeenAt and updatedAt', () => {
    expect(mergeStoredPapers(older, newer)).toMatchObject({
      firstSeenAt: 1_000,
      lastSeenAt: 4_000,
      updatedAt: 5_000,
    });
  });

  it('gives the same result whichever side is in the database', () => {
    expect(mergeStoredPapers(older, newer)).toEqual(mergeStoredPapers(newer, older));
  });
});

describe('toPaperState', () => {
  it('shows saved exactly when savedAt is present, and the link fields the row has', () => {
    const row = makeStored(5);
    expect(toPaperState(row)).toEqual({
      id: row.id,
      state: row.state,
      saved: true,
      tags: row.tags,
      githubRepo: row.githubRepo,
      githubStars: row.githubStars,
      projectPage: row.projectPage,
    });
    const plain = { ...makeStored(1) };
    delete plain.githubRepo;
    delete plain.githubStars;
    delete plain.projectPage;
    expect(toPaperState(plain)).toEqual({ id: plain.id, state: 'seen', saved: false, tags: [] });
  });
});

describe('sameStoredPaper: whether an observation changed a row', () => {
  it('ignores lastSeenAt and updatedAt only', () => {
    const row = makeStored(6);
    expect(sameStoredPaper(row, { ...row, lastSeenAt: 1, updatedAt: 2 })).toBe(true);
    expect(sameStoredPaper(row, structuredClone(row))).toBe(true);
    expect(sameStoredPaper(row, { ...row, firstSeenAt: 1 })).toBe(false);
    expect(sameStoredPaper(row, { ...row, upvotes: (row.upvotes ?? 0) + 1 })).toBe(false);
    expect(sameStoredPaper(row, { ...row, state: 'read', readAt: 1 })).toBe(false);
  });

  it('compares lists item by item, in order', () => {
    const row = makeStored(4);
    expect(sameStoredPaper(row, { ...row, authors: [...row.authors] })).toBe(true);
    expect(sameStoredPaper(row, { ...row, authors: [...row.authors].reverse() })).toBe(false);
    expect(sameStoredPaper(row, { ...row, codeLinks: row.codeLinks.slice(1) })).toBe(false);
    expect(sameStoredPaper(row, { ...row, tags: [...row.tags, 'more'] })).toBe(false);
  });

  it('sees a field present on one side only, either side, and treats undefined as absent', () => {
    const row = makeStored(6);
    const { note: _note, ...withoutNote } = row;
    expect(sameStoredPaper(row, withoutNote)).toBe(false);
    expect(sameStoredPaper(withoutNote, row)).toBe(false);
    expect(sameStoredPaper(withoutNote, { ...withoutNote, note: undefined })).toBe(true);
    expect(sameStoredPaper({ ...withoutNote, note: undefined }, withoutNote)).toBe(true);
    expect(sameStoredPaper(row, { ...row, extra: 1 } as typeof row)).toBe(false);
  });

  it('counts any other object as a change', () => {
    const row = makeStored(1) as unknown as Record<string, unknown>;
    const withObject = { ...row, odd: { a: 1 } } as unknown as ReturnType<typeof makeStored>;
    expect(sameStoredPaper(withObject, structuredClone(withObject))).toBe(false);
  });
});
