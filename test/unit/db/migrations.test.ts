/**
 * Migration harness. For every SHIPPED schema version N there is a frozen fixture
 * `test/fixtures/db/vN.json` (its schema and rows as that version wrote them). Each is written with the
 * raw IndexedDB API, then opened with the current schema, and every row is checked.
 *
 * Shipped versions are never edited, neither in `lib/db/schema.ts` nor here nor in the fixtures.
 * When version 3 comes: add `SCHEMA_V3` + `version(3)...upgrade()`, freeze `v3.json`, add it to
 * `FIXTURES`, and give `expectedRowsAfterUpgrade` the v2 → v3 transformation.
 */
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoredPaperSchema } from '../../../lib/db/backup';
import { listPapers } from '../../../lib/db/queries';
import { DB_NAME, deleteDb, getDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from '../../../lib/db/schema';
import { DexieReplica } from '../../../lib/db/sync-replica';
import { reconcileWatch } from '../../../lib/db/watch';
import { type DbFixture, readRawIndexes, writeRawDb } from '../../fixtures/db/raw-idb';
import v1 from '../../fixtures/db/v1.json';
import v2 from '../../fixtures/db/v2.json';
import v3 from '../../fixtures/db/v3.json';
import v4 from '../../fixtures/db/v4.json';

const FIXTURES: DbFixture[] = [v1 as DbFixture, v2 as DbFixture, v3 as DbFixture, v4 as DbFixture];
/** The current schema version. */
const CURRENT = 4;

/** The rows a fixture's table should hold once opened by the current version. */
function expectedRowsAfterUpgrade(fixture: DbFixture, table: string): Record<string, unknown>[] {
  // v1 → v2 adds an index and an empty table (`syncStamps`), v2 → v3 two empty tables (`watch`,
  // `updates`), v3 → v4 an index (`watchedAt`): every row is kept as it is.
  return fixture.rows[table] ?? [];
}

const byKey = (rows: Record<string, unknown>[]) =>
  [...rows].sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));

beforeEach(async () => {
  await deleteDb();
});
afterEach(async () => {
  await deleteDb();
});

describe('shipped schema versions are frozen', () => {
  it('version 1 in lib/db/schema.ts is exactly the frozen v1 schema', () => {
    expect(SCHEMA_V1).toEqual(v1.stores);
  });

  it('version 2 in lib/db/schema.ts is exactly the frozen v2 schema', () => {
    expect(SCHEMA_V2).toEqual(v2.stores);
  });

  it('version 3 in lib/db/schema.ts is exactly the frozen v3 schema', () => {
    expect(SCHEMA_V3).toEqual(v3.stores);
  });

  it('version 4 in lib/db/schema.ts is exactly the frozen v4 schema', () => {
    expect(SCHEMA_V4).toEqual(v4.stores);
  });

  it('the current version is the newest fixture', () => {
    expect(getDb().verno).toBe(CURRENT);
    expect(Math.max(...FIXTURES.map((f) => f.dexieVersion))).toBe(CURRENT);
  });
});

describe.each(FIXTURES.map((f) => [f.dexieVersion, f] as const))(
  'a database written by version %i',
  (_, fixture) => {
    beforeEach(async () => {
      await writeRawDb(DB_NAME, fixture);
    });

    it('opens with the current schema without losing or changing any row', async () => {
      const db = getDb();
      await db.open();
      expect(db.verno).toBe(CURRENT);
      for (const table of Object.keys(fixture.rows)) {
        const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
        expect(byKey(rows), table).toEqual(byKey(expectedRowsAfterUpgrade(fixture, table)));
      }
    });

    it('ends with exactly the current indexes', async () => {
      await getDb().open();
      getDb().close();
      const raw = await readRawIndexes(DB_NAME);
      expect(raw.version).toBe(CURRENT * 10);
      const expected: Record<string, string[]> = {};
      for (const table of getDb().tables) {
        expected[table.name] = table.schema.indexes.map((i) => i.name).sort();
      }
      expect(raw.stores).toEqual(expected);
    });

    it('every paper row is valid for the current code (it would pass the backup importer)', async () => {
      for (const row of await getDb().papers.toArray()) {
        const result = v.safeParse(StoredPaperSchema, row);
        expect(result.issues, row.id).toBeUndefined();
      }
    });

    it('holds sync stamps only where that version wrote them', async () => {
      const stamps = (await getDb().syncStamps.toArray()) as unknown as Record<string, unknown>[];
      expect(byKey(stamps)).toEqual(byKey(fixture.rows.syncStamps ?? []));
    });

    it('finds the rows written since a time through the new updatedAt index', async () => {
      const papers = expectedRowsAfterUpgrade(fixture, 'papers');
      const since = 1717000004000;
      const found = await getDb().papers.where('updatedAt').aboveOrEqual(since).primaryKeys();
      expect(found.sort()).toEqual(
        papers
          .filter((p) => (p.updatedAt as number) >= since)
          .map((p) => p.id)
          .sort(),
      );
    });

    it('is ready to sync: the first pass stamps the library with the times it records', async () => {
      const state = await new DexieReplica({ now: () => 1730000000000 }).load();
      const saved = [...state.papers].filter(([, p]) => p.saved?.value === true).map(([id]) => id);
      expect(saved.sort()).toEqual(
        expectedRowsAfterUpgrade(fixture, 'papers')
          .filter((p) => p.savedAt !== undefined)
          .map((p) => p.id)
          .sort(),
      );
      // The saved paper of every version keeps its own time, in seconds.
      expect(state.papers.get('2406.09999')?.saved).toEqual({ value: true, at: 1717000003 });
    });

    it('keeps on the watch list the saved papers and the papers watched without saving', async () => {
      const papers = expectedRowsAfterUpgrade(fixture, 'papers');
      const chosen = await getDb().papers.orderBy('watchedAt').primaryKeys();
      expect(chosen.sort()).toEqual(
        papers
          .filter((p) => p.watchedAt !== undefined)
          .map((p) => p.id)
          .sort(),
      );
      await reconcileWatch(1730000000000);
      const listed = await getDb().watch.toCollection().primaryKeys();
      expect(listed.sort()).toEqual(
        papers
          .filter((p) => p.savedAt !== undefined || p.watchedAt !== undefined)
          .map((p) => p.id)
          .sort(),
      );
    });

    it('answers queries through the indexes', async () => {
      const saved = await listPapers({ kind: 'saved' });
      const expectedSaved = expectedRowsAfterUpgrade(fixture, 'papers').filter(
        (p) => p.savedAt !== undefined,
      );
      expect(saved.total).toBe(expectedSaved.length);
      const tagged = await listPapers({ kind: 'tag', tag: 'ml' });
      expect(tagged.papers.map((p) => p.id).sort()).toEqual(
        expectedRowsAfterUpgrade(fixture, 'papers')
          .filter((p) => (p.tags as string[]).some((t) => t.toLowerCase() === 'ml'))
          .map((p) => p.id)
          .sort(),
      );
    });
  },
);
