import { beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUP_MESSAGES,
  type BackupV1,
  exportBackup,
  importBackup,
  parseBackup,
} from '../../../lib/db/backup';
import { observePapers, setTags } from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { idOf, makeRecord, makeStored } from '../../fixtures/db/records';

function goodBackup(count = 3): BackupV1 {
  return {
    format: 'daily-papers-companion-backup',
    version: 1,
    exportedAt: '2025-01-31T00:00:00.000Z',
    papers: Array.from({ length: count }, (_, n) => makeStored(n + 1)),
    pages: [{ key: 'date:latest', visitStartedAt: 1, lastVisitAt: 2 }],
  };
}

/** A backup as plain data, to damage. */
interface Editable {
  [key: string]: unknown;
  papers: Record<string, unknown>[];
  pages: Record<string, unknown>[];
}

/** A good backup with `edit` applied to a deep copy. */
function edited(edit: (b: Editable) => void): Record<string, unknown> {
  const copy = structuredClone(goodBackup()) as unknown as Editable;
  edit(copy);
  return copy;
}

async function snapshot() {
  const db = getDb();
  return {
    papers: await db.papers.toArray(),
    pages: await db.pages.toArray(),
    queue: await db.enrichment.toArray(),
  };
}

beforeEach(async () => {
  await deleteDb();
  await observePapers([makeRecord(900), makeRecord(901)], 'https://huggingface.co/papers', 1_000);
  await setTags(idOf(900), ['mine'], 2_000);
});

/** Imports `input` in both modes and expects the exact refusal and an unchanged database. */
async function expectRefused(input: unknown, message: string) {
  const before = await snapshot();
  for (const mode of ['merge', 'replace'] as const) {
    expect(await importBackup(input, mode)).toEqual({ ok: false, error: message });
    expect(await snapshot()).toEqual(before);
  }
}

