/**
 * Migration harness. For every SHIPPED schema version N there is a frozen fixture
 * `test/fixtures/db/vN.json` (its schema and rows as that version wrote them). Each is written with the
 * raw IndexedDB API, then opened with the current schema, and every row is checked.
 *
 * Shipped versions are never edited, neither in `lib/db/schema.ts` nor here nor in the fixtures.
 * When version 2 comes: add `SCHEMA_V2` + `version(2)...upgrade()`, freeze `v2.json`, add it to
 * `FIXTURES`, and give `expectedRowsAfterUpgrade` the v1 → v2 transformation.
 */
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoredPaperSchema } from '../../lib/db/backup';
import { listPapers } from '../../lib/db/papers';
import { DB_NAME, deleteDb, getDb, SCHEMA_V1 } from '../../lib/db/schema';
import { type DbFixture, readRawIndexes, writeRawDb } from '../fixtures/db/raw-idb';
import v1 from '../fixtures/db/v1.json';

const FIXTURES: DbFixture[] = [v1 as DbFixture];
/** The current schema version. */
const CURRENT = 1;

/** The rows a fixture's table should hold once opened by the current version. */
function expectedRowsAfterUpgrade(fixture: DbFixture, table: string): Record<string, unknown>[] {
  // v1 is the current version: rows are kept as they are.
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
