import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES, type BackupV1, exportBackup, importBackup } from '../../../lib/db/backup';
import { observePapers, setSaved, setTags } from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { idOf, makeRecord, makeStored } from '../../fixtures/db/records';

/**
 * Properties of the importer: whatever it is given, it never throws; it either refuses with one of
 * its messages and leaves the database exactly as it was, or accepts.
 */

let base: BackupV1;
const RUNS = { numRuns: 150 };

async function snapshot() {
  const db = getDb();
  return JSON.stringify([await db.papers.toArray(), await db.pages.toArray(), await db.enrichment.toArray()]);
}

function isOurMessage(error: string): boolean {
  return (
    error === BACKUP_MESSAGES.notABackup ||
    error === BACKUP_MESSAGES.incomplete ||
    error === BACKUP_MESSAGES.badMode ||
    /^This backup was made by a newer version \(format \d+\); update the extension to import it\.$/.test(
      error,
    ) ||
    /^This backup contains the forbidden key "(__proto__|constructor|prototype)"; nothing was imported\.$/.test(
      error,
    ) ||
    /^This backup is damaged or was edited \(.+\); nothing was imported\.$/s.test(error)
  );
}

/** Imports `input`; checks the property; restores the base database when the import was accepted. */
async function checkImport(input: unknown, mode: 'merge' | 'replace'): Promise<boolean> {
  const before = await snapshot();
  const result = await importBackup(input, mode); // must not throw
  if (result.ok) {
    await importBackup(base, 'replace');
    return true;
  }
  expect(isOurMessage(result.error), result.error).toBe(true);
  expect(await snapshot()).toBe(before);
  return false;
}

beforeAll(async () => {
  await deleteDb();
  await observePapers([makeRecord(1), makeRecord(2)], 'https://huggingface.co/papers', 1_000);
  await setSaved(idOf(1), true, undefined, 2_000);
  await setTags(idOf(2), ['kept'], 3_000);
  base = await exportBackup(4_000);
});

const mode = fc.constantFrom<'merge' | 'replace'>('merge', 'replace');

describe('importBackup on arbitrary input', () => {
  it('arbitrary JSON values: never throws; refused with a message and the database unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), mode, async (value, m) => {
        await checkImport(value, m);
        await checkImport(JSON.stringify(value), m);
      }),
      RUNS,
    );
  });

  it('arbitrary text, including cut-off backups: never throws', async () => {
    const text = JSON.stringify({ ...base, papers: [makeStored(5), makeStored(6)] });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
        ),
        mode,
        async (input, m) => {
          await checkImport(input, m);
        },
      ),
      RUNS,
    );
  });

  it('objects shaped like a backup with arbitrary parts: never throws', async () => {
    const backupish = fc.record(
      {
        format: fc.oneof(fc.constant('daily-papers-companion-backup'), fc.string()),
        version: fc.oneof(fc.constant(1), fc.integer(), fc.jsonValue()),
        exportedAt: fc.oneof(fc.string(), fc.jsonValue()),
        papers: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()),
        pages: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(backupish, mode, async (value, m) => {
        await checkImport(value, m);
      }),
      RUNS,
    );
  });

  it('a good backup with one field replaced, removed or added anywhere: refused cleanly or accepted', async () => {
    const good = { ...base, papers: [makeStored(5), makeStored(6, { note: 'n' })] } as unknown as Record<
      string,
      unknown
    >;
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(node)) {
        for (const [i, child] of node.entries()) walk(child, [...path, i]);
      } else if (node !== null && typeof node === 'object') {
        for (const [k, child] of Object.entries(node)) walk(child, [...path, k]);
      }
    };
    walk(good, []);
    const mutation = fc.record({
      path: fc.constantFrom(...paths),
      kind: fc.constantFrom('replace', 'delete', 'add'),
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      value: fc.jsonValue({ maxDepth: 2 }),
    });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutation, mode, async ({ path, kind, key, value }, m) => {
        const copy = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
        if (path.length === 0) return;
        type Node = Record<string | number, unknown> & unknown[];
        const parent = path.slice(0, -1).reduce<Node>((node, k) => node[k] as Node, copy as Node);
        const last = path[path.length - 1]!;
        if (kind === 'replace') parent[last] = value;
        else if (kind === 'delete') {
          if (Array.isArray(parent)) parent.splice(Number(last), 1);
          else delete parent[last];
        } else {
          const target = parent[last];
          if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
            Object.defineProperty(target, key, {
              value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
          }
        }
        // Through JSON text, as a file would arrive, so "__proto__" stays an own key.
        if (await checkImport(JSON.stringify(copy), m)) accepted += 1;
      }),
      RUNS,
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('importBackup on valid generated backups', () => {
  const word = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((s) => s.trim() === s && s !== '' && !/\s{2}/.test(s));
  const paper = fc
    .record({
      n: fc.integer({ min: 0, max: 99_999 }),
      title: fc.string({ maxLength: 80 }),
      state: fc.constantFrom('new', 'seen', 'read'),
      saved: fc.boolean(),
      tags: fc.uniqueArray(word, { maxLength: 5, selector: (t) => t.toLowerCase() }),
      note: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined }),
      times: fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 5, maxLength: 5 }),
    })
    .map(({ n, title, state, saved, tags, note, times }) => {
      const [a, b, c, d, e] = times as [number, number, number, number, number];
      const row = makeStored(n, { title, state, tags, firstSeenAt: a, lastSeenAt: b, updatedAt: c });
      delete row.readAt;
      delete row.savedAt;
      delete row.note;
      if (state === 'read') row.readAt = d;
      if (saved) row.savedAt = e;
      if (note !== undefined) row.note = note;
      return row;
    });

  it('are accepted and come back identical through export', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(paper, { maxLength: 8, selector: (p) => p.id }), async (papers) => {
        const backup = { ...base, papers };
        const result = await importBackup(JSON.stringify(backup), 'replace');
        expect(result).toMatchObject({ ok: true, papers: papers.length, pages: base.pages.length });
        // What it says the store holds is what the store holds.
        expect(result.ok && result.replacedWith).toEqual({
          papers: expect.arrayContaining(await getDb().papers.toArray()),
          pages: await getDb().pages.toArray(),
        });
        expect(result.ok && result.replacedWith?.papers).toHaveLength(papers.length);
        const exported = await exportBackup();
        expect(exported.papers).toEqual([...papers].sort((x, y) => (x.id < y.id ? -1 : 1)));
      }),
      { numRuns: 60 },
    );
  });
});