describe('importBackup refuses, with an exact message, and changes nothing', () => {
  it.each([
    ['text that is not JSON', 'hello'],
    ['an empty file', ''],
    ['a JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
    ['an object of another format', '{"format":"something-else","version":1}'],
    ['an object without a format', { version: 1, papers: [] }],
    ['a parsed array', [goodBackup()]],
    ['undefined', undefined],
  ])('%s: not a backup', async (_what, input) => {
    await expectRefused(input, 'This file is not a Daily Papers Companion backup.');
  });

  it('a backup cut off in the middle: incomplete', async () => {
    const text = JSON.stringify(goodBackup());
    await expectRefused(text.slice(0, Math.floor(text.length / 2)), BACKUP_MESSAGES.incomplete);
    expect(BACKUP_MESSAGES.incomplete).toBe(
      'This backup file is incomplete (it was cut off); nothing was imported. Export it again.',
    );
  });

  it('a backup from a newer version: asks to update', async () => {
    await expectRefused(
      edited((b) => {
        b.version = 2;
      }),
      'This backup was made by a newer version (format 2); update the extension to import it.',
    );
  });

  it.each([
    ['a missing version', (b: Editable) => delete b.version, 'version: must be a format number'],
    ['version 0', (b: Editable) => (b.version = 0), 'version: must be a format number'],
    ['version "1"', (b: Editable) => (b.version = '1'), 'version: must be a format number'],
    [
      'a missing paper list (truncated object)',
      (b: Editable) => delete (b as Record<string, unknown>).papers,
      'papers: is missing',
    ],
    [
      'a paper that is not an object',
      (b: Editable) => ((b.papers as unknown[])[1] = 'x'),
      'papers[1]: must be a paper',
    ],
    ['a paper missing its title', (b: Editable) => delete b.papers[0]!.title, 'papers[0].title: is missing'],
    [
      'a title over 2,000 characters',
      (b: Editable) => (b.papers[2]!.title = 'x'.repeat(2_001)),
      'papers[2].title: must be at most 2,000 characters',
    ],
    [
      'a note over 10,000 characters',
      (b: Editable) => (b.papers[0]!.note = 'x'.repeat(10_001)),
      'papers[0].note: must be at most 10,000 characters',
    ],
    [
      'a tag over 64 characters',
      (b: Editable) => (b.papers[0]!.tags = ['x'.repeat(65)]),
      'papers[0].tags[0]: must be at most 64 characters',
    ],
    [
      'more than 50 tags',
      (b: Editable) => (b.papers[0]!.tags = Array.from({ length: 51 }, (_, i) => `t${i}`)),
      'papers[0].tags: must hold at most 50 tags',
    ],
    [
      'an id that is not an arXiv id',
      (b: Editable) => (b.papers[0]!.id = '../../etc'),
      'papers[0].id: must be an arXiv id like 2407.21783',
    ],
    [
      'an arXiv id with a version',
      (b: Editable) => (b.papers[0]!.id = '2401.00001v2'),
      'papers[0].id: must be an arXiv id like 2407.21783',
    ],
    [
      'an http project page',
      (b: Editable) => (b.papers[0]!.projectPage = 'http://example.com/'),
      'papers[0].projectPage: must be an https:// link',
    ],
    [
      'a javascript: thumbnail',
      (b: Editable) => (b.papers[0]!.thumbnail = 'javascript:alert(1)'),
      'papers[0].thumbnail: must be an https:// link',
    ],
    [
      'an http code link',
      (b: Editable) => (b.papers[0]!.codeLinks = ['http://github.com/a/b']),
      'papers[0].codeLinks[0]: must be an https:// link',
    ],
    [
      'a data: arXiv link',
      (b: Editable) => (b.papers[0]!.arxivUrl = 'data:text/html,hi'),
      'papers[0].arxivUrl: must be an https:// link',
    ],
    [
      'an http PDF link',
      (b: Editable) => (b.papers[0]!.pdfUrl = 'http://arxiv.org/pdf/2401.00001'),
      'papers[0].pdfUrl: must be an https:// link',
    ],
    [
      'a repository on another host',
      (b: Editable) => (b.papers[0]!.githubRepo = 'https://evil.example/github.com/a/b'),
      'papers[0].githubRepo: must be a canonical https://github.com/OWNER/REPO link',
    ],
    [
      'a non-canonical repository link',
      (b: Editable) => (b.papers[0]!.githubRepo = 'https://github.com/a/b/tree/main'),
      'papers[0].githubRepo: must be a canonical https://github.com/OWNER/REPO link',
    ],
    [
      'an unknown state',
      (b: Editable) => (b.papers[0]!.state = 'archived'),
      'papers[0].state: must be new, seen or read',
    ],
    [
      'a negative timestamp',
      (b: Editable) => (b.papers[0]!.firstSeenAt = -1),
      'papers[0].firstSeenAt: must not be negative',
    ],
    [
      'a read paper without readAt',
      (b: Editable) => {
        b.papers[0]!.state = 'read';
        delete b.papers[0]!.readAt;
      },
      'papers[0]: readAt must be present exactly when read',
    ],
    [
      'the same paper twice',
      (b: Editable) => b.papers.push(structuredClone(b.papers[0]!)),
      'paper 2401.00001 appears twice',
    ],
    ['a page without a key', (b: Editable) => delete b.pages[0]!.key, 'pages[0].key: is missing'],
  ])('%s: damaged, naming the problem', async (_what, edit, detail) => {
    await expectRefused(edited(edit), BACKUP_MESSAGES.damaged(detail));
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a "%s" key anywhere: forbidden', async (key) => {
    const nested = JSON.stringify(goodBackup()).replace(
      '"tags":[',
      `"extra":{"deep":[{"${key}":{"polluted":true}}]},"tags":[`,
    );
    await expectRefused(nested, BACKUP_MESSAGES.forbiddenKey(key));
    await expectRefused(
      `{"${key}":{"x":1},${JSON.stringify(goodBackup()).slice(1)}`,
      BACKUP_MESSAGES.forbiddenKey(key),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('more than 200,000 papers: refused before validating them one by one', async () => {
    const huge = { ...goodBackup(0), papers: new Array(200_001).fill(0) };
    const started = performance.now();
    await expectRefused(huge, BACKUP_MESSAGES.damaged('papers: must hold at most 200,000 papers'));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('an unknown import mode', async () => {
    expect(await importBackup(goodBackup(), 'append' as 'merge')).toEqual({
      ok: false,
      error: 'The import mode must be "merge" or "replace".',
    });
  });
});

describe('importBackup accepts', () => {
  it('its own export, as text or as parsed JSON', async () => {
    const backup = await exportBackup();
    expect(parseBackup(JSON.stringify(backup)).ok).toBe(true);
    expect(parseBackup(backup).ok).toBe(true);
  });

  it('unknown fields inside version 1, dropping them', async () => {
    const withExtra = edited((b) => {
      b.papers[0]!.futureField = 'x';
      b.comment = 'hello';
    });
    const parsed = parseBackup(withExtra);
    expect(parsed.ok && Object.keys(parsed.backup.papers[0]!)).not.toContain('futureField');
  });
});
