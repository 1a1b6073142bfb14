/**
 * Backup files that go wrong, beyond backup-refusals.test.ts (which holds the message for each kind of
 * damage): a file too large to import, one cut off at any point, one from a future version whatever
 * its shape, and hostile content that must be neither refused wrongly nor let through. Each refusal
 * is exact and changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createHandlers } from '../../../lib/background/handlers';
import { registerHandlers } from '../../../lib/background/server';
import {
  BACKUP_FORMAT,
  BACKUP_MESSAGES,
  type BackupV1,
  exportBackup,
  importBackup,
  MAX_BACKUP_CHARS,
} from '../../../lib/db/backup';
import { observePapers, setTags } from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { sendMessage } from '../../../lib/messages/client';
import { idOf, makeRecord, makeStored } from '../../fixtures/db/records';

function backupOf(papers = [makeStored(1), makeStored(2), makeStored(3)]): BackupV1 {
  return {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: '2025-01-31T00:00:00.000Z',
    papers,
    pages: [{ key: 'date:latest', visitStartedAt: 1, lastVisitAt: 2 }],
  };
}

async function snapshot() {
  const db = getDb();
  return JSON.stringify([await db.papers.toArray(), await db.pages.toArray(), await db.enrichment.toArray()]);
}

/** Imports in both modes; expects the exact refusal and the store unchanged. */
async function expectRefused(input: unknown, message: string) {
  const before = await snapshot();
  for (const mode of ['merge', 'replace'] as const) {
    expect(await importBackup(input, mode)).toEqual({ ok: false, error: message });
    expect(await snapshot()).toBe(before);
  }
}

beforeEach(async () => {
  await deleteDb();
  await observePapers([makeRecord(900), makeRecord(901)], 'https://huggingface.co/papers', 1_000);
  await setTags(idOf(900), ['mine'], 2_000);
});

describe('a file too large to import', () => {
  it(`is refused before it is parsed: over ${MAX_BACKUP_CHARS.toLocaleString('en-US')} characters, e.g. 50 MB`, async () => {
    // A real backup padded to 50 MB: it would parse, but it is refused for its size alone, at once.
    const text = JSON.stringify(backupOf()) + ' '.repeat(50_000_000);
    const started = performance.now();
    await expectRefused(text, BACKUP_MESSAGES.tooLarge(text.length));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(BACKUP_MESSAGES.tooLarge(text.length)).toBe(
      'This backup file is too large to import (50 MB; at most 40 MB); nothing was imported.',
    );
  });

  it('the bound is exact: a backup of exactly the largest size is imported, one character more is not', async () => {
    const json = JSON.stringify(backupOf());
    const largest = json + ' '.repeat(MAX_BACKUP_CHARS - json.length);
    expect(largest).toHaveLength(MAX_BACKUP_CHARS);
    await expectRefused(`${largest} `, BACKUP_MESSAGES.tooLarge(MAX_BACKUP_CHARS + 1));
    expect(await importBackup(largest, 'merge')).toEqual({ ok: true, papers: 3, pages: 1 });
  });

  it('the refusal reaches the options page through the message, word for word', async () => {
    registerHandlers(createHandlers());
    const text = JSON.stringify(backupOf()) + ' '.repeat(50_000_000);
    await expect(sendMessage('importBackup', { backup: text, mode: 'replace' })).rejects.toThrow(
      new Error(BACKUP_MESSAGES.tooLarge(text.length)),
    );
    expect(await sendMessage('getStats', {})).toMatchObject({ papers: 2, tags: 1 });
    fakeBrowser.reset();
  });
});

describe('a file cut off', () => {
  it('at any point: "incomplete" once the format is named, "not a backup" before; never imported', async () => {
    await importBackup(backupOf([makeStored(7)]), 'merge');
    const text = JSON.stringify(await exportBackup(5_000), null, 2);
    const named = text.indexOf(BACKUP_FORMAT) + BACKUP_FORMAT.length;
    const cuts = new Set<number>([0, 1, named - 1, named, named + 1, text.length - 2, text.length - 1]);
    for (let at = 0; at < text.length; at += Math.ceil(text.length / 150)) cuts.add(at);
    const before = await snapshot();
    for (const at of [...cuts].sort((a, b) => a - b)) {
      const expected = at >= named ? BACKUP_MESSAGES.incomplete : BACKUP_MESSAGES.notABackup;
      expect(await importBackup(text.slice(0, at), 'replace'), `cut at ${at}`).toEqual({
        ok: false,
        error: expected,
      });
    }
    expect(await snapshot()).toBe(before);
    expect(cuts.size).toBeGreaterThan(100);
  });
});

describe('a file from a future version', () => {
  it.each([
    [
      'a new shape (no papers, other lists)',
      { format: BACKUP_FORMAT, version: 2, items: [], collections: {} },
    ],
    ['papers of another shape', { ...backupOf(), version: 3, papers: { byId: {} } }],
    [
      'keys this version forbids',
      { ...backupOf(), version: 2, extra: JSON.parse('{"__proto__": {"x": 1}}') },
    ],
    [
      'more papers than this version takes',
      { ...backupOf(), version: 2, papers: new Array(300_000).fill(0) },
    ],
  ])('%s: asks to update, whatever else is in it', async (_what, backup) => {
    const version = (backup as { version: number }).version;
    await expectRefused(backup, BACKUP_MESSAGES.newer(version));
    await expectRefused(JSON.stringify(backup), BACKUP_MESSAGES.newer(version));
  });

  it('a version that is not a whole number within range is damaged, not newer', async () => {
    for (const version of [1.5, 1e21, -2]) {
      await expectRefused(
        { ...backupOf(), version },
        BACKUP_MESSAGES.damaged('version: must be a format number'),
      );
    }
  });
});

describe('hostile content', () => {
  it('data nested 100,000 levels deep in an unknown field: imported without it, no stack overflow', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const text = JSON.stringify(backupOf()).replace(/}$/, `,"future":${deep}}`);
    expect(await importBackup(text, 'merge')).toEqual({ ok: true, papers: 3, pages: 1 });
    expect(JSON.stringify(await exportBackup())).not.toContain('"future"');
  });

  it('forbidden keys written inside text (a note, a tag) are text, not keys: the backup is imported as is', async () => {
    const note = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}';
    const backup = backupOf([makeStored(1, { note, tags: ['__proto__', 'constructor', 'prototype'] })]);
    expect(await importBackup(JSON.stringify(backup), 'replace')).toMatchObject({
      ok: true,
      papers: 1,
      pages: 1,
    });
    expect(await getDb().papers.get(idOf(1))).toMatchObject({
      note,
      tags: ['__proto__', 'constructor', 'prototype'],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a forbidden key hidden by a JSON escape ("\\u005f_proto__") is found all the same', async () => {
    const text = JSON.stringify(backupOf()).replace(
      '"tags":[',
      '"x":{"\\u005f_proto__":{"polluted":true}},"tags":[',
    );
    await expectRefused(text, BACKUP_MESSAGES.forbiddenKey('__proto__'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
