import { beforeEach, describe, expect, it } from 'vitest';
import { type BackupV1, importBackup } from '../../../lib/db/backup';
import { observePapers, setNote, setRead, setSaved, setTags, setWatched } from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { idOf, makeRecord, makeStored } from '../../fixtures/db/records';

const T0 = 1_738_000_000_000;

function backupOf(papers: BackupV1['papers'], pages: BackupV1['pages'] = []): BackupV1 {
  return {
    format: 'daily-papers-companion-backup',
    version: 1,
    exportedAt: '2025-01-31T00:00:00.000Z',
    papers,
    pages,
  };
}

beforeEach(async () => {
  await deleteDb();
  // The database: papers 1 (tagged) and 3 saved, so queued for enrichment; paper 2 read with a note.
  await observePapers([makeRecord(1), makeRecord(2), makeRecord(3)], 'https://huggingface.co/papers', T0);
  await setSaved(idOf(1), true, undefined, T0 + 10);
  await setTags(idOf(1), ['Local'], T0 + 20);
  await setRead(idOf(2), true, T0 + 30);
  await setNote(idOf(2), 'local note', T0 + 40);
  await setSaved(idOf(3), true, undefined, T0 + 50);
});

describe('import in merge mode', () => {
  it('keeps a paper watched when either side watches it, with the later time', async () => {
    await setWatched(idOf(2), true, T0 + 60);
    const unwatched = makeStored(2, { updatedAt: T0 + 5_000 });
    delete unwatched.watchedAt;
    const watchedThere = makeStored(3, { watchedAt: T0 + 70, updatedAt: T0 - 5 });
    const result = await importBackup(backupOf([unwatched, watchedThere]), 'merge');
    expect(result).toMatchObject({ ok: true });
    const [two, three] = await getDb().papers.bulkGet([idOf(2), idOf(3)]);
    expect(two?.watchedAt).toBe(T0 + 60);
    expect(three?.watchedAt).toBe(T0 + 70);
  });

  it('adds new papers and merges shared ones by the documented rule', async () => {
    const incoming1 = makeStored(1, {
      state: 'seen',
      tags: ['local', 'imported'],
      firstSeenAt: T0 - 1_000,
      lastSeenAt: T0 + 500,
      updatedAt: T0 + 1_000, // newer than the database's row
      upvotes: 77,
    });
    delete incoming1.savedAt;
    delete incoming1.readAt;
    delete incoming1.note;
    const incoming2 = makeStored(2, { state: 'seen', updatedAt: T0 - 5, note: 'old imported note' });
    delete incoming2.readAt;
    delete incoming2.savedAt;
    const added = makeStored(50);

    const result = await importBackup(
      backupOf([incoming1, incoming2, added], [{ key: 'trending', visitStartedAt: 5, lastVisitAt: 6 }]),
      'merge',
    );
    expect(result).toEqual({ ok: true, papers: 3, pages: 1 });

    const [one, two, fifty] = await getDb().papers.bulkGet([idOf(1), idOf(2), idOf(50)]);
    // Paper 1: still saved (saved on the database's side), tags united (newer side first), newer metadata.
    expect(one).toMatchObject({
      savedAt: T0 + 10,
      tags: ['local', 'imported'],
      upvotes: 77,
      firstSeenAt: T0 - 1_000,
      updatedAt: T0 + 1_000,
    });
    expect(one?.githubRepo).toBe(incoming1.githubRepo);
    // Paper 2: stays read, keeps the newer (database) note.
    expect(two).toMatchObject({ state: 'read', readAt: T0 + 30, note: 'local note' });
    // Paper 50: added as it was.
    expect(fifty).toEqual(added);
    expect(await getDb().pages.count()).toBe(2);
    // The enrichment queue (papers 1 and 3) is kept.
    expect(await getDb().enrichment.count()).toBe(2);
  });

  it('keeps the page visit row with the later lastVisitAt', async () => {
    const key = 'date:latest';
    const current = await getDb().pages.get(key);
    await importBackup(backupOf([], [{ key, visitStartedAt: 1, lastVisitAt: 2 }]), 'merge');
    expect(await getDb().pages.get(key)).toEqual(current);
    const later = { key, visitStartedAt: T0 + 100, lastVisitAt: T0 + 200, previousVisitAt: T0 };
    await importBackup(backupOf([], [later]), 'merge');
    expect(await getDb().pages.get(key)).toEqual(later);
  });

  it('is idempotent: importing the same backup twice changes nothing more', async () => {
    const backup = backupOf([makeStored(1, { updatedAt: T0 + 5_000 }), makeStored(60)]);
    await importBackup(backup, 'merge');
    const once = await getDb().papers.toArray();
    await importBackup(backup, 'merge');
    expect(await getDb().papers.toArray()).toEqual(once);
  });
});

describe('import in replace mode', () => {
  it('clears papers, visits and the enrichment queue, then writes the backup', async () => {
    const only = makeStored(70);
    // It says what the store now holds, as written (the state index is rebuilt from that).
    expect(await importBackup(backupOf([only]), 'replace')).toEqual({
      ok: true,
      papers: 1,
      pages: 0,
      replacedWith: { papers: [only], pages: [] },
    });
    expect(await getDb().papers.toArray()).toEqual([only]);
    expect(await getDb().pages.count()).toBe(0);
    expect(await getDb().enrichment.count()).toBe(0);
  });
});
